// Copy and save in the web preview, the page's half: it copies (as PNG) or downloads the kept
// files the host named, and says exactly why not when it cannot.
import { describe, expect, it, vi } from 'vitest';
import type { ImageActionResult } from '../../../preload/api';
import { createPageImages, type PageImageParts } from '../../../renderer/src/bridge/page-images';

class FakeClipboardItem {
  constructor(readonly entries: Record<string, Blob>) {}
}
const png = () => new Response(new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' }));
const KEPT: ImageActionResult = {
  ok: true,
  saved: 4,
  downloads: [1, 2, 3, 4].map((n) => ({ path: `results/p_1-abc/${n}.png`, name: `p_1-${n}.png` })),
};

function setup(overrides: Partial<PageImageParts> = {}) {
  const downloads: [string, string][] = [];
  const parts: PageImageParts = {
    fetch: vi.fn(async () => png()),
    clipboard: { write: vi.fn(async () => {}) },
    ClipboardItem: FakeClipboardItem as never,
    download: (url, name) => void downloads.push([url, name]),
    search: '?token=tok',
    ...overrides,
  };
  return { parts, finish: createPageImages(parts), downloads };
}

describe('page images', () => {
  it('copies the kept PNG from the page’s own /data/ route onto the clipboard', async () => {
    const { parts, finish } = setup();
    const one: ImageActionResult = { ok: true, saved: 0, downloads: [{ path: 'results/p_1-abc/2.png', name: 'p_1-2.png' }] };
    expect(await finish(one, true)).toEqual({ ok: true, saved: 0 });
    expect(parts.fetch).toHaveBeenCalledWith('/data/results/p_1-abc/2.png?token=tok');
    const item = (parts.clipboard!.write as ReturnType<typeof vi.fn>).mock.calls[0]![0][0] as FakeClipboardItem;
    expect(Object.keys(item.entries)).toEqual(['image/png']);
  });

  it('passes the host’s refusal through untouched (not kept yet, not a result)', async () => {
    const { parts, finish, downloads } = setup();
    expect(await finish({ ok: false, problem: 'not-downloaded' }, true)).toEqual({ ok: false, problem: 'not-downloaded' });
    expect(await finish({ ok: false, problem: 'not-result' }, false)).toEqual({ ok: false, problem: 'not-result' });
    expect(parts.fetch).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
  });

  it('says the clipboard refused when the browser does not allow it, or has none', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const { finish } = setup({ clipboard: { write: vi.fn(async () => Promise.reject(denied)) } });
    expect(await finish(KEPT, true)).toEqual({ ok: false, problem: 'clipboard-refused', detail: 'NotAllowedError' });
    const { finish: noClipboard } = setup({ clipboard: undefined as never });
    expect(await noClipboard(KEPT, true)).toMatchObject({ ok: false, problem: 'clipboard-refused' });
  });

  it('says a kept JPEG cannot go on the browser’s clipboard, and a file gone meanwhile is not downloaded', async () => {
    const jpeg = vi.fn(async () => new Response(new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' })));
    expect(await setup({ fetch: jpeg }).finish(KEPT, true)).toEqual({ ok: false, problem: 'format-not-supported', detail: 'image/jpeg' });
    const gone = vi.fn(async () => new Response(null, { status: 404 }));
    expect(await setup({ fetch: gone }).finish(KEPT, true)).toEqual({ ok: false, problem: 'not-downloaded', detail: '404' });
  });

  it('downloads every kept file under the name the host gave', async () => {
    const { finish, downloads } = setup();
    expect(await finish(KEPT, false)).toEqual({ ok: true, saved: 4 });
    expect(downloads.map(([, name]) => name)).toEqual(['p_1-1.png', 'p_1-2.png', 'p_1-3.png', 'p_1-4.png']);
    expect(downloads[0]![0]).toBe('/data/results/p_1-abc/1.png?token=tok');
  });
});
