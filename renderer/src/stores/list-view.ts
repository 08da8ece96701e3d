// Which photos the list shows and in what order, as plain functions so they can be measured and
// tested without a window. The work is split by how often it runs: an order is built when the
// items change (at most one sort), and a keystroke in the search box or a chip toggle costs one
// O(n) pass over that ready order, never a sort.
import type { WatchItem } from '../../../preload/api';
import { DISPLAY_STATES, displayState, isFinished, type DisplayState, type RowContext } from './row-state';
import { LABEL_SORT_KEYS, byLabel, labelSearchText } from '../labels/label-order';

export const SORT_KEYS = ['added-newest', 'added-oldest', 'finished', 'status', ...LABEL_SORT_KEYS] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT: SortKey = 'added-newest';

export function isSortKey(value: unknown): value is SortKey {
  return typeof value === 'string' && (SORT_KEYS as readonly string[]).includes(value);
}

export function isDisplayState(value: unknown): value is DisplayState {
  return typeof value === 'string' && (DISPLAY_STATES as readonly string[]).includes(value);
}

// Items are replaced, never mutated, on every patch, so the lower-cased text can be kept per object.
const searchTexts = new WeakMap<WatchItem, string>();

/**
 * What a search matches against, lower-cased. The hook for labels and notes: once a photo has
 * them, they join the ID here and every search finds them.
 */
export function searchTextOf(item: WatchItem): string {
  let text = searchTexts.get(item);
  if (text === undefined) {
    text = labelSearchText(item, item.photoId.toLowerCase());
    searchTexts.set(item, text);
  }
  return text;
}

/** Case-insensitive; spaces around what was typed (often from a paste) do not count. */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/**
 * `newestFirst` is the watchlist's own order (newest added first), so that order is free, "status"
 * is one bucket pass, and only "oldest" and "finished" sort (the latter only its finished part).
 */
export function orderItems(newestFirst: readonly WatchItem[], sort: SortKey, context: RowContext): readonly WatchItem[] {
  switch (sort) {
    case 'added-newest':
      return newestFirst;
    case 'added-oldest':
      // Not a reverse: IDs from one paste share a time and keep the order they were pasted in.
      return newestFirst.slice().sort((a, b) => a.addedAt - b.addedAt);
    case 'finished':
      return recentlyFinishedFirst(newestFirst);
    case 'status':
      return byStatus(newestFirst, context);
    // labels
    case 'label':
      return byLabel(newestFirst);
  }
}

/** Finished photos, most recently finished first, then the unfinished ones, newest added first. */
function recentlyFinishedFirst(newestFirst: readonly WatchItem[]): WatchItem[] {
  const finished: WatchItem[] = [];
  const unfinished: WatchItem[] = [];
  for (const item of newestFirst) (isFinished(item) && item.finishedAt !== null ? finished : unfinished).push(item);
  // Sort keys read once into a typed array: comparing numbers there is several times faster than
  // reading two objects' fields per comparison (this runs on every patch while this order is on).
  // Ties broken by position, so equal finishing times keep the newest-added-first order.
  const keys = new Float64Array(finished.length);
  finished.forEach((item, i) => (keys[i] = item.finishedAt ?? 0));
  const order = Uint32Array.from(finished.keys()).sort((a, b) => keys[b]! - keys[a]! || a - b);
  const result: WatchItem[] = new Array<WatchItem>(newestFirst.length);
  order.forEach((from, i) => (result[i] = finished[from]!));
  unfinished.forEach((item, i) => (result[finished.length + i] = item));
  return result;
}

/** In the summary bar's order of states, newest added first within each: a bucket pass, no sort. */
function byStatus(newestFirst: readonly WatchItem[], context: RowContext): WatchItem[] {
  const buckets = new Map<DisplayState, WatchItem[]>(DISPLAY_STATES.map((state) => [state, []]));
  for (const item of newestFirst) buckets.get(displayState(item, context))!.push(item);
  return DISPLAY_STATES.flatMap((state) => buckets.get(state)!);
}

export interface ViewFilter {
  /** Display states to show; empty means every state. */
  states: ReadonlySet<DisplayState>;
  /** Already normalized (see normalizeQuery); empty means no search. */
  query: string;
  context: RowContext;
  /** Only these photos (a clicked summary notification's); absent or null means every photo. */
  only?: ReadonlySet<string> | null;
}

export function filterItems(ordered: readonly WatchItem[], filter: ViewFilter): readonly WatchItem[] {
  const { states, query, context } = filter;
  const only = filter.only ?? null;
  if (states.size === 0 && query === '' && only === null) return ordered;
  const result: WatchItem[] = [];
  for (const item of ordered) {
    if (only !== null && !only.has(item.photoId)) continue;
    if (states.size > 0 && !states.has(displayState(item, context))) continue;
    if (query !== '' && !searchTextOf(item).includes(query)) continue;
    result.push(item);
  }
  return result;
}
