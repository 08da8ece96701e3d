// The door for labels, imports and exports: what a renderer (trusted or not) sends is checked for
// shape and size before the core sees it, and copied, so nothing else it carried gets through.
import type { ImportEntry, PhotoLabels } from '../../../preload/api';
import { MAX_EXPORT_BYTES, MAX_PASTE_BYTES, MAX_PASTE_IDS } from '../../../preload/api';
import { checkLabels } from './label-rules';

export type LabelArgKind = 'labels' | 'import' | 'export-text';

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkLabelArg(kind: LabelArgKind, name: string, value: unknown): Checked<PhotoLabels | ImportEntry[] | string> {
  switch (kind) {
    case 'labels':
      return checkLabelsArg(name, value);
    case 'import':
      return checkImportArg(name, value);
    case 'export-text':
      if (typeof value !== 'string') return { ok: false, message: `The ${name} must be text.` };
      if (value.length > MAX_EXPORT_BYTES) return { ok: false, message: `The ${name} is larger than ${MAX_EXPORT_BYTES} characters.` };
      return { ok: true, value };
  }
}

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkLabelsArg(name: string, value: unknown): Checked<PhotoLabels> {
  if (!plainObject(value)) return { ok: false, message: `The ${name} must be an object with a label and/or a note.` };
  const copy: PhotoLabels = {};
  for (const [field, text] of Object.entries(value)) {
    if ((field !== 'label' && field !== 'note') || typeof text !== 'string') return { ok: false, message: `The ${name} may hold only a label and a note, each text.` };
    copy[field] = text;
  }
  // Lengths and characters are the service's to judge, with a code the window words.
  return { ok: true, value: copy };
}

/**
 * An import as the window parsed it: at most MAX_PASTE_IDS entries (the window sends no more, as
 * a paste) and, all text together, at most MAX_PASTE_BYTES (the file it came from was no larger).
 * Labels must already be good: the window reports bad ones line by line and never sends them.
 */
function checkImportArg(name: string, value: unknown): Checked<ImportEntry[]> {
  if (!Array.isArray(value)) return { ok: false, message: `The ${name} must be a list of entries.` };
  if (value.length > MAX_PASTE_IDS) return { ok: false, message: `The ${name} holds ${value.length} entries; at most ${MAX_PASTE_IDS} are read at once.` };
  const entries: ImportEntry[] = [];
  let chars = 0;
  for (const [index, raw] of value.entries()) {
    const bad = (why: string): Checked<ImportEntry[]> => ({ ok: false, message: `Entry ${index + 1} of the ${name} ${why}.` });
    if (!plainObject(raw)) return bad('is not an object');
    const { photoId, position, label, note } = raw;
    if (typeof photoId !== 'string') return bad('has no photo ID');
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 1) return bad('has no valid position');
    if ((label !== undefined && typeof label !== 'string') || (note !== undefined && typeof note !== 'string')) return bad('has a label or note that is not text');
    const labels = checkLabels({ ...(label === undefined ? {} : { label }), ...(note === undefined ? {} : { note }) });
    if (!labels.ok) return bad('has a label or note that is too long or holds control characters');
    chars += photoId.length + (label?.length ?? 0) + (note?.length ?? 0);
    if (chars > MAX_PASTE_BYTES) return { ok: false, message: `The ${name} is larger than one paste may be (${MAX_PASTE_BYTES} characters).` };
    entries.push({ photoId, position, ...(label === undefined ? {} : { label }), ...(note === undefined ? {} : { note }) });
  }
  return { ok: true, value: entries };
}

