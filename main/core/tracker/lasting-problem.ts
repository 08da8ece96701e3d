// Which answers waiting cannot change. Checking such a photo again on a timer only repeats the
// same refusal (code 40000 every few minutes, forever) and spends the request budget other photos
// need; the window says "Needs attention" instead, and only the user's Check now asks again.
import type { AppError, ErrorKind, WatchItem } from '../../../preload/api';
import { FINISHED_STATUSES } from '../../../preload/api';

/**
 * `bad-request` (40000): JoggAI refused the request as sent, and the next one is the same request.
 * `insufficient-credit` (18020): credits come back only when the user tops up.
 * Not here: `server-error`, `network`, `timeout` (they pass), `malformed-response` (JoggAI fixes
 * its answers), `unknown-code` (a new code may well be a temporary one, as 10401 once was),
 * `rate-limited` (waits by itself), `invalid-key`/`no-permission` (they pause every check instead).
 */
const LASTING_KINDS: ReadonlySet<ErrorKind> = new Set(['bad-request', 'insufficient-credit']);

/**
 * 4xx statuses that say the request could succeed later: 408 (request timeout), 425 (too early),
 * 429 (too many requests). Any other 4xx without a JoggAI code (404 for a wrong address, 400,
 * 405, 410, 414…) answers the same until someone changes the request or the address. Redirects
 * (3xx) are not lasting: a hotel Wi-Fi login page redirects until the user signs in.
 */
const PASSING_CLIENT_ERRORS: ReadonlySet<number> = new Set([408, 425, 429]);

export function isLastingProblem(error: AppError): boolean {
  if (LASTING_KINDS.has(error.kind)) return true;
  const status = error.detail?.httpStatus;
  return error.kind === 'http-error' && status !== undefined && status >= 400 && status <= 499 && !PASSING_CLIENT_ERRORS.has(status);
}

/** An unfinished photo whose last answer waiting cannot change: "Needs attention", not re-checked on its own. */
export function needsUser(item: Pick<WatchItem, 'status' | 'problem'>): boolean {
  return item.problem !== null && !FINISHED_STATUSES.includes(item.status) && isLastingProblem(item.problem);
}
