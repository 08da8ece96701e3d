// Many changes in a burst (a 10,000-item paste, a catch-up round) become one write: a save
// starts at most every `intervalMs`, writes never overlap, a failed write is retried, and
// `flush` writes whatever is pending (used on quit). Routine changes (a photo checked again,
// still running) wait up to `lazyIntervalMs`: rewriting a 10,000-item file twice a second
// for every "still running" would wear a disk for nothing a restart needs.
import type { Clock } from '../ports';

export class CoalescedSave {
  private timer: unknown = null;
  private timerAt = Infinity;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();
  /** An async write has started and not yet settled. */
  private writing = false;

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

  flush(): Promise<void> {
    this.disarm();
    return this.writeNow();
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

  private writeNow(): Promise<void> {
    // Chained, so a save never races the previous one; the write reads the state when it starts.
    this.chain = this.chain.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.writing = true;
      try {
        await this.write();
      } catch (error) {
        // Try again on its own (a full disk gets freed), sooner if something changes or we quit.
        this.dirty = true;
        this.arm(this.retryMs);
        this.onError(error);
      } finally {
        this.writing = false;
      }
    });
    return this.chain;
  }
}
