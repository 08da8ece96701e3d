// The application menu: our own labels (from the catalogue) and roles, no electronjs.org, no
// developer tools in installed builds, and Help items that do what they say.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../../renderer/src/i18n/en';
import { createAppLog, setSecretsToScrub, type AppLog } from '../../../main/shell/log';
import { createMainText, createTranslator } from '../../../main/shell/text';
import { EVENT_CHANNELS } from '../../../preload/api';
import { BrowserWindow, Menu, app, clipboard, dialog, resetElectronFakes, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { JOGG_API_DOCS_URL, buildMenuTemplate, downloadPageUrl, installAppMenu, readHomepage, readmeUrl } = await import(
  '../../../main/shell/menu'
);

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const HOMEPAGE = 'https://github.com/avatar-watch/avatar-watch';
const t = createTranslator('en');

function actions() {
  return { openLink: vi.fn(), copyDiagnostics: vi.fn(), openLogFolder: vi.fn(), checkForUpdates: vi.fn() };
}

function template(platform: NodeJS.Platform, isPackaged = true, homepage: string | null = HOMEPAGE) {
  return buildMenuTemplate({ t, platform, appName: 'Avatar Watch', isPackaged, homepage, actions: actions() });
}

function submenu(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = menu.find((entry) => entry.label === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no menu "${label}"`);
  return found.submenu;
}

/** "label=role" for each item ("-" for separators), to compare whole menus at a glance. */
function shape(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => (item.type === 'separator' ? '-' : `${item.label}${item.role ? `=${item.role}` : ''}`));
}

function click(items: MenuItemConstructorOptions[], label: string): void {
  const item = items.find((entry) => entry.label === label);
  if (!item?.click) throw new Error(`no clickable item "${label}"`);
  (item.click as () => void)();
}

describe('the menu template', () => {
  it('on Windows and Linux: File (Quit), Edit, View, Window, Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = template(platform);
      expect(menu.map((entry) => entry.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(shape(submenu(menu, 'File'))).toEqual(['Quit Avatar Watch=quit']);
      expect(shape(submenu(menu, 'Window'))).toEqual(['Minimize=minimize', 'Close Window=close']);
    }
  });

  it('on macOS: the app menu first, and the Window menu with Zoom and Bring All to Front', () => {
    const menu = template('darwin');
    expect(menu.map((entry) => entry.label)).toEqual(['Avatar Watch', 'Edit', 'View', 'Window', 'Help']);
    expect(shape(submenu(menu, 'Avatar Watch'))).toEqual([
      'About Avatar Watch=about', '-', 'Services=services', '-',
      'Hide Avatar Watch=hide', 'Hide Others=hideOthers', 'Show All=unhide', '-', 'Quit Avatar Watch=quit',
    ]);
    expect(shape(submenu(menu, 'Window'))).toEqual([
      'Minimize=minimize', 'Zoom=zoom', '-', 'Bring All to Front=front', 'Close Window=close',
    ]);
  });

  it('has a Settings… item with Ctrl/Cmd+, (the app menu on macOS, File elsewhere) that opens Settings', () => {
    const openSettings = vi.fn();
    for (const platform of ['darwin', 'linux'] as const) {
      const menu = buildMenuTemplate({ t, platform, appName: 'Avatar Watch', isPackaged: true, homepage: HOMEPAGE, actions: actions(), openSettings });
      const items = submenu(menu, platform === 'darwin' ? 'Avatar Watch' : 'File');
      const item = items.find((entry) => entry.label === 'Settings…');
      expect(item?.accelerator).toBe('CmdOrCtrl+,');
      click(items, 'Settings…');
    }
    expect(openSettings).toHaveBeenCalledTimes(2);
  });

  it('has the Edit roles that make copy and paste work in text fields', () => {
    expect(shape(submenu(template('darwin'), 'Edit'))).toEqual([
      'Undo=undo', 'Redo=redo', '-', 'Cut=cut', 'Copy=copy', 'Paste=paste', 'Select All=selectAll',
    ]);
  });

  it('has no Reload and no developer tools in installed builds; both in development', () => {
    expect(shape(submenu(template('linux', true), 'View'))).toEqual([
      'Actual Size=resetZoom', 'Zoom In=zoomIn', 'Zoom Out=zoomOut', '-', 'Toggle Full Screen=togglefullscreen',
    ]);
    const dev = shape(submenu(template('linux', false), 'View'));
    expect(dev.slice(0, 3)).toEqual(['Reload=reload', 'Toggle Developer Tools=toggleDevTools', '-']);
  });

  it('has our Help menu, with the README only when the homepage is an https address', () => {
    expect(shape(submenu(template('win32'), 'Help'))).toEqual([
      'JoggAI API documentation', 'Avatar Watch README', '-', 'Copy diagnostics', 'Open log folder', '-', 'Check for updates…',
    ]);
    expect(shape(submenu(template('win32', true, 'http://example.com'), 'Help'))).not.toContain('Avatar Watch README');
    expect(shape(submenu(template('win32', true, null), 'Help'))).not.toContain('Avatar Watch README');
  });

  it('takes every label from the catalogue', () => {
    const known = new Set(Object.values(en.menu).map((text) => text.replace('{app}', 'Avatar Watch')));
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const top of template(platform, false)) {
        if (platform !== 'darwin' || top.label !== 'Avatar Watch') expect(known).toContain(top.label);
        for (const item of top.submenu as MenuItemConstructorOptions[]) {
          if (item.type !== 'separator') expect(known).toContain(item.label);
        }
      }
    }
  });

  it('Help items call their actions, and links go to JoggAI docs and our README', () => {
    const calls = actions();
    const help = submenu(buildMenuTemplate({ t, platform: 'linux', appName: 'Avatar Watch', isPackaged: true, homepage: HOMEPAGE, actions: calls }), 'Help');
    click(help, 'JoggAI API documentation');
    click(help, 'Avatar Watch README');
    expect(calls.openLink.mock.calls).toEqual([[JOGG_API_DOCS_URL], [`${HOMEPAGE}#readme`]]);
    click(help, 'Copy diagnostics');
    click(help, 'Open log folder');
    click(help, 'Check for updates…');
    expect(calls.copyDiagnostics).toHaveBeenCalledOnce();
    expect(calls.openLogFolder).toHaveBeenCalledOnce();
    expect(calls.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('never mentions electronjs.org, in any item or link', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const packaged of [true, false]) {
        const calls = actions();
        const menu = buildMenuTemplate({ t, platform, appName: 'Avatar Watch', isPackaged: packaged, homepage: HOMEPAGE, actions: calls });
        expect(JSON.stringify(menu)).not.toMatch(/electron(js)?\.org/i);
        for (const top of menu) {
          for (const item of top.submenu as MenuItemConstructorOptions[]) (item.click as (() => void) | undefined)?.();
        }
        for (const [url] of calls.openLink.mock.calls) expect(url).toMatch(/^https:\/\/(docs\.jogg\.ai|github\.com\/avatar-watch)\//);
      }
    }
  });

  it('builds README and download page addresses from the homepage', () => {
    expect(JOGG_API_DOCS_URL).toBe('https://docs.jogg.ai/');
    expect(readmeUrl(HOMEPAGE)).toBe(`${HOMEPAGE}#readme`);
    expect(downloadPageUrl(`${HOMEPAGE}/`)).toBe(`${HOMEPAGE}/releases`);
    expect(downloadPageUrl('ftp://example.com')).toBeNull();
    expect(readHomepage(REPO_ROOT)).toBe(HOMEPAGE);
    expect(readHomepage('/nowhere')).toBeNull();
  });
});

describe('the installed menu', () => {
  let folder: string;
  let log: AppLog;

  beforeEach(() => {
    resetElectronFakes();
    folder = mkdtempSync(join(tmpdir(), 'aw-menu-'));
    log = createAppLog({ folder: join(folder, 'logs'), console: false, logId: `menu-test-${Math.random()}` });
    app.appPath = REPO_ROOT;
    app.isPackaged = true;
  });

  afterEach(() => {
    setSecretsToScrub([]);
    rmSync(folder, { recursive: true, force: true });
  });

  function installed(label: string, window: BrowserWindow | null = null): MenuItemConstructorOptions[] {
    installAppMenu({
      log,
      text: createMainText(['en-US']),
      keyStore: () => 'system keychain',
      trayStatus: () => 'tray icon shown',
      getWindow: () => window as unknown as Electron.BrowserWindow | null,
      beforeQuitForUpdate: () => {},
    });
    const menu = Menu.applicationMenu?.template as MenuItemConstructorOptions[] | undefined;
    if (!menu) throw new Error('no application menu was set');
    return submenu(menu, label);
  }
  const installedHelp = () => installed('Help');

  // selection
  it('Edit: Undo and Select All keep their keys and send the command to the window, which decides; the rest keep their roles', () => {
    const window = new BrowserWindow({});
    const edit = installed('Edit', window);
    const item = (label: string) => edit.find((entry) => entry.label === label)!;
    expect(item('Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(item('Select All')).toMatchObject({ accelerator: 'CmdOrCtrl+A' });
    expect(item('Undo').role).toBeUndefined();
    expect(['Redo', 'Cut', 'Copy', 'Paste'].map((label) => item(label).role)).toEqual(['redo', 'cut', 'copy', 'paste']);
    click(edit, 'Undo');
    click(edit, 'Select All');
    expect(window.webContents.sent).toEqual([
      [EVENT_CHANNELS.editCommand, 'undo'],
      [EVENT_CHANNELS.editCommand, 'selectAll'],
    ]);
  });

  it('Edit: sends nothing when there is no window, or it is gone', () => {
    const window = new BrowserWindow({});
    window.close();
    click(installed('Edit', window), 'Undo');
    expect(window.webContents.sent).toEqual([]);
    expect(() => click(installed('Edit'), 'Select All')).not.toThrow();
  });

  it('replaces the default menu and opens links in the default browser', () => {
    const help = installedHelp();
    click(help, 'JoggAI API documentation');
    click(help, 'Avatar Watch README');
    expect(shell.openExternal.mock.calls).toEqual([[JOGG_API_DOCS_URL], [`${HOMEPAGE}#readme`]]);
  });

  it('Copy diagnostics copies the report (without the key) and says so', async () => {
    const key = 'jg_live_0123456789abcdef';
    log.info(`Started; an old line with ${key}`);
    setSecretsToScrub([key]);
    click(installedHelp(), 'Copy diagnostics');
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalled());
    expect(clipboard.writeText).toHaveBeenCalledOnce();
    expect(clipboard.text).toContain('Avatar Watch: 0.1.0');
    expect(clipboard.text).toContain('API key kept in: system keychain');
    expect(clipboard.text).toContain(`Log file: ${join(folder, 'logs', 'main.log')}`);
    expect(clipboard.text).toContain('Started; an old line with [redacted]');
    expect(clipboard.text).not.toContain(key);
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({ message: en.diagnostics.copied });
  });

  it('Open log folder opens the log folder (made if nothing was logged yet), and says where it is when that fails', async () => {
    expect(existsSync(join(folder, 'logs'))).toBe(false);
    click(installedHelp(), 'Open log folder');
    await vi.waitFor(() => expect(shell.openPath).toHaveBeenCalledWith(join(folder, 'logs')));
    expect(existsSync(join(folder, 'logs'))).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();

    shell.openPath.mockResolvedValueOnce('No application is associated with the folder');
    click(installedHelp(), 'Open log folder');
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
    const shown = dialog.showMessageBox.mock.calls[0]?.[0] as { message: string };
    expect(shown.message).toContain(join(folder, 'logs'));
  });

  it('Check for updates from a build that cannot update itself offers the download page', async () => {
    app.isPackaged = false;
    click(installedHelp(), 'Check for updates…');
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith(`${HOMEPAGE}/releases`));
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      message: en.updates.manual,
      detail: en.updates.manualReason.unpackaged,
      buttons: [en.updates.openDownloadPage, en.updates.close],
    });
  });
});
