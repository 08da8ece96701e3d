import { beforeEach, describe, expect, it } from 'vitest';
import type { AppError, ConnectionState, PauseReason, Result, WatchItem } from '../../preload/api';
import type { PhotoAnswer } from '../../main/core/jogg/client';
import { docsSchedule, learnedSchedule, type Schedule } from '../../main/core/tracker/schedule';
import { STALE_MS, TAKING_LONG_MS, Tracker } from '../../main/core/tracker/tracker';
import type { CompletionRecord } from '../../main/core/tracker/completion-record';
import { VirtualClock } from '../support/virtual-clock';

type Reply = Result<PhotoAnswer>;
const inProgress = (photoId: string): Reply => ({
  ok: true,
  value: { photoId, status: 'in_progress', rawStatus: 'in_progress', imageUrls: [], failureMessage: null },
});
const success = (photoId: string): Reply => ({
  ok: true,
  value: { photoId, status: 'success', rawStatus: 'success', imageUrls: ['https://a/1', 'https://a/2', 'https://a/3', 'https://a/4'], failureMessage: null },
});
const failure = (photoId: string, msg: string | null): Reply => ({
  ok: true,
  value: { photoId, status: 'error', rawStatus: 'error', imageUrls: [], failureMessage: msg },
});
const error = (e: AppError): Reply => ({ ok: false, error: e });

/** The docs' steps after a first check at once: easy to reason about in tests. */
const docsSteps = docsSchedule();
const learnedNothing: CompletionRecord[] = [];
const testSchedule: Schedule = {
  firstDelayMs: () => 0,
  nextDelayMs: (item, now) => docsSteps.nextDelayMs(item, now),
  observe: (record) => learnedNothing.push(record),
};

/** A scripted JoggAI: each photo answers from its own queue; the last answer repeats. */
function setup(options: { maxInFlight?: number; paused?: PauseReason | null; ratePerS?: number; burst?: number } = {}) {
  const clock = new VirtualClock();
  learnedNothing.length = 0;
  const scripts = new Map<string, Reply[]>();
  const calls: Array<{ photoId: string; at: number }> = [];
  const finished: WatchItem[] = [];
  const pauses: Array<PauseReason | null> = [];
  const connections: ConnectionState[] = [];
  let inFlight = 0;
  let maxSeenInFlight = 0;
  const tracker = new Tracker(
    {
      clock,
      schedule: testSchedule,
      maxInFlight: options.maxInFlight,
      ratePerS: options.ratePerS ?? Infinity,
      burst: options.burst ?? Infinity,
      random: () => 0.5,
      check: async (photoId) => {
        calls.push({ photoId, at: clock.now() });
        inFlight += 1;
        maxSeenInFlight = Math.max(maxSeenInFlight, inFlight);
        await Promise.resolve();
        inFlight -= 1;
        const queue = scripts.get(photoId) ?? [inProgress(photoId)];
        return queue.length > 1 ? queue.shift()! : queue[0]!;
      },
    },
    {
      changed: () => {},
      finished: (item) => finished.push(item),
      pauseChanged: (pause) => pauses.push(pause),
      connectionChanged: (connection) => connections.push(connection),
    },
    options.paused ?? null,
  );
  const checksOf = (photoId: string) => calls.filter((c) => c.photoId === photoId);
  return { clock, tracker, scripts, calls, checksOf, finished, pauses, connections, maxInFlight: () => maxSeenInFlight };
}

describe('Tracker', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('checks a new photo at once, then every 10 s in the first minute, 30 s to five minutes, 60 s after', async () => {
    t.tracker.add(['p1']);
    await t.clock.advance(10 * 60_000);
    const offsets = t.checksOf('p1').map((c) => (c.at - t.checksOf('p1')[0]!.at) / 1000);
    expect(offsets.slice(0, 8)).toEqual([0, 10, 20, 30, 40, 50, 60, 90]);
    expect(offsets).toContain(300);
    const gapsAfterFive = offsets.filter((o) => o > 300).map((o, i, all) => o - (all[i - 1] ?? 300));
    expect(new Set(gapsAfterFive)).toEqual(new Set([60]));
  });

  it('marks a photo ready with its images, notifies once and never checks it again', async () => {
    t.scripts.set('p1', [inProgress('p1'), inProgress('p1'), success('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(60_000);
    const item = t.tracker.get('p1')!;
    expect(item.status).toBe('ready');
    expect(item.imageUrls).toHaveLength(4);
    expect(item.finishedAt).toBe(item.lastCheckedAt);
    expect(item.nextCheckAt).toBeNull();
    expect(t.finished.map((f) => f.photoId)).toEqual(['p1']);
    const checks = t.checksOf('p1').length;
    await t.clock.advance(30 * 60_000);
    expect(t.checksOf('p1')).toHaveLength(checks);
  });

  it("keeps JoggAI's failure message, or null when it gave none", async () => {
    t.scripts.set('bad', [failure('bad', 'Face not detected')]);
    t.scripts.set('quiet', [failure('quiet', null)]);
    t.tracker.add(['bad', 'quiet']);
    await t.clock.advance(1_000);
    expect(t.tracker.get('bad')).toMatchObject({ status: 'failed', failureMessage: 'Face not detected' });
    expect(t.tracker.get('quiet')).toMatchObject({ status: 'failed', failureMessage: null });
    expect(t.finished).toHaveLength(2);
  });

  it('marks an unknown ID not found without a notification and stops checking it', async () => {
    t.scripts.set('typo', [error({ kind: 'not-found', message: 'record not found', code: 10104 })]);
    t.tracker.add(['typo']);
    await t.clock.advance(5 * 60_000);
    expect(t.tracker.get('typo')!.status).toBe('not_found');
    expect(t.checksOf('typo')).toHaveLength(1);
    expect(t.finished).toHaveLength(0);
  });

  it('shows an unknown status as unknown, keeps the raw value and keeps checking', async () => {
    t.scripts.set('odd', [{ ok: true, value: { photoId: 'odd', status: 'unknown', rawStatus: 'queued', imageUrls: [], failureMessage: null } }]);
    t.tracker.add(['odd']);
    await t.clock.advance(25_000);
    expect(t.tracker.get('odd')).toMatchObject({ status: 'unknown', rawStatus: 'queued' });
    expect(t.checksOf('odd').length).toBeGreaterThan(1);
  });

  it('backs off one item after a network error or a 50000, keeps its status and clears the problem on the next good answer', async () => {
    const down: AppError = { kind: 'network', message: 'connection refused' };
    t.scripts.set('p1', [inProgress('p1'), error(down), error({ kind: 'server-error', message: 'system error', code: 50000 }), inProgress('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(10_000);
    expect(t.tracker.get('p1')).toMatchObject({ status: 'in_progress', problem: down });
    await t.clock.advance(5 * 60_000);
    const at = t.checksOf('p1').map((c) => c.at);
    const gaps = at.slice(1).map((a, i) => (a - at[i]!) / 1000);
    expect(gaps.slice(0, 3)).toEqual([10, 10, 20]);
    expect(t.tracker.get('p1')).toMatchObject({ status: 'in_progress', problem: null });
    expect(t.tracker.connectionState().state).toBe('online');
  });

  it('goes offline after three connection failures in a row, probes with growing gaps, and catches up when JoggAI answers', async () => {
    const down: AppError = { kind: 'network', message: 'connection refused' };
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (const id of ids) t.scripts.set(id, [error(down)]);
    t.tracker.add(ids);
    await t.clock.advance(100);
    expect(t.tracker.connectionState()).toMatchObject({ state: 'offline', error: down });
    const before = t.calls.length;
    await t.clock.advance(5_000 + 10_000 + 20_000 + 30_000 + 30_000);
    // One probe at a time: 5 s, then 10, 20, 30, 30 (capped).
    const probes = t.calls.slice(before).map((c) => c.at);
    expect(probes.slice(1).map((p, i) => (p - probes[i]!) / 1000)).toEqual([10, 20, 30, 30]);
    for (const id of ids) t.scripts.set(id, [inProgress(id)]);
    const back = t.clock.now();
    await t.clock.advance(30_000);
    expect(t.connections.at(-1)).toEqual({ state: 'online', retryAt: null, error: null });
    // Every unfinished item is checked again within a few seconds of the first good answer.
    for (const id of ids) expect(t.checksOf(id).filter((c) => c.at > back && c.at <= back + 30_000 + 5_000).length).toBeGreaterThan(0);
    const firstGood = t.calls.find((c) => c.at > back)!.at;
    for (const id of ids) expect(t.checksOf(id).find((c) => c.at >= firstGood)!.at - firstGood).toBeLessThanOrEqual(5_000);
  });

  it('holds every check for the Retry-After of a 429', async () => {
    t.scripts.set('p1', [error({ kind: 'rate-limited', message: 'slow down', code: 429, retryAfterS: 120 }), inProgress('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(1_000);
    t.tracker.add(['p2']);
    await t.clock.advance(118_000);
    expect(t.calls.map((c) => c.photoId)).toEqual(['p1']);
    await t.clock.advance(2_000);
    expect(t.checksOf('p2')).toHaveLength(1);
  });

  it('pauses everything on an invalid key and resumes every unfinished item when told', async () => {
    t.scripts.set('p1', [error({ kind: 'invalid-key', message: 'invalid API key', code: 10105 }), inProgress('p1')]);
    t.tracker.add(['p1', 'p2']);
    await t.clock.advance(1_000);
    expect(t.pauses).toEqual([{ kind: 'invalid-key', message: 'invalid API key' }]);
    const callsWhilePaused = t.calls.length;
    await t.clock.advance(10 * 60_000);
    expect(t.calls).toHaveLength(callsWhilePaused);
    t.tracker.resume();
    expect(t.pauses.at(-1)).toBeNull();
    await t.clock.advance(2_000);
    expect(t.checksOf('p1').length).toBeGreaterThanOrEqual(2);
    expect(t.checksOf('p2').length).toBeGreaterThanOrEqual(1);
  });

  it('never has more requests in flight than its cap, and serves the earliest due first', async () => {
    t = setup({ maxInFlight: 2 });
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    t.tracker.add(ids);
    await t.clock.advance(1_000);
    expect(t.maxInFlight()).toBeLessThanOrEqual(2);
    expect(t.calls.slice(0, 10).map((c) => c.photoId)).toEqual(ids);
  });

  it('adds nothing twice and forgets a removed item, even with an answer in flight', async () => {
    t.tracker.add(['p1', 'p1']);
    expect(t.tracker.size).toBe(1);
    t.tracker.remove('p1');
    await t.clock.advance(60_000);
    expect(t.tracker.get('p1')).toBeUndefined();
  });

  it('checks a finished item again on demand without notifying twice', async () => {
    t.scripts.set('p1', [success('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(1_000);
    t.tracker.checkNow('p1');
    await t.clock.advance(3_000);
    // Never two checks of one photo within 5 s, even on demand.
    expect(t.checksOf('p1')).toHaveLength(1);
    await t.clock.advance(2_000);
    expect(t.checksOf('p1')).toHaveLength(2);
    expect(t.finished).toHaveLength(1);
  });

  it('resumes unfinished items after a restart, spread out, and leaves finished ones alone', async () => {
    const now = t.clock.now();
    const base = { addedAt: now - 60_000, lastCheckedAt: now - 30_000, nextCheckAt: null, finishedAt: null, checks: 3, imageUrls: [], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual' as const };
    t.tracker.load([
      { ...base, photoId: 'a', status: 'in_progress' },
      { ...base, photoId: 'b', status: 'checking' },
      { ...base, photoId: 'done', status: 'ready', finishedAt: now - 1_000 },
    ]);
    await t.clock.advance(5_000);
    expect(t.calls.map((c) => c.photoId).sort()).toEqual(['a', 'b']);
    expect(t.calls.every((c) => c.at - now <= 3_000)).toBe(true);
  });

  it('stays silent while paused for a missing key', async () => {
    t = setup({ paused: { kind: 'no-key', message: 'add a key' } });
    t.tracker.add(['p1']);
    await t.clock.advance(60_000);
    expect(t.calls).toHaveLength(0);
    expect(t.tracker.get('p1')!.status).toBe('checking');
  });

  it('keeps to the global budget: a burst, then the steady rate, earliest due first', async () => {
    t = setup({ ratePerS: 2, burst: 5, maxInFlight: 4 });
    const ids = Array.from({ length: 25 }, (_, i) => `p${i}`);
    t.tracker.add(ids);
    await t.clock.advance(10_000);
    const start = t.calls[0]!.at;
    expect(t.calls.filter((c) => c.at === start)).toHaveLength(5);
    const gaps = t.calls.slice(5, 20).map((c, i) => c.at - t.calls[4 + i]!.at);
    expect(new Set(gaps)).toEqual(new Set([500]));
    // Over any 10 s window: at most the burst plus 2 a second.
    expect(t.calls.filter((c) => c.at - start < 10_000).length).toBeLessThanOrEqual(5 + 20);
    expect(t.calls.slice(0, 20).map((c) => c.photoId)).toEqual(ids.slice(0, 20));
  });

  it('holds every check while asleep or without network, then checks every unfinished item within seconds', async () => {
    t.tracker.add(['p1', 'p2']);
    await t.clock.advance(1_000);
    t.tracker.hold('asleep');
    expect(t.tracker.connectionState().state).toBe('asleep');
    const before = t.calls.length;
    await t.clock.advance(10 * 60_000);
    expect(t.calls).toHaveLength(before);
    t.tracker.release('asleep');
    const woke = t.clock.now();
    await t.clock.advance(5_000);
    expect(t.checksOf('p1').at(-1)!.at - woke).toBeLessThanOrEqual(3_000);
    expect(t.checksOf('p2').at(-1)!.at - woke).toBeLessThanOrEqual(3_000);
  });

  it('notices a frozen process (a timer firing far too late) and catches up', async () => {
    t.tracker.add(['p1']);
    await t.clock.advance(1_000);
    const checks = t.checksOf('p1').length;
    t.clock.jump(20 * 60_000); // the laptop slept; no timer could fire
    await t.clock.advance(0);
    await t.clock.advance(3_000);
    expect(t.checksOf('p1').length).toBe(checks + 1);
  });

  it('flags a photo taking longer than usual, checks it ever more rarely (never past 10 min), and stops at 24 hours with a manual check left', async () => {
    t.tracker.add(['slow']);
    await t.clock.advance(TAKING_LONG_MS + 60_000);
    expect(t.tracker.get('slow')!.lateness).toBe('taking-long');
    const at = t.checksOf('slow').map((c) => c.at);
    await t.clock.advance(2 * 60 * 60_000);
    const later = t.checksOf('slow').map((c) => c.at).filter((a) => a > at.at(-1)!);
    const gaps = later.slice(1).map((a, i) => a - later[i]!);
    // A photo late by minutes may still finish soon; one late by an hour rarely will.
    expect(gaps[0]).toBeLessThan(4 * 60_000);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]! * 2);
    expect(gaps.every((g, i) => i === 0 || g >= gaps[i - 1]!)).toBe(true);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10 * 60_000);
    await t.clock.advance(STALE_MS);
    const item = t.tracker.get('slow')!;
    expect(item).toMatchObject({ lateness: 'stale', nextCheckAt: null, status: 'in_progress' });
    const count = t.checksOf('slow').length;
    await t.clock.advance(60 * 60_000);
    expect(t.checksOf('slow')).toHaveLength(count);
    t.tracker.checkNow('slow');
    await t.clock.advance(1_000);
    expect(t.checksOf('slow')).toHaveLength(count + 1);
  });

  it('calls a photo late by what was learned: after minute-long jobs, 8 minutes is late; on a slow day, 17 minutes is not', async () => {
    const history = (lowS: number, highS: number) =>
      Array.from({ length: 200 }, (_, i) => {
        const s = lowS + ((highS - lowS) * i) / 199;
        return { lowMs: (s - 10) * 1000, highMs: s * 1000, at: i * 60_000 };
      });
    const lateAt = async (schedule: Schedule, ageMs: number) => {
      const clock = new VirtualClock();
      const tracker = new Tracker(
        { clock, schedule, ratePerS: Infinity, burst: Infinity, random: () => 0.5, check: async (id) => inProgress(id) },
        { changed: () => {}, finished: () => {}, pauseChanged: () => {}, connectionChanged: () => {} },
      );
      tracker.add(['p']);
      await clock.advance(ageMs);
      const item = tracker.get('p')!;
      tracker.stop();
      return item.lateness;
    };
    expect(await lateAt(learnedSchedule(history(40, 70)), 8 * 60_000)).toBe('taking-long');
    expect(await lateAt(learnedSchedule(history(480, 1_200)), 17 * 60_000)).toBe('usual');
    expect(await lateAt(learnedSchedule(history(480, 1_200)), 30 * 60_000)).toBe('taking-long');
  });

  it('tells the schedule when a photo it saw running has finished, as the interval between the two checks', async () => {
    t.scripts.set('p1', [inProgress('p1'), inProgress('p1'), success('p1')]);
    t.scripts.set('instant', [success('instant')]);
    t.tracker.add(['p1', 'instant']);
    await t.clock.advance(60_000);
    // Ready at the first look says nothing about how long it took.
    expect(learnedNothing).toEqual([{ lowMs: 10_000, highMs: 20_000, at: expect.any(Number) }]);
  });

  // Found by the property tests: regressions kept as plain examples.
  it('sends no probe before a 429 wait ends, even when failures pile up during it', async () => {
    t = setup({ ratePerS: Infinity, burst: Infinity, maxInFlight: 8 });
    const down: AppError = { kind: 'network', message: 'refused' };
    t.scripts.set('limited', [error({ kind: 'rate-limited', message: 'slow down', code: 429, retryAfterS: 40 })]);
    for (const id of ['x', 'y', 'z']) t.scripts.set(id, [error(down)]);
    t.tracker.add(['limited', 'x', 'y', 'z']);
    await t.clock.advance(100);
    const start = t.clock.now();
    const before = t.calls.length;
    await t.clock.advance(39_000);
    expect(t.calls.slice(before).filter((c) => c.at - start < 39_900)).toEqual([]);
  });

  it('does not check again when a photo asked about mid-request turns out finished', async () => {
    t.scripts.set('p1', [success('p1')]);
    t.tracker.add(['p1']);
    t.tracker.checkNow('p1'); // the first request is already out
    await t.clock.advance(60_000);
    expect(t.checksOf('p1')).toHaveLength(1);
  });

  it('stays on hold until both sleep and the network outage are over', async () => {
    t.tracker.add(['p1']);
    await t.clock.advance(1_000);
    t.tracker.hold('no-network');
    t.tracker.hold('asleep');
    t.tracker.release('asleep'); // woke up, still no network
    const before = t.calls.length;
    await t.clock.advance(5 * 60_000);
    expect(t.calls).toHaveLength(before);
    expect(t.tracker.connectionState().state).toBe('asleep');
    t.tracker.release('no-network');
    await t.clock.advance(5_000);
    expect(t.calls.length).toBeGreaterThan(before);
    expect(t.tracker.connectionState().state).toBe('online');
  });

  it('goes back online when nothing is left to probe', async () => {
    const down: AppError = { kind: 'network', message: 'refused' };
    for (const id of ['a', 'b', 'c']) t.scripts.set(id, [error(down)]);
    t.tracker.add(['a', 'b', 'c']);
    await t.clock.advance(100);
    expect(t.tracker.connectionState().state).toBe('offline');
    for (const id of ['a', 'b', 'c']) t.tracker.remove(id);
    await t.clock.advance(60_000);
    expect(t.tracker.connectionState().state).toBe('online');
  });

  it('treats a 404 without JoggAI envelope as a wrong address for that photo, not as JoggAI being down', async () => {
    const notFoundPage: AppError = { kind: 'http-error', message: 'HTTP 404' };
    for (const id of ['a', 'b', 'c', 'd']) t.scripts.set(id, [error(notFoundPage)]);
    t.tracker.add(['a', 'b', 'c', 'd']);
    await t.clock.advance(1_000);
    expect(t.tracker.connectionState().state).toBe('online');
    expect(t.tracker.get('a')!.problem).toEqual(notFoundPage);
  });

  it('never overlaps two requests for one photo removed and added again while its check was out', async () => {
    const clock = new VirtualClock();
    const started: number[] = [];
    let inFlight = 0;
    let overlap = false;
    const tracker = new Tracker(
      {
        clock,
        schedule: testSchedule,
        ratePerS: Infinity,
        burst: Infinity,
        check: async (photoId) => {
          started.push(clock.now());
          inFlight += 1;
          if (inFlight > 1) overlap = true;
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 3_000));
          inFlight -= 1;
          return inProgress(photoId);
        },
      },
      { changed: () => {}, finished: () => {}, pauseChanged: () => {}, connectionChanged: () => {} },
    );
    tracker.add(['p1']);
    await clock.advance(100);
    tracker.remove('p1');
    tracker.add(['p1']);
    await clock.advance(20_000);
    expect(overlap).toBe(false);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(5_000);
  });

  it('learns from the last answer that said "running", not from failed attempts in between', async () => {
    const down: AppError = { kind: 'network', message: 'refused' };
    t.scripts.set('p1', [inProgress('p1'), error(down), success('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(60_000);
    expect(learnedNothing).toEqual([{ lowMs: 0, highMs: 20_000, at: expect.any(Number) }]);
  });

  it('keeps 5 s from the last request when a photo is removed, pasted again and checked on demand', async () => {
    t = setup({ ratePerS: 0.5, burst: 1, maxInFlight: 1 });
    t.tracker.add(['p1']);
    t.tracker.remove('p1');
    t.tracker.add(['p1']);
    await t.clock.advance(1_000);
    t.tracker.checkNow('p1');
    await t.clock.advance(10_000);
    const at = t.checksOf('p1').map((c) => c.at);
    expect(at.length).toBeGreaterThanOrEqual(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(5_000);
  });
});

describe('Tracker: the user pause and "Check all now"', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('sends nothing while the user has paused checking, not even Check now, and catches up within seconds on resume', async () => {
    t.tracker.add(['p1', 'p2']);
    await t.clock.advance(1_000);
    t.tracker.setUserPaused(true);
    expect(t.tracker.isUserPaused()).toBe(true);
    const before = t.calls.length;
    t.tracker.checkNow('p1');
    await t.clock.advance(30 * 60_000);
    expect(t.calls).toHaveLength(before);

    t.tracker.setUserPaused(false);
    const resumed = t.clock.now();
    await t.clock.advance(5_000);
    expect(t.checksOf('p1').at(-1)!.at - resumed).toBeLessThanOrEqual(3_000);
    expect(t.checksOf('p2').at(-1)!.at - resumed).toBeLessThanOrEqual(3_000);
  });

  it('keeps the user pause when the key is fixed, and the key pause when the user resumes', async () => {
    t = setup({ paused: { kind: 'no-key', message: 'add a key' } });
    t.tracker.setUserPaused(true);
    t.tracker.add(['p1']);
    t.tracker.resume(); // a key was added
    await t.clock.advance(60_000);
    expect(t.calls).toHaveLength(0);
    expect(t.tracker.isUserPaused()).toBe(true);

    t.tracker.pauseAll({ kind: 'invalid-key', message: 'invalid' });
    t.tracker.setUserPaused(false);
    await t.clock.advance(60_000);
    expect(t.calls).toHaveLength(0);
    t.tracker.resume();
    await t.clock.advance(3_000);
    expect(t.checksOf('p1')).toHaveLength(1);
  });

  it('checks every unfinished photo within seconds, stale ones once, finished ones not at all', async () => {
    t.scripts.set('done', [success('done')]);
    t.tracker.add(['slow', 'done']);
    // Past 24 hours: 'slow' is stale and no longer checked on its own.
    await t.clock.advance(STALE_MS + 60_000);
    expect(t.tracker.get('slow')!.lateness).toBe('stale');
    t.tracker.add(['fresh']);
    await t.clock.advance(1_000); // its first check; the next one is 10 s away
    const counts = { slow: t.checksOf('slow').length, done: t.checksOf('done').length, fresh: t.checksOf('fresh').length };

    const asked = t.clock.now();
    t.tracker.checkAll();
    await t.clock.advance(4_000);
    expect(t.checksOf('slow')).toHaveLength(counts.slow + 1);
    expect(t.checksOf('slow').at(-1)!.at - asked).toBeLessThanOrEqual(3_000);
    // 'fresh' was asked about a second ago: its turn comes 5 s after that, not sooner.
    expect(t.checksOf('fresh')).toHaveLength(counts.fresh + 1);
    expect(t.checksOf('fresh').at(-1)!.at - asked).toBe(4_000);
    expect(t.checksOf('done')).toHaveLength(counts.done);

    // One check for the stale photo, not a return to regular checks.
    await t.clock.advance(60 * 60_000);
    expect(t.checksOf('slow')).toHaveLength(counts.slow + 1);
    expect(t.tracker.get('slow')).toMatchObject({ lateness: 'stale', nextCheckAt: null });
  });

  it('keeps to the global budget and the 5 s rule when checking all', async () => {
    t = setup({ ratePerS: 2, burst: 5, maxInFlight: 4 });
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    t.tracker.add(ids);
    await t.clock.advance(9_000);
    const before = t.calls.length;
    t.tracker.checkAll();
    await t.clock.advance(10_000);
    const after = t.calls.slice(before);
    // Never faster than the budget's steady rate after the burst it had left.
    const firstAt = after[0]!.at;
    expect(after.filter((c) => c.at - firstAt < 5_000).length).toBeLessThanOrEqual(5 + 10);
    for (const id of ids) {
      const at = t.checksOf(id).map((c) => c.at);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(5_000);
    }
  });
});

describe('Tracker: answers waiting cannot change, and the request in flight', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  const badRequest = error({ kind: 'bad-request', message: 'photo_id invalid', code: 40000, detail: { excerpt: 'photo_id invalid' } });
  const systemError = error({ kind: 'server-error', message: 'System error', code: 50000 });
  const HOURS = 60 * 60_000;

  it('a 40000 needs the user: kept as the problem, never re-checked on its own over hours, nor after a wake or Check all… only on Check now', async () => {
    t.scripts.set('bad', [badRequest]);
    t.tracker.add(['bad']);
    await t.clock.advance(6 * HOURS);
    expect(t.checksOf('bad')).toHaveLength(1);
    expect(t.tracker.get('bad')).toMatchObject({ status: 'checking', nextCheckAt: null, problem: { kind: 'bad-request', code: 40000 } });

    // Waking from sleep or coming back online does not bring it back into the rounds.
    t.tracker.hold('asleep');
    t.tracker.release('asleep');
    await t.clock.advance(HOURS);
    expect(t.checksOf('bad')).toHaveLength(1);

    // The user asks: one check, the same answer, still waiting for the user.
    t.tracker.checkNow('bad');
    await t.clock.advance(2 * HOURS);
    expect(t.checksOf('bad')).toHaveLength(2);
    expect(t.tracker.get('bad')).toMatchObject({ nextCheckAt: null, problem: { kind: 'bad-request' } });

    // The answer changes (the user fixed things at JoggAI): Check now clears it, checks resume.
    t.scripts.set('bad', [inProgress('bad')]);
    t.tracker.checkNow('bad');
    await t.clock.advance(1_000);
    expect(t.tracker.get('bad')).toMatchObject({ status: 'in_progress', problem: null });
    expect(t.tracker.get('bad')!.nextCheckAt).not.toBeNull();
    // Nine hours old by now, so "taking longer than usual": slow checks, but checks again.
    await t.clock.advance(30 * 60_000);
    expect(t.checksOf('bad').length).toBeGreaterThanOrEqual(5);
  });

  it('18020 and a plain HTTP 404 need the user too; a redirect and an unknown code are retried', async () => {
    t.scripts.set('credit', [error({ kind: 'insufficient-credit', message: 'Insufficient credit', code: 18020 })]);
    t.scripts.set('gone', [error({ kind: 'http-error', message: 'JoggAI answered HTTP 404.', detail: { httpStatus: 404 } })]);
    t.scripts.set('moved', [error({ kind: 'http-error', message: 'redirected', detail: { httpStatus: 302, reason: 'redirect' } })]);
    t.scripts.set('odd', [error({ kind: 'unknown-code', message: 'JoggAI answered code 77777', code: 77777 })]);
    t.tracker.add(['credit', 'gone', 'moved', 'odd']);
    await t.clock.advance(2 * HOURS);
    expect(t.checksOf('credit')).toHaveLength(1);
    expect(t.checksOf('gone')).toHaveLength(1);
    expect(t.checksOf('moved').length).toBeGreaterThan(10);
    expect(t.checksOf('odd').length).toBeGreaterThan(10);
  });

  it('a 50000 for one photo (others answering) is retried with growing gaps (10 s, 20 s, 40 s… up to 5 min), its time planned', async () => {
    t.scripts.set('flaky', [systemError]);
    t.tracker.add(['flaky', 'fine']);
    await t.clock.advance(2 * HOURS);
    const at = t.checksOf('flaky').map((c) => c.at);
    const gaps = at.slice(1).map((a, i) => (a - at[i]!) / 1000);
    expect(gaps.slice(0, 5)).toEqual([10, 20, 40, 80, 160]);
    expect(Math.max(...gaps)).toBe(300);
    // Bounded: about one check every 5 minutes, not an endless stream.
    expect(at.length).toBeLessThan(2 * 12 + 8);
    expect(at.length).toBeGreaterThan(2 * 12 - 4);
    const item = t.tracker.get('flaky')!;
    expect(item.problem).toMatchObject({ kind: 'server-error' });
    expect(item.nextCheckAt).toBeGreaterThan(t.clock.now());
  });

  it('says a request is in flight while it is out, and clears it with the answer', async () => {
    const seen: Array<boolean | undefined> = [];
    const tracker = new Tracker(
      {
        clock: t.clock,
        schedule: testSchedule,
        ratePerS: Infinity,
        burst: Infinity,
        check: async (photoId) => {
          seen.push(tracker.get(photoId)!.requestInFlight);
          return inProgress(photoId);
        },
      },
      { changed: () => {}, finished: () => {}, pauseChanged: () => {}, connectionChanged: () => {} },
    );
    tracker.add(['p1']);
    await t.clock.advance(1_000);
    expect(seen).toEqual([true]);
    expect(tracker.get('p1')!.requestInFlight).toBe(false);
    tracker.stop();
  });
});

describe('Tracker: a big paste does not hold back photos already in progress', () => {
  it('follow-ups of running photos keep their turn while 1,000 new photos wait for their first check', async () => {
    const t = setup({ ratePerS: 2, burst: 5 });
    t.scripts.set('running', [inProgress('running'), success('running')]);
    t.tracker.add(['running']);
    const start = t.clock.now();
    await t.clock.advance(1_000);
    expect(t.checksOf('running')).toHaveLength(1);
    const dueAt = t.tracker.get('running')!.nextCheckAt!;

    // The paste: 1,000 photos, all due now, ahead of the running photo in time.
    t.tracker.add(Array.from({ length: 1_000 }, (_, i) => `new-${i}`));
    await t.clock.advance(dueAt - t.clock.now() + 3_000);

    // Its follow-up went out within a token or two of being due, and it is ready (earliest-due-first alone: after ~500 s).
    const second = t.checksOf('running')[1];
    expect(second).toBeDefined();
    expect(second!.at - dueAt).toBeLessThanOrEqual(1_000);
    expect(t.tracker.get('running')!.status).toBe('ready');
    // The new photos kept going too: about 2 a second minus the one follow-up.
    const firstChecks = t.calls.filter((c) => c.photoId.startsWith('new-')).length;
    expect(firstChecks).toBeGreaterThanOrEqual(Math.floor(((t.clock.now() - start - 1_000) / 1_000) * 2) - 3);
  });

  it('when both lanes are busy they take turns, so neither starves', async () => {
    const t = setup({ ratePerS: 2, burst: 1 });
    const running = Array.from({ length: 50 }, (_, i) => `run-${i}`);
    t.tracker.add(running);
    // Every running photo answered once: they are follow-ups from now on, wanting a check every 10–30 s.
    await t.clock.advance(120_000);
    expect(running.every((id) => t.checksOf(id).length >= 1)).toBe(true);
    t.tracker.add(Array.from({ length: 500 }, (_, i) => `new-${i}`));
    const from = t.calls.length;
    await t.clock.advance(60_000);
    const window = t.calls.slice(from);
    const followUps = window.filter((c) => c.photoId.startsWith('run-')).length;
    const firsts = window.filter((c) => c.photoId.startsWith('new-')).length;
    // 120 tokens in the minute; the follow-ups want about 100 (50 photos every 30 s) and get a
    // fair share of them (earliest-due-first alone gives them none until all 500 are checked).
    expect(followUps).toBeGreaterThanOrEqual(40);
    expect(firsts).toBeGreaterThanOrEqual(50);
  });
});

describe('Tracker: the request budget changed in Settings', () => {
  it('applies at once to the running budget, without a restart', async () => {
    const t = setup({ ratePerS: 0.2, burst: 1, maxInFlight: 4 });
    t.tracker.add(Array.from({ length: 20 }, (_, i) => `p${i}`));
    await t.clock.advance(10_000);
    // One at once, then one each 5 s.
    expect(t.calls.length).toBeLessThanOrEqual(3);
    const before = t.calls.length;
    t.tracker.setBudget(5, 5);
    await t.clock.advance(2_000);
    // 5 a second with bursts of 5: the rest of the 20 go out within two seconds, not minutes.
    expect(t.calls.length - before).toBeGreaterThanOrEqual(10);
    t.tracker.setBudget(0.2, 1);
    const slowFrom = t.calls.length;
    await t.clock.advance(5_000);
    expect(t.calls.length - slowFrom).toBeLessThanOrEqual(2);
  });
});

// timeleft
describe('what the tracker saw of a photo run (for an honest "took")', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  const garbled = error({ kind: 'malformed-response', message: 'not json', detail: { reason: 'not-json' } });

  it('records the first and last sighting unfinished, and learns from a photo seen running from the start', async () => {
    const addedAt = t.clock.now();
    t.scripts.set('p', [inProgress('p'), inProgress('p'), success('p')]);
    t.tracker.add(['p']);
    await t.clock.advance(5 * 60_000);
    const done = t.finished[0]!;
    expect(done.firstSeenInProgressAt).toBe(addedAt);
    expect(done.lastSeenUnfinishedAt).toBe(addedAt + 10_000);
    expect(done.finishedAt).toBe(addedAt + 20_000);
    expect(learnedNothing).toEqual([{ lowMs: 10_000, highMs: 20_000, at: addedAt + 20_000 }]);
  });

  it('does not learn from a photo first seen running long after it was added (its start is unknown)', async () => {
    const addedAt = t.clock.now();
    // Unreadable answers for over a minute (backing off 10 s, 20 s, 40 s), then running, then ready.
    t.scripts.set('p', [garbled, garbled, garbled, inProgress('p'), inProgress('p'), success('p')]);
    t.tracker.add(['p']);
    await t.clock.advance(10 * 60_000);
    const done = t.finished[0]!;
    expect(done.firstSeenInProgressAt! - addedAt).toBeGreaterThan(60_000);
    expect(learnedNothing).toEqual([]);
  });
});
