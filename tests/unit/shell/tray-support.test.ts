import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { detectTraySupport, type SpawnLike } from '../../../main/shell/tray-support';

type Reply = { stdout?: string; code?: number; error?: string; hang?: boolean };

/** A spawn that answers per command, as the D-Bus tools would. */
function fakeSpawn(replies: Record<string, Reply>) {
  const calls: { command: string; args: readonly string[] }[] = [];
  const killed: string[] = [];
  const spawn: SpawnLike = (command, args) => {
    calls.push({ command, args });
    const reply = replies[command] ?? { error: 'ENOENT' };
    const child = new EventEmitter() as EventEmitter & { stdout: EventEmitter; kill(): void };
    child.stdout = new EventEmitter();
    child.kill = () => {
      killed.push(command);
      child.emit('close', null);
    };
    setTimeout(() => {
      if (reply.hang) return;
      if (reply.error) {
        child.emit('error', Object.assign(new Error(reply.error), { code: reply.error }));
        return;
      }
      if (reply.stdout) child.stdout.emit('data', Buffer.from(reply.stdout));
      child.emit('close', reply.code ?? 0);
    }, 1);
    return child as unknown as ReturnType<SpawnLike>;
  };
  return { spawn, calls, killed };
}

const OWNED = 'method return time=1 sender=org.freedesktop.DBus -> destination=:1.9 serial=3 reply_serial=2\n   boolean true\n';
const NOT_OWNED = 'method return time=1 sender=org.freedesktop.DBus -> destination=:1.9 serial=3 reply_serial=2\n   boolean false\n';

describe('whether this desktop shows tray icons', () => {
  it('is yes on macOS and Windows without asking anything', async () => {
    const { spawn, calls } = fakeSpawn({});
    expect(await detectTraySupport({ platform: 'darwin', spawn })).toBe(true);
    expect(await detectTraySupport({ platform: 'win32', spawn })).toBe(true);
    expect(calls).toEqual([]);
  });

  it('asks the session bus whether a StatusNotifierWatcher is there', async () => {
    const yes = fakeSpawn({ 'dbus-send': { stdout: OWNED } });
    expect(await detectTraySupport({ platform: 'linux', spawn: yes.spawn })).toBe(true);
    expect(yes.calls[0]).toEqual({
      command: 'dbus-send',
      args: ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.kde.StatusNotifierWatcher'],
    });
    const no = fakeSpawn({ 'dbus-send': { stdout: NOT_OWNED } });
    expect(await detectTraySupport({ platform: 'linux', spawn: no.spawn })).toBe(false);
  });

  it('falls back to gdbus where dbus-send is not installed', async () => {
    const yes = fakeSpawn({ gdbus: { stdout: '(true,)\n' } });
    expect(await detectTraySupport({ platform: 'linux', spawn: yes.spawn })).toBe(true);
    expect(yes.calls.map((c) => c.command)).toEqual(['dbus-send', 'gdbus']);
    const no = fakeSpawn({ gdbus: { stdout: '(false,)\n' } });
    expect(await detectTraySupport({ platform: 'linux', spawn: no.spawn })).toBe(false);
  });

  it('counts anything unclear as no tray: no session bus, no tools, a failing or hung call', async () => {
    expect(await detectTraySupport({ platform: 'linux', spawn: fakeSpawn({}).spawn })).toBe(false);
    expect(await detectTraySupport({ platform: 'linux', spawn: fakeSpawn({ 'dbus-send': { code: 1, stdout: 'Error org.freedesktop.DBus.Error.NoServer' } }).spawn })).toBe(false);
    expect(await detectTraySupport({ platform: 'linux', spawn: fakeSpawn({ 'dbus-send': { error: 'EACCES' } }).spawn })).toBe(false);
    const throwing: SpawnLike = () => {
      throw new Error('spawn failed');
    };
    expect(await detectTraySupport({ platform: 'linux', spawn: throwing })).toBe(false);

    const hung = fakeSpawn({ 'dbus-send': { hang: true } });
    const started = Date.now();
    expect(await detectTraySupport({ platform: 'linux', spawn: hung.spawn, timeoutMs: 50 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(hung.killed).toEqual(['dbus-send']);
  });
});

describe('the real tools on this machine', () => {
  it('answer within the time limit, whatever they say', async () => {
    const started = Date.now();
    const answer = await detectTraySupport({ platform: 'linux', timeoutMs: 2_000 });
    expect(typeof answer).toBe('boolean');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
