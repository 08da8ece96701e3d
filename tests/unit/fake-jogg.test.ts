// The fake JoggAI itself: its scenarios, default stories, auth, images and control API, checked
// over plain HTTP so other suites can trust what it says.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAILURE_MESSAGE, SAFE_IMAGE_URL, startFakeJogg, UNSAFE_IMAGE_URLS, type FakeJogg } from '../fake-jogg/server';

let now = 1_000_000;
let fake: FakeJogg;

beforeAll(async () => {
  fake = await startFakeJogg({ clock: () => now, validKeys: ['good-key', 'other-key'], noPermissionKeys: ['basic-plan'] });
});

afterEach(() => fake.reset());

afterAll(async () => {
  await fake.close();
});

interface Body {
  code: number;
  msg: string | null;
  rid?: string;
  data: { status?: string; image_url_list?: string[]; msg?: string | null; email?: string; username?: string; remaining_quota?: number } | null;
}

async function get(path: string, key: string | null = 'good-key'): Promise<{ status: number; body: Body; headers: Headers }> {
  const response = await fetch(`${fake.url}${path}`, { headers: key === null ? {} : { 'x-api-key': key } });
  return { status: response.status, body: (await response.json()) as Body, headers: response.headers };
}

async function photo(id: string, key?: string | null): Promise<Body> {
  return (await get(`/v2/photo_avatar/photo?photo_id=${encodeURIComponent(id)}`, key)).body;
}

async function statuses(id: string, checks: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < checks; i++) {
    const body = await photo(id);
    seen.push(body.code === 0 ? (body.data?.status ?? '?') : `code ${body.code}`);
  }
  return seen;
}

async function control(path: string, body?: unknown): Promise<Response> {
  return fetch(`${fake.url}/__control/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('the API', () => {
  it('whoami and remaining_quota answer in the spec’s envelope', async () => {
    const whoami = await get('/v2/user/whoami');
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ code: 0, data: { username: 'demo-user', email: 'demo@example.com' } });
    expect(whoami.body.rid).toMatch(/^[0-9a-f]{32}$/);
    fake.setQuota(3.2);
    expect((await get('/v2/user/remaining_quota')).body.data).toEqual({ remaining_quota: 3.2 });
  });

  it('a missing or unknown key is 10105, a key without API access 18025 (HTTP 200 both)', async () => {
    expect((await get('/v2/user/whoami', null)).body.code).toBe(10105);
    expect((await get('/v2/user/whoami', 'nope')).body.code).toBe(10105);
    const noPermission = await get('/v2/user/whoami', 'basic-plan');
    expect([noPermission.status, noPermission.body.code]).toEqual([200, 18025]);
    fake.setKeyState('other-key', 'invalid');
    expect((await photo('p', 'other-key')).code).toBe(10105);
    expect(fake.requests.map((r) => r.key)).toEqual(['missing', 'invalid', 'no-permission', 'invalid']);
  });

  it('an empty photo_id is 40000', async () => {
    expect((await photo('')).code).toBe(40000);
    expect((await get('/v2/photo_avatar/photo')).body.code).toBe(40000);
  });
});

describe('scenarios', () => {
  it('ready after n checks: n in-progress answers, then success with 4 served images', async () => {
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 2 });
    expect(await statuses('p1', 4)).toEqual(['in_progress', 'in_progress', 'success', 'success']);
    expect(fake.countChecks('p1')).toBe(4);
    const images = (await photo('p1')).data?.image_url_list ?? [];
    expect(images).toEqual([1, 2, 3, 4].map((n) => `${fake.url}/images/p1/${n}.png`));
    const png = await fetch(images[2] ?? '');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The older SVG links (kept in watchlists saved before) still answer.
    const svg = await fetch(`${fake.url}/images/p1/3.svg`);
    expect(await svg.text()).toContain('>3</text>');
  });

  it('image faults: off is 404, redirect-http points off this machine, truncated drops mid-body', async () => {
    const link = `${fake.url}/images/p1/1.png`;
    fake.setImageFault('off');
    expect((await fetch(link)).status).toBe(404);
    fake.setImageFault('redirect-http');
    const redirected = await fetch(link, { redirect: 'manual' });
    expect([redirected.status, redirected.headers.get('location')?.startsWith('http://cdn.example.com/')]).toEqual([302, true]);
    fake.setImageFault('truncated');
    await expect(fetch(link).then((r) => r.arrayBuffer())).rejects.toThrow();
    fake.setImageFault(null);
    expect((await fetch(link)).status).toBe(200);
  });

  it('afterMs follows the injected clock from setPhoto', async () => {
    fake.setPhoto('p2', { kind: 'fail', afterMs: 60_000, message: 'Blurry' });
    expect(await statuses('p2', 1)).toEqual(['in_progress']);
    now += 60_000;
    expect((await photo('p2')).data).toMatchObject({ status: 'error', msg: 'Blurry', image_url_list: [] });
  });

  it('codes, rate limits, arbitrary statuses and garbage', async () => {
    fake.setPhoto('c', { kind: 'code', code: 50000 });
    expect(await photo('c')).toMatchObject({ code: 50000, msg: 'System error' });
    fake.setPhoto('nf', { kind: 'not-found' });
    expect((await photo('nf')).code).toBe(10104);
    fake.setPhoto('rl', { kind: 'rate-limit', retryAfterS: 30 });
    const limited = await get('/v2/photo_avatar/photo?photo_id=rl');
    expect([limited.status, limited.headers.get('retry-after'), limited.body.code]).toEqual([429, '30', 429]);
    fake.setPhoto('rl200', { kind: 'rate-limit', httpStatus: 200, retryAfterS: 5 });
    expect(await photo('rl200')).toMatchObject({ code: 429, retryAfter: 5 });
    fake.setPhoto('odd', { kind: 'status', status: 'queued' });
    expect((await photo('odd')).data?.status).toBe('queued');
    fake.setPhoto('bad', { kind: 'malformed', body: 'not json', httpStatus: 503 });
    const bad = await fetch(`${fake.url}/v2/photo_avatar/photo?photo_id=bad`, { headers: { 'x-api-key': 'good-key' } });
    expect([bad.status, await bad.text()]).toEqual([503, 'not json']);
  });

  it('slow answers wait, then tell the wrapped story', async () => {
    fake.setPhoto('s', { kind: 'slow', delayMs: 120, then: { kind: 'ready' } });
    const started = Date.now();
    expect((await photo('s')).data?.status).toBe('success');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('unscripted IDs follow their prefix', async () => {
    expect(await statuses('fail-1', 4)).toEqual(['in_progress', 'in_progress', 'in_progress', 'error']);
    expect((await photo('fail-1')).data?.msg).toBe(DEFAULT_FAILURE_MESSAGE);
    expect(await statuses('missing-1', 1)).toEqual(['code 10104']);
    expect(await statuses('unknown-1', 1)).toEqual(['code 10104']);
    expect(await statuses('anything', 4)).toEqual(['in_progress', 'in_progress', 'in_progress', 'success']);
    expect(await statuses('slow-1', 5)).toEqual(Array(5).fill('in_progress'));
    now += 4 * 60_000;
    expect(await statuses('slow-1', 1)).toEqual(['success']);
  });
});

describe('control', () => {
  it('scripts photos and keys over HTTP, rejecting bad scenarios', async () => {
    expect((await control('photos/remote-1', { kind: 'fail', message: null })).status).toBe(200);
    expect((await photo('remote-1')).data).toMatchObject({ status: 'error', msg: null });
    expect((await control('photos/x', { kind: 'explode' })).status).toBe(400);
    expect((await control('photos/x', { kind: 'slow', delayMs: 5, then: { kind: 'nope' } })).status).toBe(400);
    expect((await control('keys/fresh-key', { state: 'valid' })).status).toBe(200);
    expect((await get('/v2/user/whoami', 'fresh-key')).body.code).toBe(0);
    expect((await control('keys/fresh-key', { state: 'maybe' })).status).toBe(400);
  });

  it('scripts account faults and X-RateLimit-* headers over HTTP, and reset ends them', async () => {
    expect((await control('account/whoami', { fault: 'not-found' })).status).toBe(200);
    expect((await fetch(`${fake.url}/v2/user/whoami`, { headers: { 'x-api-key': 'good-key' } })).status).toBe(404);
    expect((await control('account/whoami', { fault: 'server-error' })).status).toBe(200);
    expect((await fetch(`${fake.url}/v2/user/whoami`, { headers: { 'x-api-key': 'good-key' } })).status).toBe(503);
    expect((await control('account/quota', { fault: 'no-fields' })).status).toBe(200);
    expect((await get('/v2/user/remaining_quota')).body).toMatchObject({ code: 0, data: {} });
    expect((await control('account/whoami', { fault: 'explode' })).status).toBe(400);
    expect((await control('rate-limit-headers', { limit: 60, remaining: 0, reset: 30 })).status).toBe(200);
    const limited = await get('/v2/user/remaining_quota');
    expect([limited.headers.get('x-ratelimit-limit'), limited.headers.get('x-ratelimit-remaining'), limited.headers.get('x-ratelimit-reset')]).toEqual(['60', '0', '30']);
    expect((await control('reset')).status).toBe(200);
    expect((await get('/v2/user/whoami')).body.code).toBe(0);
    expect((await get('/v2/user/remaining_quota')).headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('answers code 0 with no news (no data, null data, no status) and code 10401 with data.retryAfter', async () => {
    fake.setPhoto('q1', { kind: 'no-news', missing: 'data' });
    const raw = await (await fetch(`${fake.url}/v2/photo_avatar/photo?photo_id=q1`, { headers: { 'x-api-key': 'good-key' } })).json();
    expect(raw).not.toHaveProperty('data');
    fake.setPhoto('q2', { kind: 'no-news', missing: 'data-null' });
    expect((await photo('q2')).data).toBeNull();
    fake.setPhoto('q3', { kind: 'no-news', missing: 'status' });
    expect((await photo('q3')).data).not.toHaveProperty('status');
    fake.setPhoto('rl', { kind: 'rate-limit', code: 10401, retryAfterS: 12 });
    const limited = await get('/v2/photo_avatar/photo?photo_id=rl');
    expect(limited.status).toBe(200);
    expect(limited.body).toMatchObject({ code: 10401, data: { retryAfter: 12 } });
  });

  it('goes down and up: API sockets are dropped, the control API still answers', async () => {
    expect((await control('down')).status).toBe(200);
    await expect(fetch(`${fake.url}/v2/user/whoami`, { headers: { 'x-api-key': 'good-key' } })).rejects.toThrow();
    const log = (await (await fetch(`${fake.url}/__control/requests`)).json()) as unknown[];
    expect(log).toEqual([]);
    expect((await control('up')).status).toBe(200);
    expect((await get('/v2/user/whoami')).body.code).toBe(0);
  });

  it('logs requests and resets to the starting state', async () => {
    fake.setPhoto('r', { kind: 'not-found' });
    fake.setKeyState('good-key', 'no-permission');
    await photo('r');
    const log = (await (await fetch(`${fake.url}/__control/requests`)).json()) as unknown[];
    expect(log).toEqual([{ method: 'GET', path: '/v2/photo_avatar/photo', photoId: 'r', key: 'no-permission', at: now }]);
    expect((await control('reset')).status).toBe(200);
    expect(fake.requests).toEqual([]);
    expect(fake.countChecks('r')).toBe(0);
    expect(await statuses('r', 1)).toEqual(['in_progress']); // back to the default story
  });

  it('close() returns even with a slow answer and a kept-alive socket pending', async () => {
    const other = await startFakeJogg();
    other.setPhoto('forever', { kind: 'slow', delayMs: 60_000, then: { kind: 'ready' } });
    await fetch(`${other.url}/v2/user/whoami`, { headers: { 'x-api-key': 'good-key' } });
    const pending = fetch(`${other.url}/v2/photo_avatar/photo?photo_id=forever`, { headers: { 'x-api-key': 'good-key' } }).catch(
      (err: unknown) => err,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  describe('hostile answers (issue 7)', () => {
    it('other-photo answers success for another photo ID, with that photo’s images', async () => {
      fake.setPhoto('mine', { kind: 'other-photo' });
      const body = await photo('mine');
      expect(body.code).toBe(0);
      expect(body.data).toMatchObject({ photo_id: 'mine-other', status: 'success' });
      expect(body.data?.image_url_list?.[0]).toContain('/images/mine-other/1.png');
    });

    it('unsafe-images sends one https link, then the unsafe ones', async () => {
      fake.setPhoto('u', { kind: 'unsafe-images' });
      expect((await photo('u')).data?.image_url_list).toEqual([SAFE_IMAGE_URL, ...UNSAFE_IMAGE_URLS]);
    });

    it('echo-key writes the request’s key into a successful answer in the encoding asked', async () => {
      const escaped = [...'good-key'].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      fake.setPhoto('e1', { kind: 'echo-key', field: 'failure-message' });
      const raw = await (await fetch(`${fake.url}/v2/photo_avatar/photo?photo_id=e1`, { headers: { 'x-api-key': 'good-key' } })).text();
      expect(raw).toContain(escaped);
      expect(JSON.parse(raw)).toMatchObject({ code: 0, data: { status: 'error', msg: 'Generation failed for API key good-key, please retry' } });
      fake.setPhoto('e2', { kind: 'echo-key', field: 'image-url', encoding: 'url-encoded' });
      expect((await photo('e2')).data?.image_url_list).toEqual([SAFE_IMAGE_URL, 'https://cdn.example.com/photo_avatar/%67%6F%6F%64%2D%6B%65%79/2.png']);
      fake.setPhoto('e3', { kind: 'echo-key', field: 'status', encoding: 'upper-case' });
      expect((await photo('e3')).data?.status).toBe('GOOD-KEY');
    });

    it('whoami echoes the key in the username until told to stop, and over the control API', async () => {
      fake.setWhoamiEcho('username', 'raw');
      expect((await get('/v2/user/whoami')).body.data).toMatchObject({ username: 'demo-user good-key', email: 'demo@example.com' });
      fake.setWhoamiEcho(null);
      expect((await get('/v2/user/whoami')).body.data).toMatchObject({ username: 'demo-user' });
      expect((await control('photos/c', { kind: 'echo-key', field: 'status' })).status).toBe(200);
      expect((await photo('c')).data?.status).toBe('good-key');
    });
  });
});
