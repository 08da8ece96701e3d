// Removing photos, and taking a removal back. A removal keeps the records it took out (every
// field, as they were) under an undo token in main, for a bounded time and size: the window only
// ever holds the token, so a confused or compromised page cannot "restore" a photo as ready with
// links of its choosing (which "open image" would then trust as JoggAI's). Both directions are
// written to disk before they are answered, as adds are.
import type { RemovePhotosResult, RestorePhotosResult, SaveProblem, WatchItem } from '../../../preload/api';
import { MAX_WATCHED_PHOTOS } from '../../../preload/api';
import type { Clock } from '../ports';

/** How long a removal can be taken back: far past the window's 10 s toast, for Ctrl/Cmd-Z later. */
export const UNDO_KEEP_MS = 30 * 60_000;
/** The most removals kept at once; older ones are forgotten first. */
export const UNDO_MAX_REMOVALS = 20;
/** The most records kept over all removals (a whole list's worth), so memory stays bounded. */
export const UNDO_MAX_RECORDS = MAX_WATCHED_PHOTOS;

/** The list as removal needs it (the tracker). */
export interface RemovableList {
  readonly size: number;
  get(photoId: string): WatchItem | undefined;
  has(photoId: string): boolean;
  remove(photoId: string): boolean;
  restore(records: readonly WatchItem[]): WatchItem[];
}

export interface RemovalOptions {
  clock: Clock;
  list: RemovableList;
  /** Called with what left the list, so the window's mirror follows (what comes back, the list announces). */
  removed(photoIds: readonly string[]): void;
  /** Writes the list now; null once it is on disk, else why not (kept in memory, retried). */
  save(): Promise<SaveProblem | null>;
  /** Removals kept: how many, how long; tests shorten them. */
  keepMs?: number;
  maxRemovals?: number;
  maxRecords?: number;
}

interface Kept {
  token: string;
  at: number;
  records: WatchItem[];
}

export class Removal {
  private readonly kept: Kept[] = [];
  private records = 0;
  private count = 0;

  constructor(private readonly options: RemovalOptions) {}

  async removePhotos(photoIds: readonly string[]): Promise<RemovePhotosResult> {
    const records: WatchItem[] = [];
    for (const photoId of new Set(photoIds)) {
      const record = this.options.list.get(photoId);
      if (record && this.options.list.remove(photoId)) records.push(record);
    }
    if (records.length === 0) return { removed: [], undo: null };
    const removed = records.map((record) => record.photoId);
    this.options.removed(removed);
    const undo = this.keep(records);
    const notSaved = await this.options.save();
    return { removed, undo, ...(notSaved ? { notSaved } : {}) };
  }

  /**
   * Puts a removal back. Photos pasted again since stay as they are now (`alreadyWatched`); when
   * the list has filled up meanwhile, the ones that do not fit stay out and are counted
   * (`noRoom`), and that part of the removal stays undoable. `expired`: the token is unknown or
   * too old.
   */
  async restorePhotos(token: string): Promise<RestorePhotosResult> {
    this.prune();
    const index = this.kept.findIndex((kept) => kept.token === token);
    if (index < 0) return { restored: [], alreadyWatched: 0, noRoom: 0, expired: true };
    const kept = this.kept[index]!;
    const fresh = kept.records.filter((record) => !this.options.list.has(record.photoId));
    const alreadyWatched = kept.records.length - fresh.length;
    const room = Math.max(0, MAX_WATCHED_PHOTOS - this.options.list.size);
    const fitting = fresh.slice(0, room);
    const left = fresh.slice(room);
    this.records -= kept.records.length - left.length;
    if (left.length === 0) this.kept.splice(index, 1);
    else kept.records = left;
    const back = this.options.list.restore(fitting);
    const restored = back.map((item) => item.photoId);
    const notSaved = back.length > 0 ? await this.options.save() : null;
    return { restored, alreadyWatched, noRoom: left.length, expired: false, ...(notSaved ? { notSaved } : {}) };
  }

  private keep(records: WatchItem[]): string {
    const token = `undo-${this.options.clock.now().toString(36)}-${++this.count}`;
    this.kept.push({ token, at: this.options.clock.now(), records });
    this.records += records.length;
    this.prune();
    return token;
  }

  /** Forgets what is too old, then the oldest removals while over either bound (never the newest). */
  private prune(): void {
    const horizon = this.options.clock.now() - (this.options.keepMs ?? UNDO_KEEP_MS);
    const maxRemovals = this.options.maxRemovals ?? UNDO_MAX_REMOVALS;
    const maxRecords = this.options.maxRecords ?? UNDO_MAX_RECORDS;
    while (this.kept.length > 0) {
      const oldest = this.kept[0]!;
      const over = this.kept.length > maxRemovals || (this.records > maxRecords && this.kept.length > 1);
      if (oldest.at >= horizon && !over) break;
      this.kept.shift();
      this.records -= oldest.records.length;
    }
  }
}
