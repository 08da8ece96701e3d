// When to look at an unfinished photo again. The tracker asks a Schedule after every answer,
// so the strategy can change without touching the tracker's bookkeeping.
import type { WatchItem } from '../../../preload/api';

export interface Schedule {
  /** Milliseconds from `now` until the next check of an item JoggAI says is still running. */
  nextDelayMs(item: WatchItem, now: number): number;
}

/** JoggAI never wants one task polled faster than this. */
export const MIN_INTERVAL_MS = 5_000;

/**
 * The JoggAI guides' own advice: every 10 s in the first minute, every 30 s up to five
 * minutes, every 60 s after that.
 */
export const docsSchedule: Schedule = {
  nextDelayMs(item, now) {
    const age = now - item.addedAt;
    if (age < 60_000) return 10_000;
    if (age < 5 * 60_000) return 30_000;
    return 60_000;
  },
};

/** Transient failures (network, 50000, unknown answers) back off per item, doubling to 5 min. */
export function backoffDelayMs(consecutiveFailures: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 10_000 * 2 ** Math.max(0, consecutiveFailures - 1));
  // ±20 % jitter so items that failed together do not retry together.
  return Math.max(MIN_INTERVAL_MS, Math.round(base * (0.8 + 0.4 * random())));
}
