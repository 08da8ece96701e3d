// What "Import from a file" does once a file is chosen, loaded with the importer on first use:
// refuse a file larger than a paste may be (before reading it, so nothing is half-added), read
// it as text, parse it, and send it through the paste's add path; one report by line comes back.
import { MAX_PASTE_BYTES, type AddPhotosResult } from '../../../preload/api';
import type { Translate } from '../i18n';
import { megabytes } from '../format/paste-size';
import { count } from '../format/numbers';
import { importPhotos } from './commands';
import { parseImportFile } from './import-file';
import { mergeReport, type FileSource, type ImportReport } from './report';

export type ImportOutcome = { report: ImportReport; source: FileSource } | { failed: string };

export async function importFile(file: File, t: Translate, addPhotos: (text: string) => Promise<AddPhotosResult>): Promise<ImportOutcome> {
  const name = file.name;
  if (file.size > MAX_PASTE_BYTES) return { failed: t('labels.import.tooBig', { name, size: megabytes(file.size), max: megabytes(MAX_PASTE_BYTES) }) };
  let text: string;
  try {
    text = await file.text();
  } catch (cause) {
    return { failed: t('labels.import.unreadable', { name, reason: cause instanceof Error ? cause.message : String(cause) }) };
  }
  const parsed = parseImportFile(name, text);
  if (parsed.kind === 'refused') {
    const problem = parsed.problem;
    const numbers = problem.code === 'too-many' ? { count: count(problem.count), max: count(problem.max) } : {};
    return { failed: t(`labels.import.${problem.code}`, { name, ...problem, ...numbers }) };
  }
  if (parsed.kind === 'text') return { report: await addPhotos(parsed.text), source: { name, unit: 'entry' } };
  const answer = parsed.entries.length > 0 ? await importPhotos(parsed.entries) : { added: [], rejected: [], rejectedNotListed: 0 };
  return { report: mergeReport(answer, parsed.rejected), source: { name, unit: parsed.unit } };
}
