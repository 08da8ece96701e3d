// The hosts receive commands from a renderer they do not fully trust (a compromised page,
// a stray WebSocket client): every argument is checked for type and size before the core sees it.
import type { CommandName, Result } from '../../preload/api';
import { PHOTO_ID_MAX_LENGTH } from '../../preload/api';

/** Far beyond any real paste (10,000 IDs of 128 characters is 1.3 MB) but bounded. */
export const MAX_PASTE_CHARS = 5_000_000;
export const MAX_KEY_CHARS = 512;
export const MAX_URL_CHARS = 4_096;

type ArgSpec = readonly { name: string; max: number }[];

const SPECS: Record<CommandName, ArgSpec> = {
  getSnapshot: [],
  saveApiKey: [{ name: 'API key', max: MAX_KEY_CHARS }],
  removeApiKey: [],
  refreshAccount: [],
  addPhotos: [{ name: 'pasted text', max: MAX_PASTE_CHARS }],
  removePhoto: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }],
  checkNow: [{ name: 'photo ID', max: PHOTO_ID_MAX_LENGTH }],
  dismissNotice: [{ name: 'notice ID', max: 200 }],
  openImage: [{ name: 'link', max: MAX_URL_CHARS }],
};

export function checkCommandArgs(command: CommandName, args: readonly unknown[]): Result<string[]> {
  const spec = SPECS[command];
  if (args.length !== spec.length) {
    return invalid(`${command} takes ${spec.length} argument(s), got ${args.length}.`);
  }
  const checked: string[] = [];
  for (const [index, { name, max }] of spec.entries()) {
    const value = args[index];
    if (typeof value !== 'string') return invalid(`The ${name} must be text.`);
    if (value.length > max) {
      return invalid(`The ${name} is too long (${value.length.toLocaleString('en')} characters; the limit is ${max.toLocaleString('en')}).`);
    }
    checked.push(value);
  }
  return { ok: true, value: checked };
}

function invalid(message: string): Result<string[]> {
  return { ok: false, error: { kind: 'invalid-input', message } };
}
