// Text from a socket (a method name, a parser's excerpt of the input) ends up in the terminal's
// log. Written as it came, a line break could forge a log line, an escape sequence could drive
// the terminal, and bidi controls could make a line read differently than it is; so every such
// character is spelled out, and the text is cut to a length a log line can carry.

/**
 * C0 and C1 controls, DEL, line and paragraph separators, the invisible bidi and direction marks,
 * the byte order mark, and lone surrogates (with the `u` flag a surrogate pair is one character
 * and does not match).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\\]|[\ud800-\udfff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * `value` as one safe log line: unsafe characters as `\n`, `\xHH` or `\u{HHHH}`, a backslash
 * doubled (so an escape in the log always means the character, never text that looked like one),
 * and at most `max` characters of the original followed by how many more there were.
 */
export function logText(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : safeString(value);
  let kept = text.length > max ? text.slice(0, max) : text;
  // Never end on half of a surrogate pair: it would be escaped as if the sender had sent it.
  if (kept.length < text.length && /[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  const escaped = kept.replace(UNSAFE, (ch) => NAMED[ch] ?? escapeCode(ch.charCodeAt(0)));
  const rest = text.length - kept.length;
  return rest > 0 ? `${escaped}… (${rest.toLocaleString('en')} more characters)` : escaped;
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** String(value) that never throws (an object whose toString is not a function, say). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
