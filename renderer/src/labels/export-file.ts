// The export's content, built once here for both hosts (the Electron shell saves it through a
// dialog, the preview's page downloads it). Times are ISO 8601 in UTC, so any tool reads them.
import type { WatchItem } from '../../../preload/api';
import { toCsv } from './csv';

export type ExportFormat = 'csv' | 'json';

/** The columns, in order; the import reads them back by name (photo_id, label, note). */
export const EXPORT_COLUMNS = ['photo_id', 'label', 'note', 'status', 'added_at', 'finished_at', 'failure_reason', 'image_urls'] as const;

/** Marks this app's own JSON export, so an import knows its shape. */
export const EXPORT_FORMAT_NAME = 'avatar-watch-photos';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function exportRecord(item: WatchItem) {
  return {
    photoId: item.photoId,
    label: item.label ?? '',
    note: item.note ?? '',
    status: item.status,
    addedAt: iso(item.addedAt),
    finishedAt: iso(item.finishedAt),
    failureReason: item.failureMessage,
    imageUrls: item.imageUrls,
  };
}

/** A file name with the date, e.g. avatar-watch-photos-2026-11-29.csv (no colons: Windows). */
export function exportFileName(format: ExportFormat, now: number): string {
  return `${EXPORT_FORMAT_NAME}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

export function buildExport(items: readonly WatchItem[], format: ExportFormat, now: number): { fileName: string; content: string } {
  const fileName = exportFileName(format, now);
  if (format === 'json') {
    const content = JSON.stringify({ format: EXPORT_FORMAT_NAME, version: 1, exportedAt: iso(now), photos: items.map(exportRecord) }, null, 2);
    return { fileName, content: `${content}\n` };
  }
  const rows = items.map((item) => {
    const r = exportRecord(item);
    // Several links in one cell, one per line: a spreadsheet shows them stacked, an import splits them.
    return [r.photoId, r.label, r.note, r.status, r.addedAt ?? '', r.finishedAt ?? '', r.failureReason ?? '', r.imageUrls.join('\n')];
  });
  // A byte-order mark: without it Excel reads UTF-8 as the local code page and mangles any label
  // outside ASCII (a customer's name in Chinese).
  return { fileName, content: `\uFEFF${toCsv([[...EXPORT_COLUMNS], ...rows])}` };
}
