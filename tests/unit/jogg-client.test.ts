// The JoggAI client against the real fake server on loopback: every answer JoggAI (or the
// network) can give turns into a Result with the right kind, and the key never shows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../preload/api';
import { createJoggClient, type JoggClient } from '../../main/core/jogg/client';
import { createAppI18n, explainError, type Translate } from '../../renderer/src/i18n';
import { problemSentence } from '../../renderer/src/i18n/row-words';
import { SAFE_IMAGE_URL, startFakeJogg, UNSAFE_IMAGE_URLS, type EchoField, type FakeJogg, type KeyEncoding, type PhotoScenario } from '../fake-jogg/server';

// Distinctive enough that finding it in a message can only mean a leak.
const KEY = 'sk-LEAKCANARY-7f3a9e21c4b8';
const NO_PERMISSION_KEY = 'sk-NOPERM-LEAKCANARY-55aa';
const BAD_KEY = 'sk-BADKEY-LEAKCANARY-9911';
const ALL_KEYS = [KEY, NO_PERMISSION_KEY, BAD_KEY];

let fake: FakeJogg;
let client: JoggClient;
const errorsSeen: AppError[] = [];

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: [KEY], noPermissionKeys: [NO_PERMISSION_KEY] });
  // The fake serves its images over plain http on loopback, as the service allows for a local stand-in.
  client = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 2_000, imagePolicy: { loopbackHttp: true } });
});

afterEach(() => fake.reset());

afterAll(async () => {
  await fake.close();
});

/** Records every error so the last test can check none of them carries a key. */
function expectError<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  errorsSeen.push(result.error);
  return result.error;
}

const valuesSeen: unknown[] = [];

function expectValue<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  valuesSeen.push(result.value);
  return result.value;
}

/**
 * Whether anything of the key survives in a value: the key or its first 8 characters (a message
 * cut through the key), in any letter case, as written or once JSON escapes and percent-escapes
 * are undone. Written independently of the client's scrubber, so it cannot share its blind spots.
 */
function leaksKey(value: unknown, key: string): boolean {
  const text = JSON.stringify(value);
  const unescaped = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const decoded = [text, unescaped].map((view) => view.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  const prefix = key.slice(0, 8).toLowerCase();
  return [text, unescaped, ...decoded].some((view) => view.toLowerCase().includes(prefix));
}

async function photoError(scenario: PhotoScenario, c: JoggClient = client): Promise<AppError> {
  const id = `photo-${Math.random().toString(36).slice(2)}`;
  fake.setPhoto(id, scenario);
  return expectError(await c.photoStatus(KEY, id));
}

describe('successful answers', () => {
  it('whoami names the account', async () => {
    expect(expectValue(await client.whoami(KEY))).toEqual({ username: 'demo-user', email: 'demo@example.com' });
  });

  it('remainingQuota gives the credits, fractions included', async () => {
    fake.setQuota(12.4);
    expect(expectValue(await client.remainingQuota(KEY))).toBe(12.4);
  });

  it('a ready photo comes back with its 4 image URLs', async () => {
    fake.setPhoto('p-ready', { kind: 'ready' });
    const answer = expectValue(await client.photoStatus(KEY, 'p-ready'));
    expect(answer).toMatchObject({ photoId: 'p-ready', status: 'success', rawStatus: 'success', failureMessage: null });
    expect(answer.imageUrls).toHaveLength(4);
    expect(answer.imageUrls[0]).toBe(`${fake.url}/images/p-ready/1.png`);
  });

  it('a photo in progress, then failed with JoggAI’s reason', async () => {
    fake.setPhoto('p-fail', { kind: 'fail', afterChecks: 1, message: 'Face not detected' });
    expect(expectValue(await client.photoStatus(KEY, 'p-fail'))).toMatchObject({ status: 'in_progress', imageUrls: [] });
    expect(expectValue(await client.photoStatus(KEY, 'p-fail'))).toMatchObject({
      status: 'error',
      failureMessage: 'Face not detected',
    });
  });

  it('a failure without a reason keeps failureMessage null', async () => {
    fake.setPhoto('p-fail-null', { kind: 'fail', message: null });
    expect(expectValue(await client.photoStatus(KEY, 'p-fail-null'))).toMatchObject({ status: 'error', failureMessage: null });
  });

  it('an unknown status string is "unknown", with the raw string kept', async () => {
    fake.setPhoto('p-odd', { kind: 'status', status: 'queued_for_review' });
    expect(expectValue(await client.photoStatus(KEY, 'p-odd'))).toMatchObject({ status: 'unknown', rawStatus: 'queued_for_review' });
  });

  it('the photo ID is sent URL-encoded and comes back intact', async () => {
    const id = 'a b&c=d/é?';
    fake.setPhoto(id, { kind: 'ready' });
    expect(expectValue(await client.photoStatus(KEY, id)).photoId).toBe(id);
    expect(fake.countChecks(id)).toBe(1);
  });

  it('missing or null image lists and msg are read as empty', async () => {
    const body = JSON.stringify({ code: 0, msg: 'ok', data: { photo_id: 'p-lean', status: 'success', image_url_list: null } });
    fake.setPhoto('p-lean', { kind: 'malformed', body });
    expect(expectValue(await client.photoStatus(KEY, 'p-lean'))).toEqual({
      photoId: 'p-lean',
      status: 'success',
      rawStatus: 'success',
      imageUrls: [],
      failureMessage: null,
    });
  });

  it('keeps a path prefix in the base URL', async () => {
    const prefixed = createJoggClient({ baseUrl: new URL(`${fake.url}/jogg`), timeoutMs: 2_000 });
    const error = expectError(await prefixed.whoami(KEY));
    expect(error.kind).toBe('http-error');
    expect(fake.requests.at(-1)?.path).toBe('/jogg/v2/user/whoami');
  });
});

describe('judging every answer', () => {
  it('an answer about another photo is malformed, never this photo’s result', async () => {
    fake.setPhoto('p-mine', { kind: 'other-photo', photoId: 'p-someone-else' });
    const error = expectError(await client.photoStatus(KEY, 'p-mine'));
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toContain('another photo');
    expect(error.message).toContain('p-someone-else');
  });

  it('a photo_id that is absent, null or empty is no mismatch: the answer is about the ID asked', async () => {
    for (const photoId of [undefined, null, '']) {
      const body = JSON.stringify({ code: 0, msg: 'ok', data: { ...(photoId === undefined ? {} : { photo_id: photoId }), status: 'in_progress' } });
      fake.setPhoto('p-quiet', { kind: 'malformed', body });
      expect(expectValue(await client.photoStatus(KEY, 'p-quiet'))).toMatchObject({ photoId: 'p-quiet', status: 'in_progress' });
    }
  });

  it('a photo_id that differs only in letter case is another photo (IDs are case-sensitive)', async () => {
    fake.setPhoto('p-Case', { kind: 'other-photo', photoId: 'p-case' });
    expect(expectError(await client.photoStatus(KEY, 'p-Case')).kind).toBe('malformed-response');
  });

  it('keeps only https image links: javascript:, file:, http:, data:, relative, credentialed and over-long ones are dropped', async () => {
    const strict = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 2_000 });
    fake.setPhoto('p-unsafe', { kind: 'unsafe-images' });
    expect(expectValue(await strict.photoStatus(KEY, 'p-unsafe'))).toMatchObject({ status: 'success', imageUrls: [SAFE_IMAGE_URL] });
    // The local stand-in's exception is for loopback http only, never for http elsewhere or other schemes.
    expect(expectValue(await client.photoStatus(KEY, 'p-unsafe')).imageUrls).toEqual([SAFE_IMAGE_URL]);
    expect(UNSAFE_IMAGE_URLS.length).toBeGreaterThanOrEqual(6);
  });

  it('by default (the real service) even the fake’s own loopback http images are dropped', async () => {
    const strict = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 2_000 });
    fake.setPhoto('p-local', { kind: 'ready' });
    expect(expectValue(await strict.photoStatus(KEY, 'p-local'))).toMatchObject({ status: 'success', imageUrls: [] });
  });
});

describe('the key echoed in a successful answer', () => {
  const ENCODINGS: KeyEncoding[] = ['raw', 'json-escaped', 'url-encoded', 'upper-case'];

  async function echoed(field: EchoField, encoding: KeyEncoding) {
    const id = `p-echo-${field}-${encoding}`;
    fake.setPhoto(id, { kind: 'echo-key', field, encoding });
    return expectValue(await client.photoStatus(KEY, id));
  }

  it.each(ENCODINGS)('in the failure message (%s) it is replaced by [redacted]', async (encoding) => {
    const answer = await echoed('failure-message', encoding);
    expect(answer.status).toBe('error');
    expect(answer.failureMessage).toBe('Generation failed for API key [redacted], please retry');
  });

  it.each(ENCODINGS)('in an image URL (%s) that link is dropped, the clean one kept', async (encoding) => {
    const answer = await echoed('image-url', encoding);
    expect(answer).toMatchObject({ status: 'success', imageUrls: [SAFE_IMAGE_URL] });
  });

  it.each(ENCODINGS)('as the status (%s) it is an unknown status reading [redacted]', async (encoding) => {
    const answer = await echoed('status', encoding);
    expect(answer).toMatchObject({ status: 'unknown', rawStatus: '[redacted]' });
  });

  it.each(['username', 'email'] as const)('in whoami’s %s', async (field) => {
    for (const encoding of ENCODINGS) {
      fake.setWhoamiEcho(field, encoding);
      const account = expectValue(await client.whoami(KEY));
      expect(account[field]).toMatch(/ \[redacted\]$/);
    }
  });

  it('is scrubbed before a long message is cut, so no prefix of it survives the cut', async () => {
    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    for (const pad of [180, 185, 190, 195]) {
      const body = `{"code":50000,"msg":"${'x'.repeat(pad)} ${escaped} tail"}`;
      const error = await photoError({ kind: 'malformed', body });
      expect(error.kind).toBe('server-error');
      expect(error.message.length).toBeLessThanOrEqual(200);
      expect(leaksKey(error, KEY)).toBe(false);
    }
  });

  it('never quotes an HTTP reason phrase that carries it', async () => {
    const fetchStub: typeof fetch = async () => new Response('busy', { status: 503, statusText: `Overloaded ${KEY.toUpperCase()}` });
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    const error = expectError(await stubbed.photoStatus(KEY, 'p'));
    expect(error.kind).toBe('server-error');
    expect(error.message).toContain('Overloaded [redacted]');
  });

  it('never names a redirect host that carries it (hosts come back lower-cased)', async () => {
    const fetchStub: typeof fetch = async () =>
      new Response(null, { status: 302, headers: { location: `https://${KEY.toUpperCase()}.evil.example/steal` } });
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    const error = expectError(await stubbed.whoami(KEY));
    expect(error.kind).toBe('http-error');
    expect(error.message).toContain('another address');
    expect(leaksKey(error, KEY)).toBe(false);
  });

  it('is scrubbed from the msg of an error answer in every encoding', async () => {
    for (const form of [KEY.toUpperCase(), encodeURIComponent(KEY).replace(/-/g, '%2D'), [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')]) {
      const error = await photoError({ kind: 'malformed', body: `{"code":10105,"msg":"Key ${form} is not valid"}` });
      expect(error).toMatchObject({ kind: 'invalid-key', message: 'Key [redacted] is not valid' });
    }
  });
});

describe('business codes', () => {
  it.each([
    [10104, 'not-found'],
    [10105, 'invalid-key'],
    [18020, 'insufficient-credit'],
    [18025, 'no-permission'],
    [40000, 'bad-request'],
    [50000, 'server-error'],
    [429, 'rate-limited'],
  ] as const)('code %i → %s, with JoggAI’s msg and the code', async (code, kind) => {
    const error = await photoError({ kind: 'code', code, msg: `JoggAI says ${code}` });
    expect(error).toMatchObject({ kind, code, message: `JoggAI says ${code}`, detail: { excerpt: `JoggAI says ${code}` } });
  });

  it('an unknown code is shown with the code and JoggAI’s msg', async () => {
    const error = await photoError({ kind: 'code', code: 31337, msg: 'Quantum flux' });
    expect(error.kind).toBe('unknown-code');
    expect(error.code).toBe(31337);
    expect(error.message).toContain('31337');
    expect(error.message).toContain('Quantum flux');
  });

  it('a null msg on an error falls back to words for the code', async () => {
    const error = await photoError({ kind: 'malformed', body: JSON.stringify({ code: 18020, msg: null, data: null }) });
    expect(error).toMatchObject({ kind: 'insufficient-credit', code: 18020, message: 'Insufficient credit' });
    expect(error.detail?.excerpt).toBeUndefined();
    const unknown = await photoError({ kind: 'malformed', body: JSON.stringify({ code: 777, msg: null }) });
    expect(unknown).toMatchObject({ kind: 'unknown-code', code: 777 });
    expect(unknown.message).toContain('777');
  });

  it('the real fake’s answers: 10104 for an unknown ID, 40000 for an empty one', async () => {
    expect(expectError(await client.photoStatus(KEY, 'missing-123'))).toMatchObject({ kind: 'not-found', code: 10104 });
    expect(expectError(await client.photoStatus(KEY, ''))).toMatchObject({ kind: 'bad-request', code: 40000 });
  });

  it('an unknown key is invalid-key, a key without API access is no-permission', async () => {
    expect(expectError(await client.whoami(BAD_KEY))).toMatchObject({ kind: 'invalid-key', code: 10105 });
    expect(expectError(await client.remainingQuota(BAD_KEY))).toMatchObject({ kind: 'invalid-key', code: 10105 });
    expect(expectError(await client.photoStatus(BAD_KEY, 'p1'))).toMatchObject({ kind: 'invalid-key', code: 10105 });
    expect(expectError(await client.whoami(NO_PERMISSION_KEY))).toMatchObject({ kind: 'no-permission', code: 18025 });
  });

  it('a non-2xx answer with a JoggAI envelope is mapped by its code', async () => {
    const error = await photoError({ kind: 'code', code: 40000, msg: 'photo_id invalid', httpStatus: 400 });
    expect(error).toMatchObject({ kind: 'bad-request', code: 40000, message: 'photo_id invalid', detail: { httpStatus: 400, excerpt: 'photo_id invalid' } });
  });
});

describe('one message per error: the window words it once, the facts go to detail', () => {
  const t: Translate = createAppI18n().global.t;
  const count = (text: string, part: string) => text.split(part).length - 1;

  it.each([
    ['an unknown code', { kind: 'code', code: 77777, msg: 'Quantum flux' }, 'Quantum flux', { httpStatus: 200 }],
    ['an unknown code whose msg already says it', { kind: 'code', code: 77777, msg: 'JoggAI answered code 77777: overloaded' }, 'overloaded', {}],
    ['40000 in an HTTP 400', { kind: 'code', code: 40000, msg: 'photo_id invalid', httpStatus: 400 }, 'photo_id invalid', { httpStatus: 400 }],
    ['50000', { kind: 'code', code: 50000, msg: 'System error' }, 'System error', {}],
    ['an HTML 404', { kind: 'malformed', httpStatus: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>' }, '<html><body>Not Found', { httpStatus: 404 }],
    ['an HTML 502', { kind: 'malformed', httpStatus: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }, '<h1>Bad gateway</h1>', { httpStatus: 502 }],
    ['cut JSON', { kind: 'malformed', body: '{"code":0,"data":{"sta' }, '{"code":0,"data":{"sta', { reason: 'not-json' }],
  ] as const)('%s', async (_name, scenario, excerpt, facts) => {
    const error = await photoError(scenario as PhotoScenario);
    const words = explainError(t, error);
    const row = problemSentence(t, error);
    // Main's log line may quote JoggAI, which may say anything; its own words must not repeat.
    const ownWords = error.message.replace(error.detail?.excerpt ?? '', '');
    for (const text of [words, row, ownWords]) {
      expect(count(text, 'JoggAI')).toBeLessThanOrEqual(1);
      expect(count(text, 'answered')).toBeLessThanOrEqual(1);
      if (error.code !== undefined) expect(count(text, String(error.code))).toBeLessThanOrEqual(1);
    }
    // JoggAI's words and the body are facts for Details, never part of the window's sentence.
    for (const text of [words, row]) {
      expect(text).not.toContain(excerpt);
      expect(text).not.toContain('{');
      expect(text).not.toContain('<');
    }
    expect(error.detail?.excerpt).toContain(excerpt);
    expect(error.detail).toMatchObject(facts);
  });

  it('a network failure keeps its socket code in detail, not in the words', async () => {
    const server = http.createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const local = createJoggClient({ baseUrl: new URL(`http://127.0.0.1:${port}`), timeoutMs: 2_000 });
      const error = expectError(await local.whoami(KEY));
      expect(error.kind).toBe('network');
      expect(error.detail?.networkCode).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
      expect(error.detail?.host).toBe(`127.0.0.1:${port}`);
      expect(explainError(t, error)).toBe('Can’t reach JoggAI. Check your internet connection, then try again.');
      expect(problemSentence(t, error)).toBe('JoggAI could not be reached.');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a rid from the envelope and a schema path reach detail; control characters in msg do not', async () => {
    const body = JSON.stringify({ rid: 'rid-123', code: 31337, msg: 'line one\n\u001b[31mred\u202eevil\u0007' });
    const error = await photoError({ kind: 'malformed', body });
    expect(error.detail).toMatchObject({ rid: 'rid-123', httpStatus: 200 });
    expect(error.detail?.excerpt).toBe('line one [31mred evil');
    const schema = await photoError({ kind: 'malformed', body: JSON.stringify({ code: 0, msg: 'ok', data: { status: 5 } }) });
    expect(schema.detail).toMatchObject({ reason: 'schema', schemaPath: expect.stringContaining('data.status') });
  });
});

describe('rate limits', () => {
  it('HTTP 429 with Retry-After seconds', async () => {
    const error = await photoError({ kind: 'rate-limit', retryAfterS: 17 });
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterS: 17, code: 429 });
  });

  it('HTTP 429 without any hint leaves retryAfterS unset', async () => {
    const error = await photoError({ kind: 'rate-limit' });
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterS).toBeUndefined();
  });

  it('code 429 in an HTTP 200 with a retryAfter field in the body', async () => {
    const error = await photoError({ kind: 'rate-limit', httpStatus: 200, retryAfterS: 9 });
    expect(error).toMatchObject({ kind: 'rate-limited', code: 429, retryAfterS: 9 });
  });

  it('Retry-After as an HTTP date counts from now', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const fetchStub: typeof fetch = async () =>
      new Response('slow down', { status: 429, headers: { 'retry-after': 'Tue, 01 Jan 2030 00:01:30 GMT' } });
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub, now: () => now });
    const error = expectError(await stubbed.photoStatus(KEY, 'p'));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterS: 90 });
    expect(error.code).toBeUndefined();
  });
});

describe('HTTP trouble and bodies that are not the spec', () => {
  it('HTTP 5xx with a text body is server-error, quoting a short piece of it', async () => {
    const error = await photoError({ kind: 'malformed', httpStatus: 502, body: 'Bad gateway from the edge', contentType: 'text/plain' });
    expect(error.kind).toBe('server-error');
    expect(error.message).toContain('502');
    expect(error.message).toContain('Bad gateway from the edge');
    expect(error.code).toBeUndefined();
  });

  it('another non-2xx without an envelope is http-error', async () => {
    const error = await photoError({ kind: 'malformed', httpStatus: 404, body: '<html>nope</html>', contentType: 'text/html' });
    expect(error.kind).toBe('http-error');
    expect(error.message).toContain('404');
  });

  it('a body that is not JSON is malformed-response, and the message stays short', async () => {
    const error = await photoError({ kind: 'malformed', body: `<html>${'x'.repeat(5_000)}</html>`, contentType: 'text/html' });
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toMatch(/not JSON/);
    expect(error.message.length).toBeLessThanOrEqual(200);
  });

  it('a body far larger than any real answer is refused without reading it all', async () => {
    const error = await photoError({ kind: 'malformed', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(error).toMatchObject({ kind: 'malformed-response' });
    expect(error.message).toMatch(/larger than 1024 KiB/);
  });

  it('an empty body is malformed-response', async () => {
    const error = await photoError({ kind: 'malformed', body: '' });
    expect(error).toMatchObject({ kind: 'malformed-response' });
    expect(error.message).toMatch(/empty/);
  });

  it('JSON without an envelope is malformed-response', async () => {
    const error = await photoError({ kind: 'malformed', body: JSON.stringify({ hello: 'world' }) });
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toContain('code');
  });

  it('a numeric status is malformed-response naming the field', async () => {
    const body = JSON.stringify({ code: 0, msg: 'success', data: { photo_id: 'p', status: 2, image_url_list: [] } });
    const error = await photoError({ kind: 'malformed', body });
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toContain('data.status');
  });

  it('a quota that is not a number is malformed-response', async () => {
    const fetchStub: typeof fetch = async () =>
      new Response(JSON.stringify({ code: 0, msg: 'ok', data: { remaining_quota: 'lots' } }), { status: 200 });
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    expect(expectError(await stubbed.remainingQuota(KEY))).toMatchObject({ kind: 'malformed-response' });
  });

  it('a redirect is not followed (the key would travel with it)', async () => {
    let calls = 0;
    const fetchStub: typeof fetch = async (_input, init) => {
      calls += 1;
      expect(init?.redirect).toBe('manual');
      return new Response(null, { status: 302, headers: { location: 'https://evil.example/steal' } });
    };
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    const error = expectError(await stubbed.whoami(KEY));
    expect(error.kind).toBe('http-error');
    expect(error.message).toContain('evil.example');
    expect(calls).toBe(1);
  });
});

describe('network and time', () => {
  it('a slow answer beyond timeoutMs is a timeout', async () => {
    const quick = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 150 });
    const started = Date.now();
    const error = await photoError({ kind: 'slow', delayMs: 1_500, then: { kind: 'ready' } }, quick);
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('a slow answer within timeoutMs still arrives', async () => {
    fake.setPhoto('p-slow-ok', { kind: 'slow', delayMs: 50, then: { kind: 'ready' } });
    expect(expectValue(await client.photoStatus(KEY, 'p-slow-ok')).status).toBe('success');
  });

  it('a refused connection is a network error saying so', async () => {
    const closedPort = await freePort();
    const refused = createJoggClient({ baseUrl: new URL(`http://127.0.0.1:${closedPort}`), timeoutMs: 2_000 });
    const error = expectError(await refused.whoami(KEY));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('refused');
  });

  it('a server that drops the connection is a network error', async () => {
    fake.setDown(true);
    const error = expectError(await client.photoStatus(KEY, 'p-down'));
    expect(error.kind).toBe('network');
    fake.setDown(false);
    expect(expectValue(await client.whoami(KEY)).username).toBe('demo-user');
  });

  it('a DNS failure reads as such (from err.cause.code)', async () => {
    const fetchStub: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.jogg.ai'), { code: 'ENOTFOUND' }) });
    };
    const stubbed = createJoggClient({ baseUrl: new URL('https://api.jogg.ai'), fetch: fetchStub });
    const error = expectError(await stubbed.whoami(KEY));
    expect(error).toEqual({
      kind: 'network',
      message: expect.stringContaining('ENOTFOUND'),
      detail: { host: 'api.jogg.ai', networkCode: 'ENOTFOUND' },
    });
    expect(error.message).toContain('api.jogg.ai');
  });

  it('a fetch that throws something odd still answers a Result', async () => {
    const fetchStub: typeof fetch = async () => {
      throw 'not even an Error';
    };
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    expect(expectError(await stubbed.whoami(KEY)).kind).toBe('network');
  });
});

describe('the API key', () => {
  it('is sent as x-api-key and never in the URL', async () => {
    let seen: { url: string; key: string | null } | null = null;
    const fetchStub: typeof fetch = async (input, init) => {
      seen = { url: String(input), key: new Headers(init?.headers).get('x-api-key') };
      return new Response(JSON.stringify({ code: 0, msg: 'ok', data: { email: 'e', username: 'u' } }));
    };
    const stubbed = createJoggClient({ baseUrl: new URL(fake.url), fetch: fetchStub });
    expectValue(await stubbed.whoami(KEY));
    expect(seen).toEqual({ url: `${fake.url}/v2/user/whoami`, key: KEY });
  });

  it('a key that cannot go in a header is rejected without quoting it', async () => {
    const weird = `${KEY}\nmore`;
    const error = expectError(await client.whoami(weird));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).not.toContain(KEY);
    expect(expectError(await client.whoami('   ')).kind).toBe('invalid-input');
  });

  it('is scrubbed even when the server echoes it back', async () => {
    const body = JSON.stringify({ code: 10105, msg: `Key ${KEY} is not valid` });
    const error = await photoError({ kind: 'malformed', body });
    expect(error.kind).toBe('invalid-key');
    expect(error.message).toBe('Key [redacted] is not valid');
  });

  it('leaves no part of itself in a message that quotes the body cut short', async () => {
    // The snippet is cut at 80 characters: right through the key if it were not scrubbed first.
    const error = await photoError({ kind: 'malformed', body: `${'<'.repeat(70)}${KEY}${'>'.repeat(100)}`, contentType: 'text/html' });
    expect(error.kind).toBe('malformed-response');
    expect(error.message).not.toContain(KEY.slice(0, 8));
  });

  it('appears in none of the errors or values this file produced, in any case or encoding, not even in part', () => {
    expect(errorsSeen.length).toBeGreaterThan(25);
    expect(valuesSeen.length).toBeGreaterThan(10);
    for (const seen of [...errorsSeen, ...valuesSeen]) {
      for (const key of ALL_KEYS) expect(leaksKey(seen, key), JSON.stringify(seen)).toBe(false);
    }
  });
});

/** A port nobody listens on: bind one, note it, let it go. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
