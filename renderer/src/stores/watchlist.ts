// The renderer's live mirror of the tracker: one snapshot at start, then patches.
// Items live in a Map by photo ID plus one array ordered newest first for the list; a patch
// costs O(changed) plus at most one O(n) pass, so one update into 10,000 rows stays cheap.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { MAX_PASTE_BYTES, type AddPhotosResult, type ConnectionState, type LearnedDurations, type LocalCopiesUsage, type Notice, type PauseReason, type Snapshot, type StatePatch, type WatchItem } from '../../../preload/api';
import { isOverBytes, megabytes, utf8Length } from '../format/paste-size';
import { useAccountStore } from './account';
import { DISPLAY_STATES, classify, displayState, isFinished, placeInLine, waitingLine, type DisplayState, type RowContext, type WaitingLine } from './row-state';

export { DISPLAY_STATES, isFinished, type DisplayState } from './row-state';

/**
 * A paste over MAX_PASTE_BYTES, refused before it was sent; the text stays with the caller. The
 * window words it from the catalogue (photos.tooBig); the message is for any other caller.
 */
export class PasteTooBigError extends Error {
  constructor(readonly bytes: number) {
    super(`The pasted text is ${megabytes(bytes)} MB; one paste can hold at most ${megabytes(MAX_PASTE_BYTES)} MB. Add the photo IDs in smaller parts.`);
    this.name = 'PasteTooBigError';
  }
}

/** Until main says otherwise (an older host sends no `connection`), checks are going out. */
export const ONLINE: ConnectionState = { state: 'online', retryAt: null, error: null };

/** Newest first; Array.prototype.sort is stable, so equal times keep the order they came in. */
function newestFirst(a: WatchItem, b: WatchItem): number {
  return b.addedAt - a.addedAt;
}

export const useWatchlistStore = defineStore('watchlist', () => {
  const items = shallowRef<readonly WatchItem[]>([]);
  const pause = ref<PauseReason | null>(null);
  /** The user's own "Pause checking" (tray or banner); can hold together with a key pause. */
  const checkingPaused = ref(false);
  /** Either kind of pause: no check goes out. */
  const held = computed(() => pause.value !== null || checkingPaused.value);
  const connection = ref<ConnectionState>(ONLINE);
  const notices = ref<Notice[]>([]);
  // results
  const localCopies = ref<LocalCopiesUsage | null>(null);
  const loaded = ref(false);
  /** Why the first snapshot could not be had; App.vue words it (i18n/failure-words.ts). */
  const loadError = ref<{ cause: unknown } | null>(null);
  /**
   * The item a notification click asked to bring into view, until the list has shown it (it may
   * come before the list is mounted or loaded). `seq` grows with every request, so the same ID
   * twice still scrolls.
   */
  const focusRequest = ref<{ photoId: string; seq: number } | null>(null);
  let focusSeq = 0;
  /** How long photos usually take, as main learned it (null: not enough finished yet). */
  const durations = shallowRef<LearnedDurations | null>(null);

  // Not reactive on purpose: the array above is what views watch.
  let byId = new Map<string, WatchItem>();
  let position = new Map<string, number>();

  function reindex(list: readonly WatchItem[]) {
    position = new Map();
    list.forEach((item, i) => position.set(item.photoId, i));
  }

  function replaceAll(list: readonly WatchItem[]) {
    byId = new Map();
    for (const item of list) byId.set(item.photoId, item);
    const ordered = [...byId.values()].sort(newestFirst);
    reindex(ordered);
    items.value = ordered;
  }

  function getItem(photoId: string): WatchItem | undefined {
    return byId.get(photoId);
  }

  function applySnapshot(snapshot: Snapshot) {
    replaceAll(snapshot.items);
    pause.value = snapshot.pause;
    checkingPaused.value = snapshot.checkingPaused ?? false;
    connection.value = snapshot.connection ?? ONLINE;
    notices.value = snapshot.notices;
    localCopies.value = snapshot.localCopies ?? null;
    durations.value = snapshot.durations ?? null;
    useAccountStore().apply(snapshot.account);
    loaded.value = true;
    loadError.value = null;
  }

  /**
   * @param guardStale drop upserts older than what the mirror holds (fewer checks); used when
   *   replaying patches that raced the first snapshot.
   */
  function applyPatch(patch: StatePatch, guardStale = false) {
    if (patch.pause !== undefined) pause.value = patch.pause;
    if (patch.checkingPaused !== undefined) checkingPaused.value = patch.checkingPaused;
    // A replaceAll patch is a whole picture, so a missing connection there means online.
    if (patch.connection !== undefined) connection.value = patch.connection;
    else if (patch.replaceAll) connection.value = ONLINE;
    if (patch.notices !== undefined) notices.value = patch.notices;
    if (patch.account !== undefined) useAccountStore().apply(patch.account);
    if (patch.localCopies !== undefined) localCopies.value = patch.localCopies;
    if (patch.durations !== undefined) durations.value = patch.durations;

    if (patch.replaceAll) {
      replaceAll(patch.upserted ?? []);
      return;
    }

    // Copy-on-write: the current array is never mutated, so views see a new one or none.
    let list = items.value as WatchItem[];
    let copied = false;

    const removed = patch.removed ?? [];
    if (removed.length > 0) {
      const gone = new Set(removed.filter((id) => byId.delete(id)));
      if (gone.size > 0) {
        list = list.filter((item) => !gone.has(item.photoId));
        copied = true;
        reindex(list);
      }
    }

    // By ID, so an item sent twice in one patch is still listed once.
    const fresh = new Map<string, WatchItem>();
    let reorder = false;
    for (const item of patch.upserted ?? []) {
      const old = byId.get(item.photoId);
      if (old !== undefined && guardStale && item.checks < old.checks) continue;
      byId.set(item.photoId, item);
      const at = old === undefined ? undefined : position.get(item.photoId);
      if (at === undefined) {
        fresh.set(item.photoId, item);
        continue;
      }
      if (!copied) {
        list = list.slice();
        copied = true;
      }
      list[at] = item;
      if (old !== undefined && old.addedAt !== item.addedAt) reorder = true;
    }

    if (fresh.size > 0 || reorder) {
      // Fresh items go in front, so among equal times the newest paste still leads.
      list = [...fresh.values(), ...list].sort(newestFirst);
      reindex(list);
      copied = true;
    }
    if (copied) items.value = list;
  }

  /** What every row's state depends on besides the item itself. */
  const rowContext = computed<RowContext>(() => ({ held: held.value, offline: connection.value.state === 'offline' }));

  /** Each item's state, classified once per change of the list (the counts and the line share it). */
  const classified = computed(() => classify(items.value, rowContext.value));

  const counts = computed(() => {
    const tally = new Uint32Array(DISPLAY_STATES.length);
    for (const state of classified.value) tally[state]! += 1;
    return Object.fromEntries(DISPLAY_STATES.map((s, i) => [s, tally[i]!])) as Record<DisplayState, number>;
  });

  /** The photos waiting for their first check (lazy: built only while a waiting row is shown). */
  const line = computed(() => waitingLine(items.value, classified.value));
  const waitingCount = computed(() => line.value.size);

  /**
   * Places already counted in the current line: a row asks on every clock tick, and counting is a
   * pass over the whole line, so each place is counted once per line (a new line, a new count).
   */
  let places: { line: WaitingLine; byId: Map<string, number> } | null = null;

  /** A waiting photo's 1-based place in line; null when it is not waiting. */
  function linePlaceOf(photoId: string): number | null {
    const item = byId.get(photoId);
    const at = position.get(photoId);
    if (item === undefined || at === undefined || displayState(item, rowContext.value) !== 'waiting') return null;
    const current = line.value;
    if (places?.line !== current) places = { line: current, byId: new Map() };
    let place = places.byId.get(photoId);
    if (place === undefined) {
      place = placeInLine(current, item, at);
      places.byId.set(photoId, place);
    }
    return place;
  }

  const total = computed(() => items.value.length);

  /** Unfinished photos JoggAI is slow on (past 15 minutes) or seems to have lost (past 24 hours). */
  const lateCounts = computed(() => {
    const result = { takingLong: 0, stale: 0 };
    for (const item of items.value) {
      if (isFinished(item)) continue;
      if (item.lateness === 'taking-long') result.takingLong += 1;
      else if (item.lateness === 'stale') result.stale += 1;
    }
    return result;
  });

  /** The list has shown this request (or found nothing to show): it must not replay later. */
  function focusHandled(seq: number) {
    if (focusRequest.value?.seq === seq) focusRequest.value = null;
  }

  function indexOf(photoId: string): number {
    return position.get(photoId) ?? -1;
  }

  let unsubscribe: (() => void)[] = [];
  let starting: Promise<void> | null = null;

  /** Loads the snapshot and follows patches; safe to call twice. */
  function start(): Promise<void> {
    if (starting) return starting;
    const api = window.avatarWatch;
    // Subscribe before asking, and hold what arrives meanwhile: a patch sent while the snapshot
    // was being answered would otherwise be lost.
    let early: StatePatch[] | null = [];
    unsubscribe = [
      api.onStateChanged((patch) => {
        if (early) early.push(patch);
        else applyPatch(patch);
      }),
      api.onFocusItem((photoId) => {
        focusSeq += 1;
        focusRequest.value = { photoId, seq: focusSeq };
      }),
    ];
    starting = (async () => {
      try {
        applySnapshot(await api.getSnapshot());
        const held = early ?? [];
        early = null;
        for (const patch of held) applyPatch(patch, true);
      } catch (cause) {
        loadError.value = { cause };
        stop();
      }
    })();
    return starting;
  }

  function stop() {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    starting = null;
  }

  async function addPhotos(text: string): Promise<AddPhotosResult> {
    // Refused here, before sending: over the preview's WebSocket it could not fit in one frame.
    if (isOverBytes(text, MAX_PASTE_BYTES)) throw new PasteTooBigError(utf8Length(text));
    return window.avatarWatch.addPhotos(text);
  }

  async function removePhoto(photoId: string): Promise<void> {
    await window.avatarWatch.removePhoto(photoId);
  }

  async function checkNow(photoId: string): Promise<void> {
    await window.avatarWatch.checkNow(photoId);
  }

  async function checkAll(): Promise<void> {
    await window.avatarWatch.checkAll();
  }

  async function setCheckingPaused(paused: boolean): Promise<void> {
    // Main's patch confirms; the banner and the tray follow it, not this call.
    await window.avatarWatch.setCheckingPaused(paused);
  }

  async function dismissNotice(noticeId: string): Promise<void> {
    // Hide it at once; main's next patch confirms (or brings it back if the call failed).
    notices.value = notices.value.filter((n) => n.id !== noticeId);
    await window.avatarWatch.dismissNotice(noticeId);
  }

  return {
    items,
    pause,
    checkingPaused,
    held,
    connection,
    notices,
    localCopies,
    loaded,
    loadError,
    focusRequest,
    focusHandled,
    durations,
    rowContext,
    counts,
    waitingCount,
    linePlaceOf,
    total,
    lateCounts,
    getItem,
    indexOf,
    applySnapshot,
    applyPatch,
    start,
    stop,
    addPhotos,
    removePhoto,
    checkNow,
    checkAll,
    setCheckingPaused,
    dismissNotice,
  };
});
