// Many changes in a burst (a 10,000-item paste, a catch-up round) become one write: a save
// starts at most every `intervalMs`, writes never overlap, a failed write is retried, and
// `flush` writes whatever is pending (used on quit).
import type { Clock } from '../ports';

export class CoalescedSave {
  private timer: unknown = null;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly write: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 500,
    private readonly retryMs = 5_000,
  ) {}

  request(): void {
    this.dirty = true;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = null;
      void this.writeNow();
    }, this.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    return this.writeNow();
  }

  private writeNow(): Promise<void> {
    // Chained, so a save never races the previous one; the write reads the state when it starts.
    this.chain = this.chain.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.write();
      } catch (error) {
        // Try again on its own (a full disk gets freed), sooner if something changes or we quit.
        this.dirty = true;
        this.timer ??= this.clock.setTimeout(() => {
          this.timer = null;
          void this.writeNow();
        }, this.retryMs);
        this.onError(error);
      }
    });
    return this.chain;
  }
}
