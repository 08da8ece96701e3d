// Copy and save for result images in the web preview, the page's half: the host answers with the
// kept files (main/web-host/preview-images.ts), and the page puts one on the browser's clipboard
// (as PNG, the one image type browsers take there) or has the browser download them.
import type { ImageActionResult } from '../../../preload/api';
import { localFileUrl } from '../results/local-file-url';

export interface PageImageParts {
  fetch: typeof fetch;
  /** navigator.clipboard; absent outside a secure context. */
  clipboard?: Pick<Clipboard, 'write'>;
  ClipboardItem?: typeof ClipboardItem;
  /** Starts one browser download of `url` under `name`. */
  download(url: string, name: string): void;
  search: string;
  /** Between downloads of "Save all": browsers drop downloads started in the same instant. */
  wait?(ms: number): Promise<void>;
}

/** Finishes the host's answer in the page: copies (`copy`) or downloads its kept files. */
export type PageImages = (answer: ImageActionResult, copy: boolean) => Promise<ImageActionResult>;

export function createPageImages(parts: PageImageParts): PageImages {
  return async (answer, copy) => {
    if (!answer.ok || !answer.downloads) return answer;
    const files = answer.downloads.map((file) => ({ url: localFileUrl(file.path, parts), name: file.name }));
    if (!copy) {
      for (const [i, file] of files.entries()) {
        if (i > 0) await parts.wait?.(250);
        parts.download(file.url, file.name);
      }
      return { ok: true, saved: files.length };
    }
    if (!parts.clipboard || !parts.ClipboardItem) return { ok: false, problem: 'clipboard-refused', detail: 'no-clipboard' };
    try {
      const response = await parts.fetch(files[0]!.url);
      const blob = response.ok ? await response.blob() : null;
      if (blob === null) return { ok: false, problem: 'not-downloaded', detail: String(response.status) };
      if (blob.type !== 'image/png') return { ok: false, problem: 'format-not-supported', detail: blob.type };
      // NotAllowedError: the page has no clipboard permission, or is not focused.
      await parts.clipboard.write([new parts.ClipboardItem({ 'image/png': blob })]);
      return { ok: true, saved: 0 };
    } catch (error) {
      return { ok: false, problem: 'clipboard-refused', detail: error instanceof Error ? error.name : '' };
    }
  };
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
      link.click();
    },
    search: window.location.search,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
