// A file picked for import, read as text in the window (the same code in Electron and in the
// preview), turned into what main adds: plain text goes as a paste, CSV and JSON as entries with
// labels. Rows the window can already tell are bad are reported here with their line; main
// judges the IDs themselves by the paste's rules.
import type { ImportEntry, LabelField } from '../../../preload/api';
import { LABEL_BAD_CHARACTERS, MAX_LABEL_CHARS, MAX_NOTE_CHARS, MAX_PASTE_IDS, NOTE_BAD_CHARACTERS } from '../../../preload/api';
import { parseCsv, unguardCell, type CsvRecord } from './csv';
import { EXPORT_FORMAT_NAME } from './export-file';

import type { FileRejectedLine, FileRowReason, PositionUnit } from './report';

export type ImportProblem =
  | { code: 'not-json'; detail: string }
  | { code: 'json-shape' }
  | { code: 'no-id-column'; columns: string }
  | { code: 'too-many'; count: number; max: number }
  | { code: 'nothing' };

export type ParsedImport =
  | { kind: 'text'; text: string }
  | { kind: 'entries'; entries: ImportEntry[]; rejected: FileRejectedLine[]; unit: PositionUnit }
  | { kind: 'refused'; problem: ImportProblem };

const ID_COLUMNS = ['photo_id', 'photoid', 'photo id', 'photo-id', 'id'];
const LABEL_COLUMNS = ['label', 'labels'];
const NOTE_COLUMNS = ['note', 'notes'];

export function parseImportFile(fileName: string, text: string): ParsedImport {
  const name = fileName.toLowerCase();
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.trimStart()[0];
  if (name.endsWith('.json') || ((start === '[' || start === '{') && !name.endsWith('.csv'))) return capped(fromJson(body));
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return capped(fromCsv(body));
  // Plain text is a paste: main splits and judges it exactly as it judges the box.
  return { kind: 'text', text: body };
}

/** A file over the paste cap is refused whole: nothing of it is half-added. */
function capped(parsed: ParsedImport): ParsedImport {
  if (parsed.kind !== 'entries') return parsed;
  const count = parsed.entries.length + parsed.rejected.length;
  if (count > MAX_PASTE_IDS) return { kind: 'refused', problem: { code: 'too-many', count, max: MAX_PASTE_IDS } };
  if (count === 0) return { kind: 'refused', problem: { code: 'nothing' } };
  return parsed;
}

const FIELDS: Record<LabelField, { max: number; bad: RegExp }> = {
  label: { max: MAX_LABEL_CHARS, bad: LABEL_BAD_CHARACTERS },
  note: { max: MAX_NOTE_CHARS, bad: NOTE_BAD_CHARACTERS },
};

/** The field as main keeps it (trimmed, CRLF as LF), or why the row cannot go. */
export function tidyField(field: LabelField, raw: string): { ok: true; value: string } | { ok: false; reason: FileRowReason } {
  const value = (field === 'note' ? raw.replace(/\r\n?/gu, '\n') : raw).trim();
  if (value.length > FIELDS[field].max) return { ok: false, reason: `${field}-too-long` };
  if (FIELDS[field].bad.test(value)) return { ok: false, reason: `${field}-bad-characters` };
  return { ok: true, value };
}

function collect(): { entries: ImportEntry[]; rejected: FileRejectedLine[]; add: (position: number, id: string, label?: string, note?: string) => void } {
  const entries: ImportEntry[] = [];
  const rejected: FileRejectedLine[] = [];
  const add = (position: number, id: string, label?: string, note?: string) => {
    const photoId = id.trim();
    if (photoId === '') return void rejected.push({ position, value: label ?? '', reason: 'no-id' });
    const entry: ImportEntry = { photoId, position };
    for (const [field, raw] of [['label', label], ['note', note]] as const) {
      if (raw === undefined) continue;
      const tidy = tidyField(field, raw);
      if (!tidy.ok) return void rejected.push({ position, value: photoId, reason: tidy.reason });
      if (tidy.value !== '') entry[field] = tidy.value;
    }
    entries.push(entry);
  };
  return { entries, rejected, add };
}

function fromCsv(text: string): ParsedImport {
  const records = parseCsv(text);
  const first = records[0];
  if (first === undefined) return { kind: 'refused', problem: { code: 'nothing' } };
  const header = first.cells.map((cell) => cell.trim().toLowerCase());
  const column = (names: string[]) => header.findIndex((cell) => names.includes(cell));
  const found = column(ID_COLUMNS);
  // No header: a one-column file is a list of IDs; more columns need a header naming the ID's.
  const headerless = found < 0;
  if (headerless && first.cells.length > 1) return { kind: 'refused', problem: { code: 'no-id-column', columns: first.cells.slice(0, 6).join(', ') } };
  const id = headerless ? 0 : found;
  const rows: CsvRecord[] = headerless ? records : records.slice(1);
  const label = headerless ? -1 : column(LABEL_COLUMNS);
  const note = headerless ? -1 : column(NOTE_COLUMNS);
  const out = collect();
  for (const record of rows) {
    const cell = (at: number) => (at < 0 ? undefined : unguardCell(record.cells[at] ?? ''));
    if (record.unclosed) {
      out.rejected.push({ position: record.line, value: (record.cells[id] ?? '').slice(0, 80), reason: 'unclosed-quote' });
      continue;
    }
    out.add(record.line, cell(id) ?? '', cell(label), cell(note));
  }
  return { kind: 'entries', entries: out.entries, rejected: out.rejected, unit: 'line' };
}

function fromJson(text: string): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'refused', problem: { code: 'not-json', detail: (error as Error).message } };
  }
  // This app's own export, or any object holding the list under `photos`.
  const list = Array.isArray(json) ? json : isRecord(json) && (json.format === EXPORT_FORMAT_NAME || Array.isArray(json.photos)) ? json.photos : null;
  if (!Array.isArray(list)) return { kind: 'refused', problem: { code: 'json-shape' } };
  const out = collect();
  list.forEach((value: unknown, index) => {
    const position = index + 1;
    if (typeof value === 'string') return out.add(position, value);
    if (!isRecord(value)) return void out.rejected.push({ position, value: preview(value), reason: 'bad-entry' });
    const id = value.photoId ?? value.photo_id ?? value.id;
    const { label, note } = value;
    if (id === undefined || id === null || id === '') return void out.rejected.push({ position, value: typeof label === 'string' ? label : '', reason: 'no-id' });
    if (typeof id !== 'string' || (label !== undefined && label !== null && typeof label !== 'string') || (note !== undefined && note !== null && typeof note !== 'string')) {
      return void out.rejected.push({ position, value: preview(id), reason: 'not-text' });
    }
    out.add(position, id, label ?? undefined, note ?? undefined);
  });
  return { kind: 'entries', entries: out.entries, rejected: out.rejected, unit: 'entry' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
