// The tracker's promises, checked over thousands of random lists, answers, faults and budgets
// under a virtual clock: polite per item and overall, never silent about an unfinished photo,
// never wasting a request on a finished one, and honouring a 429.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../preload/api';
import type { PhotoAnswer } from '../../main/core/jogg/client';
import { learnedSchedule, MIN_INTERVAL_MS } from '../../main/core/tracker/schedule';
import { Tracker, type HoldReason } from '../../main/core/tracker/tracker';
import { VirtualClock } from '../support/virtual-clock';

type Step =
  | { kind: 'in_progress' }
  | { kind: 'success' }
  | { kind: 'error' }
  | { kind: 'unknown' }
  | { kind: 'not-found' }
  | { kind: 'network' }
  | { kind: 'server-error' }
  | { kind: 'rate-limited'; retryAfterS: number };

const FINISHING = new Set(['success', 'error', 'not-found']);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'in_progress' as const }) },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: 'success' }, { kind: 'error' }, { kind: 'not-found' }, { kind: 'unknown' }) },
  { weight: 2, arbitrary: fc.constantFrom<Step>({ kind: 'network' }, { kind: 'server-error' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 120 }).map((retryAfterS) => ({ kind: 'rate-limited' as const, retryAfterS })) },
);

const scenario = fc.record({
  items: fc.array(
    fc.record({
      addAtS: fc.integer({ min: 0, max: 600 }),
      script: fc.array(step, { minLength: 1, maxLength: 40 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  checkNows: fc.array(fc.record({ item: fc.nat(), atS: fc.integer({ min: 0, max: 3_000 }) }), { maxLength: 10 }),
  /** Sleep and network outages from the host, all over well before the run ends. */
  holds: fc.array(
    fc.record({ reason: fc.constantFrom<HoldReason>('asleep', 'no-network'), atS: fc.integer({ min: 0, max: 4_000 }), forS: fc.integer({ min: 1, max: 1_200 }) }),
    { maxLength: 4 },
  ),
  /** The user removes a photo, sometimes pasting it again a little later. */
  removals: fc.array(fc.record({ item: fc.nat(), atS: fc.integer({ min: 0, max: 3_000 }), readdAfterS: fc.option(fc.integer({ min: 0, max: 30 })) }), {
    maxLength: 4,
  }),
  /** Account calls (whoami, credits) through the same budget, answered as scripted. */
  accountCalls: fc.array(fc.record({ atS: fc.integer({ min: 0, max: 4_000 }), step: fc.constantFrom<Step>({ kind: 'in_progress' }, { kind: 'network' }, { kind: 'rate-limited', retryAfterS: 5 }, { kind: 'rate-limited', retryAfterS: 90 }) }), {
    maxLength: 6,
  }),
  budget: fc.record({
    ratePerS: fc.double({ min: 0.5, max: 5, noNaN: true }),
    burst: fc.integer({ min: 1, max: 8 }),
    maxInFlight: fc.integer({ min: 1, max: 6 }),
  }),
  latencyMs: fc.integer({ min: 0, max: 4_000 }),
  seed: fc.integer(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function answer(photoId: string, s: Step): Result<PhotoAnswer> {
  const ok = (status: PhotoAnswer['status']): Result<PhotoAnswer> => ({
    ok: true,
    value: { photoId, status, rawStatus: status === 'unknown' ? 'queued' : status, imageUrls: [], failureMessage: null },
  });
  const fail = (error: AppError): Result<PhotoAnswer> => ({ ok: false, error });
  switch (s.kind) {
    case 'in_progress':
    case 'success':
    case 'error':
    case 'unknown':
      return ok(s.kind);
    case 'not-found':
      return fail({ kind: 'not-found', message: 'record not found', code: 10104 });
    case 'network':
      return fail({ kind: 'network', message: 'refused' });
    case 'server-error':
      return fail({ kind: 'server-error', message: 'system error', code: 50000 });
    case 'rate-limited':
      return fail({ kind: 'rate-limited', message: 'slow down', code: 429, retryAfterS: s.retryAfterS });
  }
}

const SIMULATED_MS = 2 * 60 * 60_000;
/** The stand-in ID of account calls in the request log. */
const ACCOUNT = 'account';

/** Runs one scenario and returns every request as it started and answered. */
async function run(sc: Scenario) {
  const clock = new VirtualClock(0);
  const calls: Array<{ photoId: string; at: number; answeredAt: number; step: Step }> = [];
  /** Each account call: when it was asked for, and when it settled (-1: never). */
  const accountAsks: Array<{ askedAt: number; settledAt: number }> = [];
  const checkNowAt = new Map<string, number[]>();
  const heldIntervals: Array<[number, number]> = [];
  const removedForGood = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  let seed = sc.seed;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  /** One request as JoggAI sees it: logged when it starts, answered `latencyMs` later. */
  async function send(photoId: string, s: Step): Promise<Result<PhotoAnswer>> {
    const call = { photoId, at: clock.now(), answeredAt: -1, step: s };
    calls.push(call);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, sc.latencyMs));
    inFlight -= 1;
    call.answeredAt = clock.now();
    return answer(photoId, s);
  }
  const tracker = new Tracker(
    {
      clock,
      schedule: learnedSchedule(),
      ...sc.budget,
      random,
      check: (photoId) => {
        const index = Number(photoId.slice(1));
        const script = sc.items[index]!.script;
        const n = calls.filter((c) => c.photoId === photoId).length;
        return send(photoId, script[Math.min(n, script.length - 1)]!);
      },
    },
    { changed: () => {}, finished: () => {}, pauseChanged: () => {}, connectionChanged: () => {} },
  );
  sc.items.forEach((item, i) => clock.setTimeout(() => tracker.add([`p${i}`]), item.addAtS * 1000));
  for (const { atS, step: s } of sc.accountCalls) {
    clock.setTimeout(() => {
      const ask = { askedAt: clock.now(), settledAt: -1 };
      accountAsks.push(ask);
      void tracker.request(() => send(ACCOUNT, s)).then(() => (ask.settledAt = clock.now()));
    }, atS * 1000);
  }
  for (const { item, atS } of sc.checkNows) {
    const id = `p${item % sc.items.length}`;
    clock.setTimeout(() => {
      checkNowAt.set(id, [...(checkNowAt.get(id) ?? []), clock.now()]);
      tracker.checkNow(id);
    }, atS * 1000);
  }
  for (const { reason, atS, forS } of sc.holds) {
    clock.setTimeout(() => tracker.hold(reason), atS * 1000);
    clock.setTimeout(() => tracker.release(reason), (atS + forS) * 1000);
  }
  // Replay the host's calls as the clock fires them (time, then order of creation): each reason
  // is on or off, like the host's own view of sleep and network; held while any is on.
  const events = sc.holds.flatMap(({ reason, atS, forS }, i) => [
    { at: atS * 1000, order: 2 * i, reason, on: true },
    { at: (atS + forS) * 1000, order: 2 * i + 1, reason, on: false },
  ]);
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  const active = new Set<HoldReason>();
  let openedAt = 0;
  for (const event of events) {
    const wasHeld = active.size > 0;
    if (event.on) active.add(event.reason);
    else active.delete(event.reason);
    if (!wasHeld && active.size > 0) openedAt = event.at;
    if (wasHeld && active.size === 0) heldIntervals.push([openedAt, event.at]);
  }
  for (const { item, atS, readdAfterS } of sc.removals) {
    const id = `p${item % sc.items.length}`;
    clock.setTimeout(() => tracker.remove(id), atS * 1000);
    if (readdAfterS === null) removedForGood.add(id);
    else {
      clock.setTimeout(() => {
        // Pasting it again counts as asking for it, like "check now".
        checkNowAt.set(id, [...(checkNowAt.get(id) ?? []), clock.now()]);
        tracker.add([id]);
      }, (atS + readdAfterS) * 1000);
    }
  }
  await clock.advance(SIMULATED_MS);
  tracker.stop();
  return { calls, maxInFlight, tracker, checkNowAt, heldIntervals, removedForGood, accountAsks };
}

const byItem = (calls: Awaited<ReturnType<typeof run>>['calls']) => {
  const map = new Map<string, typeof calls>();
  for (const c of calls) map.set(c.photoId, [...(map.get(c.photoId) ?? []), c]);
  return map;
};

describe('tracker invariants (property-based)', () => {
  it('never checks one photo twice within 5 s, and never exceeds the in-flight cap or the request budget', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const { calls, maxInFlight } = await run(sc);
        expect(maxInFlight).toBeLessThanOrEqual(sc.budget.maxInFlight);
        for (const [id, list] of byItem(calls)) {
          if (id === ACCOUNT) continue;
          for (let i = 1; i < list.length; i++) expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
        }
        // Token bucket: any run of k requests spans at least (k - burst) / rate seconds, i.e. with
        // h(i) = t_i - i/rate: h(j) >= h(i) + (1 - burst)/rate for every i <= j - burst.
        const perRequestMs = 1000 / sc.budget.ratePerS;
        const h = calls.map((c, i) => c.at - i * perRequestMs);
        let highest = -Infinity;
        for (let j = sc.budget.burst; j < h.length; j++) {
          highest = Math.max(highest, h[j - sc.budget.burst]!);
          expect(h[j]!).toBeGreaterThanOrEqual(highest + (1 - sc.budget.burst) * perRequestMs - 1);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 60_000);

  it('never checks a finished photo again unless asked, and keeps checking every unfinished one', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const { calls, checkNowAt, removedForGood } = await run(sc);
        const lists = byItem(calls);
        sc.items.forEach((item, i) => {
          const id = `p${i}`;
          // Removed for good (possibly before it was even added): nothing is owed to it.
          if (removedForGood.has(id)) return;
          const list = lists.get(id) ?? [];
          const asked = checkNowAt.get(id) ?? [];
          const finish = list.find((c) => FINISHING.has(c.step.kind));
          if (finish) {
            // After the finishing answer, only a user's "check now" may cause another request.
            const after = list.filter((c) => c.at > finish.answeredAt);
            for (const c of after) expect(asked.some((t) => t >= finish.answeredAt && t <= c.at)).toBe(true);
          } else {
            // Unfinished: checked within the last 15 minutes of the run, whatever faults happened
            // (slow checks at most every 10 min once late, backoff ≤ 6 min, 429 waits ≤ 2 min, queueing).
            expect(list.length).toBeGreaterThan(0);
            expect(list.at(-1)!.at).toBeGreaterThan(SIMULATED_MS - 15 * 60_000);
          }
        });
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 60_000);

  it('sends nothing while the computer sleeps or has no network', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const { calls, heldIntervals } = await run(sc);
        for (const [from, to] of heldIntervals) expect(calls.filter((c) => c.at > from && c.at < to)).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 60_000);

  it('sends nothing during the Retry-After of a 429', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const { calls } = await run(sc);
        // (A 429 still in flight when the run ends was never received.)
        for (const limited of calls.filter((c) => c.step.kind === 'rate-limited' && c.answeredAt >= 0)) {
          const until = limited.answeredAt + (limited.step as { retryAfterS: number }).retryAfterS * 1000;
          const during = calls.filter((c) => c.at > limited.answeredAt && c.at < until);
          expect(during).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 60_000);

  it('answers every account call, and lets no photo check start while one waits for its turn', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const { calls, accountAsks } = await run(sc);
        for (const ask of accountAsks) expect(ask.settledAt).toBeGreaterThanOrEqual(0);
        const sent = calls.filter((c) => c.photoId === ACCOUNT);
        for (const call of sent) {
          const ask = accountAsks.find((a) => a.askedAt <= call.at && a.settledAt >= call.at)!;
          const overtaking = calls.filter((c) => c.photoId !== ACCOUNT && c.at > ask.askedAt && c.at < call.at);
          expect(overtaking).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 60_000);
});
