import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../../main/shell/text';
import { Notification, Tray, resetElectronFakes, type BrowserWindow } from './fake-electron';
import { createFakeService, emptySnapshot, type FakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const { createPresence } = await import('../../../main/shell/presence');
const { createMainWindow } = await import('../../../main/shell/window');

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let dir: string;
let service: FakeService;

beforeEach(async () => {
  resetElectronFakes();
  dir = await mkdtemp(join(tmpdir(), 'aw-presence-'));
  service = createFakeService(dir);
  await service.settingsLoaded;
  delete globalThis.__avatarWatchTest;
});
afterEach(async () => {
  delete globalThis.__avatarWatchTest;
  await rm(dir, { recursive: true, force: true });
});

function setUp(options: { tray: boolean; env?: NodeJS.ProcessEnv; now?: () => number; detectTray?: () => Promise<boolean> }) {
  let quitting = false;
  let window: BrowserWindow | null = null;
  const presence = createPresence({
    translate: createTranslator('en'),
    logger,
    platform: 'linux',
    env: options.env ?? {},
    isPackaged: false,
    ensureWindow: () => window as never,
    isQuitting: () => quitting,
    quit: vi.fn(),
    detectTray: options.detectTray ?? (async () => options.tray),
    ...(options.now ? { now: options.now } : {}),
  });
  window = createMainWindow({
    renderer: { kind: 'dev', url: 'http://localhost:5173' },
    preloadPath: '/p.js',
    isQuitting: () => quitting,
    closeBehaviour: () => presence.closeBehaviour(),
    devTools: false,
    logger,
  }) as unknown as BrowserWindow;
  presence.watchWindow(window as never);
  presence.attach(service);
  return { presence, window: window!, quit: () => (quitting = true) };
}

describe('closing the window', () => {
  it('hides it to the tray where tray icons are seen', async () => {
    const { window } = setUp({ tray: true });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the D-Bus answer arrives
    window.show();
    window.close();
    expect(window.isVisible()).toBe(false);
    expect(window.isMinimized()).toBe(false);
    expect(service.addHostNotice).not.toHaveBeenCalled();
  });

  it('minimizes it where no tray icon would be seen, and says why once', async () => {
    const { window } = setUp({ tray: false });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the D-Bus answer arrives
    window.show();
    window.close();
    expect(window.isMinimized()).toBe(true);
    expect(window.isVisible()).toBe(true);
    window.close();
    expect(service.addHostNotice).toHaveBeenCalledTimes(1);
    expect(service.addHostNotice).toHaveBeenCalledWith(expect.objectContaining({ code: 'no-tray', level: 'info' }));
  });

  it('minimizes while the D-Bus answer is not in yet on Linux (never a lost window)', () => {
    const { presence } = setUp({ tray: true });
    expect(presence.closeBehaviour()).toBe('minimize');
  });

  it('asks again when the window is shown, at most once a minute (the GNOME extension may be installed meanwhile)', async () => {
    let now = 0;
    const answers = [false, true];
    const detectTray = vi.fn(async () => answers.shift() ?? true);
    const { presence, window } = setUp({ tray: false, now: () => now, detectTray });
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
    expect(presence.closeBehaviour()).toBe('minimize');
    now = 30_000;
    window.show();
    window.hide();
    expect(detectTray).toHaveBeenCalledTimes(1);
    now = 61_000;
    window.show();
    await tick();
    expect(detectTray).toHaveBeenCalledTimes(2);
    expect(presence.closeBehaviour()).toBe('hide');
  });

  it('says nothing when the user quits', async () => {
    const { window, quit } = setUp({ tray: false });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the D-Bus answer arrives
    quit();
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(service.addHostNotice).not.toHaveBeenCalled();
  });
});

describe('what the tray counts as seen', () => {
  it('is what finished before the window was last shown, kept in settings once they are loaded', async () => {
    let now = 1_000;
    const { presence, window } = setUp({ tray: true, now: () => now });
    window.show(); // before the settings are loaded: remembered, not written
    vi.mocked(service.getSnapshot).mockResolvedValue({
      ...emptySnapshot,
      items: [{ photoId: 'p', status: 'ready', addedAt: 0, lastCheckedAt: 2_000, nextCheckAt: null, finishedAt: 2_000, checks: 2, imageUrls: [], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual' }],
    });
    window.hide();
    await presence.started();
    const tray = Tray.instances.at(-1)!;
    expect(tray.menu!.template[1]?.label).toBe('1 finished since you last looked');

    now = 3_000;
    window.emit('focus');
    expect(tray.menu!.template[1]?.label).toBe('Nothing new since you last looked');
    await vi.waitFor(async () => expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ lastOpenedAt: 3_000 }));

    // Focus comes and goes often: kept at most once a minute; showing the window always counts.
    const saved = async () => (JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { lastOpenedAt: number }).lastOpenedAt;
    now = 4_000;
    window.emit('focus');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await saved()).toBe(3_000);
    now = 5_000;
    window.show();
    await vi.waitFor(async () => expect(await saved()).toBe(5_000));
  });
});

describe('the test hooks', () => {
  it('record notifications and click them like a real click, only when asked for', async () => {
    const { presence, window } = setUp({ tray: true, env: { AVATAR_WATCH_TEST_HOOKS: '1' } });
    presence.notifier.notify({ photoId: 'p1', outcome: 'ready', imageCount: 4, failureMessage: null, group: 1 });
    expect(Notification.shown).toHaveLength(1);
    expect(globalThis.__avatarWatchTest?.notifications).toEqual([{ photoId: 'p1', title: 'Photo avatar ready', body: 'p1: 4 images are ready to view.' }]);
    expect(globalThis.__avatarWatchTest?.clickNotification('p1')).toBe(true);
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toContainEqual(['avatar-watch:focus-item', 'p1']);
    expect(globalThis.__avatarWatchTest?.clickNotification('p2')).toBe(false);
  });

  it('are absent otherwise', () => {
    setUp({ tray: true });
    expect(globalThis.__avatarWatchTest).toBeUndefined();
  });
});
