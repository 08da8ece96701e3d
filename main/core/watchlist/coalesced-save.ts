// Many changes in a burst (a 10,000-item paste, a catch-up round) become one write: a save
// starts at most every `intervalMs`, writes never overlap, a failed write is retried, and
// `flush` writes whatever is pending (used on quit). Routine changes (a photo checked again,
// still running) wait up to `lazyIntervalMs`: rewriting a 10,000-item file twice a second
// for every "still running" would wear a disk for nothing a restart needs. What the user is
// promised is on disk (an add) uses `saveNow`: written at once, and answered only once it is.
import type { Clock } from '../ports';

/** How an awaited save went: `error` is what the write threw (the state is kept and retried). */
export type SaveOutcome = { ok: true } | { ok: false; error: unknown };

export class CoalescedSave {
  private timer: unknown = null;
  private timerAt = Infinity;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();
  /** An async write has started and not yet settled. */
  private writing = false;
  /** The write `saveNow` queued and that has not started yet: later callers share it. */
  private queued: Promise<SaveOutcome> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly write: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 500,
    private readonly retryMs = 5_000,
    private readonly lazyIntervalMs = 60_000,
  ) {}

  /** Something a restart needs changed: written within `intervalMs`. */
  request(): void {
    this.dirty = true;
    this.arm(this.intervalMs);
  }

  /** Something nice to keep changed (when a photo was last checked): written within `lazyIntervalMs`. */
  requestLazy(): void {
    this.dirty = true;
    this.arm(this.lazyIntervalMs);
  }

  /**
   * Writes the current state now (after a write already under way) and settles once a write that
   * started after this call has landed, or failed. Calls made while another write runs share the
   * next one: 20 adds at once cost at most two writes, not a chain of 20. Never rejects.
   */
  saveNow(): Promise<SaveOutcome> {
    this.dirty = true;
    this.disarm();
    if (this.queued !== null) return this.queued;
    const queued = this.writeNow(() => {
      // From here the write reads the state: a later call needs a write of its own.
      if (this.queued === queued) this.queued = null;
    });
    this.queued = queued;
    return queued;
  }

  flush(): Promise<void> {
    this.disarm();
    return this.writeNow().then(() => undefined);
  }

  /**
   * For the moment the OS ends the session: `writeSync` runs now, before this returns, when
   * anything is unsaved or an async write is still under way (it may never land). A write still
   * under way carries older state: once it settles, the state is written again as usual.
   */
  flushSync(writeSync: () => void): void {
    if (!this.dirty && !this.writing) return;
    this.disarm();
    this.dirty = false;
    try {
      writeSync();
    } catch (error) {
      this.dirty = true;
      this.arm(this.retryMs);
      this.onError(error);
      return;
    }
    if (this.writing) this.request();
  }

  /** Writes within `delayMs`, or sooner if a write is already planned sooner. */
  private arm(delayMs: number): void {
    const at = this.clock.now() + delayMs;
    if (this.timer !== null && this.timerAt <= at) return;
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.writeNow();
    }, delayMs);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private writeNow(onStart?: () => void): Promise<SaveOutcome> {
    // Chained, so a save never races the previous one; the write reads the state when it starts.
    const link = this.chain.then(async (): Promise<SaveOutcome> => {
      onStart?.();
      // Nothing unsaved: a write that started after every change so far has landed.
      if (!this.dirty) return { ok: true };
      this.dirty = false;
      this.writing = true;
      try {
        await this.write();
        return { ok: true };
      } catch (error) {
        // Try again on its own (a full disk gets freed), sooner if something changes or we quit.
        this.dirty = true;
        this.arm(this.retryMs);
        this.onError(error);
        return { ok: false, error };
      } finally {
        this.writing = false;
      }
    });
    this.chain = link.then(() => undefined);
    return link;
  }
}
