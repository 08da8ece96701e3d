// The list's Undo and Select All. In a text field both stay the field's (its own undo, its own
// text); anywhere else they act on the list. In the browser the page's keydown is all there is;
// in Electron the Edit menu's items (and their accelerators) send the same commands here, and a
// focused text field gets them back as its own editing commands.
import type { EditCommand } from '../../../preload/api';

/**
 * Where Ctrl/Cmd+Z and Ctrl/Cmd+A belong to the text, not to the list: every text box, text area
 * or editable region (a checkbox or a button is an input too, but holds no text).
 */
export function isTextField(el: Element | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || el.matches('textarea, input:not([type=checkbox], [type=radio], [type=button], [type=submit])'));
}

/** Ctrl+Z / Cmd+Z (not with Shift: that is Redo) and Ctrl+A / Cmd+A. */
export function editCommandOf(event: KeyboardEvent): EditCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) return 'undo';
  if (key === 'a' && !event.shiftKey) return 'selectAll';
  return null;
}

/**
 * One key press can reach the page and the Electron menu's accelerator both (which one first
 * depends on the OS): the second within this time is the same press, not a new one.
 */
const SAME_PRESS_MS = 250;

export interface ShortcutTarget {
  undo(): void;
  selectAll(): void;
}

export function installListShortcuts(target: ShortcutTarget, doc: Document = document): () => void {
  let last: { command: EditCommand; at: number } | null = null;
  function run(command: EditCommand) {
    const now = performance.now();
    if (last !== null && last.command === command && now - last.at < SAME_PRESS_MS) return;
    last = { command, at: now };
    if (command === 'undo') target.undo();
    else target.selectAll();
  }
  function onKeydown(event: KeyboardEvent) {
    const command = editCommandOf(event);
    if (command === null || event.defaultPrevented || isTextField(doc.activeElement)) return;
    event.preventDefault();
    run(command);
  }
  doc.addEventListener('keydown', onKeydown);
  const stopMenu = window.avatarWatch.onEditCommand((command) => {
    if (isTextField(doc.activeElement)) {
      // The field's own editing command, as the menu's Undo/Select All role would have done.
      doc.execCommand(command);
      return;
    }
    run(command);
  });
  return () => {
    doc.removeEventListener('keydown', onKeydown);
    stopMenu();
  };
}
