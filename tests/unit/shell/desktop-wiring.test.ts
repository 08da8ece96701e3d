// main/shell/index.ts as the hardening and desktop conventions need it: app:// registered before
// ready, file: refused, JoggAI through net.fetch, the window placed from settings.json, started
// hidden on a login launch, saved at Windows session end, desktop settings over IPC.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS } from '../../../preload/api';
import type { ServiceOptions } from '../../../main/core/service';
import { createFakeService, type FakeService } from './fake-service';
import { launchShell, type Fakes } from './launch-shell';

vi.mock('electron', () => import('./fake-electron'));

const core = vi.hoisted(() => ({ service: null as FakeService | null, options: null as ServiceOptions | null }));

vi.mock('../../../main/core/service', () => ({
  ConfigurationError: class extends Error {},
  createAvatarWatchService: (options: ServiceOptions) => {
    core.options = options;
    return core.service;
  },
}));
vi.mock('../../../main/core/secrets/keychain-secret-store', () => ({
  createKeychainSecretStore: () => ({ description: 'system keychain' }),
}));

const savedEnv = { ...process.env };
const savedArgv = [...process.argv];
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
let dir: string;

const launch = launchShell;

async function launchReady(setup?: (electron: Fakes) => void): Promise<Fakes> {
  const electron = await launch(setup);
  electron.app.becomeReady();
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  return electron;
}

/** Calls a command as our page would. */
function invoke(electron: Fakes, channel: string, ...args: unknown[]) {
  const handler = electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const window = electron.BrowserWindow.instances[0];
  const senderFrame = { url: 'app://avatar-watch/index.html', parent: null };
  return Promise.resolve(handler({ senderFrame, sender: window?.webContents }, ...args));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-wiring-'));
  core.service = createFakeService(dir);
  await core.service.settingsLoaded;
  core.options = null;
  delete process.env.AVATAR_WATCH_DATA_DIR;
  delete process.env.AVATAR_WATCH_SECRET_STORE;
  delete process.env.ELECTRON_RENDERER_URL;
  process.env.AVATAR_WATCH_API_BASE_URL = 'http://127.0.0.1:4010';
});

afterEach(async () => {
  process.env = { ...savedEnv };
  process.argv = [...savedArgv];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
  await rm(dir, { recursive: true, force: true });
});

describe('hardening', () => {
  it('registers app:// as privileged before ready, then serves it and refuses file:', async () => {
    const electron = await launch();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.protocol.privileged[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(electron.protocol.handlers.size).toBe(0);
    electron.app.becomeReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
    expect([...electron.protocol.handlers.keys()].sort()).toEqual(['app', 'file']);
    expect((await electron.protocol.handlers.get('file')!(new Request('file://host/share/x.png'))).status).toBe(403);
    expect(electron.BrowserWindow.instances[0]?.loadedUrl).toBe('app://avatar-watch/index.html');
  });

  it('hands the core net.fetch for JoggAI (system proxy, PAC, OS certificates)', async () => {
    const electron = await launchReady();
    const fetch = core.options?.fetch;
    expect(fetch).toBeTypeOf('function');
    await fetch!(new URL('https://api.jogg.ai/v2/user/whoami'), { redirect: 'manual' });
    expect(electron.net.fetch).toHaveBeenCalledExactlyOnceWith('https://api.jogg.ai/v2/user/whoami', { redirect: 'manual' });
  });
});

describe('the window', () => {
  it('opens where it was left, clamped to the displays there are now', async () => {
    await core.service!.settings.update({ window: { x: 2500, y: 100, width: 1000, height: 700, maximized: false } });
    const electron = await launchReady((fakes) => {
      fakes.screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }, { workArea: { x: 1920, y: 0, width: 1920, height: 1040 } }];
    });
    expect(electron.BrowserWindow.instances[0]?.options).toMatchObject({ x: 2500, y: 100, width: 1000, height: 700 });
  });

  it('a window saved on a monitor that is gone opens on the primary display', async () => {
    await core.service!.settings.update({ window: { x: 2500, y: 100, width: 1000, height: 700, maximized: false } });
    const electron = await launchReady();
    expect(electron.BrowserWindow.instances[0]?.options).toMatchObject({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('a login launch (--hidden) makes the window but does not show it', async () => {
    process.argv = [...savedArgv, '--hidden'];
    const electron = await launchReady();
    const window = electron.BrowserWindow.instances[0]!;
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(false);
  });

  it('a login launch while the app already runs does not pop the window up', async () => {
    const electron = await launchReady();
    const window = electron.BrowserWindow.instances[0]!;
    electron.app.emit('second-instance', {}, ['avatar-watch', '--hidden'], '/home/mia');
    expect(window.isVisible()).toBe(false);
    electron.app.emit('second-instance', {}, ['avatar-watch'], '/home/mia');
    expect(window.isVisible()).toBe(true);
  });

  it('a normal launch shows it', async () => {
    const electron = await launchReady();
    const window = electron.BrowserWindow.instances[0]!;
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('saves the watchlist and the window place synchronously when Windows ends the session', async () => {
    const electron = await launchReady();
    const window = electron.BrowserWindow.instances[0]!;
    window.bounds = { x: 40, y: 50, width: 1010, height: 710 };
    window.emit('query-session-end', {});
    expect(core.service!.flushSync).toHaveBeenCalledTimes(1);
    expect(core.service!.settings.get().window).toEqual({ x: 40, y: 50, width: 1010, height: 710, maximized: false });
    window.emit('session-end', {});
    expect(core.service!.flushSync).toHaveBeenCalledTimes(2);
  });
});

describe('desktop settings over IPC', () => {
  it('answers and changes start at login (not-supported when run from source)', async () => {
    const electron = await launchReady();
    const platform = process.platform === 'darwin' || process.platform === 'win32' || process.platform === 'linux' ? process.platform : 'other';
    await expect(invoke(electron, COMMAND_CHANNELS.getDesktopSettings)).resolves.toEqual({
      startAtLogin: false,
      startInMenuBar: false,
      loginItem: 'not-supported',
      platform,
    });
    await expect(invoke(electron, COMMAND_CHANNELS.setDesktopSettings, { startAtLogin: true })).resolves.toMatchObject({
      ok: true,
      value: { startAtLogin: true },
    });
    expect(core.service!.settings.get().startAtLogin).toBe(true);
  });

  it('refuses a malformed change without touching the settings', async () => {
    const electron = await launchReady();
    for (const bad of [{ startAtLogin: 'yes' }, { openAtLogin: true }, null, ['startAtLogin'], 'startAtLogin']) {
      await expect(invoke(electron, COMMAND_CHANNELS.setDesktopSettings, bad)).resolves.toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(core.service!.settings.get().startAtLogin).toBe(false);
  });
});

// i18n
describe('the OS language', () => {
  it('a Chinese OS gets the menu and the tray in Chinese; any other language gets English', async () => {
    const chinese = await launchReady((fakes) => {
      fakes.app.preferredSystemLanguages = ['zh-CN', 'en-US'];
    });
    const labels = () => ((chinese.Menu.applicationMenu?.template ?? []) as Array<{ label?: string }>).map((entry) => entry.label);
    expect(labels()).toEqual(expect.arrayContaining(['编辑', '帮助']));
    await vi.waitFor(() => expect(chinese.Tray.instances.at(-1)?.tooltip).toMatch(/^Avatar Watch — /));
    expect(chinese.Tray.instances.at(-1)!.tooltip).toBe('Avatar Watch — 尚未监视任何照片');

    const german = await launchReady((fakes) => {
      fakes.app.preferredSystemLanguages = ['de-DE'];
    });
    expect(((german.Menu.applicationMenu?.template ?? []) as Array<{ label?: string }>).map((entry) => entry.label)).toEqual(
      expect.arrayContaining(['Edit', 'Help']),
    );
  });
});
