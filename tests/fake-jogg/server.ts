// A real HTTP fake of the JoggAI endpoints the app uses, on 127.0.0.1. Tests script each photo's
// story (ready after n checks, failure, codes, rate limits, garbage, slowness); people can run it
// by hand (`npm run fake-jogg`) and steer it over a small control API under /__control.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { squarePng } from './png';

/** What one photo ID does when checked. afterChecks / afterMs: see `isDue`. */
export type PhotoScenario =
  | { kind: 'ready'; afterChecks?: number; afterMs?: number; images?: string[] }
  | { kind: 'fail'; afterChecks?: number; afterMs?: number; message: string | null }
  | { kind: 'not-found' }
  /** A business code in an envelope; httpStatus (default 200) lets a test wrap it in e.g. a 400. */
  | { kind: 'code'; code: number; msg?: string; httpStatus?: number }
  /**
   * httpStatus 429 (default) sends a Retry-After header; 200 sends code 429 with a `retryAfter`
   * field. code 10401 (the per-plan revision of the docs) is HTTP 200 with `data.retryAfter`.
   */
  | { kind: 'rate-limit'; retryAfterS?: number; httpStatus?: 200 | 429; code?: 429 | 10401 }
  /**
   * Code 0 that says nothing about the photo, as the spec allows: no `data` key, `data: null`,
   * or data without `status`.
   */
  | { kind: 'no-news'; missing: 'data' | 'data-null' | 'status' }
  | { kind: 'slow'; delayMs: number; then: PhotoScenario }
  /** The body verbatim (default HTTP 200, application/json whatever it holds). */
  | { kind: 'malformed'; body: string; httpStatus?: number; contentType?: string }
  | { kind: 'status'; status: string }
  /** A success answer naming another photo (default `<id>-other`), with that photo's images. */
  | { kind: 'other-photo'; photoId?: string }
  /** Success with UNSAFE_IMAGE_URLS (default) after one good https link: only that one may be kept. */
  | { kind: 'unsafe-images'; images?: string[] }
  /**
   * A *successful* answer echoing the request's own x-api-key in one field: the failure message
   * (status error), an image URL (status success, after one clean link) or the status string.
   */
  | { kind: 'echo-key'; field: EchoField; encoding?: KeyEncoding };

/** Where a photo answer echoes the key. */
export type EchoField = 'failure-message' | 'image-url' | 'status';
/**
 * How the echoed key is written in the JSON body: as is, every character `\uXXXX`-escaped,
 * every byte percent-encoded, or in upper case.
 */
export type KeyEncoding = 'raw' | 'json-escaped' | 'url-encoded' | 'upper-case';

/** One https link a client may keep, sent first by 'unsafe-images' and 'echo-key' image-url. */
export const SAFE_IMAGE_URL = 'https://cdn.example.com/photo_avatar/safe/1.png';
/** Image links no client may keep, show or open. */
export const UNSAFE_IMAGE_URLS: readonly string[] = [
  'javascript:alert(document.domain)',
  'file:///etc/passwd',
  'http://cdn.example.com/photo_avatar/plain-http.png',
  'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  '/images/relative.png',
  'https://api.jogg.ai@evil.example/credentials.png',
  `https://cdn.example.com/${'long/'.repeat(500)}x.png`,
];

export type KeyState = 'valid' | 'invalid' | 'no-permission';

/**
 * How an account endpoint (whoami, remaining_quota) misbehaves: an HTTP 503 page, an HTTP 404,
 * an answer that never comes (`hang`, past any client timeout), a dropped connection, code 0
 * without `data`, or data without its fields.
 */
export type AccountFault = 'server-error' | 'not-found' | 'hang' | 'drop' | 'no-data' | 'no-fields';
export const ACCOUNT_FAULTS = ['server-error', 'not-found', 'hang', 'drop', 'no-data', 'no-fields'] as const satisfies readonly AccountFault[];
export type AccountEndpoint = 'whoami' | 'quota';

/**
 * How the result-image route misbehaves: `off` (404, JoggAI's links expired), `too-large` (a
 * valid PNG start, then far more bytes than any result image), `not-image` (an HTML page labelled
 * text/html), `disguised` (image/png on the label, HTML inside), `redirect-http` (a 302 to a plain
 * http address off this machine), `truncated` (the connection drops halfway through the body).
 */
export type ImageFault = 'off' | 'too-large' | 'not-image' | 'disguised' | 'redirect-http' | 'truncated';
export const IMAGE_FAULTS = ['off', 'too-large', 'not-image', 'disguised', 'redirect-http', 'truncated'] as const satisfies readonly ImageFault[];
/** The size of a `too-large` image: past any cap a downloader should have. */
export const TOO_LARGE_IMAGE_BYTES = 40 * 1024 * 1024;

/**
 * `X-RateLimit-*` headers sent with every API answer. `reset` is written as given: seconds from
 * now or an epoch time, as the two revisions of the docs disagree.
 */
export interface RateLimitHeaders {
  limit?: number;
  remaining: number;
  reset?: number | string;
}

export interface FakeJoggOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  validKeys?: string[];
  noPermissionKeys?: string[];
  /** Drives afterMs and request timestamps; slow answers still wait in real time. */
  clock?: () => number;
  /** Origin for default image URLs; defaults to the fake itself. */
  imageBaseUrl?: string;
  quota?: number;
}

export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  photoId?: string;
  /** The key's state as the fake judged it ('missing' when no header was sent). */
  key?: KeyState | 'missing';
  at: number;
}

export interface FakeJogg {
  /** An account endpoint misbehaves as `fault` says, or answers normally again (null). */
  setAccountFault(endpoint: AccountEndpoint, fault: AccountFault | null): void;
  /** Every API answer carries these X-RateLimit-* headers (null: none). */
  setRateLimitHeaders(headers: RateLimitHeaders | null): void;
  /** whoami echoes the request's key in the username (or email), or stops doing so (null). */
  setWhoamiEcho(field: 'username' | 'email' | null, encoding?: KeyEncoding): void;
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** A copy of the log of API and image requests (control calls are not logged). */
  readonly requests: FakeRequest[];
  setPhoto(photoId: string, scenario: PhotoScenario): void;
  setKeyState(key: string, state: KeyState): void;
  setQuota(quota: number): void;
  /** Photo status requests for this ID, whatever the key. */
  countChecks(photoId: string): number;
  /** While down every API/image request has its socket destroyed; /__control keeps working. */
  setDown(down: boolean): void;
  /** Every result image misbehaves as `fault` says, or is served normally again (null). */
  setImageFault(fault: ImageFault | null): void;
  /** Back to the options given at start: scenarios, keys, quota, log, up. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_VALID_KEYS = ['good-key'];
export const DEFAULT_QUOTA = 42.6;
export const DEMO_ACCOUNT = { email: 'demo@example.com', username: 'demo-user' };
export const DEFAULT_FAILURE_MESSAGE = 'The photo did not pass the content review';
const IMAGES_PER_PHOTO = 4;
const SLOW_DEFAULT_MS = 4 * 60_000;

const CODE_MESSAGES: Record<number, string> = {
  0: 'success',
  429: 'Too many requests',
  10104: 'Record not found',
  10105: 'Invalid API key',
  18020: 'Insufficient credit',
  18025: 'No permission to call APIs',
  40000: 'Parameter error',
  50000: 'System error',
};

/** The story for IDs nobody scripted, so a person can try the app with made-up IDs. */
export function defaultScenario(photoId: string): PhotoScenario {
  const id = photoId.toLowerCase();
  if (id.startsWith('fail')) return { kind: 'fail', afterChecks: 3, message: DEFAULT_FAILURE_MESSAGE };
  if (id.startsWith('missing') || id.startsWith('unknown')) return { kind: 'not-found' };
  if (id.startsWith('slow')) return { kind: 'ready', afterMs: SLOW_DEFAULT_MS };
  return { kind: 'ready', afterChecks: 3 };
}

const httpStatusSchema = z.number().int().min(200).max(599);

/** The same union as PhotoScenario, for bodies posted to the control API. */
export const photoScenarioSchema: z.ZodType<PhotoScenario> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ready'),
      afterChecks: z.number().int().nonnegative().optional(),
      afterMs: z.number().nonnegative().optional(),
      images: z.array(z.string()).optional(),
    }),
    z.object({
      kind: z.literal('fail'),
      afterChecks: z.number().int().nonnegative().optional(),
      afterMs: z.number().nonnegative().optional(),
      message: z.string().nullable(),
    }),
    z.object({ kind: z.literal('not-found') }),
    z.object({ kind: z.literal('code'), code: z.number().int(), msg: z.string().optional(), httpStatus: httpStatusSchema.optional() }),
    z.object({
      kind: z.literal('rate-limit'),
      retryAfterS: z.number().nonnegative().optional(),
      httpStatus: z.union([z.literal(200), z.literal(429)]).optional(),
      code: z.union([z.literal(429), z.literal(10401)]).optional(),
    }),
    z.object({ kind: z.literal('no-news'), missing: z.enum(['data', 'data-null', 'status']) }),
    z.object({ kind: z.literal('slow'), delayMs: z.number().nonnegative(), then: photoScenarioSchema }),
    z.object({
      kind: z.literal('malformed'),
      body: z.string(),
      httpStatus: httpStatusSchema.optional(),
      contentType: z.string().optional(),
    }),
    z.object({ kind: z.literal('status'), status: z.string() }),
    z.object({ kind: z.literal('other-photo'), photoId: z.string().optional() }),
    z.object({ kind: z.literal('unsafe-images'), images: z.array(z.string()).optional() }),
    z.object({
      kind: z.literal('echo-key'),
      field: z.enum(['failure-message', 'image-url', 'status']),
      encoding: z.enum(['raw', 'json-escaped', 'url-encoded', 'upper-case']).optional(),
    }),
  ]),
);

/** One photo's progress: when its clock started and how many authorised checks it has seen. */
interface PhotoState {
  scenario: PhotoScenario;
  startedAt: number | null;
  checks: number;
}

/** What the fake will write back for one request. */
interface Reply {
  status: number;
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
  /** Send this many bytes of the body, then destroy the socket. */
  cutAfter?: number;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
}

export async function startFakeJogg(options: FakeJoggOptions = {}): Promise<FakeJogg> {
  const clock = options.clock ?? Date.now;
  const initialQuota = options.quota ?? DEFAULT_QUOTA;
  const initialKeys = (): Map<string, KeyState> =>
    new Map<string, KeyState>([
      ...(options.validKeys ?? DEFAULT_VALID_KEYS).map((k): [string, KeyState] => [k, 'valid']),
      ...(options.noPermissionKeys ?? []).map((k): [string, KeyState] => [k, 'no-permission']),
    ]);

  let keys = initialKeys();
  let quota = initialQuota;
  let down = false;
  let imageFault: ImageFault | null = null;
  let whoamiEcho: { field: 'username' | 'email'; encoding: KeyEncoding } | null = null;
  const accountFaults = new Map<AccountEndpoint, AccountFault>();
  let rateLimitHeaders: RateLimitHeaders | null = null;
  const photos = new Map<string, PhotoState>();
  const checksById = new Map<string, number>();
  const log: FakeRequest[] = [];
  const pendingReplies = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: 'fake-jogg crashed', contentType: 'text/plain' });
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const imageBase = (options.imageBaseUrl ?? url).replace(/\/+$/, '');

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    if (target.pathname.startsWith('/__control/')) return control(req, res, target.pathname);
    if (down) {
      // What a crashed server or a dropped link looks like to the client: no answer at all.
      req.socket.destroy();
      return;
    }
    const reply = withRateLimitHeaders(route(req, target), target.pathname);
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        pendingReplies.delete(timer);
        send(res, reply);
      }, reply.delayMs);
      pendingReplies.add(timer);
      return;
    }
    send(res, reply);
  }

  function route(req: http.IncomingMessage, target: URL): Reply {
    const path = target.pathname;
    const entry: FakeRequest = { method: req.method ?? 'GET', path, at: clock() };
    log.push(entry);

    const image = /^\/images\/([^/]+)\/(\d+)\.(svg|png)$/.exec(path);
    if (image && req.method === 'GET') {
      const n = Number(image[2]);
      if (imageFault !== null) return faultyImage(imageFault, n);
      return image[3] === 'png' ? pngImage(n) : svgImage(decodeURIComponent(image[1] ?? ''), n);
    }
    if (!path.startsWith('/v2/')) return { status: 404, body: 'Not found', contentType: 'text/plain' };
    if (req.method !== 'GET') return { status: 405, body: 'Method not allowed', contentType: 'text/plain' };

    const header = req.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const keyState = key === undefined ? 'missing' : (keys.get(key) ?? 'invalid');
    entry.key = keyState;

    if (path === '/v2/photo_avatar/photo') {
      const photoId = target.searchParams.get('photo_id') ?? '';
      if (photoId !== '') {
        entry.photoId = photoId;
        checksById.set(photoId, (checksById.get(photoId) ?? 0) + 1);
      }
      // Auth comes first, as on any real API: a bad key learns nothing about photo IDs.
      if (keyState !== 'valid') return authFailure(keyState);
      if (photoId === '') return envelope(40000, 'photo_id is required');
      return photoReply(photoId, key ?? '');
    }
    if (keyState !== 'valid') return authFailure(keyState);
    const endpoint = path === '/v2/user/whoami' ? 'whoami' : path === '/v2/user/remaining_quota' ? 'quota' : null;
    const fault = endpoint && accountFaults.get(endpoint);
    if (fault) return accountFaultReply(fault, endpoint === 'whoami' ? { ...DEMO_ACCOUNT } : { remaining_quota: quota });
    if (path === '/v2/user/whoami') {
      if (!whoamiEcho) return envelope(0, 'success', { ...DEMO_ACCOUNT });
      const reply = envelope(0, 'success', { ...DEMO_ACCOUNT, [whoamiEcho.field]: `${DEMO_ACCOUNT[whoamiEcho.field]} ${KEY_MARKER}` });
      return withEchoedKey(reply, key ?? '', whoamiEcho.encoding);
    }
    if (path === '/v2/user/remaining_quota') return envelope(0, 'success', { remaining_quota: quota });
    return { status: 404, body: JSON.stringify({ code: 404, msg: 'Not found', data: null }), contentType: 'application/json' };
  }

  function withRateLimitHeaders(reply: Reply, path: string): Reply {
    if (!rateLimitHeaders || !path.startsWith('/v2/')) return reply;
    const headers: Record<string, string> = { ...reply.headers, 'x-ratelimit-remaining': String(rateLimitHeaders.remaining) };
    if (rateLimitHeaders.limit !== undefined) headers['x-ratelimit-limit'] = String(rateLimitHeaders.limit);
    if (rateLimitHeaders.reset !== undefined) headers['x-ratelimit-reset'] = String(rateLimitHeaders.reset);
    return { ...reply, headers };
  }

  function photoReply(photoId: string, key: string): Reply {
    let state = photos.get(photoId);
    if (!state) {
      state = { scenario: defaultScenario(photoId), startedAt: null, checks: 0 };
      photos.set(photoId, state);
    }
    // Unscripted photos start their clock on the first check; scripted ones when they were set.
    state.startedAt ??= clock();
    state.checks += 1;
    return scenarioReply(photoId, state.scenario, state, key);
  }

  function scenarioReply(photoId: string, scenario: PhotoScenario, state: PhotoState, key: string): Reply {
    switch (scenario.kind) {
      case 'ready':
        if (!isDue(scenario, state)) return photoData(photoId, 'in_progress');
        return photoData(photoId, 'success', scenario.images ?? defaultImages(photoId));
      case 'fail':
        if (!isDue(scenario, state)) return photoData(photoId, 'in_progress');
        return photoData(photoId, 'error', [], scenario.message);
      case 'not-found':
        return envelope(10104, CODE_MESSAGES[10104]);
      case 'code':
        return { ...envelope(scenario.code, scenario.msg ?? CODE_MESSAGES[scenario.code] ?? 'Error'), status: scenario.httpStatus ?? 200 };
      case 'rate-limit':
        return rateLimit(scenario);
      case 'no-news':
        if (scenario.missing === 'data') return envelopeWithoutData(0, 'success');
        if (scenario.missing === 'data-null') return envelope(0, 'success', null);
        return envelope(0, 'success', { photo_id: photoId, image_url_list: [], image_key_list: [], msg: null });
      case 'slow':
        return { ...scenarioReply(photoId, scenario.then, state, key), delayMs: scenario.delayMs };
      case 'malformed':
        return { status: scenario.httpStatus ?? 200, body: scenario.body, contentType: scenario.contentType ?? 'application/json' };
      case 'status':
        return photoData(photoId, scenario.status);
      case 'other-photo': {
        const other = scenario.photoId ?? `${photoId}-other`;
        return photoData(other, 'success', defaultImages(other));
      }
      case 'unsafe-images':
        return photoData(photoId, 'success', [SAFE_IMAGE_URL, ...(scenario.images ?? UNSAFE_IMAGE_URLS)]);
      case 'echo-key': {
        const reply =
          scenario.field === 'failure-message'
            ? photoData(photoId, 'error', [], `Generation failed for API key ${KEY_MARKER}, please retry`)
            : scenario.field === 'image-url'
              ? photoData(photoId, 'success', [SAFE_IMAGE_URL, `https://cdn.example.com/photo_avatar/${KEY_MARKER}/2.png`])
              : photoData(photoId, KEY_MARKER);
        return withEchoedKey(reply, key, scenario.encoding ?? 'json-escaped');
      }
    }
  }

  /**
   * The answer turns after `afterChecks` in-progress answers (the next check is the first done
   * one) and once `afterMs` has passed; with both set, both must hold. Neither: done at once.
   */
  function isDue(scenario: { afterChecks?: number; afterMs?: number }, state: PhotoState): boolean {
    const checksDone = state.checks > (scenario.afterChecks ?? 0);
    const timeDone = clock() - (state.startedAt ?? clock()) >= (scenario.afterMs ?? 0);
    return checksDone && timeDone;
  }

  function rateLimit(scenario: Extract<PhotoScenario, { kind: 'rate-limit' }>): Reply {
    if (scenario.code === 10401) {
      const data = scenario.retryAfterS === undefined ? null : { retryAfter: scenario.retryAfterS };
      return envelope(10401, 'Rate limit exceeded', data);
    }
    const httpStatus = scenario.httpStatus ?? 429;
    const body: Record<string, unknown> = { rid: rid(), code: 429, msg: CODE_MESSAGES[429], data: null };
    const headers: Record<string, string> = {};
    if (scenario.retryAfterS !== undefined) {
      if (httpStatus === 429) headers['retry-after'] = String(scenario.retryAfterS);
      else body.retryAfter = scenario.retryAfterS;
    }
    return { status: httpStatus, body: JSON.stringify(body), contentType: 'application/json', headers };
  }

  function defaultImages(photoId: string): string[] {
    return Array.from({ length: IMAGES_PER_PHOTO }, (_, i) => `${imageBase}/images/${encodeURIComponent(photoId)}/${i + 1}.png`);
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const parts = path.split('/').slice(2).map(decodeURIComponent); // ['photos', id] …
    const [what, name] = parts;
    if (req.method === 'GET' && what === 'requests') return sendJson(res, 200, log);
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST (or GET /__control/requests)' });
    const body = await readJson(req);
    if (what === 'photos' && name) {
      const scenario = photoScenarioSchema.safeParse(body);
      if (!scenario.success) return sendJson(res, 400, { error: z.prettifyError(scenario.error) });
      fake.setPhoto(name, scenario.data);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'keys' && name) {
      const state = z.object({ state: z.enum(['valid', 'invalid', 'no-permission']) }).safeParse(body);
      if (!state.success) return sendJson(res, 400, { error: 'body must be {"state": "valid" | "invalid" | "no-permission"}' });
      fake.setKeyState(name, state.data.state);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'quota') {
      const quotaBody = z.object({ quota: z.number() }).safeParse(body);
      if (!quotaBody.success) return sendJson(res, 400, { error: 'body must be {"quota": number}' });
      fake.setQuota(quotaBody.data.quota);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'account' && (name === 'whoami' || name === 'quota')) {
      const faultBody = z.object({ fault: z.enum(ACCOUNT_FAULTS).nullable() }).safeParse(body);
      if (!faultBody.success) return sendJson(res, 400, { error: `body must be {"fault": ${ACCOUNT_FAULTS.map((f) => `"${f}"`).join(' | ')} | null}` });
      fake.setAccountFault(name, faultBody.data.fault);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'rate-limit-headers') {
      const headersBody = z
        .object({ limit: z.number().optional(), remaining: z.number(), reset: z.union([z.number(), z.string()]).optional() })
        .nullable()
        .safeParse(body);
      if (!headersBody.success) return sendJson(res, 400, { error: 'body must be {"remaining": n, "reset"?: n, "limit"?: n} or null' });
      fake.setRateLimitHeaders(headersBody.data);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'images') {
      const faultBody = z.object({ fault: z.enum(IMAGE_FAULTS).nullable() }).safeParse(body);
      if (!faultBody.success) return sendJson(res, 400, { error: `body must be {"fault": ${IMAGE_FAULTS.map((f) => `"${f}"`).join(' | ')} | null}` });
      fake.setImageFault(faultBody.data.fault);
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'down') fake.setDown(true);
    else if (what === 'up') fake.setDown(false);
    else if (what === 'reset') fake.reset();
    else return sendJson(res, 404, { error: `unknown control ${path}` });
    return sendJson(res, 200, { ok: true });
  }

  const fake: FakeJogg = {
    url,
    port,
    get requests() {
      return log.map((entry) => ({ ...entry }));
    },
    setPhoto(photoId, scenario) {
      photos.set(photoId, { scenario, startedAt: clock(), checks: 0 });
    },
    setKeyState(key, state) {
      keys.set(key, state);
    },
    setQuota(n) {
      quota = n;
    },
    setAccountFault(endpoint, fault) {
      if (fault === null) accountFaults.delete(endpoint);
      else accountFaults.set(endpoint, fault);
    },
    setRateLimitHeaders(headers) {
      rateLimitHeaders = headers;
    },
    setImageFault(fault) {
      imageFault = fault;
    },
    setWhoamiEcho(field, encoding = 'json-escaped') {
      whoamiEcho = field === null ? null : { field, encoding };
    },
    countChecks(photoId) {
      return checksById.get(photoId) ?? 0;
    },
    setDown(value) {
      down = value;
      // Kept-alive sockets would otherwise answer the next request as if nothing happened.
      if (value) server.closeIdleConnections();
    },
    reset() {
      keys = initialKeys();
      quota = initialQuota;
      down = false;
      imageFault = null;
      whoamiEcho = null;
      accountFaults.clear();
      rateLimitHeaders = null;
      photos.clear();
      checksById.clear();
      log.length = 0;
      clearPending();
    },
    async close() {
      clearPending();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Kept-alive and half-answered sockets would hold close() (and the test run) open.
        server.closeAllConnections();
      });
    },
  };

  function clearPending(): void {
    for (const timer of pendingReplies) clearTimeout(timer);
    pendingReplies.clear();
  }

  return fake;
}

function authFailure(state: KeyState | 'missing'): Reply {
  // JoggAI answers auth problems with HTTP 200 and a business code.
  return state === 'no-permission' ? envelope(18025, CODE_MESSAGES[18025]) : envelope(10105, CODE_MESSAGES[10105]);
}

function photoData(photoId: string, status: string, images: string[] = [], msg: string | null = null): Reply {
  return envelope(0, 'success', {
    photo_id: photoId,
    status,
    image_url_list: images,
    image_key_list: images.map((_, i) => `photo_avatar/${photoId}/${i + 1}`),
    msg,
  });
}

/** Stands for the key in a reply's data until withEchoedKey writes the key there, encoded. */
const KEY_MARKER = '@@ECHOED_KEY@@';

/** The reply with KEY_MARKER replaced in its JSON text by the key, written as `encoding` says. */
function withEchoedKey(reply: Reply, key: string, encoding: KeyEncoding): Reply {
  return { ...reply, body: String(reply.body).split(KEY_MARKER).join(encodeKey(key, encoding)) };
}

/** The key as it would appear inside a JSON string literal. */
function encodeKey(key: string, encoding: KeyEncoding): string {
  switch (encoding) {
    case 'raw':
      return JSON.stringify(key).slice(1, -1);
    case 'json-escaped':
      return [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    case 'url-encoded':
      return [...Buffer.from(key, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    case 'upper-case':
      return JSON.stringify(key.toUpperCase()).slice(1, -1);
  }
}

/** The delay of a `hang` fault: longer than any client waits, short enough for a test run to end. */
const HANG_MS = 60_000;

function accountFaultReply(fault: AccountFault, data: Record<string, unknown>): Reply {
  switch (fault) {
    case 'server-error':
      return { status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>', contentType: 'text/html' };
    case 'not-found':
      return { status: 404, body: '404 page not found', contentType: 'text/plain' };
    case 'hang':
      return { ...envelope(0, 'success', data), delayMs: HANG_MS };
    case 'drop':
      return { status: 0, body: '', contentType: 'text/plain', drop: true };
    case 'no-data':
      return envelopeWithoutData(0, 'success');
    case 'no-fields':
      return envelope(0, 'success', {});
  }
}

/** An envelope with no `data` key at all (the spec makes `data` optional). */
function envelopeWithoutData(code: number, msg: string): Reply {
  return { status: 200, body: JSON.stringify({ rid: rid(), code, msg }), contentType: 'application/json' };
}

function envelope(code: number, msg: string | undefined, data: unknown = null): Reply {
  return { status: 200, body: JSON.stringify({ rid: rid(), code, msg: msg ?? null, data }), contentType: 'application/json' };
}

function rid(): string {
  return randomBytes(16).toString('hex');
}

const SQUARE_COLORS = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#dc2626', '#9333ea'];

function svgImage(photoId: string, n: number): Reply {
  const color = SQUARE_COLORS[(n - 1 + SQUARE_COLORS.length) % SQUARE_COLORS.length];
  const label = escapeXml(photoId.slice(0, 24));
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<rect width="512" height="512" fill="${color}"/>
<text x="256" y="300" font-family="sans-serif" font-size="200" fill="#fff" text-anchor="middle">${n}</text>
<text x="256" y="470" font-family="sans-serif" font-size="28" fill="#fff" text-anchor="middle">${label}</text>
</svg>
`;
  return { status: 200, body, contentType: 'image/svg+xml' };
}

const SQUARE_RGB: readonly (readonly [number, number, number])[] = [
  [0x4f, 0x46, 0xe5],
  [0x08, 0x91, 0xb2],
  [0x16, 0xa3, 0x4a],
  [0xd9, 0x77, 0x06],
];

/** Result image n as a real PNG (a few hundred bytes), as JoggAI's CDN serves them. */
function pngImage(n: number): Reply {
  return { status: 200, body: squarePng(SQUARE_RGB[(n - 1 + SQUARE_RGB.length) % SQUARE_RGB.length]!, n), contentType: 'image/png' };
}

const NOT_AN_IMAGE = '<!doctype html><html><body><h1>Access denied</h1></body></html>';

function faultyImage(fault: ImageFault, n: number): Reply {
  switch (fault) {
    case 'off':
      return { status: 404, body: 'Not found', contentType: 'text/plain' };
    case 'too-large': {
      const png = squarePng(SQUARE_RGB[0]!, n);
      return { status: 200, body: Buffer.concat([png, Buffer.alloc(TOO_LARGE_IMAGE_BYTES - png.length)]), contentType: 'image/png' };
    }
    case 'not-image':
      return { status: 200, body: NOT_AN_IMAGE, contentType: 'text/html' };
    case 'disguised':
      return { status: 200, body: NOT_AN_IMAGE, contentType: 'image/png' };
    case 'redirect-http':
      return { status: 302, body: '', contentType: 'text/plain', headers: { location: `http://cdn.example.com/photo_avatar/${n}.png` } };
    case 'truncated': {
      const png = pngImage(n);
      return { ...png, headers: { 'content-length': String(png.body.length) }, cutAfter: Math.floor(png.body.length / 2) };
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: http.ServerResponse, reply: Reply): void {
  // The client may have given up (timeout) while a slow answer waited; nothing to tell it then.
  if (res.destroyed) return;
  res.on('error', () => {});
  res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
  if (reply.cutAfter !== undefined) {
    // Half the promised body, then the connection drops: a download cut off mid-way.
    res.write(Buffer.from(reply.body).subarray(0, reply.cutAfter), () => res.socket?.destroy());
    return;
  }
  res.end(reply.body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, { status, body: JSON.stringify(value), contentType: 'application/json' });
}

const MAX_CONTROL_BODY = 64 * 1024;

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CONTROL_BODY) return null;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
