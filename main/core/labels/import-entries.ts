// An import is a paste with labels: its IDs are judged by the paste's own rules (photo-ids.ts),
// and each ID's label and note are applied once the photos are on the list.
import type { ImportEntry, PhotoLabels, RejectedLine, WatchItem } from '../../../preload/api';
import { classifyPhotoIds, type ParsedPhotoIds } from '../watchlist/photo-ids';
import { checkLabels, withLabels } from './label-rules';

export interface ImportPlan {
  parsed: ParsedPhotoIds;
  /** The labels each ID came with (its first entry's), tidied; IDs without any are absent. */
  labels: Map<string, PhotoLabels>;
  /** Where an ID first appears in the file, for a line the report must add (the saved key). */
  positionOf(photoId: string): number;
}

export function planImport(entries: readonly ImportEntry[], isWatched: (photoId: string) => boolean, room: number): ImportPlan {
  const parsed = classifyPhotoIds(
    entries.map((entry) => ({ raw: entry.photoId, position: entry.position })),
    isWatched,
    room,
  );
  const labels = new Map<string, PhotoLabels>();
  const positions = new Map<string, number>();
  for (const entry of entries) {
    if (positions.has(entry.photoId)) continue;
    positions.set(entry.photoId, entry.position);
    // Checked already at the door (command-args.ts); this only tidies and drops empty fields.
    const checked = checkLabels({ label: entry.label, note: entry.note });
    if (!checked.ok) continue;
    const kept: PhotoLabels = {};
    if (checked.value.label) kept.label = checked.value.label;
    if (checked.value.note) kept.note = checked.value.note;
    if (kept.label !== undefined || kept.note !== undefined) labels.set(entry.photoId, kept);
  }
  return { parsed, labels, positionOf: (photoId) => positions.get(photoId) ?? 1 };
}

/**
 * Labels for the photos this import added, and for those already watched: a field the photo
 * already has stays as it is (the user set it; an old spreadsheet must not overwrite it), an
 * empty one takes the import's. The report line of a watched photo says which happened.
 */
export function applyImportLabels(plan: ImportPlan, relabel: (photoId: string, change: (item: WatchItem) => WatchItem) => void): void {
  for (const photoId of plan.parsed.added) {
    const labels = plan.labels.get(photoId);
    if (labels) relabel(photoId, (item) => withLabels(item, labels));
  }
  for (const line of plan.parsed.rejected) {
    if (line.reason !== 'already-watched') continue;
    const labels = plan.labels.get(line.value);
    if (labels) relabel(line.value, (item) => mergeInto(item, labels, line));
  }
}

function mergeInto(item: WatchItem, labels: PhotoLabels, line: RejectedLine): WatchItem {
  const fill: PhotoLabels = {};
  let kept = false;
  for (const field of ['label', 'note'] as const) {
    const incoming = labels[field];
    if (incoming === undefined || incoming === item[field]) continue;
    if (item[field] === undefined) fill[field] = incoming;
    else kept = true;
  }
  const filled = fill.label !== undefined || fill.note !== undefined;
  if (kept) line.labels = 'kept';
  else if (filled) line.labels = 'applied';
  return filled ? withLabels(item, fill) : item;
}
