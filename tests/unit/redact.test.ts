// The key scrubber on its own: every form an echoed key can take in a decoded answer, and the
// JSON walk that applies it to every string of an answer.
import { describe, expect, it } from 'vitest';
import { keyScrubber, REDACTED, scrubJson } from '../../main/core/jogg/redact';

const KEY = 'sk-Live_9f8e7d6c5b4a"x\\y';
const scrubber = keyScrubber(KEY);
const allEscaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const allPercent = (text: string) => [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('keyScrubber', () => {
  it.each([
    ['as is', KEY],
    ['in upper case', KEY.toUpperCase()],
    ['in lower case', KEY.toLowerCase()],
    ['JSON-escaped as JSON.stringify writes it', JSON.stringify(KEY).slice(1, -1)],
    ['with every character \\u-escaped', allEscaped(KEY)],
    ['with upper-case hex escapes', allEscaped(KEY).toUpperCase().replace(/\\U/g, '\\u')],
    ['URL-encoded', encodeURIComponent(KEY)],
    ['with every byte percent-encoded', allPercent(KEY)],
    ['percent-encoded twice', allPercent(allPercent(KEY))],
    ['half escaped, half encoded', allEscaped(KEY.slice(0, 6)) + allPercent(KEY.slice(6))],
  ])('finds and replaces the key %s', (_, form) => {
    const text = `before ${form} after`;
    expect(scrubber.contains(text)).toBe(true);
    const scrubbed = scrubber.scrub(text);
    expect(scrubbed).toContain(REDACTED);
    expect(scrubbed).toMatch(/^before /);
    expect(scrubbed).toMatch(/ after$/);
    expect(keyScrubber(KEY).contains(scrubbed)).toBe(false);
    expect(scrubbed.toLowerCase()).not.toContain('sk-live_9f8');
  });

  it('leaves text without the key exactly as it was, escapes and percent signs included', () => {
    for (const text of ['100% done', 'a \\u0041 b', 'https://cdn.example.com/a%20b.png', 'sk-Live_9f8 is only a part', '']) {
      expect(scrubber.contains(text)).toBe(false);
      expect(scrubber.scrub(text)).toBe(text);
    }
  });

  it('an empty key hides nothing (it would match everywhere)', () => {
    expect(keyScrubber('').scrub('anything')).toBe('anything');
  });
});

describe('scrubJson', () => {
  it('scrubs every string at any depth, drops URL-list entries that held the key, and keeps other values', () => {
    const answer = {
      code: 0,
      msg: `ok ${KEY}`,
      data: {
        status: KEY.toUpperCase(),
        nested: [{ deep: [`x${encodeURIComponent(KEY)}`] }, 3, null, true],
        image_url_list: ['https://cdn.example.com/1.png', `https://cdn.example.com/${encodeURIComponent(KEY)}/2.png`],
      },
    };
    expect(scrubJson(answer, scrubber, new Set(['image_url_list']))).toEqual({
      code: 0,
      msg: `ok ${REDACTED}`,
      data: {
        status: REDACTED,
        nested: [{ deep: [`x${REDACTED}`] }, 3, null, true],
        image_url_list: ['https://cdn.example.com/1.png'],
      },
    });
  });

  it('scrubs field names too', () => {
    expect(scrubJson({ [`k-${KEY}`]: 1 }, scrubber)).toEqual({ [`k-${REDACTED}`]: 1 });
  });

  it('keeps a "__proto__" field a plain field', () => {
    const scrubbed = scrubJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), scrubber) as Record<string, unknown>;
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(scrubbed)).toEqual(['__proto__', 'a']);
  });
});
