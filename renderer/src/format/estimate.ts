// Time left and time taken, as facts the window words: what the app learned of how long photos
// take (main's completion model, measured from adding), and what it saw of each photo. The app
// never sees JoggAI start a photo, so "took" claims only what its checks bound.
import { START_SEEN_WITHIN_MS, type LearnedDurations, type WatchItem } from '../../../preload/api';

/** Where an in-progress photo stands against the learned range (ages in ms from adding). */
export type Estimate =
  /** Too few photos finished to say anything honest. */
  | { kind: 'unknown' }
  /** Younger than the median: about `leftMs` to go. */
  | { kind: 'usual'; leftMs: number; elapsedMs: number; range: LearnedDurations }
  /** Past the median, not past the 90th percentile: most are done within `leftMs`. */
  | { kind: 'soon'; leftMs: number; elapsedMs: number; range: LearnedDurations }
  /** Past the 90th percentile: longer than most. */
  | { kind: 'longer'; elapsedMs: number; range: LearnedDurations };

export function estimateFor(item: WatchItem, durations: LearnedDurations | null, now: number): Estimate {
  if (durations === null) return { kind: 'unknown' };
  const elapsedMs = Math.max(0, now - item.addedAt);
  if (elapsedMs < durations.p50Ms) return { kind: 'usual', leftMs: durations.p50Ms - elapsedMs, elapsedMs, range: durations };
  if (elapsedMs < durations.p90Ms) return { kind: 'soon', leftMs: durations.p90Ms - elapsedMs, elapsedMs, range: durations };
  return { kind: 'longer', elapsedMs, range: durations };
}

/** What the checks say about how long a finished photo took. */
export type Took =
  /** Seen in progress soon after it was added: about `ms` (the middle of the window it finished in). */
  | { kind: 'about'; ms: number }
  /** Seen unfinished, but first only later: it existed when added, so it took at least `ms`. */
  | { kind: 'at-least'; ms: number }
  /** Never seen unfinished (or saved by an older version): only when it was found finished. */
  | { kind: 'found'; ms: number };

export function tookFor(item: WatchItem): Took | null {
  const end = item.finishedAt;
  if (end === null || (item.status !== 'ready' && item.status !== 'failed')) return null;
  const lastUnfinished = item.lastSeenUnfinishedAt ?? null;
  if (lastUnfinished === null) return { kind: 'found', ms: end - item.addedAt };
  const first = item.firstSeenInProgressAt ?? null;
  if (first !== null && first - item.addedAt <= START_SEEN_WITHIN_MS) {
    return { kind: 'about', ms: (lastUnfinished + end) / 2 - item.addedAt };
  }
  return { kind: 'at-least', ms: lastUnfinished - item.addedAt };
}
