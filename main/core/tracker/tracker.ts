// The watchlist and its checks: which photo is in which state, when each is looked at next, what
// an answer from JoggAI does to it, and how the whole list stays polite (a global request budget,
// an in-flight cap, per-photo backoff; 429 waits, offline probing and sleep are decided by the
// ConnectionGate). Time comes from an injected
// clock and requests from an injected `check`, so the same code runs for real, in tests and in
// the benchmark.
import type { AppError, ConnectionState, PauseReason, PhotoStatus, Result, WatchItem } from '../../../preload/api';
import { FINISHED_STATUSES, START_SEEN_WITHIN_MS } from '../../../preload/api';
import type { PhotoAnswer } from '../jogg/client';
import type { Clock } from '../ports';
import { AccountLane } from './account-lane';
import { ConnectionGate, type HoldReason } from './connection-gate';
import { DueQueue } from './due-queue';
import { RoutineLanes, type DueCheck, type Lane } from './routine-lanes';
import { isLastingProblem, needsUser } from './lasting-problem';
import { MIN_INTERVAL_MS, backoffDelayMs, slowCheckGapMs, type Schedule } from './schedule';
import { TokenBucket } from './token-bucket';

export interface TrackerOptions {
  clock: Clock;
  schedule: Schedule;
  /** One status request; the service binds the API key. */
  check: (photoId: string) => Promise<Result<PhotoAnswer>>;
  /** Global budget: requests per second on average (default 2) and burst (default 5). */
  ratePerS?: number;
  burst?: number;
  /** Most requests at once (default 4). */
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
  /** The user paused or resumed checking ("Pause checking"). */
  userPauseChanged?(paused: boolean): void;
  connectionChanged(connection: ConnectionState): void;
}

interface Entry {
  item: WatchItem;
  inFlight: boolean;
  /** Consecutive transient failures, for backoff. */
  failures: number;
  /** Set by checkNow while a request is in flight: check again as soon as it returns. */
  recheck: boolean;
  /** When JoggAI last answered that the photo is still running (this session only). */
  lastSeenRunningAt: number | null;
  /** When the last request for it went out. */
  askedAt: number | null;
}

export type { HoldReason } from './connection-gate';

/**
 * Past this an item is "taking longer than usual" and checked ever more slowly, unless the
 * schedule has learned better (the learned one says past a high quantile of recent durations).
 */
export const TAKING_LONG_MS = 15 * 60_000;
/** Past this an item is stale: no more checks on its own, only on demand. */
export const STALE_MS = 24 * 60 * 60_000;
/** Catch-up after wake or reconnect: unfinished items are checked within this window. */
const CATCH_UP_SPREAD_MS = 3_000;
/** A timer firing this late means the process was frozen (sleep): catch up. */
const CLOCK_JUMP_MS = 30_000;


export const isFinished = (status: PhotoStatus) => FINISHED_STATUSES.includes(status);

/** Account calls wait out a rate limit this short; a longer one is their answer at once. */
const ACCOUNT_CALL_MAX_WAIT_MS = 10_000;
const RATE_LIMITED: AppError = { kind: 'rate-limited', message: 'JoggAI asked for fewer requests.' };
const NO_NETWORK: AppError = { kind: 'network', message: 'This computer is asleep or has no network connection.' };

/** What a request still waiting for the budget answers when the tracker stops. */
const STOPPED: AppError = { kind: 'network', message: 'Avatar Watch is stopping; the request was not sent.' };

/** A photo JoggAI never answered about waits in the first-check lane; every other in the follow-up lane. */
const laneOf = (item: WatchItem): Lane => (item.checks === 0 ? 'first' : 'follow-up');

export class Tracker {
  private readonly entries = new Map<string, Entry>();
  /** Routine checks: first checks and follow-ups, taking turns (see routine-lanes.ts). */
  private readonly due = new RoutineLanes();
  /**
   * Photos the user asked about (Check now): served before every routine check that is due, so
   * one click is answered in seconds even behind 10,000 queued photos. A photo is in one queue only.
   */
  private readonly urgent = new DueQueue();
  /** whoami and credits: the same budget, ahead of every photo check. */
  private readonly accountCalls = new AccountLane();
  private readonly bucket: TokenBucket;
  private readonly maxInFlight: number;
  private readonly random: () => number;
  private inFlight = 0;
  private pause: PauseReason | null;
  /**
   * "Pause checking", the user's own choice. Kept apart from `pause` (the key's state) because
   * both can hold at once, and fixing the key must not resume what the user paused.
   */
  private userPaused = false;
  /** 429 waits, offline probing, sleep and network holds. */
  private readonly gate: ConnectionGate;
  /** Photos removed while their request was out: re-adding one must not overlap that request. */
  private readonly removedInFlight = new Set<string>();
  /** When removed photos were last asked about, so pasting one again keeps the 5 s rule. */
  private readonly removedAskedAt = new Map<string, number>();
  /** Set when an answer ends an offline spell; the catch-up runs once that answer is applied. */
  private catchUpPending = false;
  private timer: unknown = null;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly options: TrackerOptions,
    private readonly events: TrackerEvents,
    initialPause: PauseReason | null = null,
  ) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.random = options.random ?? Math.random;
    this.bucket = new TokenBucket(options.ratePerS ?? 2, options.burst ?? 5, options.clock.now());
    this.pause = initialPause;
    this.gate = new ConnectionGate((connection) => this.events.connectionChanged(connection), options.defaultRetryAfterMs ?? 60_000);
  }

  // ---- the list ------------------------------------------------------------------------------

  /** Restores items saved by a previous run; unfinished ones are checked again soon, spread out. */
  load(items: readonly WatchItem[]): void {
    for (const saved of items) {
      // A problem waiting cannot change survives a restart ("Needs attention", not asked again);
      // any other is rebuilt by the next check.
      const problem = saved.problem !== null && isLastingProblem(saved.problem) ? saved.problem : null;
      const item: WatchItem = { ...saved, problem, nextCheckAt: null };
      this.entries.set(item.photoId, { item, inFlight: false, failures: 0, recheck: false, lastSeenRunningAt: null, askedAt: saved.lastCheckedAt });
    }
    this.catchUp();
  }

  has(photoId: string): boolean {
    return this.entries.has(photoId);
  }

  get size(): number {
    return this.entries.size;
  }

  items(): WatchItem[] {
    return Array.from(this.entries.values(), (e) => e.item);
  }

  get(photoId: string): WatchItem | undefined {
    return this.entries.get(photoId)?.item;
  }

  pauseReason(): PauseReason | null {
    return this.pause;
  }

  connectionState(): ConnectionState {
    return this.gate.state();
  }

  add(photoIds: readonly string[]): WatchItem[] {
    const now = this.options.clock.now();
    const added: WatchItem[] = [];
    for (const photoId of photoIds) {
      if (this.entries.has(photoId)) continue;
      const askedAt = this.removedAskedAt.get(photoId) ?? null;
      this.removedAskedAt.delete(photoId);
      const firstAt = Math.max(now + this.options.schedule.firstDelayMs(), askedAt === null ? now : askedAt + MIN_INTERVAL_MS);
      const item: WatchItem = {
        photoId,
        status: 'checking',
        addedAt: now,
        lastCheckedAt: null,
        nextCheckAt: firstAt,
        finishedAt: null,
        checks: 0,
        imageUrls: [],
        failureMessage: null,
        rawStatus: null,
        problem: null,
        lateness: 'usual',
      };
      this.entries.set(photoId, { item, inFlight: false, failures: 0, recheck: false, lastSeenRunningAt: null, askedAt });
      this.due.set(photoId, item.nextCheckAt!, 'first');
      added.push(item);
    }
    if (added.length > 0) {
      this.events.changed(added);
      this.dispatch();
    }
    return added;
  }

  remove(photoId: string): boolean {
    const entry = this.entries.get(photoId);
    if (!entry) return false;
    if (entry.inFlight) this.removedInFlight.add(photoId);
    else if (entry.askedAt !== null) this.rememberAsked(photoId, entry.askedAt);
    this.entries.delete(photoId);
    this.due.delete(photoId);
    this.urgent.delete(photoId);
    return true;
  }

  /**
   * Undo of a removal: the saved records come back as they were (status, times, images, problem),
   * not as new photos, so nothing is asked twice and nothing finished is told of again. An
   * unfinished one keeps its next check, never sooner than 5 s after its last request.
   */
  restore(saved: readonly WatchItem[]): WatchItem[] {
    const now = this.options.clock.now();
    const restored: WatchItem[] = [];
    for (const record of saved) {
      if (this.entries.has(record.photoId)) continue;
      const removedAsk = this.removedAskedAt.get(record.photoId) ?? null;
      this.removedAskedAt.delete(record.photoId);
      const askedAt = Math.max(removedAsk ?? -Infinity, record.lastCheckedAt ?? -Infinity);
      const { requestInFlight: _out, ...item } = record;
      const entry: Entry = { item, inFlight: false, failures: 0, recheck: false, lastSeenRunningAt: null, askedAt: Number.isFinite(askedAt) ? askedAt : null };
      this.entries.set(item.photoId, entry);
      if (item.nextCheckAt !== null) this.setNext(entry, Math.max(item.nextCheckAt, this.earliestAllowed(entry, now)));
      restored.push(entry.item);
    }
    if (restored.length > 0) {
      this.events.changed(restored);
      this.dispatch();
    }
    return restored;
  }

  /** The user's own words on a photo (label, note) changed: the item is replaced, as on every change. */
  relabel(photoId: string, change: (item: WatchItem) => WatchItem): WatchItem | undefined {
    const entry = this.entries.get(photoId);
    if (!entry) return undefined;
    entry.item = change(entry.item);
    this.events.changed([entry.item]);
    return entry.item;
  }

  /** The user asked: check now, finished or stale or not (a "not found" may exist by now). */
  checkNow(photoId: string): void {
    const entry = this.entries.get(photoId);
    if (!entry) return;
    if (entry.inFlight) {
      entry.recheck = true;
      return;
    }
    entry.failures = 0;
    this.setUrgent(entry, this.earliestAllowed(entry, this.options.clock.now()));
    this.events.changed([entry.item]);
    this.dispatch();
  }

  /**
   * An account call (whoami, credits) through the one request budget: it takes the next token
   * ahead of every photo check and waits out a short rate limit like them, but not a pause (saving
   * a key is how a pause ends) nor offline probing (its own answer is news about the connection).
   * While asleep or without network, or inside a long rate limit, it is answered at once instead
   * of sent: someone is waiting on it.
   */
  request<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    if (this.stopped) return Promise.resolve({ ok: false, error: STOPPED });
    const answer = this.accountCalls.enqueue(work);
    this.dispatch();
    return answer;
  }

  /**
   * JoggAI said no request is left until `untilMs` (X-RateLimit-Remaining: 0, even on a good
   * answer): nothing goes out before then, account calls included.
   */
  holdRequestsUntil(untilMs: number): void {
    const now = this.options.clock.now();
    if (untilMs <= Math.max(now, this.gate.coolDownUntil)) return;
    const error: AppError = { kind: 'rate-limited', message: 'JoggAI says no requests are left for now.', retryAfterS: Math.ceil((untilMs - now) / 1000) };
    this.gate.noteAnswer({ ok: false, error }, false, now);
    this.dispatch();
  }

  // ---- holds: user action, sleep, network ----------------------------------------------------

  /** Holds every check until the user acts (no key, invalid key, no API access). */
  pauseAll(reason: PauseReason): void {
    const same = this.pause?.kind === reason.kind && this.pause.message === reason.message;
    this.pause = reason;
    this.clearTimer();
    if (!same) this.events.pauseChanged(reason);
    // Account calls still go out while paused (saving a key is how a pause ends).
    this.dispatch();
  }

  /** A good key is back: every unfinished item is checked soon. */
  resume(): void {
    if (this.pause === null) return;
    this.pause = null;
    this.events.pauseChanged(null);
    this.catchUp();
  }

  isUserPaused(): boolean {
    return this.userPaused;
  }

  /**
   * The user's "Pause checking": nothing goes out (not even Check now) until they resume; a
   * request already out still lands. Resuming catches up like waking from sleep.
   */
  setUserPaused(paused: boolean): void {
    if (this.userPaused === paused) return;
    this.userPaused = paused;
    this.events.userPauseChanged?.(paused);
    if (paused) {
      this.clearTimer();
      this.dispatch();
    } else this.catchUp();
  }

  /**
   * "Check all now": every unfinished photo is due within a few seconds, in the global budget.
   * Stale ones too: they are exactly the photos nothing checks on its own any more, and a user who
   * asks for all means them; each gets one check (its answer leaves it stale unless it finished).
   * Finished ones are not asked again (ready and failed are final; Check now still works per photo).
   */
  checkAll(): void {
    this.catchUp(true);
  }

  /** Sleep, or the host says there is no network: hold everything until every reason is gone. */
  hold(reason: HoldReason): void {
    this.gate.hold(reason);
    this.clearTimer();
    this.dispatch();
  }

  /** Awake and online again: check every unfinished item within a few seconds. */
  release(reason: HoldReason): void {
    if (this.gate.release(reason, this.options.clock.now())) this.catchUp();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.accountCalls.answerAll(STOPPED);
  }

  /** A new request budget from Settings, in force from the next request on, without a restart. */
  setBudget(ratePerS: number, burst: number): void {
    this.bucket.setRate(ratePerS, burst, this.options.clock.now());
    // A faster rate may let a check go out before the armed timer: look again now.
    this.dispatch();
  }

  // ---- the scheduling loop ---------------------------------------------------------------------

  /** Starts every check that is due and allowed, earliest due first; arms one timer for the rest. */
  private dispatch(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    // Waiting account calls keep every token for themselves until they are out.
    if (!this.dispatchAccountCalls(now) || this.pause || this.userPaused) return;
    const gate = this.gate.decide(now);
    if (gate.kind === 'closed') return;
    if (gate.kind === 'wait') return this.arm(gate.until);
    if (gate.kind === 'probe') {
      // One probe: the item due soonest, checked for real; its answer decides the state.
      const next = this.nextDue(now);
      if (!next) return this.gate.nothingToProbe();
      if (!this.bucket.tryTake(now)) return this.arm(now + this.bucket.waitMs(now));
      next.pop();
      this.gate.startProbe(next.key);
      void this.runCheck(this.entries.get(next.key)!);
      return;
    }

    while (this.inFlight < this.maxInFlight) {
      const next = this.nextDue(now);
      if (!next) return;
      if (next.at > now) return this.arm(next.at);
      if (this.removedInFlight.has(next.key)) {
        // Its previous life's request is still out: wait for it, then 5 s more.
        this.setNext(this.entries.get(next.key)!, now + MIN_INTERVAL_MS);
        continue;
      }
      if (!this.bucket.tryTake(now)) return this.arm(now + this.bucket.waitMs(now));
      next.pop();
      void this.runCheck(this.entries.get(next.key)!);
    }
    // At the cap: the next answer calls dispatch again.
  }

  /** The photo to check next: one the user asked about once it may go, else a routine one (lanes taking turns). */
  private nextDue(now: number): DueCheck | undefined {
    const asked = this.urgent.peek();
    const urgent = asked && { ...asked, pop: () => void this.urgent.pop() };
    if (asked && asked.at <= now) return urgent;
    const routine = this.due.peek(now);
    if (!routine || (asked && asked.at <= routine.at)) return urgent;
    return routine;
  }

  /** Starts waiting account calls while the budget allows; false when some must still wait. */
  private dispatchAccountCalls(now: number): boolean {
    while (this.accountCalls.size > 0) {
      if (this.gate.held) {
        this.accountCalls.answerAll(NO_NETWORK);
        return true;
      }
      // At the cap: the next answer calls dispatch again.
      if (this.inFlight >= this.maxInFlight) return false;
      const coolDownUntil = this.gate.coolDownUntil;
      if (coolDownUntil - now > ACCOUNT_CALL_MAX_WAIT_MS) {
        // Someone is waiting on these: a long rate-limit wait is their answer, not a frozen form.
        this.accountCalls.answerAll({ ...RATE_LIMITED, retryAfterS: Math.ceil((coolDownUntil - now) / 1000) });
        return true;
      }
      if (now < coolDownUntil) {
        this.arm(coolDownUntil);
        return false;
      }
      if (!this.bucket.tryTake(now)) {
        this.arm(now + this.bucket.waitMs(now));
        return false;
      }
      void this.runAccountCall(this.accountCalls.take()!);
    }
    return true;
  }

  private async runAccountCall(run: () => Promise<Result<unknown>>): Promise<void> {
    this.inFlight += 1;
    const answer = await run();
    this.inFlight -= 1;
    if (this.stopped) return;
    // A rate limit or reachability counts for every request; a key rejection is the caller's to
    // judge (a key being saved is not the key the checks use).
    const { restored } = this.gate.noteAnswer(answer, false, this.options.clock.now());
    if (restored) this.catchUp();
    else this.dispatch();
  }

  private arm(at: number): void {
    if (this.timer !== null && this.timerAt <= at) return;
    this.clearTimer();
    const now = this.options.clock.now();
    this.timerAt = at;
    this.timer = this.options.clock.setTimeout(() => {
      const late = this.options.clock.now() - this.timerAt;
      this.timer = null;
      this.timerAt = Infinity;
      // The process was frozen (laptop lid closed, no powerMonitor in this host): catch up.
      if (late > CLOCK_JUMP_MS) this.catchUp();
      else this.dispatch();
    }, Math.max(0, at - now));
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  /**
   * Every unfinished, non-stale item (with `includeStale`, stale ones too) is due within a few
   * seconds, never sooner than 5 s after its last check.
   */
  private catchUp(includeStale = false): void {
    const now = this.options.clock.now();
    for (const entry of this.entries.values()) {
      const { item } = entry;
      if (entry.inFlight || this.urgent.has(item.photoId) || (isFinished(item.status) && item.nextCheckAt === null)) continue;
      // Stale and needs-attention items wait for the user ("Check all now" is the user too).
      if (!includeStale && (item.lateness === 'stale' || needsUser(item))) continue;
      const soon = now + Math.round(this.random() * CATCH_UP_SPREAD_MS);
      const at = Math.max(this.earliestAllowed(entry, now), Math.min(item.nextCheckAt ?? soon, soon));
      // Quietly: the UI need not hear about 10,000 rescheduled items at once.
      entry.item = { ...item, nextCheckAt: at };
      this.due.set(item.photoId, at, laneOf(item));
    }
    this.dispatch();
  }

  private rememberAsked(photoId: string, at: number): void {
    this.removedAskedAt.set(photoId, at);
    // Only the last few seconds matter; forget older ones so the map stays small.
    if (this.removedAskedAt.size > 1_000) {
      const horizon = this.options.clock.now() - MIN_INTERVAL_MS;
      for (const [id, t] of this.removedAskedAt) if (t < horizon) this.removedAskedAt.delete(id);
    }
  }

  /** Never two requests for one photo within 5 s, counted from when the last one went out. */
  private earliestAllowed(entry: Entry, now: number): number {
    return entry.askedAt === null ? now : Math.max(now, entry.askedAt + MIN_INTERVAL_MS);
  }

  private setNext(entry: Entry, at: number | null): void {
    entry.item = { ...entry.item, nextCheckAt: at };
    this.urgent.delete(entry.item.photoId);
    if (at === null) this.due.delete(entry.item.photoId);
    else this.due.set(entry.item.photoId, at, laneOf(entry.item));
  }

  /** The user asked: checked at `at`, ahead of routine checks. */
  private setUrgent(entry: Entry, at: number): void {
    entry.item = { ...entry.item, nextCheckAt: at };
    this.due.delete(entry.item.photoId);
    this.urgent.set(entry.item.photoId, at);
  }


  // ---- one check ------------------------------------------------------------------------------

  private async runCheck(entry: Entry): Promise<void> {
    entry.inFlight = true;
    entry.askedAt = this.options.clock.now();
    this.inFlight += 1;
    const photoId = entry.item.photoId;
    // "Checking" in the window means exactly this; patches are batched, so a quick answer costs nothing extra.
    entry.item = { ...entry.item, requestInFlight: true };
    this.events.changed([entry.item]);
    let answer: Result<PhotoAnswer>;
    try {
      answer = await this.options.check(photoId);
    } catch (error) {
      // The client never throws by contract; this guards the loop against a broken port.
      answer = { ok: false, error: { kind: 'network', message: String(error) } };
    }
    this.inFlight -= 1;
    entry.inFlight = false;
    const wasProbe = this.gate.finished(photoId);
    if (this.entries.get(photoId) !== entry) {
      // Removed while out. Pasted again meanwhile? Its first check keeps 5 s from this one.
      this.removedInFlight.delete(photoId);
      const again = this.entries.get(photoId);
      if (again) {
        again.askedAt = Math.max(again.askedAt ?? 0, entry.askedAt!);
        if (!again.inFlight && again.item.nextCheckAt !== null) this.setNext(again, Math.max(again.item.nextCheckAt, this.earliestAllowed(again, 0)));
      } else {
        this.rememberAsked(photoId, entry.askedAt!);
      }
    }
    // What the answer says about JoggAI itself (429, key, reachability) counts even for a photo
    // removed while its request was out; what it says about the photo only for a watched one.
    if (!this.stopped) this.applyToConnection(answer, wasProbe);
    if (this.entries.get(photoId) === entry && !this.stopped) {
      this.apply(entry, answer, wasProbe);
      // Asked to check while a request was out: its answer is fresh enough if it says finished.
      if (entry.recheck) {
        entry.recheck = false;
        if (entry.item.nextCheckAt !== null) this.setUrgent(entry, this.earliestAllowed(entry, this.options.clock.now()));
      }
    }
    if (this.catchUpPending) {
      this.catchUpPending = false;
      this.catchUp();
    } else {
      this.dispatch();
    }
  }

  private apply(entry: Entry, answer: Result<PhotoAnswer>, wasProbe: boolean): void {
    const now = this.options.clock.now();
    const before = entry.item;
    const item: WatchItem = { ...before, lastCheckedAt: now, checks: before.checks + 1, requestInFlight: false };
    delete item.noNews;
    entry.item = item;

    if (answer.ok) {
      entry.failures = 0;
      item.problem = null;
      this.applyAnswer(item, answer.value, now);
      this.learn(entry, item, now);
      // "No news" is no sighting: a completion window must not start at it.
      if (answer.value.status !== 'no-news') entry.lastSeenRunningAt = isFinished(item.status) ? null : now;
    } else {
      this.applyError(entry, item, answer.error, now, wasProbe);
    }
    this.setNext(entry, item.nextCheckAt);
    // An explicit "check now" on a finished item must not notify twice.
    if (!isFinished(before.status) && (item.status === 'ready' || item.status === 'failed')) this.events.finished(entry.item);
    this.events.changed([entry.item]);
  }

  private applyAnswer(item: WatchItem, answer: PhotoAnswer, now: number): void {
    if (answer.status !== 'no-news') item.rawStatus = answer.status === 'unknown' ? answer.rawStatus : null;
    // JoggAI said nothing about the photo: it keeps its state and its schedule, and the row says so.
    if (answer.status === 'no-news') item.noNews = true;
    else if (answer.status === 'success') {
      item.status = 'ready';
      item.imageUrls = answer.imageUrls;
      item.failureMessage = null;
    } else if (answer.status === 'error') {
      item.status = 'failed';
      item.failureMessage = answer.failureMessage;
    } else {
      item.status = answer.status === 'in_progress' ? 'in_progress' : 'unknown';
      // What "took" can honestly claim later: from the first sighting in progress to the last unfinished one.
      if (item.status === 'in_progress') item.firstSeenInProgressAt ??= now;
      item.lastSeenUnfinishedAt = now;
    }
    if (isFinished(item.status)) {
      item.finishedAt ??= now;
      item.nextCheckAt = null;
      item.lateness = 'usual';
      return;
    }
    item.finishedAt = null;
    const age = now - item.addedAt;
    if (age >= STALE_MS) {
      item.lateness = 'stale';
      item.nextCheckAt = null;
    } else if (age >= (this.options.schedule.takingLongAfterMs?.() ?? TAKING_LONG_MS)) {
      item.lateness = 'taking-long';
      // The last slow check falls at 24 hours, so the photo reads "stale" when it becomes so.
      item.nextCheckAt = Math.min(now + slowCheckGapMs(age), Math.max(now + MIN_INTERVAL_MS, item.addedAt + STALE_MS));
    } else {
      item.lateness = 'usual';
      item.nextCheckAt = now + Math.max(MIN_INTERVAL_MS, this.options.schedule.nextDelayMs(item, now));
    }
  }

  /**
   * A photo seen running, then finished: it finished between those two answers (failed attempts
   * between them say nothing). Only photos seen running soon after they were added count: the
   * schedule measures from adding, and a photo added long after it started would teach it that
   * photos are quicker than they are.
   */
  private learn(entry: Entry, after: WatchItem, now: number): void {
    const justFinished = after.status === 'ready' || after.status === 'failed';
    if (entry.lastSeenRunningAt === null || !justFinished || !startSeen(after)) return;
    this.options.schedule.observe?.({ lowMs: entry.lastSeenRunningAt - after.addedAt, highMs: now - after.addedAt, at: now });
  }

  private applyError(entry: Entry, item: WatchItem, error: AppError, now: number, wasProbe: boolean): void {
    item.problem = error;
    switch (error.kind) {
      case 'not-found':
        item.status = 'not_found';
        item.problem = null;
        item.finishedAt ??= now;
        item.nextCheckAt = null;
        return;
      case 'invalid-key':
      case 'no-permission':
        // The key, not the photo, is at fault: keep the item as it was (everything is paused).
        item.nextCheckAt = this.earliestAllowed(entry, now);
        return;
      case 'rate-limited':
        item.nextCheckAt = Math.max(this.gate.coolDownUntil, this.earliestAllowed(entry, now));
        return;
      default:
        if (isLastingProblem(error)) {
          // Waiting cannot change this answer: the photo needs the user, and Check now asks again.
          item.nextCheckAt = null;
          return;
        }
        entry.failures += 1;
        item.nextCheckAt = now + backoffDelayMs(entry.failures, this.random);
        // While offline the probe decides; the item just waits its turn.
        if (wasProbe) item.nextCheckAt = Math.max(this.earliestAllowed(entry, now), this.gate.state().retryAt ?? now);
    }
  }

  /** The part of an answer that concerns every photo: a 429 wait, a rejected key, reachability. */
  private applyToConnection(answer: Result<PhotoAnswer>, wasProbe: boolean): void {
    const { restored, rejectedKey } = this.gate.noteAnswer(answer, wasProbe, this.options.clock.now());
    if (rejectedKey) this.pauseAll({ kind: rejectedKey.kind as PauseReason['kind'], message: rejectedKey.message });
    // Coming back from offline: a catch-up round, once this answer is applied.
    if (restored) this.catchUpPending = true;
  }
}

/** Whether the photo was seen in progress soon enough after adding to date its start by it. */
function startSeen(item: WatchItem): boolean {
  return item.firstSeenInProgressAt != null && item.firstSeenInProgressAt - item.addedAt <= START_SEEN_WITHIN_MS;
}
