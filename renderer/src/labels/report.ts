// What an import reports: main's answer (the paste's report) with the rows the window refused
// before sending, in file order, so the user sees one list, line by line.
import type { AddPhotosResult, RejectedLine } from '../../../preload/api';

/** Why the window itself refused a row of a file (main's reasons are RejectedLine's). */
export type FileRowReason = 'no-id' | 'not-text' | 'bad-entry' | 'unclosed-quote' | 'label-too-long' | 'note-too-long' | 'label-bad-characters' | 'note-bad-characters';

export interface FileRejectedLine {
  position: number;
  value: string;
  reason: FileRowReason;
  labels?: undefined;
}

export type ReportLine = RejectedLine | FileRejectedLine;

export interface ImportReport extends Omit<AddPhotosResult, 'rejected'> {
  rejected: ReportLine[];
}

/** Where a report's positions point: a CSV's lines, or a JSON array's (or a paste's) entries. */
export type PositionUnit = 'line' | 'entry';

/** Which file a report is about, for its wording ("Line 4", "fix it in the file"). */
export interface FileSource {
  name: string;
  unit: PositionUnit;
}

const FILE_REASONS: ReadonlySet<string> = new Set<FileRowReason>(['no-id', 'not-text', 'bad-entry', 'unclosed-quote', 'label-too-long', 'note-too-long', 'label-bad-characters', 'note-bad-characters']);

export function isFileReason(reason: string): reason is FileRowReason {
  return FILE_REASONS.has(reason);
}

export function mergeReport(answer: AddPhotosResult, refused: readonly FileRejectedLine[]): ImportReport {
  if (refused.length === 0) return answer;
  return { ...answer, rejected: [...refused, ...answer.rejected].sort((a, b) => a.position - b.position) };
}
