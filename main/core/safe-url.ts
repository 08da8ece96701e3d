// Result images are opened in the user's default browser; only https may leave the app,
// so a hostile or malformed URL in an API answer can never launch a local file or a scheme handler.
import type { Result } from '../../preload/api';

export function checkImageUrl(url: string): Result<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: { kind: 'invalid-input', message: 'This is not a valid link.' } };
  }
  if (parsed.protocol !== 'https:') {
    return {
      ok: false,
      error: { kind: 'invalid-input', message: `Only https links can be opened (this one uses ${parsed.protocol.replace(':', '')}).` },
    };
  }
  return { ok: true, value: parsed };
}
