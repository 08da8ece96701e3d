// Finished photos become few notifications, not one each: 100 photos finishing within a minute
// used to raise 100 banners. The first finish after a quiet spell waits a short moment for
// others; everything finishing meanwhile goes out as one summary. While finishes keep coming the
// wait is longer (the user has just been told), and each summary covers the whole burst so far,
// so it can replace the previous banner instead of stacking on it. Each photo is told of once.
import type { FinishedNotification, PhotoFinished } from '../../preload/api';
import type { Clock } from './ports';

export interface NotificationWaits {
  /** How long the first finish after a quiet spell waits for others: its most delay. */
  firstMs: number;
  /** How long later finishes of a burst wait: a banner went out moments ago. */
  busyMs: number;
  /** No notification for this long ends a burst: the next one starts afresh and stacks. */
  quietMs: number;
}

export const NOTIFICATION_WAITS: NotificationWaits = { firstMs: 2_500, busyMs: 15_000, quietMs: 30_000 };

export class NotificationBatch {
  /** Everything the current burst has finished, in order; what its next summary says. */
  private readonly burst = new Map<string, PhotoFinished>();
  /** Photos the user has been told of (or that were finished before this run): never again. */
  private readonly told = new Set<string>();
  private group = 0;
  private lastSentAt = -Infinity;
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly send: (notification: FinishedNotification) => void,
    private readonly waits: NotificationWaits = NOTIFICATION_WAITS,
  ) {}

  /**
   * Photos already finished when the list was loaded: they were told of in an earlier run (or
   * finished before it could be), so an answer that finishes one again says nothing new.
   */
  alreadyTold(photoIds: Iterable<string>): void {
    for (const photoId of photoIds) this.told.add(photoId);
  }

  finished(photo: PhotoFinished): void {
    if (this.told.has(photo.photoId)) return;
    this.told.add(photo.photoId);
    const now = this.clock.now();
    if (this.timer === null) {
      const quiet = now - this.lastSentAt >= this.waits.quietMs;
      if (quiet) {
        this.burst.clear();
        // Unique even for two bursts in one millisecond (no waits): a group replaces only its own.
        this.group = Math.max(now, this.group + 1);
      }
      this.burst.set(photo.photoId, photo);
      const wait = quiet ? this.waits.firstMs : this.waits.busyMs;
      this.timer = this.clock.setTimeout(() => this.flush(), wait);
      // No wait at all: told at once, one by one.
      if (wait <= 0) this.flush();
      return;
    }
    this.burst.set(photo.photoId, photo);
  }

  /** Sends what is waiting now (the app is quitting: a later run would not tell of it). */
  flush(): void {
    if (this.timer === null) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.lastSentAt = this.clock.now();
    this.send(this.notification());
  }

  private notification(): FinishedNotification {
    const photos = [...this.burst.values()];
    if (photos.length === 1) return { ...photos[0]!, group: this.group };
    const ready = photos.filter((photo) => photo.outcome === 'ready').length;
    return {
      outcome: 'summary',
      photoId: photos[0]!.photoId,
      photoIds: photos.map((photo) => photo.photoId),
      ready,
      failed: photos.length - ready,
      group: this.group,
    };
  }
}
