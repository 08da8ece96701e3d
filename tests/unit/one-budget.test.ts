// One request budget for everything, with a lane for what the user just asked: the whole core on
// a virtual clock against the real fake JoggAI on loopback, with 10,000 photos queued.
import { describe, expect, it } from 'vitest';
import type { Budget } from '../../main/core/budget';
import type { FakeRequest } from '../fake-jogg/server';
import { virtualCoreSuite, type VirtualService } from '../support/virtual-service';

const KEY = 'good-key-0123456789';
const BUDGET: Budget = { ratePerS: 2, burst: 5, maxInFlight: 4 };
const QUEUED = 10_000;

const suite = virtualCoreSuite(KEY);

async function withQueuedPhotos(): Promise<VirtualService> {
  const running = await suite.core({ key: KEY, budget: BUDGET });
  await running.service.start();
  await running.advance(2_000);
  const ids = Array.from({ length: QUEUED }, (_, i) => `queued-${i}`);
  // Nothing finishes during the test: every photo stays due again and again.
  for (const id of ids) suite.fake.setPhoto(id, { kind: 'ready', afterMs: 3_600_000 });
  const added = await running.service.addPhotos(ids.join('\n'));
  expect(added.added).toHaveLength(QUEUED);
  // Long enough for the queue to be thousands deep behind the budget (2 a second).
  await running.advance(20_000);
  return running;
}

const isAccountCall = (r: FakeRequest) => r.path === '/v2/user/whoami' || r.path === '/v2/user/remaining_quota';

/** The most requests in any window of `windowMs` (the log is in time order). */
function busiestWindow(log: readonly FakeRequest[], windowMs: number): number {
  let most = 0;
  let from = 0;
  for (let to = 0; to < log.length; to++) {
    while (log[to]!.at - log[from]!.at >= windowMs) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

/**
 * Once the queue has drained the bucket (well before `from`), no window may hold more than the
 * rate allows, account calls included: they take a photo check's token, never one of their own.
 */
function expectSteadyRate(log: readonly FakeRequest[], from: number): void {
  const steady = log.filter((r) => r.at >= from);
  expect(steady.some(isAccountCall)).toBe(true);
  for (const windowS of [2, 5]) expect(busiestWindow(steady, windowS * 1000)).toBeLessThanOrEqual(BUDGET.ratePerS * windowS + 1);
}

describe('one budget with a lane for what the user asked', () => {
  it('Check now on a photo behind 10,000 queued checks goes out within a few seconds', async () => {
    const { service, advanceUntil } = await withQueuedPhotos();
    const target = `queued-${QUEUED - 1}`;
    expect(suite.fake.countChecks(target)).toBe(0);
    await service.checkNow(target);
    const tookMs = await advanceUntil(() => suite.fake.countChecks(target) > 0, 60_000);
    expect(tookMs).toBeLessThanOrEqual(3_000);
    // The routine queue is still thousands deep: the lane, not an empty queue, made it fast.
    expect(suite.fake.requests.filter((r) => r.photoId !== undefined).length).toBeLessThan(QUEUED / 10);
  });

  it('refreshing the account is answered within a few seconds, and account calls stay inside the budget', async () => {
    const { service, clock: c, advance } = await withQueuedPhotos();
    const startedAt = c.now();
    let refreshedAt: number | null = null;
    void service.refreshAccount().then(() => (refreshedAt = c.now()));
    await advance(5_000);
    expect(refreshedAt).not.toBeNull();
    expect(refreshedAt! - startedAt).toBeLessThanOrEqual(3_000);

    const log = suite.fake.requests.filter((r) => r.path.startsWith('/v2/'));
    expect(log.filter(isAccountCall).length).toBeGreaterThanOrEqual(4); // at start and on refresh
    // Token bucket: at most `burst` at once and `ratePerS` after, counting every request.
    for (const windowS of [1, 5, 20]) {
      expect(busiestWindow(log, windowS * 1000)).toBeLessThanOrEqual(BUDGET.burst + BUDGET.ratePerS * windowS);
    }
    expectSteadyRate(log, startedAt);
  });

  it('saving a key waits for the budget like any request, ahead of routine checks', async () => {
    const { service, clock: c, advance } = await withQueuedPhotos();
    const startedAt = c.now();
    let answer: Awaited<ReturnType<typeof service.saveApiKey>> | null = null;
    let answeredAt = 0;
    void service.saveApiKey(KEY).then((result) => {
      answer = result;
      answeredAt = c.now();
    });
    await advance(5_000);
    expect(answer).toMatchObject({ ok: true, value: { account: { username: 'demo-user' } } });
    expect(answeredAt - startedAt).toBeLessThanOrEqual(3_000);
    expectSteadyRate(suite.fake.requests.filter((r) => r.path.startsWith('/v2/')), startedAt);
  });

  it('X-RateLimit-Remaining 0 holds every request, account calls included, until Reset', async () => {
    const running = await suite.core({ key: KEY, budget: BUDGET });
    await running.service.start();
    await running.advance(2_000);
    suite.fake.setPhoto('p-held', { kind: 'ready', afterMs: 3_600_000 });
    suite.fake.setRateLimitHeaders({ limit: 20, remaining: 0, reset: 30 });
    await running.service.addPhotos('p-held');
    await running.advance(500);
    const heldAt = suite.clock.now();
    const countBefore = suite.fake.requests.length;
    suite.fake.setRateLimitHeaders(null);
    void running.service.refreshAccount();
    await running.service.checkNow('p-held');
    await running.advance(25_000);
    expect(suite.fake.requests.length).toBe(countBefore);
    expect((await running.service.getSnapshot()).connection.state).toBe('rate-limited');
    await running.advance(10_000);
    const after = suite.fake.requests.slice(countBefore);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.at >= heldAt + 29_000)).toBe(true);
  });

  it('code 10401 with data.retryAfter holds every request like a 429; an account call waits a short hold out and is told of a long one at once', async () => {
    const running = await suite.core({ key: KEY, budget: BUDGET });
    const { service, advance } = running;
    await service.start();
    await advance(2_000);
    suite.fake.setPhoto('p-limited', { kind: 'rate-limit', code: 10401, retryAfterS: 8 });
    await service.addPhotos('p-limited');
    await advance(100);
    const limitedAt = suite.fake.requests.find((r) => r.photoId === 'p-limited')!.at;
    expect((await service.getSnapshot()).connection).toMatchObject({ state: 'rate-limited', error: { kind: 'rate-limited', code: 10401 } });

    // A short hold: the refresh waits it out, then goes first.
    const before = suite.fake.requests.length;
    let refreshedAt: number | null = null;
    void service.refreshAccount().then(() => (refreshedAt = suite.clock.now()));
    await advance(7_000);
    expect(suite.fake.requests.length).toBe(before);
    await advance(3_000);
    expect(refreshedAt).not.toBeNull();
    const sent = suite.fake.requests.slice(before);
    expect(sent[0]?.path).toBe('/v2/user/whoami');
    expect(sent.every((r) => r.at >= limitedAt + 8_000)).toBe(true);

    // A long hold: the refresh is answered at once with the wait, and sends nothing.
    suite.fake.setPhoto('p-limited', { kind: 'rate-limit', code: 10401, retryAfterS: 600 });
    await service.checkNow('p-limited');
    await advance(6_000);
    const quiet = suite.fake.requests.length;
    const refreshed = await service.refreshAccount();
    expect(refreshed.error).toMatchObject({ kind: 'rate-limited' });
    expect(refreshed.error?.retryAfterS).toBeGreaterThan(500);
    expect(suite.fake.requests.length).toBe(quiet);
  });
});
