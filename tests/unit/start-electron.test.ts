// `npm start`'s launcher, run for real as a child process against a fake `electron` package.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(__dirname, '../../scripts/start-electron.mjs');
const APP_DIR = resolve(__dirname, '../..');
let root: string;

function fakeElectronPackage(options: { installExitCode: number; withBinary?: string }): string {
  const dir = join(root, 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.3.4' }));
  // Fails the way electron/install.js does offline: a stack trace on stderr.
  writeFileSync(
    join(dir, 'install.js'),
    `console.error(new Error('getaddrinfo ENOTFOUND github.com').stack); process.exit(${options.installExitCode});\n`,
  );
  if (options.withBinary !== undefined) {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const binary = join(dir, 'dist', 'electron');
    writeFileSync(binary, options.withBinary);
    chmodSync(binary, 0o755);
  }
  return dir;
}

function start(electronDir: string, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, AVATAR_WATCH_ELECTRON_DIR: electronDir, ...extraEnv };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  if (extraEnv.ELECTRON_OVERRIDE_DIST_PATH) env.ELECTRON_OVERRIDE_DIST_PATH = extraEnv.ELECTRON_OVERRIDE_DIST_PATH;
  const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'aw-start-electron-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm start without an Electron program', () => {
  it('explains in one paragraph what to do, without a stack trace, and exits 1', () => {
    const { code, output } = start(fakeElectronPackage({ installExitCode: 1 }));
    expect(code).toBe(1);
    expect(output).toContain('could not be downloaded');
    expect(output).toContain('ELECTRON_MIRROR');
    expect(output).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(output).toContain('npm run preview:web');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('ENOTFOUND');
  });

  it('points at ELECTRON_OVERRIDE_DIST_PATH when that folder holds no Electron', () => {
    const { code, output } = start(fakeElectronPackage({ installExitCode: 0 }), {
      ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere'),
    });
    expect(code).toBe(1);
    expect(output).toContain(join(root, 'nowhere'));
    expect(output).toContain('npm run preview:web');
  });
});

describe.skipIf(process.platform === 'win32')('npm start with an Electron program', () => {
  const echoArgs = '#!/bin/sh\necho "electron ran with: $*"\necho "in: $(pwd)"\nexit 7\n';

  it('runs it on the app folder and passes its exit code on', () => {
    const { code, output } = start(fakeElectronPackage({ installExitCode: 1, withBinary: echoArgs }));
    expect(output).toContain('electron ran with: .');
    expect(output).toContain(`in: ${APP_DIR}`);
    expect(code).toBe(7);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const override = join(root, 'my-electron');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), echoArgs);
    chmodSync(join(override, 'electron'), 0o755);
    const { code, output } = start(fakeElectronPackage({ installExitCode: 1 }), { ELECTRON_OVERRIDE_DIST_PATH: override });
    expect(output).toContain('electron ran with: .');
    expect(code).toBe(7);
  });

  it('forwards a stop signal to Electron', async () => {
    const { spawn } = await import('node:child_process');
    const trap = '#!/bin/sh\ntrap \'echo "electron got TERM"; exit 0\' TERM\necho ready\nwhile true; do sleep 0.05; done\n';
    const electronDir = fakeElectronPackage({ installExitCode: 1, withBinary: trap });
    const env: Record<string, string | undefined> = { ...process.env, AVATAR_WATCH_ELECTRON_DIR: electronDir };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const child = spawn(process.execPath, [SCRIPT], { env });
    let output = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Once: a second TERM arriving after the launcher stopped forwarding would kill it outright.
      if (!signalled && output.includes('ready')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
    expect(output).toContain('electron got TERM');
    expect(code).toBe(0);
  });
});
