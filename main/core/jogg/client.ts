// The JoggAI HTTP client: three GET calls, each answering a Result whose error has a kind the UI
// can explain. It never throws and never lets the API key into a message or a value, whatever the
// server, the network or fetch itself does, and it judges every answer before handing it on.
import type { AppError, ErrorDetail, ErrorKind, Result } from '../../../preload/api';
import type { z } from 'zod';
import { isKeepableImageUrl, STRICT_IMAGE_URLS, type ImageUrlPolicy } from '../safe-url';
import { plainExcerpt } from './excerpt';
import { exhaustedForSeconds, retryAfterSeconds } from './rate-limit';
import { keyScrubber, REDACTED, scrubJson, type KeyScrubber } from './redact';
import {
  envelopeSchema,
  KNOWN_PHOTO_STATUSES,
  photoDataSchema,
  remainingQuotaDataSchema,
  whoamiDataSchema,
  type Envelope,
  type KnownPhotoStatus,
} from './schemas';
import { readBoundedBytes } from '../bounded-body';

export interface JoggClientOptions {
  /** From resolveApiBaseUrl: https, or http to loopback only. */
  baseUrl: URL;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Wall clock for Retry-After HTTP dates. */
  now?: () => number;
  /** Which image URLs are kept (default: https only). */
  imagePolicy?: ImageUrlPolicy;
  /**
   * Told when an answer, even a good one, says no request is left (`X-RateLimit-Remaining: 0`):
   * nothing should go out before `untilMs`. A good answer has no other way to say it.
   */
  onRequestsExhausted?: (untilMs: number) => void;
}

export interface PhotoAnswer {
  /** Always the ID asked for: an answer naming another photo is refused as malformed. */
  photoId: string;
  /**
   * `no-news`: JoggAI answered code 0 without `data` or without a status (the spec allows both):
   * nothing is known yet, so the photo keeps its state and is checked again on its schedule.
   */
  status: KnownPhotoStatus | 'unknown' | 'no-news';
  /** JoggAI's status string as sent, even when it is not one this app knows ('' for no news). */
  rawStatus: string;
  /** Only URLs that pass isKeepableImageUrl and never held the key. */
  imageUrls: string[];
  /** JoggAI's reason when status is 'error' (it may send none). */
  failureMessage: string | null;
}

export interface JoggClient {
  whoami(key: string): Promise<Result<{ username: string; email: string }>>;
  /** Credits left; null when JoggAI answered without a figure (the spec makes it optional). */
  remainingQuota(key: string): Promise<Result<number | null>>;
  photoStatus(key: string, photoId: string): Promise<Result<PhotoAnswer>>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Messages quote JoggAI or the body; beyond this they stop being readable in a row of the UI. */
const MAX_MESSAGE_LENGTH = 200;
const MAX_SNIPPET_LENGTH = 80;

/** Answer fields that list URLs: an entry that held the key is dropped, since a mended URL points nowhere. */
const URL_LISTS: ReadonlySet<string> = new Set(['image_url_list']);

/** The business codes the docs define, with words for when JoggAI sends no msg. */
const BUSINESS_CODES: Record<number, { kind: ErrorKind; fallback: string }> = {
  429: { kind: 'rate-limited', fallback: 'Too many requests' },
  // One revision of the docs: per-plan limits, with the wait in data.retryAfter.
  10401: { kind: 'rate-limited', fallback: 'Too many requests' },
  10104: { kind: 'not-found', fallback: 'Record not found' },
  10105: { kind: 'invalid-key', fallback: 'Invalid API key' },
  18020: { kind: 'insufficient-credit', fallback: 'Insufficient credit' },
  18025: { kind: 'no-permission', fallback: 'No permission to call APIs' },
  40000: { kind: 'bad-request', fallback: 'Parameter error' },
  50000: { kind: 'server-error', fallback: 'System error' },
};

/** Node's socket error codes in plain words; the code itself is kept in brackets for support. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the server refused the connection',
  ENOTFOUND: 'the server name could not be found (DNS)',
  EAI_AGAIN: 'the server name could not be looked up (DNS; offline?)',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection was closed while sending',
  ETIMEDOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable (offline?)',
  EHOSTUNREACH: 'the server is unreachable',
  ENETDOWN: 'the network is down',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CLOSED: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'connecting to the server timed out',
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate could not be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another name",
};

export function createJoggClient(options: JoggClientOptions): JoggClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const imagePolicy = options.imagePolicy ?? STRICT_IMAGE_URLS;
  // Paths are joined relative to the base so a path prefix (a proxy at /jogg/) is kept.
  const base = new URL(options.baseUrl.href.endsWith('/') ? options.baseUrl.href : `${options.baseUrl.href}/`);
  // One scrubber per key, not per request: it builds five forms and two patterns of the key.
  let cached: { key: string; scrubber: KeyScrubber } | null = null;
  const scrubberFor = (key: string): KeyScrubber => (cached?.key === key ? cached : (cached = { key, scrubber: keyScrubber(key) })).scrubber;

  async function call<S extends z.ZodType>(
    key: string,
    path: string,
    query: Record<string, string>,
    dataSchema: S,
  ): Promise<Result<z.output<S>>> {
    const badKey = checkKeyIsSendable(key);
    if (badKey) return { ok: false, error: badKey };
    const url = new URL(path, base);
    url.search = new URLSearchParams(query).toString();
    const scrubber = scrubberFor(key);
    const result = await exchange(url, key, scrubber, dataSchema);
    // Belt and braces: every input to a message was scrubbed before it was quoted or cut; this
    // catches what a library might have added on its own.
    return result.ok ? result : { ok: false, error: scrubbedError(result.error, scrubber) };
  }

  async function exchange<S extends z.ZodType>(url: URL, key: string, scrubber: KeyScrubber, dataSchema: S): Promise<Result<z.output<S>>> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'GET',
        headers: { 'x-api-key': key, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
        // fetch would carry x-api-key to wherever a redirect points; never follow one.
        redirect: 'manual',
      });
      const read = await readBounded(response, MAX_BODY_BYTES);
      if (read === null) {
        return fail({
          kind: 'malformed-response',
          message: `JoggAI's answer was larger than ${MAX_BODY_BYTES / 1024} KiB, far beyond any real answer; it was not read.`,
          detail: { httpStatus: response.status, reason: 'too-large' },
        });
      }
      text = read;
    } catch (err) {
      return fail(fetchFailure(err, url, timeoutMs, scrubber));
    }
    const exhaustedS = exhaustedForSeconds(response.headers, now());
    if (exhaustedS !== undefined && exhaustedS > 0) options.onRequestsExhausted?.(now() + exhaustedS * 1000);
    const result = interpret(response, text, scrubber, dataSchema, now());
    return result.ok ? result : fail(withAnswerFacts(result.error, response.status, text, scrubber));
  }

  return {
    async whoami(key) {
      const result = await call(key, 'v2/user/whoami', {}, whoamiDataSchema);
      return result.ok ? { ok: true, value: { username: result.value.username, email: result.value.email } } : result;
    },

    async remainingQuota(key) {
      const result = await call(key, 'v2/user/remaining_quota', {}, remainingQuotaDataSchema);
      return result.ok ? { ok: true, value: result.value.remaining_quota } : result;
    },

    async photoStatus(key, photoId) {
      const result = await call(key, 'v2/photo_avatar/photo', { photo_id: photoId }, photoDataSchema);
      if (!result.ok) return result;
      const data = result.value;
      if (data === null || data.status === null) {
        return { ok: true, value: { photoId, status: 'no-news', rawStatus: '', imageUrls: [], failureMessage: null } };
      }
      // An answer about another photo (a mixed-up cache or proxy, a bug at JoggAI) must never
      // become this photo's result: its images would be shown and announced as this one's.
      // The answer was scrubbed, so the ID asked is compared in its scrubbed form too.
      const answeredId = data.photo_id ?? '';
      if (answeredId !== '' && answeredId !== scrubberFor(key).scrub(photoId)) {
        return fail({
          kind: 'malformed-response',
          message: short(`JoggAI answered about another photo (${snippet(answeredId)}) instead of this one; the answer was ignored.`),
          detail: { reason: 'other-photo', ...excerptOf(`photo_id: ${answeredId}`) },
        });
      }
      const known = (KNOWN_PHOTO_STATUSES as readonly string[]).includes(data.status);
      return {
        ok: true,
        value: {
          photoId,
          status: known ? (data.status as KnownPhotoStatus) : 'unknown',
          rawStatus: data.status,
          imageUrls: data.image_url_list.filter((u) => isKeepableImageUrl(u, imagePolicy)),
          // On other statuses msg is chatter ("success"), not a failure reason.
          failureMessage: data.status === 'error' && data.msg?.trim() ? data.msg : null,
        },
      };
    },
  };
}

/**
 * fetch rejects a header value with a newline or non-Latin-1 character and quotes the value in
 * its error; catching that here keeps a mistyped key out of every message.
 */
function checkKeyIsSendable(key: string): AppError | null {
  if (key.trim() === '') return { kind: 'invalid-input', message: 'The API key is empty.', input: { code: 'key-empty' } };
  if (!/^[\x20-\x7e\t]+$/.test(key)) {
    return { kind: 'invalid-input', message: 'The API key contains characters that cannot be sent (line breaks or non-ASCII).', input: { code: 'key-not-sendable' } };
  }
  return null;
}

/** Turns one HTTP answer into a Result. Order matters: see the comments per branch. */
function interpret<S extends z.ZodType>(
  response: Response,
  text: string,
  scrubber: KeyScrubber,
  dataSchema: S,
  nowMs: number,
): Result<z.output<S>> {
  const status = response.status;
  // Scrubbed before anything reads, quotes or cuts it: a cut could otherwise leave part of an
  // echoed key. The JSON is parsed from the text as sent (a replacement inside an escape sequence
  // would break it) and then scrubbed string by string, so escaped forms are caught once decoded.
  const body = scrubber.scrub(text);
  const raw = parseJson(text);
  const json: typeof raw = raw.ok ? { ok: true, value: scrubJson(raw.value, scrubber, URL_LISTS) } : raw;
  const parsed = json.ok ? envelopeSchema.safeParse(json.value) : null;
  const envelope = parsed?.success ? parsed.data : null;

  // HTTP 429 is a rate limit whatever the body says; the body may still hold code and retryAfter.
  if (status === 429) {
    const code = envelope?.code !== undefined && envelope.code !== 0 ? envelope.code : undefined;
    return fail({
      kind: 'rate-limited',
      message: short(envelope?.msg ?? 'Too many requests (HTTP 429)'),
      code,
      retryAfterS: retryAfterSeconds(response.headers, json.ok ? json.value : null, nowMs),
    });
  }

  // A non-zero code is JoggAI's own verdict and says more than any HTTP status around it.
  if (envelope && envelope.code !== 0) {
    return fail(businessError(envelope, retryAfterSeconds(response.headers, json.ok ? json.value : null, nowMs)));
  }

  if (status < 200 || status > 299) return fail(httpError(response, body, envelope, scrubber));

  if (!json.ok) {
    const empty = body.trim() === '';
    const what = empty ? 'an empty answer' : `an answer that is not JSON (${describeBody(response, body)})`;
    const detail: ErrorDetail = empty ? { reason: 'empty' } : { reason: 'not-json', ...excerptOf(body) };
    return fail({ kind: 'malformed-response', message: short(`JoggAI sent ${what}.`), detail });
  }
  if (!envelope) return fail(mismatch(null, parsed?.error ?? null));

  const data = dataSchema.safeParse(envelope.data);
  if (!data.success) return fail(mismatch('data', data.error));
  return { ok: true, value: data.data };
}

function businessError(envelope: Envelope, retryAfterS: number | undefined): AppError {
  const known = BUSINESS_CODES[envelope.code];
  const msg = envelope.msg?.trim() ? envelope.msg : null;
  // JoggAI's words go behind Details; the window words the kind (and code) itself.
  const detail = excerptOf(msg);
  if (!known) {
    // Unknown codes must be shown, not swallowed: the code and JoggAI's words both reach the UI.
    return {
      kind: 'unknown-code',
      message: short(`JoggAI answered code ${envelope.code}: ${msg ?? '(no message)'}`),
      code: envelope.code,
      detail,
    };
  }
  const error: AppError = { kind: known.kind, message: short(msg ?? known.fallback), code: envelope.code, detail };
  if (known.kind === 'rate-limited' && retryAfterS !== undefined) error.retryAfterS = retryAfterS;
  return error;
}

function httpError(response: Response, body: string, envelope: Envelope | null, scrubber: KeyScrubber): AppError {
  const status = response.status;
  // The reason phrase is the server's own text, as free to echo the key as the body is.
  const statusText = response.statusText ? snippet(scrubber.scrub(response.statusText)) : '';
  const label = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status >= 300 && status <= 399) {
    const location = response.headers.get('location');
    // A host is lower-cased by the URL parser, so the key could hide there in another case;
    // a host that held the key in any form is not named at all.
    const host = location ? hostOf(location) : null;
    const shownHost = host === null ? null : scrubber.contains(host) ? `another address (${REDACTED})` : snippet(host);
    const where = shownHost === null ? '' : ` to ${shownHost}`;
    return {
      kind: 'http-error',
      message: short(`JoggAI redirected (${label})${where}; not followed, so the key stays here.`),
      detail: { reason: 'redirect', ...(shownHost === null ? {} : { host: shownHost }), ...excerptOf(statusText) },
    };
  }
  const said = envelope?.msg ?? (body.trim() === '' ? null : body);
  const excerpt = said === null ? null : snippet(said);
  return {
    // 401 is a key rejection in any API's language, even without JoggAI's own code.
    kind: status === 401 ? 'invalid-key' : status >= 500 ? 'server-error' : 'http-error',
    message: short(excerpt ? `JoggAI answered ${label}: ${excerpt}` : `JoggAI answered ${label}.`),
    detail: excerptOf(said ?? statusText),
  };
}

/** Names the first few offending fields, e.g. "data.status: expected string, received number". */
function mismatch(where: 'data' | null, error: z.ZodError | null): AppError {
  const issues = (error?.issues ?? []).slice(0, 3).map((issue) => {
    const path = [...(where ? [where] : []), ...issue.path.map(String)].join('.');
    return `${path || where || 'body'}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const detail = issues.length > 0 ? issues.join('; ') : 'not a JoggAI envelope';
  return {
    kind: 'malformed-response',
    message: short(`JoggAI's answer did not match the spec (${detail}).`),
    detail: { reason: 'schema', schemaPath: plainExcerpt(detail) ?? detail },
  };
}

/** Why fetch itself failed: our own timeout, or the reason Node gives in err.cause.code. */
function fetchFailure(err: unknown, url: URL, timeoutMs: number, scrubber: KeyScrubber): AppError {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: `JoggAI did not answer within ${formatSeconds(timeoutMs)}.`, detail: { host: url.host } };
  }
  const code = causeCode(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { kind: 'timeout', message: `Could not connect to ${url.host} in time.`, detail: { host: url.host, networkCode: code } };
  }
  const known = code ? NETWORK_REASONS[code] : undefined;
  // Without a code (fetch's own refusals, e.g. "bad port") the cause's short message is the best clue.
  const message = causeMessage(err);
  const detail = code ?? (message === null ? null : scrubber.scrub(message));
  const reason = known ?? 'the connection failed';
  const facts: ErrorDetail = { host: url.host, ...(code === null ? excerptOf(detail) : { networkCode: plainExcerpt(code, 40) ?? code }) };
  return { kind: 'network', message: short(`Could not reach ${url.host}: ${reason}${detail ? ` (${detail})` : ''}.`), detail: facts };
}

function causeMessage(err: unknown): string | null {
  const cause = (err as { cause?: unknown } | null)?.cause;
  const message = cause instanceof Error ? cause.message.trim() : '';
  return message !== '' && message.length <= MAX_SNIPPET_LENGTH ? message : null;
}

/** undici wraps socket errors: the code sits on err.cause, or on its first error for AggregateError. */
function causeCode(err: unknown): string | null {
  const cause = (err as { cause?: unknown } | null)?.cause as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  const first = cause?.errors?.[0] as { code?: unknown } | undefined;
  return typeof first?.code === 'string' ? first.code : null;
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function describeBody(response: Response, body: string): string {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  return `${type ? `${type}, ` : ''}starts with "${snippet(body)}"`;
}

/** Real answers are a few KiB; a runaway or hostile server must not fill memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, or null when it is larger than `maxBytes` (reading stops there). */
async function readBounded(response: Response, maxBytes: number): Promise<string | null> {
  const bytes = await readBoundedBytes(response, maxBytes);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SNIPPET_LENGTH ? `${flat.slice(0, MAX_SNIPPET_LENGTH)}…` : flat;
}

function short(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}

function hostOf(location: string): string {
  try {
    return new URL(location, 'http://relative.invalid').host;
  } catch {
    return 'another address';
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** `{ excerpt }` when the (already redacted) text leaves anything worth showing, else nothing. */
function excerptOf(text: string | null | undefined): Pick<ErrorDetail, 'excerpt'> {
  const excerpt = plainExcerpt(text);
  return excerpt === null ? {} : { excerpt };
}

/**
 * The facts every answer carries, added once here rather than in each branch: its HTTP status and
 * JoggAI's request ID (`rid`, read again from the text: errors are rare and bodies small).
 */
function withAnswerFacts(error: AppError, httpStatus: number, text: string, scrubber: KeyScrubber): AppError {
  const detail: ErrorDetail = { ...error.detail, httpStatus };
  const rid = (parseJson(text) as { ok: boolean; value?: { rid?: unknown } | null }).value?.rid;
  const shownRid = typeof rid === 'string' ? plainExcerpt(scrubber.scrub(rid), 80) : null;
  if (shownRid !== null) detail.rid = shownRid;
  return { ...error, detail };
}

function scrubbedError(error: AppError, scrubber: KeyScrubber): AppError {
  const scrubbed: AppError = { ...error, message: scrubber.scrub(error.message) };
  if (error.detail) {
    const entries = Object.entries(error.detail).map(([name, value]) => [name, typeof value === 'string' ? scrubber.scrub(value) : value]);
    scrubbed.detail = Object.fromEntries(entries) as ErrorDetail;
  }
  return scrubbed;
}

/** Drops undefined fields so errors compare and serialise cleanly. */
function fail(error: AppError): { ok: false; error: AppError } {
  const clean: AppError = { kind: error.kind, message: error.message };
  if (error.code !== undefined) clean.code = error.code;
  if (error.retryAfterS !== undefined) clean.retryAfterS = error.retryAfterS;
  const detail = Object.fromEntries(Object.entries(error.detail ?? {}).filter(([, value]) => value !== undefined)) as ErrorDetail;
  if (Object.keys(detail).length > 0) clean.detail = detail;
  return { ok: false, error: clean };
}
