import { beforeEach, describe, expect, it } from 'vitest';
import type { AppError, PauseReason, Result, WatchItem } from '../../preload/api';
import type { PhotoAnswer } from '../../main/core/jogg/client';
import { docsSchedule } from '../../main/core/tracker/schedule';
import { Tracker } from '../../main/core/tracker/tracker';
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

/** A scripted JoggAI: each photo answers from its own queue; the last answer repeats. */
function setup(options: { maxInFlight?: number; paused?: PauseReason | null } = {}) {
  const clock = new VirtualClock();
  const scripts = new Map<string, Reply[]>();
  const calls: Array<{ photoId: string; at: number }> = [];
  const finished: WatchItem[] = [];
  const pauses: Array<PauseReason | null> = [];
  let inFlight = 0;
  let maxSeenInFlight = 0;
  const tracker = new Tracker(
    {
      clock,
      schedule: docsSchedule,
      maxInFlight: options.maxInFlight,
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
    },
    options.paused ?? null,
  );
  const checksOf = (photoId: string) => calls.filter((c) => c.photoId === photoId);
  return { clock, tracker, scripts, calls, checksOf, finished, pauses, maxInFlight: () => maxSeenInFlight };
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

  it('backs off after network errors and 50000, keeps the status and clears the problem on the next good answer', async () => {
    const down: AppError = { kind: 'network', message: 'connection refused' };
    t.scripts.set('p1', [inProgress('p1'), error(down), error(down), error({ kind: 'server-error', message: 'system error', code: 50000 }), inProgress('p1')]);
    t.tracker.add(['p1']);
    await t.clock.advance(10_000);
    expect(t.tracker.get('p1')).toMatchObject({ status: 'in_progress', problem: down });
    await t.clock.advance(5 * 60_000);
    const at = t.checksOf('p1').map((c) => c.at);
    const gaps = at.slice(1).map((a, i) => (a - at[i]!) / 1000);
    expect(gaps.slice(0, 4)).toEqual([10, 10, 20, 40]);
    expect(t.tracker.get('p1')).toMatchObject({ status: 'in_progress', problem: null });
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
    await t.clock.advance(1_000);
    expect(t.checksOf('p1')).toHaveLength(2);
    expect(t.finished).toHaveLength(1);
  });

  it('resumes unfinished items after a restart, spread out, and leaves finished ones alone', async () => {
    const now = t.clock.now();
    const base = { addedAt: now - 60_000, lastCheckedAt: now - 30_000, nextCheckAt: null, finishedAt: null, checks: 3, imageUrls: [], failureMessage: null, rawStatus: null, problem: null };
    t.tracker.load([
      { ...base, photoId: 'a', status: 'in_progress' },
      { ...base, photoId: 'b', status: 'checking' },
      { ...base, photoId: 'done', status: 'ready', finishedAt: now - 1_000 },
    ]);
    await t.clock.advance(2_000);
    expect(t.calls.map((c) => c.photoId)).toEqual(['a', 'b']);
    expect(t.calls[1]!.at - t.calls[0]!.at).toBeGreaterThan(0);
  });

  it('stays silent while paused for a missing key', async () => {
    t = setup({ paused: { kind: 'no-key', message: 'add a key' } });
    t.tracker.add(['p1']);
    await t.clock.advance(60_000);
    expect(t.calls).toHaveLength(0);
    expect(t.tracker.get('p1')!.status).toBe('checking');
  });
});
