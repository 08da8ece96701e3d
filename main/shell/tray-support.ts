// Whether this desktop shows tray icons at all. Electron's tray on Linux is a StatusNotifierItem
// over D-Bus, and it is only drawn when some program owns org.kde.StatusNotifierWatcher on the
// session bus (KDE, most others; GNOME only with the AppIndicator extension). Without one, a
// window hidden to the tray would leave the app running with no way back to it, so the caller
// minimizes instead. The question is asked with the standard D-Bus tools, bounded in time; any
// answer other than a clear "yes" counts as "no tray" (a visible window beats a lost app).
import { spawn as nodeSpawn } from 'node:child_process';

/** The part of child_process.spawn used here, so tests can play any answer. */
export type SpawnLike = (
  command: string,
  args: readonly string[],
  options: { stdio: ['ignore', 'pipe', 'ignore'] },
) => {
  stdout: { on(event: 'data', listener: (chunk: Buffer | string) => void): unknown } | null;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  on(event: 'close', listener: (code: number | null) => void): unknown;
  kill(): unknown;
};

export interface TraySupportOptions {
  platform: NodeJS.Platform;
  spawn?: SpawnLike;
  /** Per tool tried; a session bus answers in milliseconds, so this only guards a hung one. */
  timeoutMs?: number;
}

const WATCHER = 'org.kde.StatusNotifierWatcher';
const DEFAULT_TIMEOUT_MS = 2_000;

type RunResult = { kind: 'exited'; code: number | null; stdout: string } | { kind: 'missing' } | { kind: 'failed' };

/** Runs one command with a deadline; never rejects. */
function run(spawn: SpawnLike, command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let child: ReturnType<SpawnLike>;
    try {
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve({ kind: 'failed' });
      return;
    }
    const timer = setTimeout(() => {
      child.kill();
      finish({ kind: 'failed' });
    }, timeoutMs);
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      // The answer is one line; a flood means something else is talking.
      if (stdout.length < 4_096) stdout += chunk.toString();
    });
    child.on('error', (error) => finish(error.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed' }));
    child.on('close', (code) => finish({ kind: 'exited', code, stdout }));
  });
}

/** True when tray icons will be seen: always off Linux, on Linux only when a watcher is on the bus. */
export async function detectTraySupport(options: TraySupportOptions): Promise<boolean> {
  if (options.platform !== 'linux') return true;
  const spawn = options.spawn ?? (nodeSpawn as unknown as SpawnLike);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const dbusSend = await run(
    spawn,
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${WATCHER}`],
    timeoutMs,
  );
  // Prints "   boolean true" after the method-return header.
  if (dbusSend.kind === 'exited') return dbusSend.code === 0 && /\bboolean\s+true\b/.test(dbusSend.stdout);
  if (dbusSend.kind !== 'missing') return false;

  // No dbus-send (some minimal installs): GLib's gdbus says "(true,)".
  const gdbus = await run(
    spawn,
    'gdbus',
    ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', WATCHER],
    timeoutMs,
  );
  return gdbus.kind === 'exited' && gdbus.code === 0 && /\(\s*true\s*,?\s*\)/.test(gdbus.stdout);
}
