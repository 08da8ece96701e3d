// Relative time as parts a translator turns into words ("20 s", "3 min", "1 h 5 min").
// Pure: no clock; callers pass `now` so one shared ticker drives every row.
import { formatLocale } from './locale';

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

/**
 * The one formatter for clock times ("14:05" or "2:05 PM", as the user's locale writes them), for
 * every "checking again at …", badge and banner alike: two styles on one screen read as two clocks.
 * Made once per locale; a formatter is costly to build and 10,000 rows may ask.
 */
export function clockTime(at: number, locale: string = formatLocale()): string {
  const key = locale;
  let format = CLOCK_FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    CLOCK_FORMATS.set(key, format);
  }
  return format.format(at);
}
const CLOCK_FORMATS = new Map<string, Intl.DateTimeFormat>();

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
