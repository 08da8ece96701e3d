// When to look at a photo. The tracker asks its Schedule when an item is added and after every
// "still running" answer, so strategies (ours, and the baselines the benchmark compares it with)
// change without touching the tracker's bookkeeping.
import type { LearnedDurations, WatchItem } from '../../../preload/api';
import { CompletionModel, type CompletionModelOptions } from './completion-model';
import type { CompletionRecord } from './completion-record';

export interface Schedule {
  /** Milliseconds from adding an item to its first check. */
  firstDelayMs(): number;
  /** Milliseconds from `now` until the next check of an item JoggAI says is still running. */
  nextDelayMs(item: WatchItem, now: number): number;
  /** A photo finished between two checks: strategies that learn take note. */
  observe?(record: CompletionRecord): void;
  /** What a learning strategy has learned, to save with the watchlist. */
  history?(): CompletionRecord[];
  /**
   * Age (ms) past which a running photo is "taking longer than usual" and checked ever more
   * slowly (see slowCheckGapMs). Without it the tracker's fixed default applies.
   */
  takingLongAfterMs?(): number;
  /** What a learning strategy can tell the window about durations (null: not enough yet). */
  durations?(): LearnedDurations | null;
}

/** JoggAI never wants one task polled faster than this. */
export const MIN_INTERVAL_MS = 5_000;

/** Ours: first check after the guide's 10 s (sooner on a fast day), then where completions happen. */
export function learnedSchedule(history: readonly CompletionRecord[] = [], options: CompletionModelOptions = {}): Schedule & { model: CompletionModel } {
  const model = new CompletionModel(options, history);
  const running = new RunningPhotos();
  let sharedAt = -Infinity;
  return {
    model,
    firstDelayMs: () => Math.round(model.firstCheckS() * 1000),
    nextDelayMs: (item, now) => {
      running.seen(item, now);
      // "Still running" is news too (a first day learns that nothing finishes in the first
      // minute before anything finishes), but rebuilding the belief per answer would cost.
      if (now - sharedAt >= RUNNING_REFRESH_MS) {
        sharedAt = now;
        model.setRunning(running.agesS(now));
      }
      return Math.round(model.nextGapS((now - item.addedAt) / 1000) * 1000);
    },
    observe: (record) => {
      running.finished(record);
      sharedAt = record.at;
      model.setRunning(running.agesS(record.at));
      model.observe(record);
    },
    history: () => model.history(),
    takingLongAfterMs: () => Math.round(model.takingLongAfterS() * 1000),
    durations: () => model.durations(),
  };
}

/**
 * Photos last seen still running, so the model can count them as "takes longer than this".
 * A finished one leaves when its completion is reported; a removed one when it has not been seen
 * for longer than any check gap.
 */
class RunningPhotos {
  private readonly lastSeen = new Map<string, { addedAt: number; seenAt: number }>();

  seen(item: WatchItem, now: number): void {
    this.lastSeen.set(item.photoId, { addedAt: item.addedAt, seenAt: now });
  }

  /** The record names no photo, but its add time and last running check single one out (or an equivalent twin). */
  finished(record: CompletionRecord): void {
    const addedAt = record.at - record.highMs;
    for (const [id, e] of this.lastSeen) {
      if (e.addedAt === addedAt && e.seenAt - e.addedAt === record.lowMs) {
        this.lastSeen.delete(id);
        return;
      }
    }
  }

  agesS(now: number): number[] {
    const ages: number[] = [];
    for (const [id, e] of this.lastSeen) {
      if (now - e.seenAt > FORGET_UNSEEN_MS) this.lastSeen.delete(id);
      else ages.push((now - e.addedAt) / 1000);
    }
    return ages;
  }
}

/** How often the model hears which photos are still running, at most. */
const RUNNING_REFRESH_MS = 15_000;
/** Longer than the slowest check gap: a photo unseen this long was removed or finished. */
const FORGET_UNSEEN_MS = 20 * 60_000;

/**
 * The JoggAI guides' own advice, the baseline to beat: first check after 10–15 s, every 10 s in
 * the first minute, every 30 s up to five minutes, every 60 s after that.
 */
export function docsSchedule(random: () => number = Math.random): Schedule {
  return {
    // The baselines are measured as written: no slow-down however long a photo takes.
    takingLongAfterMs: () => Infinity,
    firstDelayMs: () => 10_000 + Math.round(5_000 * random()),
    nextDelayMs(item, now) {
      const age = now - item.addedAt;
      if (age < 60_000) return 10_000;
      if (age < 5 * 60_000) return 30_000;
      return 60_000;
    },
  };
}

/** The naive baseline: a check every 5 s from the moment an item is added. */
export const fixedSchedule = (intervalMs = 5_000): Schedule => ({
  takingLongAfterMs: () => Infinity,
  firstDelayMs: () => 0,
  nextDelayMs: () => intervalMs,
});

/**
 * Checks of a photo taking longer than usual thin out as it ages (a tenth and a half of its age,
 * from one minute to ten): a photo late by minutes may still finish soon, one late by an hour
 * rarely will, and neither should cost what a photo in its usual window does.
 */
export function slowCheckGapMs(ageMs: number): number {
  return Math.min(10 * 60_000, Math.max(60_000, Math.round(0.15 * ageMs)));
}

/** Transient failures (network, 50000, unknown answers) back off per item, doubling to 5 min. */
export function backoffDelayMs(consecutiveFailures: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 10_000 * 2 ** Math.max(0, consecutiveFailures - 1));
  // ±20 % jitter so items that failed together do not retry together.
  return Math.max(MIN_INTERVAL_MS, Math.round(base * (0.8 + 0.4 * random())));
}
