// Fetches one result image from JoggAI's CDN into memory, refusing anything that is not a real
// image over https: the link and every redirect must pass the same rule as the links the app
// shows (safe-url.ts), the body is read only up to the cap (a hostile or broken server cannot
// fill memory or the disk), and the bytes must be a PNG, JPEG or WebP. No API key goes with it:
// these are public CDN links, and they are not JoggAI API calls, so they spend no request budget.
import type { CopyProblem } from '../../../preload/api';
import { MAX_RESULT_IMAGE_BYTES } from '../../../preload/api';
import { readBoundedBytes } from '../bounded-body';
import { isKeepableImageUrl, type ImageUrlPolicy } from '../safe-url';
import { labelAllows, sniffImage, type ImageKind } from './image-kind';

export interface DownloadOptions {
  fetch?: typeof fetch;
  policy: ImageUrlPolicy;
  maxBytes?: number;
  /** The whole download, redirects included (a slow CDN must not hold a slot for ever). */
  timeoutMs?: number;
}

export type Downloaded = { ok: true; bytes: Uint8Array; kind: ImageKind } | { ok: false; problem: CopyProblem; retry: boolean; detail: string };

const MAX_REDIRECTS = 3;
export const DOWNLOAD_TIMEOUT_MS = 120_000;

function failed(problem: CopyProblem, retry: boolean, detail = ''): Downloaded {
  return { ok: false, problem, retry, detail };
}

export async function downloadImage(url: string, options: DownloadOptions): Promise<Downloaded> {
  const doFetch = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? MAX_RESULT_IMAGE_BYTES;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  try {
    let target = url;
    for (let hop = 0; ; hop++) {
      if (!isKeepableImageUrl(target, options.policy)) return failed('not-https', false, hop === 0 ? 'link' : 'redirect');
      const response = await doFetch(target, { redirect: 'manual', signal: abort.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      // A fetch that hides redirects from its caller (Chromium's, as Electron's net.fetch may) cannot
      // show where it leads, so it is not followed.
      if (response.type === 'opaqueredirect') return failed('redirect', false, 'opaque');
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (location === null || hop >= MAX_REDIRECTS) return failed('redirect', false, String(response.status));
        target = new URL(location, target).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        // A CDN under load or rate limiting may answer later; a 403/404 (link expired) will not.
        return failed('http-error', response.status >= 500 || response.status === 429, String(response.status));
      }
      if (!labelAllows(response.headers.get('content-type'))) {
        await response.body?.cancel().catch(() => undefined);
        return failed('not-image', false, response.headers.get('content-type') ?? '');
      }
      const bytes = await readBoundedBytes(response, maxBytes);
      if (bytes === null) return failed('too-large', false, `>${maxBytes}`);
      const kind = sniffImage(bytes);
      if (kind === null) return failed('not-image', false, 'bytes');
      return { ok: true, bytes, kind };
    }
  } catch (error) {
    if (abort.signal.aborted) return failed('timeout', true);
    return failed('network', true, networkCode(error));
  } finally {
    clearTimeout(timer);
  }
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : '';
}
