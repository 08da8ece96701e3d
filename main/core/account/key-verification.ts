// A key saved while JoggAI could not confirm it (whoami failed, but not with a rejection: JoggAI
// unreachable, a 5xx, a 404, a timeout) is confirmed later without the user doing anything: at
// once after the next good photo answer (JoggAI is back), else on a timer that backs off.
import type { Clock } from '../ports';

/** First retry soon (a blip), then doubling, never rarer than every 15 minutes. */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 15 * 60_000;

export class KeyVerification {
  private attempts = 0;
  private timer: unknown = null;
  private at: number | null = null;
  private running = false;
  /**
   * A good photo answer triggers one early try per outage: if whoami alone keeps failing (a 404
   * while photo checks work), every photo answer would otherwise send a whoami.
   */
  private nudged = false;

  /** `verify` asks JoggAI again and reports back through succeeded()/failed()/rejected(). */
  constructor(
    private readonly clock: Clock,
    private readonly verify: () => Promise<void>,
  ) {}

  /** Whether the key in use still waits for JoggAI's word. */
  get pending(): boolean {
    return this.attempts > 0;
  }

  /** When the next try is due; null when nothing is pending. */
  get retryAt(): number | null {
    return this.at;
  }

  /**
   * JoggAI could not confirm the key this time: try again later, each time a little later, and
   * never before `notBeforeMs` from now (a rate limit's wait). Answers when.
   */
  failed(notBeforeMs = 0): number {
    this.clearTimer();
    const delay = Math.max(notBeforeMs, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempts));
    this.attempts += 1;
    this.at = this.clock.now() + delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delay);
    return this.at;
  }

  /** JoggAI answered about the key (accepted or rejected), or the key is gone: nothing left to do. */
  settled(): void {
    this.clearTimer();
    this.attempts = 0;
    this.at = null;
    this.nudged = false;
  }

  /** A photo check just got a good answer: JoggAI is reachable, so verify now instead of waiting. */
  nudge(): void {
    if (!this.pending || this.running || this.nudged) return;
    this.nudged = true;
    void this.run();
  }

  stop(): void {
    this.settled();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.clearTimer();
    try {
      await this.verify();
    } finally {
      this.running = false;
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
