// Which result-image URLs the app keeps and opens. Result images are shown as thumbnails and
// opened in the user's default browser; only https may get that far, so a hostile or malformed URL
// in an API answer (or in an edited watchlist file) can never load over plain http, launch a local
// file or reach a scheme handler (javascript:, file:, data:, custom protocols).
import type { Result } from '../../preload/api';
import { isLoopbackHost } from './jogg/base-url';

/** Real CDN links are a few hundred characters; anything far longer is junk or an attack on the UI. */
export const MAX_IMAGE_URL_LENGTH = 2048;

export interface ImageUrlPolicy {
  /**
   * Also keep plain `http:` URLs that point at this machine. Only for a local stand-in of JoggAI
   * (the fake server, a loopback proxy): the API base URL is then plain http to loopback too, so
   * its images cannot be https. Never set when talking to the real service.
   */
  loopbackHttp: boolean;
}

export const STRICT_IMAGE_URLS: ImageUrlPolicy = { loopbackHttp: false };

/**
 * True for an absolute https URL (see ImageUrlPolicy for the one exception) that is short, has no
 * user name or password (`https://api.jogg.ai@evil.example/` reads as JoggAI but goes elsewhere)
 * and no whitespace or control characters, which the URL parser would silently strip or re-encode,
 * so the string shown would not be the address opened.
 */
export function isKeepableImageUrl(url: string, policy: ImageUrlPolicy = STRICT_IMAGE_URLS): boolean {
  if (url.length === 0 || url.length > MAX_IMAGE_URL_LENGTH) return false;
  if (/[\s\p{Cc}\p{Cf}]/u.test(url)) return false;
  let parsed: URL;
  try {
    // No base: a relative URL throws here instead of resolving against some page.
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return parsed.hostname !== '';
  return policy.loopbackHttp && parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

export function checkImageUrl(url: string): Result<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: { kind: 'invalid-input', message: 'This is not a valid link.', input: { code: 'link-invalid' } } };
  }
  if (parsed.protocol !== 'https:') {
    return {
      ok: false,
      error: {
        kind: 'invalid-input',
        message: `Only https links can be opened (this one uses ${parsed.protocol.replace(':', '')}).`,
        input: { code: 'link-not-https', scheme: parsed.protocol.replace(':', '') },
      },
    };
  }
  return { ok: true, value: parsed };
}
