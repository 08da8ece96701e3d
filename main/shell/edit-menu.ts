// The Edit menu's Undo and Select All mean two things: in a text field, the field's own (its undo,
// its text); elsewhere in the window, the list's (undo the last removal, select every row shown).
// Only the window knows where its focus is, so these two items (and their accelerators) send the
// command to it, and it decides (renderer/src/selection/shortcuts.ts). The other Edit items keep
// their roles: cut, copy and paste only make sense in text.
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { EVENT_CHANNELS, type EditCommand } from '../../preload/api';
import type { Translate } from './text';

export interface EditActions {
  edit(command: EditCommand): void;
}

export function editMenuItems(t: Translate, actions?: EditActions): MenuItemConstructorOptions[] {
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const routed = (command: EditCommand, label: string, accelerator: string): MenuItemConstructorOptions =>
    actions ? { label, accelerator, click: () => actions.edit(command) } : { role: command, label };
  return [
    routed('undo', t('menu.undo'), 'CmdOrCtrl+Z'),
    { role: 'redo', label: t('menu.redo') },
    separator,
    { role: 'cut', label: t('menu.cut') },
    { role: 'copy', label: t('menu.copy') },
    { role: 'paste', label: t('menu.paste') },
    routed('selectAll', t('menu.selectAll'), 'CmdOrCtrl+A'),
  ];
}

/** Sends an Edit command to the app's window; with no window showing there is nothing to edit. */
export function windowEditActions(getWindow: () => BrowserWindow | null): EditActions {
  return {
    edit(command) {
      const window = getWindow();
      if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) return;
      window.webContents.send(EVENT_CHANNELS.editCommand, command);
    },
  };
}
