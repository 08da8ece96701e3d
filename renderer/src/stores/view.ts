// What the user chose to see in the list: status filters, a search, an order. Kept in
// localStorage (the same in the Electron window and the preview), and read back with care:
// anything this version does not know is dropped, never trusted.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { DisplayState } from './row-state';
import { DEFAULT_SORT, filterItems, isDisplayState, isSortKey, normalizeQuery, orderItems, type SortKey } from './list-view';
import { useWatchlistStore } from './watchlist';

export const VIEW_STORAGE_KEY = 'avatar-watch.list-view';
/** Longer than any photo ID; a stored search beyond this is not one the user typed here. */
const MAX_STORED_QUERY = 200;
/** A search is kept this long after the last keystroke. */
const SAVE_QUERY_AFTER_MS = 400;
/** One pending write for the page: any later write replaces it (there is one view to keep). */
let pendingSave: { timer: ReturnType<typeof setTimeout>; write: () => void } | null = null;
function dropPendingSave() {
  if (pendingSave !== null) clearTimeout(pendingSave.timer);
  pendingSave = null;
}
// The window goes away mid-typing: what was typed is kept now.
globalThis.addEventListener?.('pagehide', () => pendingSave?.write());

interface StoredView {
  states: DisplayState[];
  query: string;
  sort: SortKey;
}

export function readStoredView(storage: Pick<Storage, 'getItem'> | undefined): StoredView {
  const fallback: StoredView = { states: [], query: '', sort: DEFAULT_SORT };
  let parsed: unknown;
  try {
    const raw = storage?.getItem(VIEW_STORAGE_KEY);
    if (raw == null) return fallback;
    parsed = JSON.parse(raw);
  } catch {
    // Storage off (private mode) or damaged: start from the default view.
    return fallback;
  }
  if (typeof parsed !== 'object' || parsed === null) return fallback;
  const record = parsed as Record<string, unknown>;
  const states = Array.isArray(record.states) ? [...new Set(record.states.filter(isDisplayState))] : [];
  const query = typeof record.query === 'string' && record.query.length <= MAX_STORED_QUERY ? record.query : '';
  const sort = isSortKey(record.sort) ? record.sort : DEFAULT_SORT;
  return { states, query, sort };
}

function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export const useViewStore = defineStore('view', () => {
  const watchlist = useWatchlistStore();
  const stored = readStoredView(browserStorage());

  const states = ref<readonly DisplayState[]>(stored.states);
  /** As typed, so the box shows exactly what the user wrote. */
  const query = ref(stored.query);
  const sort = ref<SortKey>(stored.sort);

  /**
   * The photos of a clicked summary notification, shown alone until "Show all". Not kept across a
   * restart: it answers one click, it is not a view the user chose.
   */
  const fromNotification = ref<ReadonlySet<string> | null>(null);

  const stateSet = computed(() => new Set(states.value));
  const normalizedQuery = computed(() => normalizeQuery(query.value));
  const filtering = computed(() => states.value.length > 0 || normalizedQuery.value !== '' || fromNotification.value !== null);

  // Rebuilt only when the items, the order or the row context change; not on a keystroke.
  const ordered = computed(() => orderItems(watchlist.items, sort.value, watchlist.rowContext));
  const shown = computed(() => filterItems(ordered.value, { states: stateSet.value, query: normalizedQuery.value, context: watchlist.rowContext, only: fromNotification.value }));

  // Lazy: built only when something asks where a row is (focus, removal), not per keystroke.
  const position = computed(() => {
    const map = new Map<string, number>();
    shown.value.forEach((item, i) => map.set(item.photoId, i));
    return map;
  });

  function indexOf(photoId: string): number {
    if (!filtering.value && sort.value === DEFAULT_SORT) return watchlist.indexOf(photoId);
    return position.value.get(photoId) ?? -1;
  }

  function isOn(state: DisplayState): boolean {
    return stateSet.value.has(state);
  }

  function toggle(state: DisplayState) {
    states.value = isOn(state) ? states.value.filter((s) => s !== state) : [...states.value, state];
  }

  function setQuery(text: string) {
    query.value = text;
  }

  function setSort(key: SortKey) {
    sort.value = key;
  }

  /** Shows every photo again; the order stays, it hides nothing. */
  function clearFilters() {
    states.value = [];
    query.value = '';
    fromNotification.value = null;
  }

  /** Exactly these photos, whatever else was filtered: the user asked to see what they were told of. */
  function showOnly(photoIds: readonly string[]) {
    states.value = [];
    query.value = '';
    fromNotification.value = new Set(photoIds);
  }

  function showAllFromNotification() {
    fromNotification.value = null;
  }

  /** A click on a summary notification (either host) opens the list filtered to its photos. */
  function followNotifications(api: Pick<Window['avatarWatch'], 'onFocusItems'>): () => void {
    return api.onFocusItems((photoIds) => showOnly(photoIds));
  }

  function save() {
    dropPendingSave();
    const view: StoredView = { states: [...states.value], query: query.value.slice(0, MAX_STORED_QUERY), sort: sort.value };
    try {
      browserStorage()?.setItem(VIEW_STORAGE_KEY, JSON.stringify(view));
    } catch {
      // Storage full or off: the choice holds for this session only.
    }
  }
  // A chip or an order is one click: kept at once. A search is typed: kept once typing pauses
  // (localStorage writes block the page), and at once when the window goes away.
  watch([states, sort], save);
  watch(query, () => {
    dropPendingSave();
    pendingSave = { timer: setTimeout(save, SAVE_QUERY_AFTER_MS), write: save };
  });

  return { states, query, sort, filtering, shown, indexOf, isOn, toggle, setQuery, setSort, clearFilters, fromNotification, showOnly, showAllFromNotification, followNotifications };
});
