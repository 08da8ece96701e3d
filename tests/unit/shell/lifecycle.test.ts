// main/shell/index.ts runs at import, so every test imports a fresh copy (with fresh fakes).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS } from '../../../preload/api';
import type { ServiceOptions } from '../../../main/core/service';
import type * as AppLogModule from '../../../main/shell/log';
import { createFakeService, type FakeService } from './fake-service';
import { launchShell, type Fakes } from './launch-shell';

vi.mock('electron', () => import('./fake-electron'));

const core = vi.hoisted(() => ({
  service: null as FakeService | null,
  options: null as ServiceOptions | null,
  failWith: null as Error | null,
}));

vi.mock('../../../main/core/service', () => {
  class ConfigurationError extends Error {}
  return {
    ConfigurationError,
    createAvatarWatchService: (options: ServiceOptions) => {
      core.options = options;
      if (core.failWith) throw core.failWith;
      return core.service;
    },
  };
});
vi.mock('../../../main/core/secrets/keychain-secret-store', () => ({
  createKeychainSecretStore: () => ({ description: 'system keychain' }),
}));
// The log file would land on the real disk under the fake data folder; log.test.ts covers it.
const appLog = vi.hoisted(() => ({ options: null as Parameters<typeof AppLogModule.createAppLog>[0] | null }));
vi.mock('../../../main/shell/log', async (importOriginal) => ({
  ...(await importOriginal<typeof AppLogModule>()),
  createAppLog: (options: Parameters<typeof AppLogModule.createAppLog>[0]) => {
    appLog.options = options;
    return { info() {}, warn() {}, error() {}, filePath: () => '', folder: () => '', tail: () => [] };
  },
  // Each test imports main afresh: no process listener piling up.
  logUncaughtExceptions: () => () => {},
}));

let fakes: Fakes;
const savedEnv = { ...process.env };
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function launch(setup?: (electron: Fakes) => void): Promise<Fakes> {
  fakes = await launchShell(setup);
  return fakes;
}

async function launchReady(setup?: (electron: Fakes) => void): Promise<Fakes> {
  const electron = await launch(setup);
  electron.app.becomeReady();
  await vi.waitFor(() => expect(electron.Tray.instances).toHaveLength(1));
  return electron;
}

beforeEach(() => {
  core.service = createFakeService();
  core.options = null;
  core.failWith = null;
  delete process.env.AVATAR_WATCH_DATA_DIR;
  delete process.env.AVATAR_WATCH_SECRET_STORE;
  delete process.env.ELECTRON_RENDERER_URL;
  process.env.AVATAR_WATCH_API_BASE_URL = 'http://127.0.0.1:4010';
});

afterEach(() => {
  process.env = { ...savedEnv };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
});

describe('the app lifecycle', () => {
  it('leaves at once when another instance holds the lock', async () => {
    const { app, BrowserWindow } = await launch((electron) => (electron.app.gotLock = false));
    expect(app.quit).toHaveBeenCalled();
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(core.options).toBeNull();
  });

  it('starts the service with the user data folder, the keychain and the API address', async () => {
    const { ipcMain, BrowserWindow } = await launchReady();
    expect(core.options).toMatchObject({ dataDir: '/fake/user-data', apiBaseUrl: 'http://127.0.0.1:4010' });
    expect(core.options?.secretStore.description).toBe('system keychain');
    expect(core.service?.start).toHaveBeenCalledTimes(1);
    expect(new Set(ipcMain.handlers.keys())).toEqual(new Set(Object.values(COMMAND_CHANNELS)));
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(BrowserWindow.instances[0]?.loadedUrl).toBe('app://avatar-watch/index.html');
    expect(BrowserWindow.instances[0]?.loadedFile).toBeNull();
  });

  it('replaces Electron\'s default menu with ours, and logs to the data folder\'s logs/', async () => {
    process.env.AVATAR_WATCH_DATA_DIR = '/tmp/aw-test';
    const { Menu } = await launchReady();
    const labels = (Menu.applicationMenu?.template as { label?: string }[] | undefined)?.map((entry) => entry.label);
    expect(labels?.slice(1)).toEqual(['Edit', 'View', 'Window', 'Help']);
    // Read at the first line, so the data folder the test hook sets after start-up counts.
    const folder = appLog.options?.folder;
    expect(typeof folder === 'function' ? folder() : folder).toBe(join('/tmp/aw-test', 'logs'));
  });

  it('uses AVATAR_WATCH_DATA_DIR and an in-memory key store for tests, set before the lock', async () => {
    process.env.AVATAR_WATCH_DATA_DIR = '/tmp/aw-test';
    process.env.AVATAR_WATCH_SECRET_STORE = 'memory';
    const { app } = await launchReady();
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/aw-test');
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0);
    expect(core.options?.dataDir).toBe('/tmp/aw-test');
    expect(core.options?.secretStore.description).toMatch(/memory/);
  });

  it('ignores the test overrides in an installed app', async () => {
    process.env.AVATAR_WATCH_DATA_DIR = '/tmp/aw-test';
    process.env.AVATAR_WATCH_SECRET_STORE = 'memory';
    process.env.ELECTRON_RENDERER_URL = 'http://evil.example';
    const { app, BrowserWindow } = await launchReady((electron) => (electron.app.isPackaged = true));
    expect(app.setPath).not.toHaveBeenCalled();
    expect(core.options?.secretStore.description).toBe('system keychain');
    expect(BrowserWindow.instances[0]?.loadedUrl).toBe('app://avatar-watch/index.html');
  });

  it('shows the window when a second copy is started', async () => {
    const { app, BrowserWindow } = await launchReady();
    const window = BrowserWindow.instances[0];
    window?.hide();
    app.emit('second-instance', {}, ['avatar-watch'], '/home/mia');
    expect(window?.isVisible()).toBe(true);
    expect(window?.focused).toBe(true);
  });

  it('keeps running in the tray when the window is closed', async () => {
    const { app, BrowserWindow, Tray } = await launchReady();
    const window = BrowserWindow.instances[0];
    window?.close();
    expect(window?.isDestroyed()).toBe(false);
    expect(app.quitted).toBe(false);
    Tray.instances[0]?.clickMenu('Show Avatar Watch');
    expect(window?.isVisible()).toBe(true);
  });

  it('Quit in the tray saves once, then really quits', async () => {
    const { app, BrowserWindow, Tray } = await launchReady();
    let finishStop!: () => void;
    vi.mocked(core.service!.stop).mockImplementation(() => new Promise<void>((resolve) => (finishStop = resolve)));

    Tray.instances[0]?.clickMenu('Quit');
    app.quit(); // an impatient second Quit while saving
    expect(core.service?.stop).toHaveBeenCalledTimes(1);
    expect(app.quitted).toBe(false);

    finishStop();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(core.service?.stop).toHaveBeenCalledTimes(1);
    expect(BrowserWindow.instances[0]?.isDestroyed()).toBe(true);
    expect(Tray.instances[0]?.isDestroyed()).toBe(true);
  });

  it('passes sleep, wake and the network to the service once it runs, and stops on quit', async () => {
    const { app, powerMonitor, net } = await launchReady();
    await vi.waitFor(() => expect(core.service?.setNetworkAvailable).toHaveBeenCalledWith(true));
    powerMonitor.emit('suspend');
    expect(core.service?.suspend).toHaveBeenCalledTimes(1);
    net.online = false;
    powerMonitor.emit('resume');
    expect(core.service?.wake).toHaveBeenCalledTimes(1);
    expect(core.service?.setNetworkAvailable).toHaveBeenLastCalledWith(false);

    app.quit();
    expect(powerMonitor.listenerCount('suspend')).toBe(0);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it('shows in the tray tooltip when JoggAI cannot be reached', async () => {
    const { Tray } = await launchReady();
    // Connectivity starts after the tray has been reset from the first snapshot.
    await vi.waitFor(() => expect(core.service?.setNetworkAvailable).toHaveBeenCalled());
    core.service?.emit({ connection: { state: 'offline', retryAt: 1, error: null } });
    expect(Tray.instances[0]?.tooltip).toBe('Avatar Watch — can’t reach JoggAI');
  });

  it('quits even when saving fails', async () => {
    const { app } = await launchReady();
    vi.mocked(core.service!.stop).mockRejectedValueOnce(new Error('disk full'));
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it('explains a configuration problem in a dialog and exits', async () => {
    const { app, dialog } = await launch();
    const { ConfigurationError } = await import('../../../main/core/service');
    core.failWith = new ConfigurationError('AVATAR_WATCH_API_BASE_URL must use https.');
    app.becomeReady();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Avatar Watch could not start', 'A setting is not valid: AVATAR_WATCH_API_BASE_URL must use https.');
  });
});
