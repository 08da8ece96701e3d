// What JoggAI's spec allows is accepted, against the real fake on loopback: answers without
// `data` or a status are "no news yet", missing credits are unknown, and every form of rate
// limit the docs have named (HTTP 429, code 429, code 10401 with data.retryAfter, Retry-After,
// X-RateLimit-Remaining/Reset) comes back as a bounded wait.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../preload/api';
import { createJoggClient, type JoggClient } from '../../main/core/jogg/client';
import { MAX_WAIT_S } from '../../main/core/jogg/rate-limit';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';

const KEY = 'sk-SPEC-ALLOWS-0123456789';
const NOW = Date.parse('2030-01-01T00:00:00Z');

let fake: FakeJogg;
let client: JoggClient;
const exhausted: number[] = [];

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: [KEY] });
  client = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 1_000, now: () => NOW, onRequestsExhausted: (until) => exhausted.push(until) });
});
afterEach(() => {
  fake.reset();
  exhausted.length = 0;
});
afterAll(async () => {
  await fake.close();
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.value;
}
function error<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('answers the spec allows', () => {
  it.each(['data', 'data-null', 'status'] as const)('code 0 with %s missing is "no news", not a spec violation', async (missing) => {
    fake.setPhoto('p-quiet', { kind: 'no-news', missing });
    expect(value(await client.photoStatus(KEY, 'p-quiet'))).toEqual({ photoId: 'p-quiet', status: 'no-news', rawStatus: '', imageUrls: [], failureMessage: null });
  });

  it('a status of the wrong type is still malformed (the spec says string)', async () => {
    fake.setPhoto('p-odd', { kind: 'malformed', body: JSON.stringify({ code: 0, msg: 'ok', data: { status: 7 } }) });
    expect(error(await client.photoStatus(KEY, 'p-odd')).kind).toBe('malformed-response');
  });

  it('remaining_quota missing, or data missing, means credits unknown (null), not an error', async () => {
    fake.setAccountFault('quota', 'no-fields');
    expect(value(await client.remainingQuota(KEY))).toBeNull();
    fake.setAccountFault('quota', 'no-data');
    expect(value(await client.remainingQuota(KEY))).toBeNull();
  });

  it('whoami without data or names still accepts the key, with blank names', async () => {
    fake.setAccountFault('whoami', 'no-data');
    expect(value(await client.whoami(KEY))).toEqual({ username: '', email: '' });
    fake.setAccountFault('whoami', 'no-fields');
    expect(value(await client.whoami(KEY))).toEqual({ username: '', email: '' });
  });
});

describe('account endpoints failing in ways that are not a key rejection', () => {
  it.each([
    ['server-error', 'server-error'],
    ['not-found', 'http-error'],
    ['hang', 'timeout'],
    ['drop', 'network'],
  ] as const)('whoami %s is %s, never invalid-key', async (fault, kind) => {
    fake.setAccountFault('whoami', fault);
    expect(error(await client.whoami(KEY)).kind).toBe(kind);
  });

  it('HTTP 401 without an envelope is a key rejection', async () => {
    fake.setPhoto('p-401', { kind: 'malformed', httpStatus: 401, body: 'Unauthorized', contentType: 'text/plain' });
    expect(error(await client.photoStatus(KEY, 'p-401')).kind).toBe('invalid-key');
  });
});

describe('rate limits in every documented form', () => {
  it('code 10401 with data.retryAfter is rate-limited with that wait', async () => {
    fake.setPhoto('p-10401', { kind: 'rate-limit', code: 10401, retryAfterS: 42 });
    expect(error(await client.photoStatus(KEY, 'p-10401'))).toMatchObject({ kind: 'rate-limited', code: 10401, retryAfterS: 42 });
  });

  it('code 10401 without a wait is still rate-limited', async () => {
    fake.setPhoto('p-10401-bare', { kind: 'rate-limit', code: 10401 });
    const e = error(await client.photoStatus(KEY, 'p-10401-bare'));
    expect(e).toMatchObject({ kind: 'rate-limited', code: 10401 });
    expect(e.retryAfterS).toBeUndefined();
  });

  it('a 429 without Retry-After waits until X-RateLimit-Reset, given in seconds from now', async () => {
    fake.setRateLimitHeaders({ limit: 20, remaining: 0, reset: 25 });
    fake.setPhoto('p-429', { kind: 'rate-limit' });
    expect(error(await client.photoStatus(KEY, 'p-429'))).toMatchObject({ kind: 'rate-limited', retryAfterS: 25 });
  });

  it('X-RateLimit-Reset as epoch seconds or epoch milliseconds counts from now', async () => {
    fake.setPhoto('p-429', { kind: 'rate-limit' });
    fake.setRateLimitHeaders({ remaining: 0, reset: NOW / 1000 + 40 });
    expect(error(await client.photoStatus(KEY, 'p-429')).retryAfterS).toBe(40);
    fake.setRateLimitHeaders({ remaining: 0, reset: NOW + 7_000 });
    expect(error(await client.photoStatus(KEY, 'p-429')).retryAfterS).toBe(7);
  });

  it('every wait is bounded to an hour, and a reset in the past means now', async () => {
    fake.setPhoto('p-429', { kind: 'rate-limit', retryAfterS: 10 ** 9 });
    expect(error(await client.photoStatus(KEY, 'p-429')).retryAfterS).toBe(MAX_WAIT_S);
    fake.setPhoto('p-10401', { kind: 'rate-limit', code: 10401, retryAfterS: 10 ** 12 });
    expect(error(await client.photoStatus(KEY, 'p-10401')).retryAfterS).toBe(MAX_WAIT_S);
    fake.setPhoto('p-429-bare', { kind: 'rate-limit' });
    fake.setRateLimitHeaders({ remaining: 0, reset: NOW / 1000 + 10 * 24 * 3600 });
    expect(error(await client.photoStatus(KEY, 'p-429-bare')).retryAfterS).toBe(MAX_WAIT_S);
    fake.setRateLimitHeaders({ remaining: 0, reset: NOW / 1000 - 30 });
    expect(error(await client.photoStatus(KEY, 'p-429-bare')).retryAfterS).toBe(0);
  });

  it('a good answer saying no request is left tells the caller to hold until Reset', async () => {
    fake.setPhoto('p-ok', { kind: 'ready' });
    fake.setRateLimitHeaders({ limit: 60, remaining: 3, reset: 30 });
    value(await client.photoStatus(KEY, 'p-ok'));
    expect(exhausted).toEqual([]);
    fake.setRateLimitHeaders({ limit: 60, remaining: 0, reset: 30 });
    value(await client.photoStatus(KEY, 'p-ok'));
    value(await client.whoami(KEY));
    expect(exhausted).toEqual([NOW + 30_000, NOW + 30_000]);
  });
});
