// A URL path as folder and file names, for the two places that serve files to the window
// (Electron's app://, the preview's /data/): nothing that could step out of the folder served.

/**
 * The decoded segments, or null when any is empty, `.` or `..` (also percent-encoded), holds an
 * encoded slash, backslash or NUL, a drive letter or stream name (`:`), or does not decode.
 */
export function safePathSegments(raw: readonly string[]): string[] | null {
  const segments: string[] = [];
  for (const part of raw) {
    // An encoded separator would become one only after the checks below.
    if (/%(2f|5c|00)/i.test(part)) return null;
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[\\/:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}
