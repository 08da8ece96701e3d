// A clock whose time moves only when a test says so. Timers fire in time order, and pending
// promise work settles between them, so async code driven by timers runs as it would for real.
import type { Clock } from '../../main/core/ports';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 28, 12)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way. `idle` resolves
   * when the work a timer started is done (default: queued promise work; the benchmark waits
   * for real HTTP answers).
   */
  async advance(ms: number, idle: () => Promise<void> = settle): Promise<void> {
    const target = this.time + ms;
    await idle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await idle();
    }
    this.time = target;
  }

  /** Moves time forward without firing anything, as when a computer sleeps; timers fire late. */
  jump(ms: number): void {
    this.time += ms;
  }

  /** When the next timer fires, or undefined when none is pending. */
  nextAt(): number | undefined {
    return this.earliest()?.at;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}

/** Lets every queued promise continuation run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
