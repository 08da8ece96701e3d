// Shared by the real-Electron specs: start the app from source (out/main/index.js under the
// Electron binary in node_modules, whose fuses are untouched, so Playwright's _electron can
// attach), against the fake JoggAI, in a throwaway data folder; stop it whatever state it is in.
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const MAIN = resolve(__dirname, '../../out/main/index.js');

/**
 * The Electron program itself, as `require('electron')` gives it to Node (a path). Asked for
 * lazily: the package throws when its binary was never downloaded, which must not stop the
 * specs from being listed or type-checked on such machines.
 */
export function electronBinary(): string {
  return createRequire(__filename)('electron') as string;
}

export interface LaunchOptions {
  apiBaseUrl: string;
  dataDir: string;
  /** 'memory' (default): CI machines rarely have an unlocked keychain. 'keychain': the OS one. */
  keyStore?: 'memory' | 'keychain';
  /** AVATAR_WATCH_TEST_HOOKS=1: main exposes globalThis.__avatarWatchTest (unpackaged only). */
  testHooks?: boolean;
}

/** The environment the app starts with; a second instance must get the very same one. */
export function appEnv(options: LaunchOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  env.AVATAR_WATCH_API_BASE_URL = options.apiBaseUrl;
  env.AVATAR_WATCH_DATA_DIR = options.dataDir;
  if ((options.keyStore ?? 'memory') === 'memory') env.AVATAR_WATCH_SECRET_STORE = 'memory';
  else delete env.AVATAR_WATCH_SECRET_STORE;
  if (options.testHooks) env.AVATAR_WATCH_TEST_HOOKS = '1';
  else delete env.AVATAR_WATCH_TEST_HOOKS;
  return env;
}

export async function launchApp(options: LaunchOptions): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({ args: [MAIN], env: appEnv(options), timeout: 60_000 });
  // Notifications are recorded by the test hook (or not at all) instead of reaching the desktop:
  // a runner has no one to see them, and on Linux without a notification daemon a real one
  // fails, which drops it before it could be clicked. isSupported: claim support everywhere.
  await app.evaluate(({ Notification }) => {
    const shown: { title: string; body: string }[] = [];
    (globalThis as { shownNotifications?: typeof shown }).shownNotifications = shown;
    Notification.isSupported = () => true;
    Notification.prototype.show = function show(this: Electron.Notification) {
      shown.push({ title: this.title, body: this.body });
    };
  });
  const page = await app.firstWindow();
  return { app, page };
}

/** Title and body of every notification the app has shown, one string each. */
export async function shownNotifications(app: ElectronApplication): Promise<string[]> {
  const shown = await app.evaluate(
    () => (globalThis as { shownNotifications?: { title: string; body: string }[] }).shownNotifications ?? [],
  );
  return shown.map((n) => `${n.title} ${n.body}`);
}

/** Resolves with the exit code once the app's process has ended, or null after `timeoutMs`. */
export async function waitForExit(app: ElectronApplication, timeoutMs: number): Promise<{ code: number | null } | null> {
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode };
  return new Promise((done) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code });
    });
  });
}

/** Closes the app if it still runs; kills it if it does not close in time. */
export async function stopApp(app: ElectronApplication | undefined): Promise<void> {
  if (app === undefined) return;
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = await Promise.race([
    app.close().then(() => true, () => false),
    new Promise<false>((done) => setTimeout(() => done(false), 15_000)),
  ]);
  if (!closed && child.exitCode === null) child.kill('SIGKILL');
}

/** Onboarding: save `key` and wait for the photo ID box that follows a saved key. */
export async function saveKey(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByLabel('Photo IDs')).toBeVisible({ timeout: 30_000 });
}

/** Adds photo IDs through the window, as a user pastes them. */
export async function addPhotos(page: Page, photoIds: string[]): Promise<void> {
  await page.getByLabel('Photo IDs').fill(photoIds.join('\n'));
  await page.getByRole('button', { name: 'Start watching' }).click();
  // Rows are virtualized (only those in view exist), so the add result is what confirms them all.
  await expect(page.getByRole('status').filter({ hasText: `Added ${photoIds.length} photo` })).toBeVisible();
}

export interface WindowState {
  windows: number;
  visible: boolean;
  minimized: boolean;
  focused: boolean;
}

/** The main window's state as main sees it. */
export async function windowState(app: ElectronApplication): Promise<WindowState> {
  return app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    const [window] = windows;
    return {
      windows: windows.length,
      visible: window?.isVisible() ?? false,
      minimized: window?.isMinimized() ?? false,
      focused: window?.isFocused() ?? false,
    };
  });
}

/**
 * What closing the window does on this desktop. It hides to the tray, except on Linux when no
 * program owns org.kde.StatusNotifierWatcher on the session bus (GNOME without the AppIndicator
 * extension): no tray icon would be drawn, so the app minimizes instead (main/shell/presence.ts).
 * Asked the same way the app asks, on the bus this test and the app share.
 */
export function closeBehaviour(): 'hide' | 'minimize' {
  if (process.platform !== 'linux') return 'hide';
  const answer = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.kde.StatusNotifierWatcher'],
    { encoding: 'utf8', timeout: 5_000 },
  );
  return answer.status === 0 && /\bboolean\s+true\b/.test(answer.stdout) ? 'hide' : 'minimize';
}

/** Out of the way after a close: hidden (tray) or minimized (no tray), as closeBehaviour says. */
export function isPutAway(state: WindowState, behaviour = closeBehaviour()): boolean {
  return state.windows === 1 && (behaviour === 'hide' ? !state.visible : state.minimized);
}

/** In front of the user again: shown and not minimized. */
export function isShown(state: WindowState): boolean {
  return state.windows === 1 && state.visible && !state.minimized;
}

/** Closes the main window the way the title bar's close button does. */
export async function closeWindow(app: ElectronApplication): Promise<void> {
  const behaviour = closeBehaviour();
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expect.poll(async () => isPutAway(await windowState(app), behaviour), { message: `the window is put away (${behaviour})` }).toBe(true);
}
