// The desktop behaviour of the real app: one instance, notification clicks, the tray on close,
// the watchlist saved on quit, and the key kept in the OS keychain through a restart.
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as KeytarModule from 'keytar';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import {
  addPhotos,
  appEnv,
  closeBehaviour,
  closeWindow,
  electronBinary,
  isPutAway,
  isShown,
  launchApp,
  MAIN,
  saveKey,
  shownNotifications,
  stopApp,
  waitForExit,
  windowState,
  type LaunchOptions,
} from './harness';

/** What main exposes with AVATAR_WATCH_TEST_HOOKS=1 in an unpackaged build (main/shell). */
interface AvatarWatchTestHooks {
  notifications: Array<{ photoId: string; title: string; body: string }>;
  clickNotification(photoId: string): boolean;
}

let fake: FakeJogg;
let dataDir: string;
let app: ElectronApplication | undefined;
let page: Page;

test.beforeEach(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key'] });
  dataDir = mkdtempSync(join(tmpdir(), 'avatar-watch-electron-'));
});

test.afterEach(async () => {
  await stopApp(app);
  app = undefined;
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
});

function options(extra: Partial<LaunchOptions> = {}): LaunchOptions {
  return { apiBaseUrl: fake.url, dataDir, ...extra };
}

async function start(extra: Partial<LaunchOptions> = {}): Promise<void> {
  ({ app, page } = await launchApp(options(extra)));
}

function running(): ElectronApplication {
  if (app === undefined) throw new Error('the app is not running');
  return app;
}

/** The virtualized list's slot of one photo: the element that takes keyboard focus. */
function slotOf(photoId: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('article', { name: photoId, exact: true }) });
}

test('a second instance shows the running one and exits', async () => {
  await start();
  await closeWindow(running());

  // Count focus requests in the first app: the proof it reacted, on desktops (a virtual display
  // without a window manager) where the OS does not report the focus itself.
  await running().evaluate(({ BrowserWindow }) => {
    const [window] = BrowserWindow.getAllWindows();
    if (window === undefined) return;
    const counter = globalThis as { focusRequests?: number };
    counter.focusRequests = 0;
    const focus = window.focus.bind(window);
    window.focus = () => {
      counter.focusRequests = (counter.focusRequests ?? 0) + 1;
      focus();
    };
  });

  // Started as a user would start it again: the same program, app and data folder.
  const second = spawn(electronBinary(), [MAIN], { env: appEnv(options()), stdio: 'ignore' });
  const exit = await new Promise<{ code: number | null } | 'timeout'>((done) => {
    const timer = setTimeout(() => done('timeout'), 30_000);
    second.once('exit', (code) => {
      clearTimeout(timer);
      done({ code });
    });
  });
  if (exit === 'timeout') second.kill('SIGKILL');
  expect(exit, 'the second instance exits on its own').toEqual({ code: 0 });

  await expect.poll(async () => isShown(await windowState(running()))).toBe(true);
  const focusRequests = await running().evaluate(() => (globalThis as { focusRequests?: number }).focusRequests ?? 0);
  expect(focusRequests).toBeGreaterThan(0);
  // Only the running app's one window: the second instance opened nothing.
  expect((await windowState(running())).windows).toBe(1);
  if (process.platform !== 'linux') {
    // macOS and Windows report focus; Linux under xvfb has no window manager to give it.
    await expect.poll(async () => (await windowState(running())).focused).toBe(true);
  }
});

test('clicking a notification shows the window with that photo focused', async () => {
  await start({ testHooks: true });
  const hooksPresent = await running().evaluate(() => typeof (globalThis as { __avatarWatchTest?: unknown }).__avatarWatchTest === 'object');
  expect(hooksPresent, 'main exposes globalThis.__avatarWatchTest with AVATAR_WATCH_TEST_HOOKS=1').toBe(true);

  fake.setPhoto('ready-1', { kind: 'ready', afterChecks: 0 });
  await saveKey(page, 'good-key');
  // ready-1 first, then enough others (which stay in progress for minutes) that it is out of
  // view in the virtualized list: the click must bring it into view, not just find it there.
  await addPhotos(page, ['ready-1']);
  const others = Array.from({ length: 60 }, (_, index) => `slow-${String(index + 1).padStart(3, '0')}`);
  await addPhotos(page, others);

  const notified = async () =>
    running().evaluate(() =>
      ((globalThis as { __avatarWatchTest?: AvatarWatchTestHooks }).__avatarWatchTest?.notifications ?? []).map((n) => n.photoId),
    );
  await expect.poll(notified, { timeout: 60_000 }).toContain('ready-1');

  // Scroll ready-1 out of view (whichever end the list keeps it at), while the window can still
  // render, so the click has to bring it back.
  await page.evaluate(() => {
    const slot = document.querySelector('[data-photo-id="ready-1"]');
    const scroller = document.querySelector('[role="list"]')?.parentElement;
    if (slot === null || !scroller) return;
    const index = Number(slot.getAttribute('data-index'));
    scroller.scrollTop = index < 30 ? scroller.scrollHeight : 0;
  });
  await expect(page.getByRole('article', { name: 'ready-1', exact: true })).not.toBeInViewport();
  await closeWindow(running());

  const clicked = await running().evaluate(
    (_electron, photoId) => (globalThis as { __avatarWatchTest?: AvatarWatchTestHooks }).__avatarWatchTest?.clickNotification(photoId) ?? false,
    'ready-1',
  );
  expect(clicked, 'the hook found the notification for ready-1').toBe(true);

  await expect.poll(async () => isShown(await windowState(running()))).toBe(true);
  await expect(page.getByRole('article', { name: 'ready-1', exact: true })).toBeInViewport();
  // WatchList.focusItem moves keyboard focus to the photo's list slot (and flashes the row).
  await expect(slotOf('ready-1')).toBeFocused();
  await expect(page.getByRole('article', { name: 'ready-1', exact: true })).toContainText('Ready');
});

test('closing the window puts it away (to the tray, or minimized where no tray shows) and the app keeps watching', async () => {
  // The first check starts the moment the photo is added and its answer takes 5 s: it arrives
  // while the window is hidden, and must still end in a notification.
  fake.setPhoto('tray-1', { kind: 'slow', delayMs: 5_000, then: { kind: 'ready', afterChecks: 0 } });
  await start();
  await saveKey(page, 'good-key');
  await addPhotos(page, ['tray-1']);

  const behaviour = closeBehaviour();
  await closeWindow(running());
  const closed = await windowState(running());
  expect(closed.focused).toBe(false);
  // Where a tray shows, the window is hidden and not merely minimized (and the other way round).
  if (behaviour === 'hide') expect(closed).toMatchObject({ windows: 1, visible: false, minimized: false });
  else {
    expect(closed).toMatchObject({ windows: 1, minimized: true });
    // And the window says why it went to the taskbar (the catalogue's notices.noTray).
    await expect(page.getByText('Your desktop shows no tray icons')).toBeVisible();
  }
  await expect.poll(() => shownNotifications(running()), { timeout: 30_000 }).toEqual([expect.stringMatching(/tray-1/)]);
  // Still put away, still running: the tray (or the taskbar) is the app's only presence now.
  expect(isPutAway(await windowState(running()), behaviour)).toBe(true);
  expect(running().process().exitCode).toBeNull();
});

test('quitting saves the watchlist', async () => {
  await start();
  await saveKey(page, 'good-key');
  const photoIds = ['slow-quit-1', 'slow-quit-2', 'slow-quit-3'];
  await addPhotos(page, photoIds);

  // Quit as the tray's Quit does; deferred so the evaluate call can answer before main goes.
  const quitting = running();
  await quitting.evaluate(({ app: electronApp }) => {
    setTimeout(() => electronApp.quit(), 0);
  });
  const exit = await waitForExit(quitting, 30_000);
  expect(exit, 'the app exits within 30 s of Quit').toEqual({ code: 0 });

  const saved = readFileSync(join(dataDir, 'watchlist.json'), 'utf8');
  for (const photoId of photoIds) expect(saved).toContain(`"${photoId}"`);
});

test.describe('with the OS keychain', () => {
  // Writes the app's real keychain entry (service avatar-watch, account jogg-api-key): only on
  // throwaway machines such as CI runners (AVATAR_WATCH_E2E_REAL_KEYCHAIN=1), never on a laptop
  // whose Avatar Watch key would be overwritten. On Linux it needs an unlocked Secret Service:
  // .github/scripts/with-keyring.sh provides one.
  test.skip(process.env.AVATAR_WATCH_E2E_REAL_KEYCHAIN !== '1', 'set AVATAR_WATCH_E2E_REAL_KEYCHAIN=1 on a throwaway machine');

  // This test process's own keytar (npm ci built it for Node) clears what an earlier failed run
  // left. Not on macOS: an item belongs to the app that wrote it, and another program reading or
  // deleting it makes macOS ask for the keychain password in a dialog nobody answers on a
  // runner. There the app removes its own key at the end of the test.
  const keytar = createRequire(__filename)('keytar') as typeof KeytarModule;
  const viaNode = process.platform !== 'darwin';
  const forgetKey = async () => {
    if (!viaNode) return;
    await Promise.race([keytar.deletePassword('avatar-watch', 'jogg-api-key'), new Promise((done) => setTimeout(done, 15_000))]);
  };
  test.beforeEach(async () => {
    await forgetKey();
  });
  test.afterEach(async () => {
    await forgetKey();
  });

  // The release build's restart is checked by scripts/smoke-release.mjs --keychain; this is the
  // same promise from source, where a failure is easier to debug.
  test('the key is kept through a restart', async () => {
    await start({ keyStore: 'keychain' });
    await expect(page.getByRole('heading', { name: 'Connect your JoggAI account' })).toBeVisible();
    await saveKey(page, 'good-key');
    if (viaNode) expect(await keytar.getPassword('avatar-watch', 'jogg-api-key')).toBe('good-key');

    const first = running();
    await first.evaluate(({ app: electronApp }) => {
      setTimeout(() => electronApp.quit(), 0);
    });
    expect(await waitForExit(first, 30_000)).toEqual({ code: 0 });

    await start({ keyStore: 'keychain' });
    await expect(page.getByLabel('Photo IDs')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Connect your JoggAI account' })).toBeHidden();

    // Remove it as a user does, which also leaves the keychain as it was.
    await page.getByRole('button', { name: 'Remove key' }).click();
    await page.getByRole('button', { name: 'Yes, remove key' }).click();
    await expect(page.getByRole('heading', { name: 'Connect your JoggAI account' })).toBeVisible();
    if (viaNode) expect(await keytar.getPassword('avatar-watch', 'jogg-api-key')).toBeNull();
  });
});
