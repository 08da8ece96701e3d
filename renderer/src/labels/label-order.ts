// What labels add to finding and ordering the list (stores/list-view.ts): they join the text a
// search matches, and "By label" orders labelled photos A to Z, the rest after them.
import type { WatchItem } from '../../../preload/api';

export const LABEL_SORT_KEYS = ['label'] as const;

/** The ID (already lower-cased), then the label and note, lower-cased, on lines of their own. */
export function labelSearchText(item: WatchItem, lowerId: string): string {
  if (item.label === undefined && item.note === undefined) return lowerId;
  return `${lowerId}\n${(item.label ?? '').toLowerCase()}\n${(item.note ?? '').toLowerCase()}`;
}

// Numbers in labels compare as numbers ("Batch 2" before "Batch 10"); case and accents do not count.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Labelled photos by label, then the unlabelled ones in the list's own order (newest added first).
 * Ties keep newest first too. Only the labelled part is sorted, by index over a key array.
 */
export function byLabel(newestFirst: readonly WatchItem[]): WatchItem[] {
  const labelled: WatchItem[] = [];
  const rest: WatchItem[] = [];
  for (const item of newestFirst) (item.label === undefined ? rest : labelled).push(item);
  const keys = labelled.map((item) => item.label!);
  const order = Array.from(labelled.keys()).sort((a, b) => collator.compare(keys[a]!, keys[b]!) || a - b);
  return [...order.map((i) => labelled[i]!), ...rest];
}
