import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, parseBudget, parseGivenBudget } from '../../main/core/budget';

describe('the request budget settings', () => {
  it('keeps the defaults (2 a second, bursts of 5, 4 at once) for anything not set', () => {
    expect(parseBudget({})).toEqual({ ok: true, value: DEFAULT_BUDGET });
    expect(parseBudget({ burst: { name: '--burst', value: ' ' } })).toEqual({ ok: true, value: DEFAULT_BUDGET });
  });

  it('takes valid values', () => {
    expect(parseBudget({ ratePerS: { name: '--rate', value: '0.5' }, burst: { name: '--burst', value: '10' }, maxInFlight: { name: '--max-in-flight', value: '2' } })).toEqual({
      ok: true,
      value: { ratePerS: 0.5, burst: 10, maxInFlight: 2 },
    });
  });

  it.each([
    ['ratePerS', 'AVATAR_WATCH_RATE', 'fast', /AVATAR_WATCH_RATE must be a number of requests per second from 0.1 to 20, not "fast"/],
    ['ratePerS', '--rate', '0', /from 0.1 to 20/],
    ['burst', '--burst', '2.5', /--burst must be a whole number/],
    ['maxInFlight', '--max-in-flight', '100', /--max-in-flight must be a whole number of requests at once from 1 to 16, not "100"/],
  ] as const)('refuses %s = %s "%s" with a message naming the setting', (key, name, value, message) => {
    const result = parseBudget({ [key]: { name, value } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });
});

describe('the request budget the start options give', () => {
  it('holds only what was given, so the Settings page fills in the rest', () => {
    expect(parseGivenBudget({ ratePerS: { name: 'AVATAR_WATCH_RATE', value: '7' }, burst: { name: 'AVATAR_WATCH_BURST', value: undefined } })).toEqual({ ok: true, value: { ratePerS: 7 } });
    expect(parseGivenBudget({ burst: { name: '--burst', value: 'x' } }).ok).toBe(false);
  });
});
