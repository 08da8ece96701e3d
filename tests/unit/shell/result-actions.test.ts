// Copy and save of result images in the Electron app, with Electron's clipboard, dialogs and
// nativeImage mocked (fake-electron.ts) and real files in a temporary folder.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadImage } from '../../../main/core/results/result-keeper';
import * as fakes from './fake-electron';
import { BrowserWindow, clipboard, dialog, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { createResultActions, fileName } = await import('../../../main/shell/result-actions');
const { createMainText } = await import('../../../main/shell/text');

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
const URLS = [1, 2, 3, 4].map((n) => `https://cdn.example.com/p1/${n}.png`);

let folder: string;
let images: Map<string, ReadImage>;
const results = {
  imagesOf: (photoId: string) => (photoId === 'p/1' ? URLS.map((url) => ({ url, file: null, path: null })) : []),
  readImage: vi.fn(async (_photoId: string, url: string): Promise<ReadImage> => images.get(url) ?? { ok: false, problem: 'not-result' }),
};

beforeEach(async () => {
  resetElectronFakes();
  folder = await mkdtemp(join(tmpdir(), 'aw-save-'));
  images = new Map(URLS.map((url) => [url, { ok: true, bytes: PNG, kind: 'png' } as ReadImage]));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const actions = (window: BrowserWindow | null = null, writeFileImpl?: (path: string) => Promise<void>, language?: 'zh-CN') =>
  createResultActions(
    results,
    () => window as never,
    {
      clipboard: clipboard as never,
      ClipboardItem: fakes.ClipboardItem as never,
      dialog: dialog as never,
      nativeImage: fakes.nativeImage as never,
      writeFile: writeFileImpl ? (path) => writeFileImpl(path) : (path, data, options) => writeFile(path, data, options),
    },
    ...(language ? [createMainText([language]).t] : []),
  );


async function clipboardBytes(): Promise<Uint8Array> {
  const item = clipboard.items[0] as unknown as InstanceType<typeof fakes.ClipboardItem>;
  expect(item.types).toEqual(['image/png']);
  return new Uint8Array(await item.entries['image/png']!.arrayBuffer());
}

describe('Copy image', () => {
  it('puts the PNG itself on the clipboard', async () => {
    expect(await actions().copyImage('p/1', URLS[1]!)).toEqual({ ok: true, saved: 0 });
    expect(await clipboardBytes()).toEqual(PNG);
  });

  it('converts a JPEG to PNG on the way', async () => {
    images.set(URLS[0]!, { ok: true, bytes: JPEG, kind: 'jpeg' });
    await actions().copyImage('p/1', URLS[0]!);
    expect(Buffer.from(await clipboardBytes()).toString()).toBe('png made from the decoded image');
  });

  it('says a WebP the clipboard cannot take is not supported, and leaves the clipboard alone', async () => {
    images.set(URLS[0]!, { ok: true, bytes: WEBP, kind: 'webp' });
    expect(await actions().copyImage('p/1', URLS[0]!)).toMatchObject({ ok: false, problem: 'format-not-supported' });
    expect(clipboard.write).not.toHaveBeenCalled();
  });

  it('says the image is not downloaded yet (offline), and leaves the clipboard alone', async () => {
    images.set(URLS[0]!, { ok: false, problem: 'not-downloaded', detail: 'network' });
    expect(await actions().copyImage('p/1', URLS[0]!)).toEqual({ ok: false, problem: 'not-downloaded', detail: 'network' });
    expect(clipboard.write).not.toHaveBeenCalled();
  });

  it('says when the OS clipboard refuses', async () => {
    clipboard.write.mockRejectedValueOnce(Object.assign(new Error('busy'), { name: 'NotAllowedError' }));
    expect(await actions().copyImage('p/1', URLS[0]!)).toMatchObject({ ok: false, problem: 'clipboard-refused' });
  });
});

describe('Save image', () => {
  it('offers <photo id>-<n>.png in the save dialog, on the window, and writes the image there', async () => {
    const window = new BrowserWindow({});
    const target = join(folder, 'chosen.png');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await actions(window).saveImage('p/1', URLS[1]!)).toEqual({ ok: true, saved: 1, where: target });
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string }];
    expect(parent).toBe(window);
    expect(options.defaultPath).toBe('p_1-2.png');
    expect(new Uint8Array(await readFile(target))).toEqual(PNG);
  });

  it('words the save dialog in the user’s language: title with the image and photo, file type', async () => {
    images.set(URLS[1]!, { ok: true, bytes: JPEG, kind: 'jpeg' });
    await actions(null).saveImage('p/1', URLS[1]!);
    expect(dialog.showSaveDialog.mock.calls[0]![0]).toMatchObject({ title: 'Save image 2 of p/1', filters: [{ name: 'JPEG images', extensions: ['jpg'] }] });
    await actions(null, undefined, 'zh-CN').saveImage('p/1', URLS[1]!);
    expect(dialog.showSaveDialog.mock.calls[1]![0]).toMatchObject({ title: '保存 p/1 的第 2 张图片', filters: [{ name: 'JPEG 图片', extensions: ['jpg'] }] });
  });

  it('writes nothing when the dialog is cancelled', async () => {
    expect(await actions().saveImage('p/1', URLS[0]!)).toEqual({ ok: true, saved: 0, cancelled: true });
    expect(await readdir(folder)).toEqual([]);
  });

  it.each([
    ['EACCES', 'no-permission'],
    ['EPERM', 'no-permission'],
    ['ENOSPC', 'disk-full'],
    ['EROFS', 'read-only'],
    ['EIO', 'failed'],
  ])('says %s as %s', async (code, problem) => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(folder, 'x.png') });
    const failing = actions(null, async () => {
      throw Object.assign(new Error(code), { code });
    });
    expect(await failing.saveImage('p/1', URLS[0]!)).toEqual({ ok: false, problem, detail: code });
  });

  it('refuses a link that is not a result of that photo, before any dialog', async () => {
    expect(await actions().saveImage('p/1', 'https://evil.example/x.png')).toEqual({ ok: false, problem: 'not-result' });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('Save all', () => {
  it('writes all four as <photo id>-<n>.png into the chosen folder, never over a file already there', async () => {
    await writeFile(join(folder, 'p_1-1.png'), 'the user’s own file');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [folder] });
    expect(await actions().saveAllImages('p/1')).toEqual({ ok: true, saved: 4, where: folder });
    expect((await readdir(folder)).sort()).toEqual(['p_1-1 (2).png', 'p_1-1.png', 'p_1-2.png', 'p_1-3.png', 'p_1-4.png']);
    expect(await readFile(join(folder, 'p_1-1.png'), 'utf8')).toBe('the user’s own file');
    expect((dialog.showOpenDialog.mock.calls[0]![0] as { properties: string[] }).properties).toContain('openDirectory');
  });

  it('words the folder dialog in the user’s language (title, macOS message, button)', async () => {
    await actions(null, undefined, 'zh-CN').saveAllImages('p/1');
    expect(dialog.showOpenDialog.mock.calls[0]![0]).toMatchObject({ title: '选择保存 p/1 图片的文件夹', message: '选择保存 p/1 图片的文件夹', buttonLabel: '保存到此处' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops at the first image it cannot get, and says how far it got', async () => {
    images.set(URLS[2]!, { ok: false, problem: 'not-downloaded' });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [folder] });
    expect(await actions().saveAllImages('p/1')).toEqual({ ok: false, problem: 'not-downloaded', detail: '2/4' });
  });

  it('names files safely whatever the photo ID holds', () => {
    expect(fileName('../etc/x:y', 0, 'jpeg')).toBe('__etc_x_y-1.jpg');
  });
});
