// The hosts receive commands from a renderer they do not fully trust (a compromised page,
// a stray WebSocket client): every argument is checked for type and size before the core sees it.
import type { AppSettingsPatch, CommandName, ImportEntry, KeyPlace, PhotoLabels, Result } from '../../preload/api';
import { checkSettingsPatch } from './settings/user-settings';
import { MAX_IDS_PER_CALL, MAX_PASTE_BYTES, PHOTO_ID_MAX_LENGTH } from '../../preload/api';
import { checkLabelArg, type LabelArgKind } from './labels/label-args';

export const MAX_KEY_CHARS = 512;
export const MAX_URL_CHARS = 4_096;

/**
 * Text up to `max` characters, a paste up to MAX_PASTE_BYTES, a true/false switch, an object of
 * named switches, or one of a few words (`oneOf`; when `optional`, a missing one means the first).
 */
type ArgSpec = readonly (
  | { name: string; max: number }
  | { name: string; kind: 'paste' }
  | { name: string; kind: 'boolean' }
  | { name: string; switches: readonly string[] }
  | { name: string; oneOf: readonly string[]; optional?: true }
  // settings
  | { name: string; kind: 'settings' }
  // selection
  | { name: string; kind: 'ids' }
  // labels
  | { name: string; labelKind: LabelArgKind }
)[];

/** What a checked argument can be; each command's handler gets the types its spec promises. */
export type CheckedArg = string | boolean | Readonly<Record<string, boolean>> | AppSettingsPatch | string[] | PhotoLabels | ImportEntry[];

const SPECS: Record<CommandName, ArgSpec> = {
  getSnapshot: [],
  saveApiKey: [
    { name: 'API key', max: MAX_KEY_CHARS },
    { name: 'place for the key', oneOf: ['keychain', 'session', 'encrypted-file'] satisfies KeyPlace[], optional: true },
  ],
  removeApiKey: [],
  refreshAccount: [],
  addPhotos: [{ name: 'pasted text', kind: 'paste' }],
  removePhoto: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }],
  checkNow: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }],
  dismissNotice: [{ name: 'notice ID', max: 200 }],
  openImage: [{ name: 'link', max: MAX_URL_CHARS }],
  checkAll: [],
  setCheckingPaused: [{ name: 'pause switch', kind: 'boolean' }],
  sendTestNotification: [],
  getDesktopSettings: [],
  setDesktopSettings: [{ name: 'settings change', switches: ['startAtLogin', 'startInMenuBar'] }],
  // settings
  getSettings: [],
  updateSettings: [{ name: 'settings change', kind: 'settings' }],
  // selection
  removePhotos: [{ name: 'photo IDs', kind: 'ids' }],
  restorePhotos: [{ name: 'undo token', max: 200 }],
  checkPhotos: [{ name: 'photo IDs', kind: 'ids' }],
  // labels
  setLabel: [
    { name: 'photo ID', max: PHOTO_ID_MAX_LENGTH },
    { name: 'labels', labelKind: 'labels' },
  ],
  importPhotos: [{ name: 'import', labelKind: 'import' }],
  saveExport: [
    { name: 'file name', max: 255 },
    { name: 'export', labelKind: 'export-text' },
  ],
  // results
  copyImage: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }, { name: 'link', max: MAX_URL_CHARS }],
  saveImage: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }, { name: 'link', max: MAX_URL_CHARS }],
  saveAllImages: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }],
  resultFilesOf: [{ name: 'photo IDs', kind: 'ids' }],
  deleteResultFiles: [{ name: 'photo IDs', kind: 'ids' }],
  deleteUnlistedResultFiles: [],
};

export function checkCommandArgs(command: CommandName, args: readonly unknown[]): Result<CheckedArg[]> {
  const spec = SPECS[command];
  const required = spec.filter((arg) => !('optional' in arg)).length;
  if (args.length < required || args.length > spec.length) {
    const count = required === spec.length ? `${spec.length}` : `${required} to ${spec.length}`;
    return invalid(`${command} takes ${count} argument(s), got ${args.length}.`);
  }
  const checked: CheckedArg[] = [];
  for (const [index, arg] of spec.entries()) {
    const value = args[index];
    if ('labelKind' in arg) {
      const found = checkLabelArg(arg.labelKind, arg.name, value);
      if (!found.ok) return invalid(found.message);
      checked.push(found.value);
      continue;
    }
    if ('switches' in arg) {
      const switches = checkSwitches(value, arg.switches);
      if (switches === null) return invalid(`The ${arg.name} must name only ${arg.switches.join(' or ')}, each true or false.`);
      checked.push(switches);
      continue;
    }
    if ('oneOf' in arg) {
      if (value === undefined && arg.optional) {
        checked.push(arg.oneOf[0]!);
        continue;
      }
      if (typeof value !== 'string' || !arg.oneOf.includes(value)) return invalid(`The ${arg.name} must be one of: ${arg.oneOf.join(', ')}.`);
      checked.push(value);
      continue;
    }
    if ('kind' in arg && arg.kind === 'settings') {
      // Names and values checked as the core checks them: the refusal says which setting.
      const patch = checkSettingsPatch(value);
      if (!patch.ok) return patch;
      checked.push(patch.value);
      continue;
    }
    if ('kind' in arg && arg.kind === 'paste') {
      if (typeof value !== 'string') return invalid(`The ${arg.name} must be text.`);
      const bytes = Buffer.byteLength(value, 'utf8');
      if (bytes > MAX_PASTE_BYTES) return invalid(pasteTooBigMessage(bytes));
      checked.push(value);
      continue;
    }
    if ('kind' in arg && arg.kind === 'ids') {
      const ids = checkIds(value);
      if (ids === null) return invalid(`The ${arg.name} must be a list of at most ${MAX_IDS_PER_CALL.toLocaleString('en')} IDs, each text of at most ${PHOTO_ID_MAX_LENGTH} characters.`);
      checked.push(ids);
      continue;
    }
    if ('kind' in arg) {
      // Only a real boolean: "false" or 0 from a confused caller must not pause or resume anything.
      if (typeof value !== 'boolean') return invalid(`The ${arg.name} must be true or false.`);
      checked.push(value);
      continue;
    }
    const { name, max } = arg;
    if (typeof value !== 'string') return invalid(`The ${name} must be text.`);
    if (value.length > max) {
      return invalid(`The ${name} is too long (${value.length.toLocaleString('en')} characters; the limit is ${max.toLocaleString('en')}).`);
    }
    checked.push(value);
  }
  return { ok: true, value: checked };
}

/**
 * The window's own words for a paste over the limit (en.ts `photos.tooBig`; the core may not
 * import the UI's catalogue, so a test keeps the two equal): a paste refused here reads exactly
 * like one the window refused before sending it.
 */
export function pasteTooBigMessage(bytes: number): string {
  return `The pasted text is ${megabytes(bytes)} MB; one paste can hold at most ${megabytes(MAX_PASTE_BYTES)} MB. Add the photo IDs in smaller parts.`;
}

/**
 * Bytes as MB (10^6) with at most one decimal, rounded up, so a paste one byte over the limit
 * never reads as the limit itself ("5.1 MB", not "5 MB; the limit is 5 MB").
 */
export function megabytes(bytes: number): string {
  return String(Math.ceil(bytes / 100_000) / 10);
}

/**
 * A plain object holding only the named switches, each a real boolean; null otherwise. A fresh
 * copy is returned, so nothing else the caller sent (a prototype, a getter) reaches the handler.
 */
function checkSwitches(value: unknown, names: readonly string[]): Readonly<Record<string, boolean>> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const copy: Record<string, boolean> = {};
  for (const [name, flag] of Object.entries(value)) {
    if (!names.includes(name) || typeof flag !== 'boolean') return null;
    copy[name] = flag;
  }
  return copy;
}

/** A fresh array of short strings, or null: a list of IDs from a page that may not be ours. */
function checkIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_IDS_PER_CALL) return null;
  const ids: string[] = [];
  for (const id of value as unknown[]) {
    if (typeof id !== 'string' || id.length > PHOTO_ID_MAX_LENGTH) return null;
    ids.push(id);
  }
  return ids;
}

function invalid(message: string): Result<CheckedArg[]> {
  return { ok: false, error: { kind: 'invalid-input', message } };
}
