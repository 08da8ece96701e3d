// Which words the window needs for its first paint, and which can come a moment later. Each
// catalogue (en.ts, zh-CN.ts) stays whole, the one source the parity and literal-text checks and
// main's translator read; the build (scripts/locale-modules.ts) cuts it into these parts, each a
// chunk of its own, so the page's first screen waits only for the words it can show.
//
// `start`: what a first screen may show (the list, rows in every state, banners and notices from
// main, the key forms and their errors). `later`: what only an action or a closed dialog shows
// (Settings, an import's report, label and export problems, undo, the key-place choice), loaded
// right after the first paint and awaited by every component that needs it. `main`: words only
// main shows (menus, tray, update dialogs), never sent to the window.

export const CATALOGUE_PARTS = ['start', 'later'] as const;
export type CataloguePart = (typeof CATALOGUE_PARTS)[number];
type Destination = CataloguePart | 'main';

/**
 * Where each key goes, by key path prefix; the longest matching prefix wins and a key no prefix
 * names goes to `start` (a new key shows on the first screen until someone decides otherwise).
 */
const PLACES: Readonly<Record<string, Destination>> = {
  'app.startFailedTitle': 'main',
  'app.startFailed': 'main',
  'app.startMisconfigured': 'main',
  menu: 'main',
  updates: 'main',
  diagnostics: 'main',
  tray: 'main',
  'tray.checkAll': 'start',
  'tray.pause': 'start',
  'tray.noTray': 'start',
  settings: 'later',
  settingsPage: 'later',
  'settingsPage.open': 'start',
  'settingsPage.menuItem': 'start',
  // The preview's own notifications (in Electron main words them) and Settings' help and test.
  notifications: 'later',
  'results.settings': 'later',
  'results.copied': 'later',
  'results.linkCopied': 'later',
  'results.savedTo': 'later',
  'results.downloading': 'later',
  'results.savedAllTo': 'later',
  'results.downloadingAll': 'later',
  'results.actionProblem': 'later',
  'results.linkRefused': 'later',
  addResult: 'later',
  inputProblem: 'later',
  'labels.labelHint': 'later',
  'labels.noteHint': 'later',
  'labels.saving': 'later',
  'labels.saveFailed': 'later',
  'labels.tooLong': 'later',
  'labels.export': 'later',
  'labels.export.csv': 'start',
  'labels.export.json': 'start',
  'labels.import': 'later',
  'labels.import.button': 'start',
  'labels.import.hint': 'start',
  'labels.line': 'later',
  'labels.reason': 'later',
  'labels.kept': 'later',
  'labels.applied': 'later',
  'keyStore.choiceHeading': 'later',
  'keyStore.choiceLocked': 'later',
  'keyStore.choiceMissing': 'later',
  'keyStore.choiceMissingSessionOnly': 'later',
  'keyStore.keepSession': 'later',
  'keyStore.keepSessionHint': 'later',
  'keyStore.keepFile': 'later',
  'keyStore.keepFileHint': 'later',
  'keyStore.keepFileWeakWarning': 'later',
  'keyStore.keepFileWeakConfirm': 'later',
  'keyStore.keepFileWeak': 'later',
  'selection.removed': 'later',
  'selection.restored': 'later',
  'selection.noRoom': 'later',
  'selection.expired': 'later',
  'selection.deleteFiles': 'later',
  // Only after a notification was clicked, well after the first paint.
  fromNotification: 'later',
  // Main's own file dialogs (export, save an image, save all).
  fileDialogs: 'main',
  // What changes after an action or a finish (a pressed Copy or Check now, a photo done).
  a11y: 'later',
};

function destination(path: string): Destination {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const place = PLACES[parts.slice(0, length).join('.')];
    if (place !== undefined) return place;
  }
  return 'start';
}

type Tree = { readonly [key: string]: unknown };

/** The catalogue's words that belong to `part`, in the catalogue's own shape (empty groups left out). */
export function cataloguePart(messages: Tree, part: CataloguePart, prefix = ''): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix + key;
    if (typeof value === 'object' && value !== null) {
      const inner = cataloguePart(value as Tree, part, `${path}.`);
      if (Object.keys(inner).length > 0) picked[key] = inner;
    } else if (destination(path) === part) {
      picked[key] = value;
    }
  }
  return picked;
}

/**
 * Two parts of one catalogue made one, key by key. A message compiled at build time is itself an
 * object (vue-i18n's AST, with a `t` type field), so the walk stops at messages, never merging
 * into one.
 */
export function mergeParts(into: Tree, from: Tree): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const old = merged[key];
    merged[key] = isGroup(old) && isGroup(value) ? mergeParts(old, value) : value;
  }
  return merged;
}

function isGroup(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('t' in value);
}
