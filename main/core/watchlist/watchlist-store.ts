// The watchlist on disk, as the service uses it: loading it (with the notices a load calls for),
// writing what a restart needs soon after it changes, writing an add before it is answered, and
// keeping a newer app's file untouched. The service only tells it what changed.
import type { SaveProblem, WatchItem } from '../../../preload/api';
import type { Notice } from '../../../preload/api';
import type { Clock, Logger } from '../ports';
import type { Notices } from '../notices';
import type { ImageUrlPolicy } from '../safe-url';
import { CoalescedSave, type SaveOutcome } from './coalesced-save';
import { loadNotices } from './load-notices';
import { saveProblemOf } from './save-problem';
import { WatchlistFile, type LoadResult, type SavedState } from './watchlist-file';

export interface WatchlistStoreOptions {
  dataDir: string;
  imagePolicy: ImageUrlPolicy;
  clock: Clock;
  logger: Logger;
  notices: Notices;
  /** What a save writes, read at the moment it runs. */
  state: () => SavedState;
}

export class WatchlistStore {
  private readonly file: WatchlistFile;
  private readonly saver: CoalescedSave;
  /** After a load that found a newer app's file, nothing may overwrite it. */
  private saveBlocked = false;
  private saveFailure: Notice | null = null;
  /** Per photo, what was last seen of its kept part: tells "finished" from "checked again". */
  private readonly kept = new Map<string, string>();

  constructor(private readonly options: WatchlistStoreOptions) {
    this.file = new WatchlistFile(options.dataDir, { imagePolicy: options.imagePolicy });
    this.saver = new CoalescedSave(
      options.clock,
      async () => {
        if (this.saveBlocked) return;
        await this.file.save(options.state());
        if (this.saveFailure) {
          options.notices.dismiss(this.saveFailure.id);
          this.saveFailure = null;
        }
      },
      (error) => {
        // A code with its reason: the window words it, and it stays until a save succeeds.
        const problem = saveProblemOf(error, this.file.path);
        const message = `Your watchlist could not be saved to ${this.file.path} (${(error as Error).message}). Recent changes will be lost if the app stops now; it keeps trying.`;
        options.logger.error(message);
        this.saveFailure ??= options.notices.add('error', message, 'save-failed', { ...problem });
      },
    );
  }

  /** Reads the saved list, raising what the user must hear about it. */
  async load(): Promise<LoadResult> {
    const loaded = await this.file.load();
    for (const found of loadNotices(loaded)) {
      this.options.logger.warn(found.message);
      this.options.notices.add(found.level, found.message, found.code, found.params);
    }
    this.saveBlocked = loaded.kind === 'too-new';
    for (const item of loaded.state.items) this.kept.set(item.photoId, keptPart(item));
    return loaded;
  }

  /** Items changed: a finish (or anything a restart needs) is written soon, the rest lazily. */
  changed(items: readonly WatchItem[]): void {
    if (items.some((item) => this.changesWhatIsKept(item))) this.saver.request();
    else this.saver.requestLazy();
  }

  /** A removed photo: its kept part is forgotten (a re-add is news again). */
  forget(photoId: string): void {
    this.kept.delete(photoId);
  }

  /**
   * "Added N photos" promises they survive a kill: the add is written before it is answered.
   * An awaited save of the whole (atomic, fsync'd) file rather than a journal: it is the one
   * format already proven against kills, a journal would need its own replay and truncation
   * rules, and at the list cap a save takes about 0.1 s (bench/scale.ts). Adds made while a write
   * runs share the next one. A failed write keeps the photos watched and says so in the answer.
   */
  async saveAdded(): Promise<SaveProblem | null> {
    if (this.saveBlocked) return { reason: 'newer-version', detail: '', path: this.file.path };
    const outcome = await this.saver.saveNow();
    return outcome.ok ? null : saveProblemOf(outcome.error, this.file.path);
  }

  /** Writes now (a notification waits for it: a photo told of must come back finished). */
  saveNow(): Promise<SaveOutcome> {
    return this.saver.saveNow();
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** Writes what is unsaved before returning (the OS ending the session). */
  flushSync(): void {
    if (this.saveBlocked) return;
    this.saver.flushSync(() => this.file.saveSync(this.options.state()));
  }

  private changesWhatIsKept(item: WatchItem): boolean {
    const part = keptPart(item);
    if (this.kept.get(item.photoId) === part) return false;
    this.kept.set(item.photoId, part);
    return true;
  }
}

/** The part of an item a restart needs; the rest (last checked, check count) can lag a minute. */
function keptPart(item: WatchItem): string {
  return `${item.status}|${item.lateness}|${item.finishedAt}|${item.imageUrls.join(' ')}|${item.failureMessage}|${item.rawStatus}`;
}
