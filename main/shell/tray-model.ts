// What the tray shows, kept up to date from the core's patches without touching Electron: the
// counts, what finished since the window was last looked at, the last few finished photos, and
// whether checking is paused or JoggAI unreachable. Lists of 10,000 photos are normal, so every
// patch costs O(changed items): counts move by each item's old and new contribution, and only a
// recently finished photo leaving that short list (removed, or checked again) rescans the list.
import type { ConnectionState, PauseReason, PhotoStatus, Snapshot, StatePatch, WatchItem } from '../../preload/api';
import { needsUser } from '../core/tracker/lasting-problem';

/** How many finished photos the menu lists. */
export const RECENT_COUNT = 5;

export interface RecentPhoto {
  photoId: string;
  outcome: 'ready' | 'failed';
  finishedAt: number;
}

export interface TrayView {
  inProgress: number;
  /** Unfinished photos whose problem waiting cannot fix (40000, 18020…): the user must act. */
  needsAttention: number;
  ready: number;
  failed: number;
  /** Ready or failed since the window was last shown. */
  finishedSinceSeen: number;
  /** Newest first, at most RECENT_COUNT. */
  recent: RecentPhoto[];
  connection: ConnectionState['state'];
  /** The key's pause (no key, rejected key): the user must act. */
  keyPause: PauseReason['kind'] | null;
  /** The user's own "Pause checking". */
  userPaused: boolean;
}

/**
 * `attention`: something to look at (finished since the window was last open) or to fix (the key).
 * `offline`: JoggAI cannot be reached. Nothing in between: a "checking" state would flicker
 * with every request and tell the user nothing.
 */
export type TrayIconState = 'idle' | 'attention' | 'offline';

export function iconStateFor(view: TrayView): TrayIconState {
  // Attention first: offline says "wait", attention says "there is something for you".
  if (view.finishedSinceSeen > 0 || view.keyPause !== null || view.needsAttention > 0) return 'attention';
  if (view.connection === 'offline') return 'offline';
  return 'idle';
}

interface Seen {
  status: PhotoStatus;
  finishedAt: number | null;
  /** Not checked again until the user acts (the window's "Needs attention"). */
  attention: boolean;
}

function seenOf(item: WatchItem): Seen {
  return { status: item.status, finishedAt: item.finishedAt, attention: needsUser(item) };
}

const isOutcome = (s: Seen): s is Seen & { status: 'ready' | 'failed'; finishedAt: number } =>
  (s.status === 'ready' || s.status === 'failed') && s.finishedAt !== null;

/** Newest first; the ID breaks ties so the order never depends on arrival. */
function newerFirst(a: RecentPhoto, b: RecentPhoto): number {
  return b.finishedAt - a.finishedAt || (a.photoId < b.photoId ? -1 : a.photoId > b.photoId ? 1 : 0);
}

export class TrayModel {
  private readonly items = new Map<string, Seen>();
  private inProgress = 0;
  private needsAttention = 0;
  private ready = 0;
  private failed = 0;
  private finishedSinceSeen = 0;
  private recent: RecentPhoto[] = [];
  private seenAt = -Infinity;
  private connection: ConnectionState['state'] = 'online';
  private keyPause: PauseReason['kind'] | null = null;
  private userPaused = false;

  /** Starts over from a whole picture (the first snapshot). */
  reset(snapshot: Pick<Snapshot, 'items' | 'pause' | 'connection'> & { checkingPaused?: boolean }): void {
    this.replaceItems(snapshot.items);
    this.connection = snapshot.connection.state;
    this.keyPause = snapshot.pause?.kind ?? null;
    this.userPaused = snapshot.checkingPaused ?? false;
  }

  /** Follows one patch from the core. */
  apply(patch: StatePatch): void {
    if (patch.pause !== undefined) this.keyPause = patch.pause?.kind ?? null;
    if (patch.checkingPaused !== undefined) this.userPaused = patch.checkingPaused;
    if (patch.connection) this.connection = patch.connection.state;
    if (patch.replaceAll) {
      this.replaceItems(patch.upserted ?? []);
      return;
    }
    let rescan = false;
    for (const photoId of patch.removed ?? []) rescan = this.forget(photoId) || rescan;
    for (const item of patch.upserted ?? []) {
      // Most patches are "checked again, still running": nothing the tray shows moves.
      const before = this.items.get(item.photoId);
      const seen = seenOf(item);
      if (before && before.status === seen.status && before.finishedAt === seen.finishedAt && before.attention === seen.attention) continue;
      rescan = this.forget(item.photoId) || rescan;
      this.count(seen, item.photoId);
    }
    if (rescan) this.rescanRecent();
  }

  /**
   * The window was shown at `at`: what finished until then has been seen. Never moves back (a
   * saved time read after the window already showed must not bring old photos back).
   */
  markSeen(at: number | null): void {
    if (at === null || at <= this.seenAt) return;
    this.seenAt = at;
    // One pass per showing of the window, not per patch.
    this.finishedSinceSeen = 0;
    for (const seen of this.items.values()) if (isOutcome(seen) && seen.finishedAt > at) this.finishedSinceSeen += 1;
  }

  view(): TrayView {
    return {
      inProgress: this.inProgress,
      needsAttention: this.needsAttention,
      ready: this.ready,
      failed: this.failed,
      finishedSinceSeen: this.finishedSinceSeen,
      recent: this.recent,
      connection: this.connection,
      keyPause: this.keyPause,
      userPaused: this.userPaused,
    };
  }

  private replaceItems(items: readonly WatchItem[]): void {
    this.items.clear();
    this.inProgress = this.needsAttention = this.ready = this.failed = this.finishedSinceSeen = 0;
    for (const item of items) {
      // A list may name one photo twice (the last one holds): count it once.
      this.forget(item.photoId);
      this.count(seenOf(item), item.photoId, false);
    }
    this.rescanRecent();
  }

  /** Adds one item's contribution; `track` keeps the recent list in step (a rescan follows otherwise). */
  private count(seen: Seen, photoId: string, track = true): void {
    this.items.set(photoId, seen);
    this.step(seen, 1);
    if (track && isOutcome(seen)) this.recent = offer(this.recent, { photoId, outcome: seen.status, finishedAt: seen.finishedAt });
  }

  /** Takes one item's contribution away; true when it was in the recent list (a rescan is due). */
  private forget(photoId: string): boolean {
    const seen = this.items.get(photoId);
    if (!seen) return false;
    this.items.delete(photoId);
    this.step(seen, -1);
    const at = this.recent.findIndex((r) => r.photoId === photoId);
    if (at < 0) return false;
    this.recent = this.recent.filter((r) => r.photoId !== photoId);
    return true;
  }

  private step(seen: Seen, by: 1 | -1): void {
    if (seen.status === 'ready') this.ready += by;
    else if (seen.status === 'failed') this.failed += by;
    // "Not found" is an answer, not work in progress; a photo needing the user is not moving either.
    else if (seen.attention) this.needsAttention += by;
    else if (seen.status !== 'not_found') this.inProgress += by;
    if (isOutcome(seen) && seen.finishedAt > this.seenAt) this.finishedSinceSeen += by;
  }

  /** One pass keeping the newest few, no sort of the whole list. */
  private rescanRecent(): void {
    let recent: RecentPhoto[] = [];
    for (const [photoId, seen] of this.items) {
      if (isOutcome(seen)) recent = offer(recent, { photoId, outcome: seen.status, finishedAt: seen.finishedAt });
    }
    this.recent = recent;
  }
}

/** The list with `candidate` in its place if it is among the newest RECENT_COUNT; the same list otherwise. */
function offer(recent: RecentPhoto[], candidate: RecentPhoto): RecentPhoto[] {
  const last = recent.at(-1);
  if (recent.length >= RECENT_COUNT && last !== undefined && newerFirst(candidate, last) >= 0) return recent;
  return [...recent, candidate].sort(newerFirst).slice(0, RECENT_COUNT);
}
