// Windows shutdown and log-off: the window's query-session-end and session-end save at once,
// synchronously; and the portable exe's Start-menu shortcut that Windows toasts need.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetElectronFakes, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { saveOnSessionEnd } = await import('../../../main/shell/session-end');
const { ensurePortableShortcut, shortcutPath } = await import('../../../main/shell/portable-shortcut');

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
beforeEach(() => {
  resetElectronFakes();
  logger.warn.mockClear();
  logger.error.mockClear();
});

describe('session end', () => {
  it.each(['query-session-end', 'session-end'])('%s writes the watchlist and the window place before the handler returns', (event) => {
    const window = new BrowserWindow({});
    const order: string[] = [];
    saveOnSessionEnd(window as never, { flushWatchlist: () => order.push('watchlist'), saveWindowState: () => order.push('window') }, logger);
    window.emit(event, { preventDefault() {} });
    expect(order).toEqual(['watchlist', 'window']);
  });

  it('still saves the window place when the watchlist write fails, and logs it', () => {
    const window = new BrowserWindow({});
    const saveWindowState = vi.fn();
    saveOnSessionEnd(
      window as never,
      {
        flushWatchlist: () => {
          throw new Error('disk full');
        },
        saveWindowState,
      },
      logger,
    );
    window.emit('session-end', {});
    expect(saveWindowState).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('disk full'));
  });
});

describe('the portable exe\'s Start-menu shortcut', () => {
  const APP_DATA = 'C:\\Users\\mia\\AppData\\Roaming';
  const EXE = 'D:\\Tools\\Avatar Watch 0.1.0.exe';
  const AUMID = 'com.avatarwatch.app';
  const link = shortcutPath(APP_DATA);
  const run = (env: NodeJS.ProcessEnv, exists: (path: string) => boolean = () => false, platform: NodeJS.Platform = 'win32') =>
    ensurePortableShortcut({ platform, env, appData: APP_DATA, appUserModelId: AUMID, shell, logger, exists });

  it('lives in the Start menu programs folder', () => {
    expect(link).toMatch(/Microsoft[\\/]Windows[\\/]Start Menu[\\/]Programs[\\/]Avatar Watch\.lnk$/);
  });

  it('does nothing unless this is the portable exe on Windows', () => {
    expect(run({})).toBe('not-portable');
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE }, undefined, 'linux')).toBe('not-portable');
    expect(shell.writeShortcutLink).not.toHaveBeenCalled();
  });

  it('creates it with the exe as target and our AppUserModelID', () => {
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE })).toBe('created');
    expect(shell.writeShortcutLink).toHaveBeenCalledWith(link, 'create', expect.objectContaining({ target: EXE, appUserModelId: AUMID }));
  });

  it('keeps a shortcut that is already right (the same exe, any letter case)', () => {
    shell.shortcuts.set(link, { target: EXE.toLowerCase(), appUserModelId: AUMID });
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE })).toBe('kept');
    expect(shell.writeShortcutLink).not.toHaveBeenCalled();
  });

  it('repairs one with another AppUserModelID (toasts would not show)', () => {
    shell.shortcuts.set(link, { target: EXE, appUserModelId: 'electron.app.Electron' });
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE }, () => true)).toBe('repaired');
    expect(shell.shortcuts.get(link)).toMatchObject({ target: EXE, appUserModelId: AUMID });
  });

  it('repairs one pointing to an exe that is gone (the portable exe was moved)', () => {
    shell.shortcuts.set(link, { target: 'C:\\Users\\mia\\Downloads\\Avatar Watch 0.1.0.exe', appUserModelId: AUMID });
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE }, (path) => path === EXE)).toBe('repaired');
    expect(shell.writeShortcutLink).toHaveBeenCalledWith(link, 'replace', expect.objectContaining({ target: EXE }));
  });

  it('leaves alone a shortcut with our ID to another copy that exists (an installed Avatar Watch)', () => {
    shell.shortcuts.set(link, { target: 'C:\\Users\\mia\\AppData\\Local\\Programs\\Avatar Watch\\Avatar Watch.exe', appUserModelId: AUMID });
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE }, () => true)).toBe('kept');
    expect(shell.writeShortcutLink).not.toHaveBeenCalled();
  });

  it('logs, and carries on, when Windows refuses to write it', () => {
    shell.writeShortcutLink.mockImplementationOnce(() => false);
    expect(run({ PORTABLE_EXECUTABLE_FILE: EXE })).toBe('failed');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('notifications may not appear'));
  });
});
