// JoggAI's own words (or the start of a body that was no JoggAI answer) as support sees them
// behind "Details": one line, no control characters, no invisible direction marks that would make
// it read differently than it is, and short. Callers pass text already redacted of the key, so
// the cut can never leave part of it.

/**
 * C0 and C1 controls, DEL, line and paragraph separators, bidi and direction marks, the byte order
 * mark, and lone surrogates (with the `u` flag a pair is one character and does not match).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu;

/** Long enough for JoggAI's longest real `msg`, short enough for a row's Details. */
export const MAX_EXCERPT_LENGTH = 160;

/** `text` flattened to one plain line of at most `max` characters (`…` when cut), or null when nothing is left. */
export function plainExcerpt(text: string | null | undefined, max = MAX_EXCERPT_LENGTH): string | null {
  if (text === null || text === undefined) return null;
  const flat = text.replace(INVISIBLE, ' ').replace(/\s+/gu, ' ').trim();
  if (flat === '') return null;
  if (flat.length <= max) return flat;
  let kept = flat.slice(0, max - 1);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}
