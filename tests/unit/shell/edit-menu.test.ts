// The Edit menu's Undo and Select All go through the window, which decides whether they are a text
// field's own or the list's (undo a removal, select every row). Cut, copy and paste keep their roles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS } from '../../../preload/api';
import { createAppLog, type AppLog } from '../../../main/shell/log';
import { BrowserWindow, Menu, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { installAppMenu } = await import('../../../main/shell/menu');

describe('the installed Edit menu', () => {
  let folder: string;
  let log: AppLog;
  beforeEach(() => {
    resetElectronFakes();
    folder = mkdtempSync(join(tmpdir(), 'aw-edit-menu-'));
    log = createAppLog({ folder: join(folder, 'logs'), console: false, logId: `edit-menu-${Math.random()}` });
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function editMenu(window: BrowserWindow | null): MenuItemConstructorOptions[] {
    installAppMenu({
      log,
      keyStore: () => 'system keychain',
      trayStatus: () => 'tray icon shown',
      getWindow: () => window as unknown as Electron.BrowserWindow | null,
      beforeQuitForUpdate: () => {},
    });
    const menu = Menu.applicationMenu?.template as MenuItemConstructorOptions[];
    return menu.find((entry) => entry.label === 'Edit')!.submenu as MenuItemConstructorOptions[];
  }

  const item = (items: MenuItemConstructorOptions[], label: string) => items.find((entry) => entry.label === label)!;

  it('Undo and Select All keep their keys and send the command to the window; the rest keep their roles', () => {
    const window = new BrowserWindow({});
    const edit = editMenu(window);
    expect(item(edit, 'Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(item(edit, 'Select All')).toMatchObject({ accelerator: 'CmdOrCtrl+A' });
    expect(item(edit, 'Undo').role).toBeUndefined();
    expect(['Redo', 'Cut', 'Copy', 'Paste'].map((label) => item(edit, label).role)).toEqual(['redo', 'cut', 'copy', 'paste']);

    (item(edit, 'Undo').click as () => void)();
    (item(edit, 'Select All').click as () => void)();
    expect(window.webContents.sent).toEqual([
      [EVENT_CHANNELS.editCommand, 'undo'],
      [EVENT_CHANNELS.editCommand, 'selectAll'],
    ]);
  });

  it('sends nothing when there is no window, or it is gone', () => {
    const window = new BrowserWindow({});
    window.close();
    expect(() => (item(editMenu(window), 'Undo').click as () => void)()).not.toThrow();
    expect(window.webContents.sent).toEqual([]);
    expect(() => (item(editMenu(null), 'Select All').click as () => void)()).not.toThrow();
  });
});
