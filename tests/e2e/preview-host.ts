// Starts the real web preview host (`main/web-host/cli.ts`) as its own process, the way
// `npm run preview:web` does, and stops it with SIGTERM like a person pressing Ctrl+C.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface PreviewHost {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or a power cut ends it: nothing of the process runs after this. */
  kill(): Promise<void>;
}

/** `env`: extra variables for the host (e.g. a D-Bus address that leads nowhere). */
export async function startPreviewHost(args: string[], startTimeoutMs = 30_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<PreviewHost> {
  const env = { ...process.env, ...extraEnv };
  delete env.AVATAR_WATCH_API_BASE_URL; // only the arguments decide where the API is
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/web-host/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The preview host did not print its URL in time:\n${output}`)), startTimeoutMs);
    const onData = () => {
      const match = /^Preview URL: (\S+)$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolveUrl(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The preview host exited (${code}) before it was ready:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop(child.exitCode);
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(killer);
          resolveStop(code);
        });
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise((resolveKill) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveKill();
        child.once('exit', () => resolveKill());
        child.kill('SIGKILL');
      }),
  };
}
