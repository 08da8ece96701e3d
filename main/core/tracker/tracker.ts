// The watchlist and its checks: which photo is in which state, when each is looked at next,
// what an answer from JoggAI does to it. Time comes from an injected clock and requests from
// an injected `check` function, so the same code runs for real, in tests and in the benchmark.
import type { AppError, PauseReason, PhotoStatus, Result, WatchItem } from '../../../preload/api';
import { FINISHED_STATUSES } from '../../../preload/api';
import type { PhotoAnswer } from '../jogg/client';
import type { Clock } from '../ports';
import { MIN_INTERVAL_MS, backoffDelayMs, type Schedule } from './schedule';

export interface TrackerOptions {
  clock: Clock;
  schedule: Schedule;
  /** One status request; the service binds the API key. */
  check: (photoId: string) => Promise<Result<PhotoAnswer>>;
  /** Most requests allowed at once, so a big list never floods the API. */
  maxInFlight?: number;
  /** How long to hold every check after a 429 that named no wait. */
  defaultRetryAfterMs?: number;
  random?: () => number;
}

export interface TrackerEvents {
  /** Items whose visible state changed. */
  changed(items: readonly WatchItem[]): void;
  /** An item went from unfinished to ready or failed. */
  finished(item: WatchItem): void;
  /** The pause state changed (null: running again). */
  pauseChanged(pause: PauseReason | null): void;
}

interface Entry {
  item: WatchItem;
  inFlight: boolean;
  /** Consecutive transient failures, for backoff. */
  failures: number;
  /** Set by checkNow while a request is in flight: check again as soon as it returns. */
  recheck: boolean;
}

export const isFinished = (status: PhotoStatus) => FINISHED_STATUSES.includes(status);

export class Tracker {
  private readonly entries = new Map<string, Entry>();
  private readonly maxInFlight: number;
  private readonly defaultRetryAfterMs: number;
  private readonly random: () => number;
  private inFlight = 0;
  private pause: PauseReason | null;
  /** After a 429, nothing is sent before this time. */
  private coolDownUntil = 0;
  private timer: unknown = null;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly options: TrackerOptions,
    private readonly events: TrackerEvents,
    initialPause: PauseReason | null = null,
  ) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? 60_000;
    this.random = options.random ?? Math.random;
    this.pause = initialPause;
  }

  /** Restores items saved by a previous run; unfinished ones are checked again soon, spread out. */
  load(items: readonly WatchItem[]): void {
    const now = this.options.clock.now();
    items.forEach((saved, index) => {
      const item: WatchItem = { ...saved, problem: null, nextCheckAt: null };
      if (!isFinished(item.status)) item.nextCheckAt = now + this.spreadMs(index);
      this.entries.set(item.photoId, { item, inFlight: false, failures: 0, recheck: false });
    });
    this.reschedule();
  }

  has(photoId: string): boolean {
    return this.entries.has(photoId);
  }

  get size(): number {
    return this.entries.size;
  }

  items(): WatchItem[] {
    return [...this.entries.values()].map((e) => e.item);
  }

  get(photoId: string): WatchItem | undefined {
    return this.entries.get(photoId)?.item;
  }

  pauseReason(): PauseReason | null {
    return this.pause;
  }

  /** New items get their first check at once: it validates both the ID and the key. */
  add(photoIds: readonly string[]): WatchItem[] {
    const now = this.options.clock.now();
    const added: WatchItem[] = [];
    for (const photoId of photoIds) {
      if (this.entries.has(photoId)) continue;
      const item: WatchItem = {
        photoId,
        status: 'checking',
        addedAt: now,
        lastCheckedAt: null,
        nextCheckAt: now,
        finishedAt: null,
        checks: 0,
        imageUrls: [],
        failureMessage: null,
        rawStatus: null,
        problem: null,
      };
      this.entries.set(photoId, { item, inFlight: false, failures: 0, recheck: false });
      added.push(item);
    }
    if (added.length > 0) {
      this.events.changed(added);
      this.reschedule();
    }
    return added;
  }

  remove(photoId: string): boolean {
    const removed = this.entries.delete(photoId);
    if (removed) this.reschedule();
    return removed;
  }

  /** The user asked: check now, finished or not (a "not found" may have appeared since). */
  checkNow(photoId: string): void {
    const entry = this.entries.get(photoId);
    if (!entry) return;
    if (entry.inFlight) {
      entry.recheck = true;
      return;
    }
    entry.item = { ...entry.item, nextCheckAt: this.options.clock.now() };
    entry.failures = 0;
    this.events.changed([entry.item]);
    this.reschedule();
  }

  /** Holds every check until the user acts (no key, invalid key, no API access). */
  pauseAll(reason: PauseReason): void {
    const wasSame = this.pause?.kind === reason.kind && this.pause.message === reason.message;
    this.pause = reason;
    this.clearTimer();
    if (!wasSame) this.events.pauseChanged(reason);
  }

  /** A good key is back: every unfinished item is checked soon, a few per second. */
  resume(): void {
    const wasPaused = this.pause !== null;
    this.pause = null;
    if (wasPaused) this.events.pauseChanged(null);
    const now = this.options.clock.now();
    const changed: WatchItem[] = [];
    let index = 0;
    for (const entry of this.entries.values()) {
      if (isFinished(entry.item.status) && entry.item.nextCheckAt === null) continue;
      entry.item = { ...entry.item, nextCheckAt: now + this.spreadMs(index++) };
      changed.push(entry.item);
    }
    if (changed.length > 0) this.events.changed(changed);
    this.reschedule();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Catch-up after a restart or resume: 4 checks a second, so a long list is not a burst. */
  private spreadMs(index: number): number {
    return index * 250;
  }

  // ---- the scheduling loop ------------------------------------------------------------------

  private clearTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  /** Arms one timer for the earliest due check; one timer serves the whole list. */
  private reschedule(): void {
    if (this.stopped || this.pause) return;
    const now = this.options.clock.now();
    let earliest = Infinity;
    for (const entry of this.entries.values()) {
      const at = entry.item.nextCheckAt;
      if (at !== null && !entry.inFlight && at < earliest) earliest = at;
    }
    if (earliest === Infinity) return this.clearTimer();
    const at = Math.max(earliest, this.coolDownUntil, now);
    if (this.inFlight >= this.maxInFlight) return; // a finishing request reschedules
    if (this.timer !== null && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.dispatchDue();
    }, at - now);
  }

  /** Starts due checks, earliest-due first, up to the in-flight cap. */
  private dispatchDue(): void {
    if (this.stopped || this.pause) return;
    const now = this.options.clock.now();
    if (now < this.coolDownUntil) return this.reschedule();
    const free = this.maxInFlight - this.inFlight;
    if (free > 0) {
      const due = [...this.entries.values()]
        .filter((e) => !e.inFlight && e.item.nextCheckAt !== null && e.item.nextCheckAt <= now)
        .sort((a, b) => a.item.nextCheckAt! - b.item.nextCheckAt!)
        .slice(0, free);
      for (const entry of due) void this.runCheck(entry);
    }
    this.reschedule();
  }

  private async runCheck(entry: Entry): Promise<void> {
    entry.inFlight = true;
    this.inFlight += 1;
    const photoId = entry.item.photoId;
    let answer: Result<PhotoAnswer>;
    try {
      answer = await this.options.check(photoId);
    } catch (error) {
      // The client never throws by contract; this guards the loop against a broken port.
      answer = { ok: false, error: { kind: 'network', message: String(error) } };
    }
    this.inFlight -= 1;
    entry.inFlight = false;
    // Removed while the request was out: forget the answer.
    if (this.entries.get(photoId) !== entry || this.stopped) return this.reschedule();
    this.apply(entry, answer);
    if (entry.recheck && entry.item.nextCheckAt !== null) {
      entry.recheck = false;
      entry.item.nextCheckAt = this.options.clock.now();
    }
    this.reschedule();
  }

  private apply(entry: Entry, answer: Result<PhotoAnswer>): void {
    const now = this.options.clock.now();
    const before = entry.item;
    const item: WatchItem = { ...before, lastCheckedAt: now, checks: before.checks + 1 };
    entry.item = item;

    if (answer.ok) {
      entry.failures = 0;
      item.problem = null;
      this.applyAnswer(item, answer.value, now);
    } else {
      this.applyError(entry, item, answer.error, now);
    }
    // An explicit "check now" on a finished item must not notify twice.
    if (!isFinished(before.status) && (item.status === 'ready' || item.status === 'failed')) {
      this.events.finished(item);
    }
    this.events.changed([item]);
  }

  private applyAnswer(item: WatchItem, answer: PhotoAnswer, now: number): void {
    item.rawStatus = answer.status === 'unknown' ? answer.rawStatus : null;
    switch (answer.status) {
      case 'success':
        item.status = 'ready';
        item.imageUrls = answer.imageUrls;
        item.failureMessage = null;
        break;
      case 'error':
        item.status = 'failed';
        item.failureMessage = answer.failureMessage;
        break;
      case 'in_progress':
        item.status = 'in_progress';
        break;
      default:
        item.status = 'unknown';
    }
    if (isFinished(item.status)) {
      item.finishedAt ??= now;
      item.nextCheckAt = null;
    } else {
      item.finishedAt = null;
      item.nextCheckAt = now + Math.max(MIN_INTERVAL_MS, this.options.schedule.nextDelayMs(item, now));
    }
  }

  private applyError(entry: Entry, item: WatchItem, error: AppError, now: number): void {
    switch (error.kind) {
      case 'not-found':
        item.status = 'not_found';
        item.problem = null;
        item.finishedAt ??= now;
        item.nextCheckAt = null;
        return;
      case 'invalid-key':
      case 'no-permission':
        // The key, not the photo, is at fault: keep the item as it was and hold everything.
        item.problem = error;
        item.nextCheckAt = now;
        this.pauseAll({ kind: error.kind, message: error.message });
        return;
      case 'rate-limited': {
        const waitMs = error.retryAfterS !== undefined ? error.retryAfterS * 1000 : this.defaultRetryAfterMs;
        this.coolDownUntil = Math.max(this.coolDownUntil, now + waitMs);
        item.problem = error;
        item.nextCheckAt = this.coolDownUntil;
        return;
      }
      default:
        entry.failures += 1;
        item.problem = error;
        item.nextCheckAt = now + backoffDelayMs(entry.failures, this.random);
    }
  }
}
