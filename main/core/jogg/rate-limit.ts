// How long JoggAI asks us to wait, read from every form its docs have used: a `Retry-After`
// header (seconds or an HTTP date), a `retryAfter` field (top level, or in `data` with code
// 10401), and `X-RateLimit-Remaining` / `X-RateLimit-Reset` (Reset as seconds from now or as an
// epoch time, depending on the revision). Every wait is bounded: a hostile or broken answer must
// not silence the app for days.

/** The longest wait any answer can impose; past it the app checks again and asks anew. */
export const MAX_WAIT_S = 60 * 60;

/** Below this a Reset value is seconds from now; above, an epoch time (seconds, or ms past 1e12). */
const EPOCH_SECONDS_FROM = 1e9;
const EPOCH_MS_FROM = 1e12;

/**
 * Seconds to wait after a refused request: Retry-After header, then a `retryAfter` field (top
 * level or in `data`), then X-RateLimit-Reset. Undefined when the answer names no wait.
 */
export function retryAfterSeconds(headers: Headers, body: unknown, nowMs: number): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return bound(Number(header));
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return bound((date - nowMs) / 1000);
  }
  const envelope = body as { retryAfter?: unknown; data?: { retryAfter?: unknown } | null } | null;
  for (const field of [envelope?.retryAfter, envelope?.data?.retryAfter]) {
    const seconds = typeof field === 'string' && field.trim() !== '' ? Number(field) : field;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return bound(seconds);
  }
  return resetSeconds(headers, nowMs);
}

/**
 * After any answer, good or not: `X-RateLimit-Remaining: 0` means the next request would be
 * refused, so hold until Reset. Undefined when requests are left or the headers are absent.
 */
export function exhaustedForSeconds(headers: Headers, nowMs: number): number | undefined {
  const remaining = headers.get('x-ratelimit-remaining')?.trim();
  if (remaining === undefined || remaining === '' || Number(remaining) > 0 || Number.isNaN(Number(remaining))) return undefined;
  // No Reset: JoggAI's per-minute limits make a minute the natural guess.
  return resetSeconds(headers, nowMs) ?? 60;
}

function resetSeconds(headers: Headers, nowMs: number): number | undefined {
  const text = headers.get('x-ratelimit-reset')?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : bound((date - nowMs) / 1000);
  }
  if (value >= EPOCH_MS_FROM) return bound((value - nowMs) / 1000);
  if (value >= EPOCH_SECONDS_FROM) return bound(value - nowMs / 1000);
  return bound(value);
}

/** Whole seconds from 0 to MAX_WAIT_S (a reset already past means "now"). */
function bound(seconds: number): number {
  return Math.min(MAX_WAIT_S, Math.max(0, Math.ceil(seconds)));
}
