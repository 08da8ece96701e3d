// Start at login on each OS: the right program, the right arguments, what the OS says back.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsFile } from '../../../main/core/settings/settings-file';
import { app, BrowserWindow, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const {
  autostartEntry,
  autostartPath,
  createDesktopSettingsControl,
  loginExecutable,
  quoteExecArg,
  readLoginItemStatus,
  setLoginItem,
  startsHidden,
  stayInMenuBarUntilShown,
} = await import('../../../main/shell/login-item');
type Host = Parameters<typeof setLoginItem>[0];

let home: string;
beforeEach(async () => {
  resetElectronFakes();
  home = await mkdtemp(join(tmpdir(), 'aw-login-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function host(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}, extra: Partial<Host> = {}): Host {
  return { platform, isPackaged: true, execPath: '/opt/Avatar Watch/avatar-watch', env, home, app: app as never, ...extra };
}
const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('the program a login launch starts', () => {
  it('is the AppImage itself, the portable exe, or else the running binary', () => {
    expect(loginExecutable(host('linux', { APPIMAGE: '/home/mia/Apps/Avatar Watch.AppImage' }))).toBe('/home/mia/Apps/Avatar Watch.AppImage');
    expect(loginExecutable(host('linux'))).toBe('/opt/Avatar Watch/avatar-watch');
    expect(loginExecutable(host('win32', { PORTABLE_EXECUTABLE_FILE: 'D:\\Tools\\Avatar Watch 0.1.0.exe' }))).toBe('D:\\Tools\\Avatar Watch 0.1.0.exe');
    expect(loginExecutable(host('win32', {}, { execPath: 'C:\\Program Files\\Avatar Watch\\Avatar Watch.exe' }))).toBe('C:\\Program Files\\Avatar Watch\\Avatar Watch.exe');
  });
});

describe('Linux autostart entry', () => {
  it('quotes Exec arguments as the Desktop Entry spec says', () => {
    expect(quoteExecArg('/usr/bin/avatar-watch')).toBe('/usr/bin/avatar-watch');
    expect(quoteExecArg('/opt/Avatar Watch/avatar-watch')).toBe('"/opt/Avatar Watch/avatar-watch"');
    // `$` gets a backslash inside quotes, then the string escape doubles it: \\$ in the file.
    expect(quoteExecArg('/home/a$b/app')).toBe('"/home/a\\\\$b/app"');
    // A literal backslash becomes four.
    expect(quoteExecArg('/weird\\path')).toBe('"/weird\\\\\\\\path"');
    expect(quoteExecArg('/say "hi"/x')).toBe('"/say \\\\"hi\\\\"/x"');
    expect(quoteExecArg('/100%/app')).toBe('/100%%/app');
    expect(quoteExecArg('')).toBe('""');
    expect(() => quoteExecArg('/a\nb')).toThrow();
  });

  it('starts the program hidden', () => {
    const entry = autostartEntry('/home/mia/Apps/Avatar Watch.AppImage');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toMatch(/^Exec="\/home\/mia\/Apps\/Avatar Watch\.AppImage" --hidden$/m);
    expect(entry).toMatch(/^Name=Avatar Watch$/m);
  });

  it('goes to $XDG_CONFIG_HOME/autostart, or ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored)', () => {
    expect(autostartPath(host('linux', { XDG_CONFIG_HOME: '/cfg' }))).toBe('/cfg/autostart/avatar-watch.desktop');
    expect(autostartPath(host('linux'))).toBe(join(home, '.config', 'autostart', 'avatar-watch.desktop'));
    expect(autostartPath(host('linux', { XDG_CONFIG_HOME: 'relative' }))).toBe(join(home, '.config', 'autostart', 'avatar-watch.desktop'));
  });

  it('writes the file when turned on (for the AppImage) and removes it when turned off', async () => {
    const linux = host('linux', { APPIMAGE: '/home/mia/Avatar Watch.AppImage', XDG_CONFIG_HOME: join(home, 'cfg') });
    const path = join(home, 'cfg', 'autostart', 'avatar-watch.desktop');
    expect(await readLoginItemStatus(linux)).toBe('disabled');
    await setLoginItem(linux, true);
    expect(await readFile(path, 'utf8')).toMatch(/^Exec="\/home\/mia\/Avatar Watch\.AppImage" --hidden$/m);
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect(await readLoginItemStatus(linux)).toBe('enabled');
    await setLoginItem(linux, false);
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readLoginItemStatus(linux)).toBe('disabled');
    await setLoginItem(linux, false); // already gone: fine
  });
});

describe('Windows and macOS login items', () => {
  it('Windows: registers the portable exe (not the temp copy) with --hidden', async () => {
    const windows = host('win32', { PORTABLE_EXECUTABLE_FILE: 'D:\\Tools\\Avatar Watch.exe' }, { execPath: 'C:\\Temp\\x\\Avatar Watch.exe' });
    await setLoginItem(windows, true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: 'D:\\Tools\\Avatar Watch.exe', args: ['--hidden'] });
    expect(await readLoginItemStatus(windows)).toBe('enabled');
    expect(app.getLoginItemSettings).toHaveBeenCalledWith({ path: 'D:\\Tools\\Avatar Watch.exe', args: ['--hidden'] });
  });

  it('Windows: registered but turned off in Task Manager reads as disabled', async () => {
    app.getLoginItemSettings.mockReturnValueOnce({ openAtLogin: true, executableWillLaunchAtLogin: false });
    expect(await readLoginItemStatus(host('win32'))).toBe('disabled');
  });

  it('macOS: registers the bundle and reports requires-approval', async () => {
    const mac = host('darwin');
    await setLoginItem(mac, true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    app.loginStatus = 'requires-approval';
    expect(await readLoginItemStatus(mac)).toBe('requires-approval');
    app.loginStatus = 'enabled';
    expect(await readLoginItemStatus(mac)).toBe('enabled');
    app.loginStatus = 'not-registered';
    app.loginItem = { openAtLogin: false };
    expect(await readLoginItemStatus(mac)).toBe('disabled');
  });

  it('run from source: nothing is registered, and it says not-supported', async () => {
    const dev = host('win32', {}, { isPackaged: false });
    await setLoginItem(dev, true);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(await readLoginItemStatus(dev)).toBe('not-supported');
  });
});

describe('starting hidden', () => {
  it('follows --hidden on Windows and Linux, and the menu-bar setting on macOS', () => {
    expect(startsHidden({ platform: 'win32', argv: ['app.exe', '--hidden'], startInMenuBar: false })).toBe(true);
    expect(startsHidden({ platform: 'linux', argv: ['app'], startInMenuBar: true })).toBe(false);
    expect(startsHidden({ platform: 'darwin', argv: ['app', '--hidden'], startInMenuBar: false })).toBe(false);
    expect(startsHidden({ platform: 'darwin', argv: ['app'], startInMenuBar: true })).toBe(true);
  });
});

describe('macOS start in the menu bar', () => {
  it('hides the Dock icon until the window is first shown', async () => {
    const dock = { hide: vi.fn(), show: vi.fn(async () => {}) };
    const window = new BrowserWindow({});
    stayInMenuBarUntilShown(dock, window as never, logger);
    expect(dock.hide).toHaveBeenCalledTimes(1);
    expect(dock.show).not.toHaveBeenCalled();
    window.show();
    expect(dock.show).toHaveBeenCalledTimes(1);
    window.hide();
    window.show();
    expect(dock.show).toHaveBeenCalledTimes(1);
  });

  it('does nothing where there is no Dock', () => {
    expect(() => stayInMenuBarUntilShown(undefined, new BrowserWindow({}) as never, logger)).not.toThrow();
  });
});

describe('the desktop settings commands', () => {
  it('keeps the switches in settings.json and applies start at login to the OS', async () => {
    const settings = new SettingsFile(home);
    await settings.load();
    const control = createDesktopSettingsControl(settings, host('darwin'), logger);
    expect(await control.get()).toEqual({ startAtLogin: false, startInMenuBar: false, loginItem: 'disabled', platform: 'darwin' });

    const turnedOn = await control.set({ startAtLogin: true });
    expect(turnedOn).toEqual({ ok: true, value: { startAtLogin: true, startInMenuBar: false, loginItem: 'enabled', platform: 'darwin' } });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });

    app.setLoginItemSettings.mockClear();
    await control.set({ startInMenuBar: true });
    expect(app.setLoginItemSettings).not.toHaveBeenCalled(); // the menu-bar switch is ours alone
    const saved = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ startAtLogin: true, startInMenuBar: true });
  });

  it('answers with what the OS has when it refuses the change', async () => {
    const settings = new SettingsFile(home);
    await settings.load();
    app.setLoginItemSettings.mockImplementationOnce(() => {
      throw new Error('denied');
    });
    const control = createDesktopSettingsControl(settings, host('win32'), logger);
    const answer = await control.set({ startAtLogin: true });
    expect(answer).toMatchObject({ ok: true, value: { startAtLogin: true, loginItem: 'disabled' } });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('denied'));
  });

  it('repairs the login item at start on Linux and Windows (a moved AppImage), not on macOS', async () => {
    const settings = new SettingsFile(home);
    await settings.load();
    await settings.update({ startAtLogin: true });
    const linux = host('linux', { APPIMAGE: '/new/place/Avatar Watch.AppImage', XDG_CONFIG_HOME: join(home, 'cfg') });
    await createDesktopSettingsControl(settings, linux, logger).repair();
    expect(await readFile(join(home, 'cfg', 'autostart', 'avatar-watch.desktop'), 'utf8')).toContain('/new/place/Avatar Watch.AppImage');
    await createDesktopSettingsControl(settings, host('darwin'), logger).repair();
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    await settings.update({ startAtLogin: false });
    await createDesktopSettingsControl(settings, host('win32'), logger).repair();
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
