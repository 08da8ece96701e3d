// The global request budget: `ratePerS` on average with bursts up to `burst`, whatever the
// size of the list, so the app stays polite to JoggAI at 10 or 10,000 photos.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private ratePerS: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one token is available. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerS) * 1000);
  }

  /**
   * The user changed the budget (Settings): what was earned so far at the old rate is kept, up to
   * the new burst, and the new rate counts from now on.
   */
  setRate(ratePerS: number, burst: number, now: number): void {
    this.refill(now);
    this.ratePerS = ratePerS;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  private refill(now: number): void {
    if (!Number.isFinite(this.ratePerS)) {
      this.tokens = this.burst;
      return;
    }
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerS);
    this.last = now;
  }
}
