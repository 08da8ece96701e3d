// The global request budget as the user sets it (preview flags, Electron environment variables):
// every value checked, with a message naming the setting, before anything runs.
import type { Result } from '../../preload/api';

export interface Budget {
  ratePerS: number;
  burst: number;
  maxInFlight: number;
}

export const DEFAULT_BUDGET: Budget = { ratePerS: 2, burst: 5, maxInFlight: 4 };

/** Settings as text, keyed by what the user typed them as (e.g. `--rate`, `AVATAR_WATCH_RATE`). */
export interface BudgetText {
  ratePerS?: { name: string; value: string | undefined };
  burst?: { name: string; value: string | undefined };
  maxInFlight?: { name: string; value: string | undefined };
}

const LIMITS: Record<keyof Budget, { min: number; max: number; whole: boolean; what: string }> = {
  // JoggAI documents no limit for GET; beyond 20 a second a desktop app is no longer polite.
  ratePerS: { min: 0.1, max: 20, whole: false, what: 'requests per second' },
  burst: { min: 1, max: 50, whole: true, what: 'requests in a burst' },
  maxInFlight: { min: 1, max: 16, whole: true, what: 'requests at once' },
};

export function parseBudget(text: BudgetText): Result<Budget> {
  const given = parseGivenBudget(text);
  return given.ok ? { ok: true, value: { ...DEFAULT_BUDGET, ...given.value } } : given;
}

/** Only the values the user gave: those win over the Settings page's (see user-settings.ts). */
export function parseGivenBudget(text: BudgetText): Result<Partial<Budget>> {
  const budget: Partial<Budget> = {};
  for (const key of Object.keys(LIMITS) as (keyof Budget)[]) {
    const setting = text[key];
    if (setting?.value === undefined || setting.value.trim() === '') continue;
    const { min, max, whole, what } = LIMITS[key];
    const value = Number(setting.value);
    if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      const kind = whole ? 'a whole number' : 'a number';
      return {
        ok: false,
        error: { kind: 'invalid-input', message: `${setting.name} must be ${kind} of ${what} from ${min} to ${max}, not "${setting.value}".` },
      };
    }
    budget[key] = value;
  }
  return { ok: true, value: budget };
}
