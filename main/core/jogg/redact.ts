// Keeps the API key out of everything the client hands on. JoggAI (or whatever sits in front of
// it) may echo the key anywhere: raw, in another letter case, JSON-escaped (`\u0073k-…`) or
// URL-encoded (`sk%2D…`). Every form is looked for, in the text as sent and in its decoded views,
// so what is shown, saved or cut short afterwards can no longer carry any part of it.

export const REDACTED = '[redacted]';

/** A scrubber for one key: `scrub(text)` is the text with every form of the key replaced. */
export interface KeyScrubber {
  scrub(text: string): string;
  /** Whether the text holds the key in any form (cheaper to ask than to compare scrubbed text). */
  contains(text: string): boolean;
}

/** Decoding rounds: `%255C` → `%5C` → `\`; three cover any encoding a real server applies. */
const MAX_DECODE_ROUNDS = 3;

export function keyScrubber(key: string): KeyScrubber {
  // An empty key would match everywhere; there is nothing to hide then.
  if (key === '') return { scrub: (text) => text, contains: () => false };
  const needle = key.toLowerCase();
  const forms = [...new Set([key, jsonEscaped(key), jsonEscapedAll(key), encodeURIComponent(key), percentEncodedAll(key)])];
  // Case-insensitive: hosts and hex escapes change case on the way (`%2d` vs `%2D`, `\u004B`).
  const source = forms.map(escapeRegExp).join('|');
  const pattern = new RegExp(source, 'gi');
  const probe = new RegExp(source, 'i');

  const containsRaw = (text: string) => text.toLowerCase().includes(needle);

  function contains(text: string): boolean {
    for (const view of decodedViews(text)) if (containsRaw(view)) return true;
    return probe.test(text);
  }

  function scrub(text: string): string {
    const direct = text.replace(pattern, REDACTED);
    if (!contains(direct)) return direct;
    // The key only shows once decoded (mixed or unusual encodings): the decoded text, scrubbed,
    // is what is kept. It reads as well as the encoded one and hides the key for certain.
    for (const view of decodedViews(direct)) {
      if (containsRaw(view)) return replaceInsensitive(view, needle);
    }
    return direct;
  }

  return { scrub, contains };
}

/** Replaces every case-insensitive occurrence of `needle` (already lower case) in `text`. */
function replaceInsensitive(text: string, needle: string): string {
  const lower = text.toLowerCase();
  // Lower-casing can change the length of some letters (İ); then fall back to a regex on the text.
  if (lower.length !== text.length) return text.replace(new RegExp(escapeRegExp(needle), 'gi'), REDACTED);
  let out = '';
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    out += text.slice(from, at) + REDACTED;
    from = at + needle.length;
  }
  return out + text.slice(from);
}

/** The text with JSON escapes and percent-escapes undone, alone and together, a few rounds deep. */
function decodedViews(text: string): string[] {
  if (!text.includes('\\') && !text.includes('%')) return [];
  const views: string[] = [];
  let current = [text];
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next: string[] = [];
    for (const view of current) {
      for (const decoded of [jsonUnescape(view), percentDecode(view)]) {
        if (decoded !== view && !views.includes(decoded)) {
          views.push(decoded);
          next.push(decoded);
        }
      }
    }
    if (next.length === 0) break;
    current = next;
  }
  return views;
}

/** Undoes `\uXXXX`, `\"`, `\\`, `\/` and the letter escapes, leaving anything else as it is. */
function jsonUnescape(text: string): string {
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g, (_, hex: string | undefined, char: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[char!] ?? char!;
  });
}

/** Undoes `%XX` byte by byte; a broken sequence is left as it is rather than failing the whole text. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** The key as JSON.stringify writes it (quotes and backslashes escaped). */
function jsonEscaped(key: string): string {
  return JSON.stringify(key).slice(1, -1);
}

/** Every character as `\uXXXX`, as some serialisers write non-alphanumerics (or everything). */
function jsonEscapedAll(key: string): string {
  return [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

/** Every byte as `%XX`. */
function percentEncodedAll(key: string): string {
  return [...new TextEncoder().encode(key)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A decoded JSON value with the key scrubbed from every string in it. In arrays under one of the
 * `dropFrom` property names (lists of URLs), an element that held the key is left out instead of
 * mended: a URL with `[redacted]` in it is no longer an address of anything.
 */
export function scrubJson(value: unknown, scrubber: KeyScrubber, dropFrom: ReadonlySet<string> = new Set()): unknown {
  const walk = (node: unknown, dropHere: boolean): unknown => {
    if (typeof node === 'string') return scrubber.scrub(node);
    if (Array.isArray(node)) {
      const kept = dropHere ? node.filter((entry) => typeof entry !== 'string' || !scrubber.contains(entry)) : node;
      return kept.map((entry) => walk(entry, false));
    }
    if (typeof node === 'object' && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [name, entry] of Object.entries(node)) {
        // Field names are decoded strings too (a schema error quotes its path), so they are scrubbed
        // as well. defineProperty, not assignment: a "__proto__" field must stay a plain field.
        Object.defineProperty(out, scrubber.scrub(name), { value: walk(entry, dropFrom.has(name)), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return node;
  };
  return walk(value, false);
}
