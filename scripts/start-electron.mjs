// `npm start`, after the build: runs the app in Electron. Unlike `npx electron`, it never starts
// a surprise download; when Electron's program is missing it tries the normal install once, and
// if that fails it says in plain words what to do instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_TIMEOUT_MS = 60_000;

/** The `electron` package folder; tests point AVATAR_WATCH_ELECTRON_DIR at a fake one. */
function electronPackageDir() {
  if (process.env.AVATAR_WATCH_ELECTRON_DIR) return resolve(process.env.AVATAR_WATCH_ELECTRON_DIR);
  // Resolving package.json (not `electron` itself) loads nothing, so nothing gets downloaded.
  try {
    return dirname(createRequire(join(appDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    console.error('\nAvatar Watch cannot start: the electron package is not installed. Run `npm install` first.\n');
    process.exit(1);
  }
}

/** Where the executable sits inside Electron's dist folder, as electron/install.js names it. */
function executableInDist(packageDir) {
  const pathFile = join(packageDir, 'path.txt');
  if (existsSync(pathFile)) return readFileSync(pathFile, 'utf8').trim();
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The Electron executable if it is on disk, else null. */
function findElectron(packageDir) {
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, executableInDist(packageDir));
  return existsSync(binary) ? binary : null;
}

/** Electron's own installer, bounded in time, its output kept out of the user's way. */
function tryInstall(packageDir) {
  console.log('Electron is not downloaded yet; fetching it now (this can take a minute)…');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return result.status === 0;
}

function explainAndExit() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const where = override
    ? `no Electron program was found in ELECTRON_OVERRIDE_DIST_PATH (${override}).`
    : "Electron's program could not be downloaded: this machine cannot reach GitHub, where Electron is published.";
  console.error(
    `\nAvatar Watch cannot start: ${where} To fix it, set ELECTRON_MIRROR to a mirror of Electron's releases ` +
      'that this machine can reach and run `npm start` again (the download is still checked against the checksums ' +
      'npm installed), or copy an Electron 45 build onto this machine and set ELECTRON_OVERRIDE_DIST_PATH to its ' +
      'folder. To try the app without Electron, run `npm run preview:web` and open the address it prints in your ' +
      'browser.\n',
  );
  process.exit(1);
}

function run(binary) {
  const env = { ...process.env };
  // Set by some editors' terminals; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  // Listen before spawning: a Ctrl+C that lands between the two would otherwise kill this
  // process by default and leave Electron running on its own.
  const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let child;
  const forward = (signal) => child?.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child = spawn(binary, ['.'], { cwd: appDir, env, stdio: 'inherit' });

  child.on('error', (error) => {
    console.error(`\nAvatar Watch cannot start: Electron (${binary}) could not be run (${error.code ?? error.message}).\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    // Die of the same signal, so whoever started `npm start` sees what happened.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 0);
  });
}

const packageDir = electronPackageDir();
let binary = findElectron(packageDir);
if (!binary && !process.env.ELECTRON_OVERRIDE_DIST_PATH && tryInstall(packageDir)) {
  binary = findElectron(packageDir);
}
if (!binary) explainAndExit();
else run(binary);
