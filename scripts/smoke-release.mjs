// Smoke test of the release build, the app exactly as `npm run dist` packs it for users, on
// Linux, macOS or Windows. Its fuses are flipped (no --inspect, no ELECTRON_RUN_AS_NODE), so
// Playwright's _electron cannot drive it: the app is started with --remote-debugging-port and
// its window is attached over the Chrome DevTools Protocol instead.
//
//   node scripts/smoke-release.mjs [--release-dir release] [--keychain]
//
// Checks, each bounded in time:
//   - the release app is found in release/ (linux-unpacked, win-unpacked, mac*/Avatar Watch.app)
//     and keytar's native binary sits in app.asar.unpacked;
//   - the fuses read back from the binary with @electron/fuses: run-as-node, NODE_OPTIONS and
//     --inspect off, file: privileges off, only app.asar, asar integrity validation on;
//   - macOS: `codesign --verify --deep --strict` accepts the bundle (ad hoc or Developer ID);
//   - started with a throwaway --user-data-dir, the window opens on the onboarding ("Connect your
//     JoggAI account") with no error on it: keytar loaded from app.asar.unpacked and the keychain
//     answered (a keytar that fails to load shows up as a keychain error in the window);
//   - with --keychain (CI: a throwaway gnome-keyring on Linux, the runner's keychain on macOS and
//     Windows; it writes and then deletes the app's key in the OS keychain, so never on a
//     machine whose Avatar Watch key matters): the key `good-key` is saved against the fake
//     JoggAI (tests/fake-jogg), the app is stopped and started again, and it opens straight on
//     the watchlist: the packaged app keeps the key through a restart.
// On failure it leaves a screenshot and the app's output in test-results/smoke-release/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { values: options } = parseArgs({
  options: {
    'release-dir': { type: 'string', default: 'release' },
    keychain: { type: 'boolean', default: false },
  },
});
const releaseDir = resolve(root, options['release-dir']);
const reportDir = join(root, 'test-results', 'smoke-release');

const TIMEOUT = {
  /** The whole run; a hung step must not eat the job's hour. */
  overallMs: 8 * 60_000,
  /** From spawning the app to its DevTools endpoint answering. */
  startMs: 60_000,
  /** For one thing to appear in the window. */
  uiMs: 30_000,
  /** For the app to exit after being asked to quit (it saves the watchlist, at most 5 s). */
  exitMs: 15_000,
  /** For keychain calls made by this script, which can hang on an unlock prompt. */
  keychainMs: 15_000,
  commandMs: 120_000,
};

const ONBOARDING_HEADING = 'Connect your JoggAI account';
/** Words a keychain problem puts in the window; none may show on a healthy first start. */
const KEYCHAIN_TROUBLE = /keychain (did not|is not|isn.t|could not|is locked)|not available|no keychain|Cannot find module|keytar|session only/i;

// Keychain entry of main/core/secrets/keychain-secret-store.ts.
const KEYCHAIN_SERVICE = 'avatar-watch';
const KEYCHAIN_ACCOUNT = 'jogg-api-key';

/** Apps still running, killed on any exit path (including the watchdog). */
const running = new Set();

class SmokeFailure extends Error {}
function check(ok, message) {
  if (!ok) throw new SmokeFailure(message);
}
function log(message) {
  console.log(`smoke-release: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Finding the release app

/** @returns {{ executable: string; bundle: string; resources: string }} */
function findReleaseApp() {
  check(existsSync(releaseDir), `${releaseDir} does not exist: run \`npm run dist -- --publish never\` first.`);
  const folders = readdirSync(releaseDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  /** Folders of this platform, this machine's architecture first (electron-builder's naming). */
  const ordered = (prefix, suffix) => {
    const own = `${prefix}${process.arch === 'x64' ? '' : `-${process.arch}`}${suffix}`;
    const others = folders.filter((name) => name.startsWith(prefix) && name.endsWith(suffix) && name !== own);
    return [own, ...others.sort()].filter((name) => folders.includes(name));
  };

  if (process.platform === 'linux') {
    for (const folder of ordered('linux', '-unpacked')) {
      const executable = join(releaseDir, folder, 'avatar-watch');
      if (existsSync(executable)) return { executable, bundle: executable, resources: join(releaseDir, folder, 'resources') };
    }
  } else if (process.platform === 'win32') {
    for (const folder of ordered('win', '-unpacked')) {
      const executable = join(releaseDir, folder, 'Avatar Watch.exe');
      if (existsSync(executable)) return { executable, bundle: executable, resources: join(releaseDir, folder, 'resources') };
    }
  } else if (process.platform === 'darwin') {
    // mac (x64), mac-arm64, mac-universal: the one this machine runs natively first.
    const candidates = [...ordered('mac', ''), ...folders.filter((name) => name.startsWith('mac-') && name !== `mac-${process.arch}`)];
    for (const folder of [...new Set(candidates)]) {
      const bundle = join(releaseDir, folder, 'Avatar Watch.app');
      const executable = join(bundle, 'Contents', 'MacOS', 'Avatar Watch');
      if (existsSync(executable)) return { executable, bundle, resources: join(bundle, 'Contents', 'Resources') };
    }
  }
  throw new SmokeFailure(`no unpacked release app for ${process.platform} in ${releaseDir} (found: ${folders.join(', ') || 'nothing'}).`);
}

// ---------------------------------------------------------------------------------------------
// Static checks: the package, the fuses, the signature

function checkKeytarUnpacked(app) {
  const binary = join(app.resources, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
  check(existsSync(join(app.resources, 'app.asar')), `no app.asar in ${app.resources}`);
  check(existsSync(binary), `keytar's native binary is not unpacked from the asar: ${binary} is missing`);
  log(`keytar.node unpacked: ${binary}`);
}

/** The release fuses, as electron-builder.yml sets them (`electronFuses`). */
const EXPECTED_FUSES = [
  [FuseV1Options.RunAsNode, FuseState.DISABLE],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
  [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, FuseState.DISABLE],
  [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
];

async function checkFuses(app) {
  // On macOS the wire lives in the Electron Framework inside the bundle; the library finds it.
  const wire = await getCurrentFuseWire(app.bundle);
  const stateName = (state) => FuseState[state] ?? `unknown (${state})`;
  for (const [index, state] of Object.entries(wire)) {
    if (index === 'version') continue;
    log(`fuse ${FuseV1Options[Number(index)] ?? `#${index}`}: ${stateName(state)}`);
  }
  for (const [fuse, expected] of EXPECTED_FUSES) {
    check(wire[fuse] === expected, `fuse ${FuseV1Options[fuse]} is ${stateName(wire[fuse])}, expected ${stateName(expected)}`);
  }
}

function checkMacSignature(app) {
  const verify = run('codesign', ['--verify', '--deep', '--strict', '--verbose=2', app.bundle]);
  check(verify.status === 0, `codesign --verify --deep --strict failed:\n${verify.output}`);
  // Which signature it is (ad hoc or Developer ID), for the log; codesign prints it on stderr.
  const details = run('codesign', ['--display', '--verbose=2', app.bundle]);
  const summary = details.output.split('\n').filter((line) => /^(Authority|Signature|TeamIdentifier|Runtime)/.test(line));
  log(`codesign: valid. ${summary.join('; ')}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: TIMEOUT.commandMs });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

// ---------------------------------------------------------------------------------------------
// Running the app

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts the release app on its own DevTools port and attaches to its window.
 * @returns {Promise<{ page: import('@playwright/test').Page; stop: () => Promise<void>; output: () => string }>}
 */
async function launch(app, { userDataDir, env, label }) {
  const port = await freePort();
  const child = spawn(app.executable, [`--remote-debugging-port=${port}`, `--user-data-dir=${userDataDir}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group on Linux and macOS, so the whole app can be killed if it hangs.
    detached: process.platform !== 'win32',
  });
  running.add(child);
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exit = new Promise((done) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      done(exited);
    });
    child.once('error', (error) => {
      exited = { code: null, signal: String(error) };
      running.delete(child);
      done(exited);
    });
  });
  const saveOutput = () => {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, `${label}.log`), output);
  };

  let browser;
  const stop = async () => {
    await browser?.close().catch(() => {});
    if (exited === null) {
      // Linux/macOS: SIGTERM is the app's own "quit properly" (it saves, then exits).
      // Windows has no such signal for a GUI app; closing its window only hides it to the tray.
      if (process.platform !== 'win32') child.kill('SIGTERM');
      else killTree(child);
      const outcome = await Promise.race([exit, sleep(TIMEOUT.exitMs).then(() => 'timeout')]);
      if (outcome === 'timeout') {
        log(`${label}: the app did not exit ${TIMEOUT.exitMs} ms after being asked to; killing it.`);
        killTree(child);
        await Promise.race([exit, sleep(5_000)]);
      }
    }
    saveOutput();
  };

  try {
    const started = Date.now();
    let ready = false;
    while (!ready && Date.now() - started < TIMEOUT.startMs) {
      check(exited === null, `${label}: the app exited at start (${JSON.stringify(exited)}). Its output:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(2_000) });
        ready = response.ok;
      } catch {
        await sleep(250);
      }
    }
    check(ready, `${label}: no DevTools endpoint on port ${port} within ${TIMEOUT.startMs} ms. Output:\n${output}`);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: TIMEOUT.uiMs });
    const page = await appPage(browser, label);
    log(`${label}: attached to ${page.url()}`);
    return { page, stop, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The app's window: the first page that is not a blank or DevTools page. */
async function appPage(browser, label) {
  const started = Date.now();
  while (Date.now() - started < TIMEOUT.uiMs) {
    const pages = browser.contexts().flatMap((context) => context.pages());
    const page = pages.find((candidate) => !/^(about:blank|devtools:)/.test(candidate.url()));
    if (page) return page;
    await sleep(250);
  }
  throw new SmokeFailure(`${label}: the app opened no window within ${TIMEOUT.uiMs} ms.`);
}

function killTree(child) {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { timeout: 15_000 });
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function screenshot(page, label) {
  if (!page) return;
  mkdirSync(reportDir, { recursive: true });
  await page.screenshot({ path: join(reportDir, `${label}.png`), timeout: 5_000 }).catch(() => {});
}

/** The environment the app starts with: none of our test switches, so it behaves as installed. */
function appEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const name of ['AVATAR_WATCH_DATA_DIR', 'AVATAR_WATCH_SECRET_STORE', 'AVATAR_WATCH_TEST_HOOKS', 'ELECTRON_RUN_AS_NODE', 'NODE_OPTIONS', 'ELECTRON_RENDERER_URL']) {
    delete env[name];
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// The checks in the window

async function expectOnboarding(page, label) {
  await page.getByRole('heading', { name: ONBOARDING_HEADING }).waitFor({ state: 'visible', timeout: TIMEOUT.uiMs });
  // Let the first keychain read (up to 10 s in the app) report before judging the page.
  await page.getByLabel('API key', { exact: true }).waitFor({ state: 'visible', timeout: TIMEOUT.uiMs });
  const alerts = await page.getByRole('alert').allInnerTexts();
  const visibleAlerts = alerts.map((text) => text.trim()).filter(Boolean);
  check(visibleAlerts.length === 0, `${label}: the first start shows an error: ${visibleAlerts.join(' | ')}`);
  const text = await page.locator('body').innerText({ timeout: TIMEOUT.uiMs });
  const trouble = text.match(KEYCHAIN_TROUBLE);
  check(trouble === null, `${label}: the window reports a keychain problem ("${trouble?.[0]}"):\n${text}`);
  log(`${label}: the window shows "${ONBOARDING_HEADING}" and no keychain problem.`);
}

async function firstStart(app) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'avatar-watch-smoke-'));
  let session;
  try {
    session = await launch(app, { userDataDir, env: appEnv({}), label: 'first-start' });
    await expectOnboarding(session.page, 'first-start');
  } catch (error) {
    await screenshot(session?.page, 'first-start');
    throw error;
  } finally {
    await session?.stop();
    // For the log: the app's own files (logs/, settings) here mean it took --user-data-dir as
    // its data folder, so this run left the machine's real Avatar Watch data alone.
    const written = existsSync(userDataDir) ? readdirSync(userDataDir) : [];
    log(`first-start: the throwaway data folder holds ${written.length > 0 ? written.sort().join(', ') : 'nothing'}.`);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  }
}

/**
 * This script's own keytar (built for Node by npm ci), to leave the OS keychain as it was. Not
 * on macOS: an item belongs to the app that wrote it, and another program touching it makes
 * macOS ask for the keychain password in a dialog nobody answers on a runner; there the app
 * removes its key itself (removeKeyInApp).
 */
async function deleteStoredKey() {
  if (process.platform === 'darwin') return;
  try {
    const keytar = require('keytar');
    await Promise.race([
      keytar.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT),
      sleep(TIMEOUT.keychainMs).then(() => {
        throw new Error(`no answer within ${TIMEOUT.keychainMs} ms`);
      }),
    ]);
  } catch (error) {
    log(`could not remove the test key from the keychain: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Account > Remove key, as a user does it: the app deletes its own keychain item. */
async function removeKeyInApp(page) {
  try {
    await page.getByRole('button', { name: 'Remove key' }).click({ timeout: TIMEOUT.uiMs });
    await page.getByRole('button', { name: 'Yes, remove key' }).click({ timeout: TIMEOUT.uiMs });
    await page.getByRole('heading', { name: ONBOARDING_HEADING }).waitFor({ state: 'visible', timeout: TIMEOUT.uiMs });
    log('the app removed its key from the keychain.');
  } catch (error) {
    log(`could not remove the key through the app: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

async function keyKeptThroughRestart(app) {
  const { tsImport } = await import('tsx/esm/api');
  /** @type {typeof import('../tests/fake-jogg/server')} */
  const { startFakeJogg } = await tsImport('../tests/fake-jogg/server.ts', import.meta.url);
  const fake = await startFakeJogg({ validKeys: ['good-key'] });
  const userDataDir = mkdtempSync(join(tmpdir(), 'avatar-watch-smoke-key-'));
  const env = appEnv({ AVATAR_WATCH_API_BASE_URL: fake.url });
  // A key left by an earlier run would skip the onboarding this check starts from.
  await deleteStoredKey();
  let session;
  let label = 'save-key';
  try {
    session = await launch(app, { userDataDir, env, label });
    await expectOnboarding(session.page, label);
    await session.page.getByLabel('API key', { exact: true }).fill('good-key');
    await session.page.getByRole('button', { name: 'Save key' }).click();
    try {
      await session.page.getByLabel('Photo IDs').waitFor({ state: 'visible', timeout: TIMEOUT.uiMs });
    } catch (error) {
      check(
        fake.requests.length > 0,
        'the release build never called the fake JoggAI: it ignores AVATAR_WATCH_API_BASE_URL, so this check ' +
          'cannot run against it (tests/electron covers the restart with the real keychain instead).',
      );
      throw error;
    }
    log(`${label}: the key was accepted (${fake.requests.length} request(s) to the fake JoggAI).`);
    await session.stop();
    session = undefined;

    label = 'restart';
    session = await launch(app, { userDataDir, env, label });
    await session.page.getByLabel('Photo IDs').waitFor({ state: 'visible', timeout: TIMEOUT.uiMs });
    check(
      !(await session.page.getByRole('heading', { name: ONBOARDING_HEADING }).isVisible()),
      'after a restart the app asks for the key again',
    );
    log('restart: the app opened on the watchlist with the key from the keychain.');
    await removeKeyInApp(session.page);
  } catch (error) {
    await screenshot(session?.page, label);
    throw error;
  } finally {
    await session?.stop();
    await deleteStoredKey();
    await fake.close();
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const app = findReleaseApp();
  log(`release app: ${app.executable}`);
  checkKeytarUnpacked(app);
  await checkFuses(app);
  if (process.platform === 'darwin') checkMacSignature(app);
  await firstStart(app);
  if (options.keychain) await keyKeptThroughRestart(app);
  else log('keychain restart check skipped (pass --keychain on a throwaway machine).');
  log('passed.');
}

const watchdog = setTimeout(() => {
  console.error(`smoke-release: gave up after ${TIMEOUT.overallMs} ms.`);
  for (const child of running) killTree(child);
  process.exit(1);
}, TIMEOUT.overallMs);

try {
  await main();
} catch (error) {
  console.error(`smoke-release: FAILED: ${error instanceof SmokeFailure ? error.message : (error?.stack ?? String(error))}`);
  process.exitCode = 1;
} finally {
  for (const child of running) killTree(child);
  clearTimeout(watchdog);
}
// Nothing of ours is left to wait for; a lingering DevTools socket must not keep CI waiting.
process.exit(process.exitCode ?? 0);
