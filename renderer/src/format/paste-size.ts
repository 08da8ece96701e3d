// How big a text is on the wire, for the checks made before sending it to main: the paste box
// refuses a paste over main's limit, the preview's bridge a frame over its host's. Pure.

// The limits themselves (MAX_PASTE_BYTES, MAX_FRAME_BYTES) live in the contract, preload/api.ts.

/**
 * The text's length in UTF-8, as main's Buffer.byteLength counts it (a lone surrogate as the 3
 * bytes of U+FFFD), without building a copy of a text that may be tens of MB.
 */
export function utf8Length(text: string): number {
  // One byte per UTF-16 unit, plus what each wider character adds.
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two units, four bytes.
      bytes += 2;
      i += 1;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

/** Whether the text is over `max` bytes; counts only a text that could be (3 bytes a unit at most). */
export function isOverBytes(text: string, max: number): boolean {
  return text.length * 3 > max && utf8Length(text) > max;
}

/** Bytes as MB with at most one decimal, rounded up, exactly as main words them (megabytes()). */
export function megabytes(bytes: number): string {
  return String(Math.ceil(bytes / 100_000) / 10);
}
