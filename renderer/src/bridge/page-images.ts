// Copy and save for result images in the web preview, where there is no desktop: the browser's
// clipboard (a PNG ClipboardItem) and its downloads (a link with `download`). Only kept copies,
// which the page's own origin serves (/data/…): JoggAI's CDN is another origin that the page
// may neither read (CSP connect-src 'self', no CORS) nor name a download from.
import type { ImageActionProblem, ImageActionResult, LocalCopies, StatePatch } from '../../../preload/api';
import { localFileUrl } from '../results/local-file-url';

export interface PageImageParts {
  fetch: typeof fetch;
  /** navigator.clipboard; absent outside a secure context. */
  clipboard?: Pick<Clipboard, 'write'>;
  ClipboardItem?: typeof ClipboardItem;
  /** Starts one browser download of `url` under `name`. */
  download(url: string, name: string): void;
  /** Converts a kept JPEG or WebP to PNG, the one image type browsers put on the clipboard. */
  toPng?(blob: Blob): Promise<Blob>;
  search: string;
  /** Between downloads of "Save all": browsers drop downloads started in the same instant. */
  wait?(ms: number): Promise<void>;
}

interface Kept {
  urls: readonly string[];
  copies: LocalCopies;
}

export interface PageImages {
  /** Follows every state patch: which result files each photo has kept. */
  follow(patch: StatePatch): void;
  copyImage(photoId: string, url: string): Promise<ImageActionResult>;
  saveImage(photoId: string, url: string): Promise<ImageActionResult>;
  saveAllImages(photoId: string): Promise<ImageActionResult>;
}

export function createPageImages(parts: PageImageParts): PageImages {
  const kept = new Map<string, Kept>();
  const fail = (problem: ImageActionProblem, detail?: string): ImageActionResult => (detail ? { ok: false, problem, detail } : { ok: false, problem });

  /** The kept path of one image, or the reason there is none. */
  function keptPath(photoId: string, url: string): { path: string; index: number } | ImageActionProblem {
    const entry = kept.get(photoId);
    const index = entry ? entry.urls.indexOf(url) : -1;
    if (!entry || index < 0) return 'not-result';
    const path = entry.copies.files[index];
    return path ? { path, index } : 'not-downloaded';
  }

  function fileName(photoId: string, index: number, path: string): string {
    const ext = path.slice(path.lastIndexOf('.'));
    return `${photoId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100)}-${index + 1}${ext}`;
  }

  return {
    follow(patch) {
      if (patch.replaceAll) kept.clear();
      for (const photoId of patch.removed ?? []) kept.delete(photoId);
      for (const item of patch.upserted ?? []) {
        if (item.localCopies) kept.set(item.photoId, { urls: item.imageUrls, copies: item.localCopies });
        else kept.delete(item.photoId);
      }
    },

    async copyImage(photoId, url) {
      const found = keptPath(photoId, url);
      if (typeof found === 'string') return fail(found);
      if (!parts.clipboard || !parts.ClipboardItem) return fail('clipboard-refused', 'no-clipboard');
      let blob: Blob;
      try {
        const response = await parts.fetch(localFileUrl(found.path, { search: parts.search }));
        if (!response.ok) return fail('not-downloaded', String(response.status));
        blob = await response.blob();
      } catch (error) {
        return fail('not-downloaded', nameOf(error));
      }
      if (blob.type !== 'image/png') {
        const png = await parts.toPng?.(blob).catch(() => null);
        if (!png) return fail('format-not-supported', blob.type);
        blob = png;
      }
      try {
        await parts.clipboard.write([new parts.ClipboardItem({ 'image/png': blob })]);
        return { ok: true, saved: 0 };
      } catch (error) {
        // NotAllowedError: the page has no clipboard permission, or is not focused.
        return fail('clipboard-refused', nameOf(error));
      }
    },

    async saveImage(photoId, url) {
      const found = keptPath(photoId, url);
      if (typeof found === 'string') return fail(found);
      parts.download(localFileUrl(found.path, { search: parts.search }), fileName(photoId, found.index, found.path));
      return { ok: true, saved: 1 };
    },

    async saveAllImages(photoId) {
      const entry = kept.get(photoId);
      if (!entry) return fail('not-result');
      // All or nothing: a folder with three of four images would look complete.
      if (entry.copies.files.some((path) => !path)) return fail('not-downloaded');
      for (const [index, path] of entry.copies.files.entries()) {
        if (index > 0) await parts.wait?.(250);
        parts.download(localFileUrl(path!, { search: parts.search }), fileName(photoId, index, path!));
      }
      return { ok: true, saved: entry.copies.files.length };
    },
  };
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** The browser's parts, for the real page. */
export function browserImageParts(): PageImageParts {
  return {
    fetch: (input, init) => window.fetch(input, init),
    ...(navigator.clipboard ? { clipboard: navigator.clipboard } : {}),
    ...(typeof ClipboardItem === 'function' ? { ClipboardItem } : {}),
    download(url, name) {
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
    },
    async toPng(blob) {
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      return canvas.convertToBlob({ type: 'image/png' });
    },
    search: window.location.search,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
