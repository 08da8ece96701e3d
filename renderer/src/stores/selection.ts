// Which rows the user chose, by photo ID, and which row holds the list's one Tab stop. Kept
// apart from the list's order: a range (Shift-click, Shift+arrow) is read from the rows as shown
// now, so it follows filters and sorting. Photos that leave the list leave the selection too.
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useWatchlistStore } from './watchlist';

export const useSelectionStore = defineStore('selection', () => {
  const watchlist = useWatchlistStore();
  /** Replaced, never mutated, so views follow it. */
  const selected = shallowRef<ReadonlySet<string>>(new Set());
  /** Where the next Shift range starts: the last row clicked or toggled. */
  const anchor = shallowRef<string | null>(null);
  /** The row with tabindex 0 (roving focus). */
  const active = shallowRef<string | null>(null);
  const size = computed(() => selected.value.size);

  function isSelected(photoId: string): boolean {
    return selected.value.has(photoId);
  }

  function set(next: Set<string>) {
    selected.value = next;
  }

  function toggle(photoId: string) {
    const next = new Set(selected.value);
    if (!next.delete(photoId)) next.add(photoId);
    anchor.value = photoId;
    set(next);
  }

  /** The rows from the anchor to `photoId`, as `shown` orders them, join the selection. */
  function selectRange(photoId: string, shown: readonly { photoId: string }[]) {
    const from = anchor.value === null ? -1 : shown.findIndex((item) => item.photoId === anchor.value);
    const to = shown.findIndex((item) => item.photoId === photoId);
    if (to < 0) return;
    if (from < 0) {
      toggle(photoId);
      return;
    }
    const next = new Set(selected.value);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) next.add(shown[i]!.photoId);
    set(next);
  }

  function selectAll(shown: readonly { photoId: string }[]) {
    set(new Set(shown.map((item) => item.photoId)));
  }

  function clear() {
    if (selected.value.size > 0) set(new Set());
  }

  /** Every selected ID, also of rows a filter hides now: "3 selected" means those three. */
  function ids(): string[] {
    return [...selected.value];
  }

  // Removed (here, in another window, or by main): forgotten, so "3 selected" never counts ghosts.
  // (An anchor or active row that went is harmless: both fall back when not shown.)
  watch(
    () => watchlist.items,
    () => {
      if (selected.value.size === 0) return;
      const kept = new Set([...selected.value].filter((id) => watchlist.getItem(id) !== undefined));
      if (kept.size !== selected.value.size) set(kept);
    },
  );

  return { selected, anchor, active, size, isSelected, toggle, selectRange, selectAll, clear, ids };
});
