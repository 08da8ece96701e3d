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
 * Each distinct label's place in A-to-Z order. Comparing by the collator is slow (tens of ms for
 * thousands of strings), and this order is rebuilt on every patch while "By label" is on, so the
 * ranks are kept and reused as long as no new label has appeared.
 */
let rankOf = new Map<string, number>();
function ranks(labels: Iterable<string>, count: number): Map<string, number> {
  const known = rankOf;
  let fresh = count !== known.size;
  if (!fresh) for (const label of labels) if (!known.has(label)) fresh = true;
  if (!fresh) return known;
  rankOf = new Map(Array.from(labels).sort(collator.compare).map((label, i) => [label, i]));
  return rankOf;
}

/**
 * Labelled photos by label, then the unlabelled ones in the list's own order (newest added
 * first). Photos sharing a label keep that order too. Only the distinct labels are sorted.
 */
export function byLabel(newestFirst: readonly WatchItem[]): WatchItem[] {
  const groups = new Map<string, WatchItem[]>();
  const rest: WatchItem[] = [];
  for (const item of newestFirst) {
    const label = item.label;
    if (label === undefined) rest.push(item);
    else if (groups.has(label)) groups.get(label)!.push(item);
    else groups.set(label, [item]);
  }
  const rank = ranks(groups.keys(), groups.size);
  // Placed by rank, no comparisons: ranks are distinct and at most as many as the labels known.
  const byRank = new Array<WatchItem[] | undefined>(rank.size);
  for (const [label, members] of groups) byRank[rank.get(label)!] = members;
  const result: WatchItem[] = [];
  for (const members of byRank) if (members) for (const item of members) result.push(item);
  for (const item of rest) result.push(item);
  return result;
}
