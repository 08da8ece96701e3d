// Copy and save in the web preview: only kept copies (the page's own origin), the browser's
// clipboard as PNG, downloads named <photo id>-<n>.<ext>, and a specific reason for every refusal.
import { describe, expect, it, vi } from 'vitest';
import type { StatePatch, WatchItem } from '../../../preload/api';
import { createPageImages, type PageImageParts } from '../../../renderer/src/bridge/page-images';

const URLS = [1, 2, 3, 4].map((n) => `https://cdn.example.com/p1/${n}.png`);

class FakeClipboardItem {
  constructor(readonly entries: Record<string, Blob>) {}
}

function setup(overrides: Partial<PageImageParts> = {}) {
  const downloads: [string, string][] = [];
  const parts: PageImageParts = {
    fetch: vi.fn(async () => new Response(new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' }))),
    clipboard: { write: vi.fn(async () => {}) },
    ClipboardItem: FakeClipboardItem as never,
    download: (url, name) => void downloads.push([url, name]),
    search: '?token=tok',
    ...overrides,
  };
  const images = createPageImages(parts);
  return { parts, images, downloads };
}

function readyPatch(files: (string | null)[], photoId = 'p/1'): StatePatch {
  const item = { photoId, status: 'ready', imageUrls: URLS, localCopies: { state: 'kept', files, bytes: 1 } } as unknown as WatchItem;
  return { upserted: [item] };
}
const ALL = [1, 2, 3, 4].map((n) => `results/p_1-abc/${n}.png`);

describe('page images', () => {
  it('copies the kept PNG from the page’s own /data/ route onto the clipboard', async () => {
    const { parts, images } = setup();
    images.follow(readyPatch(ALL));
    expect(await images.copyImage('p/1', URLS[1]!)).toEqual({ ok: true, saved: 0 });
    expect(parts.fetch).toHaveBeenCalledWith('/data/results/p_1-abc/2.png?token=tok');
    const item = (parts.clipboard!.write as ReturnType<typeof vi.fn>).mock.calls[0]![0][0] as FakeClipboardItem;
    expect(Object.keys(item.entries)).toEqual(['image/png']);
  });

  it('says not downloaded (without fetching JoggAI’s origin) when there is no kept copy', async () => {
    const { parts, images } = setup();
    images.follow(readyPatch([ALL[0]!, null, null, null]));
    expect(await images.copyImage('p/1', URLS[3]!)).toEqual({ ok: false, problem: 'not-downloaded' });
    expect(await images.saveImage('p/1', URLS[3]!)).toEqual({ ok: false, problem: 'not-downloaded' });
    expect(await images.saveAllImages('p/1')).toEqual({ ok: false, problem: 'not-downloaded' });
    expect(parts.fetch).not.toHaveBeenCalled();
  });

  it('says the clipboard refused when the browser does not allow it', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const { images } = setup({ clipboard: { write: vi.fn(async () => Promise.reject(denied)) } });
    images.follow(readyPatch(ALL));
    expect(await images.copyImage('p/1', URLS[0]!)).toEqual({ ok: false, problem: 'clipboard-refused', detail: 'NotAllowedError' });
    const { images: noClipboard } = setup({ clipboard: undefined as never });
    noClipboard.follow(readyPatch(ALL));
    expect(await noClipboard.copyImage('p/1', URLS[0]!)).toMatchObject({ ok: false, problem: 'clipboard-refused' });
  });

  it('converts a kept JPEG to PNG, and says so when it cannot', async () => {
    const jpeg = vi.fn(async () => new Response(new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' })));
    const { images } = setup({ fetch: jpeg, toPng: async () => Promise.reject(new Error('decode')) });
    images.follow(readyPatch(ALL));
    expect(await images.copyImage('p/1', URLS[0]!)).toEqual({ ok: false, problem: 'format-not-supported', detail: 'image/jpeg' });
  });

  it('Save and Save all download the kept files as <photo id>-<n>.png', async () => {
    const { images, downloads } = setup();
    images.follow(readyPatch(ALL));
    expect(await images.saveImage('p/1', URLS[2]!)).toEqual({ ok: true, saved: 1 });
    expect(await images.saveAllImages('p/1')).toEqual({ ok: true, saved: 4 });
    expect(downloads.map(([, name]) => name)).toEqual(['p_1-3.png', 'p_1-1.png', 'p_1-2.png', 'p_1-3.png', 'p_1-4.png']);
    expect(downloads[0]![0]).toBe('/data/results/p_1-abc/3.png?token=tok');
  });

  it('forgets removed photos and starts over on a whole new picture', async () => {
    const { images } = setup();
    images.follow(readyPatch(ALL));
    images.follow({ removed: ['p/1'] });
    expect(await images.saveAllImages('p/1')).toEqual({ ok: false, problem: 'not-result' });
    images.follow(readyPatch(ALL));
    images.follow({ replaceAll: true, upserted: [] });
    expect(await images.saveImage('p/1', URLS[0]!)).toEqual({ ok: false, problem: 'not-result' });
  });
});
