// Relative time as parts a translator turns into words ("20 s", "3 min", "1 h 5 min").
// Pure: no clock, no locale; callers pass `now` so one shared ticker drives every row.

export type DurationParts =
  | { unit: 'now' }
  | { unit: 'seconds'; seconds: number }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'days'; days: number; hours: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Splits a duration in milliseconds into the coarsest parts a person reads at a glance. */
export function durationParts(ms: number): DurationParts {
  // Clocks drift and patches race the ticker: a small negative span reads as "just now".
  const span = Math.max(0, ms);
  if (span < 5 * SECOND) return { unit: 'now' };
  if (span < MINUTE) return { unit: 'seconds', seconds: Math.floor(span / SECOND) };
  if (span < HOUR) return { unit: 'minutes', minutes: Math.floor(span / MINUTE) };
  if (span < DAY) {
    return { unit: 'hours', hours: Math.floor(span / HOUR), minutes: Math.floor((span % HOUR) / MINUTE) };
  }
  return { unit: 'days', days: Math.floor(span / DAY), hours: Math.floor((span % DAY) / HOUR) };
}

/** Parts for the time between `then` and `now` (both epoch milliseconds). */
export function sinceParts(then: number, now: number): DurationParts {
  return durationParts(now - then);
}

/** A moment as the user's clock shows it ("14:05", "2:05 PM"), for "checking again at …". */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * Parts for the time left until `at`, for a countdown: whole seconds rounded up under a minute
 * (so it never reads "0 s" while time is left), null once `at` has passed.
 */
export function countdownParts(at: number, now: number): DurationParts | null {
  const left = at - now;
  if (left <= 0) return null;
  if (left < MINUTE) return { unit: 'seconds', seconds: Math.ceil(left / SECOND) };
  return durationParts(left);
}
