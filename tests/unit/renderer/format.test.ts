// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../../preload/api';
import { countdownParts, durationParts, sinceParts } from '../../../renderer/src/format/time';
import { createAppI18n, durationText, errorFacts, explainError, type Translate } from '../../../renderer/src/i18n';

const i18n = createAppI18n();
const t: Translate = i18n.global.t;

describe('relative time', () => {
  it.each([
    [0, 'a moment'],
    [-3_000, 'a moment'],
    [20_000, '20 s'],
    [59_999, '59 s'],
    [3 * 60_000 + 30_000, '3 min'],
    [60 * 60_000, '1 h'],
    [65 * 60_000, '1 h 5 min'],
    [26 * 3_600_000, '1 d 2 h'],
    [48 * 3_600_000, '2 d'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(durationText(t, durationParts(ms))).toBe(words);
  });

  it('measures from then to now', () => {
    expect(sinceParts(1_000, 61_000)).toEqual({ unit: 'minutes', minutes: 1 });
  });
});

describe('countdown', () => {
  it.each([
    [12_000, '12 s'],
    [11_001, '12 s'], // rounded up: never "0 s" while time is left
    [400, '1 s'],
    [3_000, '3 s'],
    [90_000, '1 min'],
  ])('%i ms left reads "%s"', (left, words) => {
    const parts = countdownParts(1_000_000 + left, 1_000_000);
    expect(parts && durationText(t, parts)).toBe(words);
  });

  it('is over once the time has come', () => {
    expect(countdownParts(1_000, 1_000)).toBeNull();
    expect(countdownParts(1_000, 5_000)).toBeNull();
  });
});

describe('error explanations', () => {
  const kinds: ErrorKind[] = [
    'invalid-key',
    'no-permission',
    'not-found',
    'rate-limited',
    'server-error',
    'bad-request',
    'insufficient-credit',
    'unknown-code',
    'http-error',
    'malformed-response',
    'network',
    'timeout',
    'insecure-url',
    'keychain-unavailable',
    'no-key',
    'invalid-input',
  ];

  it.each(kinds)('%s has words of its own', (kind) => {
    const text = explainError(t, { kind, message: 'detail', code: 123 });
    expect(text).not.toMatch(/^errors\./);
    expect(text.length).toBeGreaterThan(5);
  });

  it('words an unknown code without the raw code, which goes to Details', () => {
    const error = { kind: 'unknown-code' as const, message: 'JoggAI answered code 77001: Odd thing', code: 77001, detail: { excerpt: 'Odd thing' } };
    expect(explainError(t, error)).toBe('JoggAI answered with an error this app does not know.');
    expect(errorFacts(t, error)).toBe('Details: JoggAI code 77001');
  });

  it('words what main refused from its code and parameters, not from main’s English line', () => {
    const tooShort = { kind: 'invalid-input' as const, message: 'log line only', input: { code: 'key-too-short' as const, length: 5 } };
    expect(explainError(t, tooShort)).toBe('This is too short to be an API key (5 characters). Copy the whole key from your JoggAI dashboard.');
    const notHttps = { kind: 'invalid-input' as const, message: 'log line only', input: { code: 'link-not-https' as const, scheme: 'file' } };
    expect(explainError(t, notHttps)).toBe('Only https links can be opened (this one uses file).');
    // Without a code (an older host), main's words are still better than none.
    expect(explainError(t, { kind: 'invalid-input', message: 'Something main said.' })).toBe('Something main said.');
  });

  it('words an HTTP error by its status, not by main’s line', () => {
    const error = { kind: 'http-error' as const, message: 'JoggAI answered HTTP 404 Not Found: <html>', detail: { httpStatus: 404, excerpt: '<html>' } };
    expect(explainError(t, error)).toBe('JoggAI answered with an error this app did not expect.');
    expect(errorFacts(t, error)).toBe('Details: HTTP status 404');
  });
});
