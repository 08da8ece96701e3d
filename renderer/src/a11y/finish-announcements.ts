// Which finished photos a screen reader should hear about, and when. A photo is announced when
// this window sees it go from unfinished to ready or failed: never for what was already finished
// when the list loaded (a reload, a restart, a reconnect's fresh snapshot), never twice. Finishes
// that come close together are said once, as a summary, like the desktop notifications, so a
// burst of 100 is one sentence rather than 100 interruptions.
import type { WatchItem } from '../../../preload/api';

export type AnnouncedOutcome = 'ready' | 'failed';

export interface FinishedPhoto {
  photoId: string;
  outcome: AnnouncedOutcome;
}

export interface AnnouncerTimers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

/** How long the first finish waits for others before it is said: short enough to feel immediate. */
export const ANNOUNCE_WAIT_MS = 1_500;

const browserTimers: AnnouncerTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function outcomeOf(item: WatchItem): AnnouncedOutcome | null {
  return item.status === 'ready' || item.status === 'failed' ? item.status : null;
}

export class FinishAnnouncements {
  /** Every photo seen, and whether it was finished then: the baseline a finish is measured against. */
  private readonly finished = new Map<string, boolean>();
  /** Item objects already looked at: a patch replaces only what changed, so the rest is skipped cheaply. */
  private seen = new WeakSet<WatchItem>();
  private pending: FinishedPhoto[] = [];
  private timer: unknown = null;
  private started = false;

  constructor(
    private readonly say: (batch: readonly FinishedPhoto[]) => void,
    private readonly waitMs = ANNOUNCE_WAIT_MS,
    private readonly timers: AnnouncerTimers = browserTimers,
  ) {}

  /** The list as it is now. The first call only learns what is already finished. */
  observe(items: readonly WatchItem[]): void {
    const baseline = !this.started;
    this.started = true;
    for (const item of items) {
      if (this.seen.has(item)) continue;
      this.seen.add(item);
      const outcome = outcomeOf(item);
      const wasFinished = this.finished.get(item.photoId);
      this.finished.set(item.photoId, outcome !== null);
      // Unknown before (a first look, or added already finished elsewhere) or finished before: nothing new to say.
      if (baseline || outcome === null || wasFinished !== false) continue;
      this.pending.push({ photoId: item.photoId, outcome });
    }
    if (this.pending.length > 0 && this.timer === null) this.timer = this.timers.set(() => this.flush(), this.waitMs);
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.pending = [];
    this.seen = new WeakSet();
  }

  private flush(): void {
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.say(batch);
  }
}
