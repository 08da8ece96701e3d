// app:// serves the built renderer and the app's own files, and nothing else: no way out of
// either folder (dot segments, encoded separators, symlinks), and never a file: URL.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { handleAppProtocol, mimeType, registerAppScheme, resolveAppPath, serveAppRequest, isFileUrl, RENDERER_INDEX_URL } = await import(
  '../../../main/shell/app-protocol'
);

let base: string;
let roots: { renderer: string; data: string };

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'aw-app-protocol-'));
  roots = { renderer: join(base, 'out', 'renderer'), data: join(base, 'user-data', 'files') };
  await mkdir(join(roots.renderer, 'assets'), { recursive: true });
  await mkdir(join(roots.data, 'results'), { recursive: true });
  await writeFile(join(roots.renderer, 'index.html'), '<!doctype html><title>Avatar Watch</title>');
  await writeFile(join(roots.renderer, 'assets', 'index-1.js'), 'console.log(1)');
  await writeFile(join(roots.renderer, 'assets', 'index-1.css'), 'body{}');
  await writeFile(join(roots.data, 'results', 'photo 1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  // What must never be served: the data folder's own files, and anything elsewhere.
  await writeFile(join(base, 'user-data', 'settings.json'), '{"secret":true}');
  await writeFile(join(base, 'outside.txt'), 'outside');
  await symlink(join(base, 'outside.txt'), join(roots.data, 'escape.txt'));
  await symlink(join(base, 'user-data'), join(roots.data, 'parent-link'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});
beforeEach(() => resetElectronFakes());

async function get(url: string, method = 'GET') {
  return serveAppRequest({ url, method }, roots);
}

describe('the app:// scheme', () => {
  it('is registered as standard and secure with fetch, before ready, never bypassing the CSP', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(protocol.privileged[0]?.privileges).not.toHaveProperty('bypassCSP', true);
  });

  it('serves the renderer with the right types', async () => {
    const page = await get(RENDERER_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Avatar Watch');
    expect((await get('app://avatar-watch/')).status).toBe(200);
    expect((await get('app://avatar-watch/assets/index-1.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://avatar-watch/assets/index-1.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves the app\'s own files from app://data, with encoded names', async () => {
    const image = await get('app://data/results/photo%201.png');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const head = await get('app://data/results/photo%201.png', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['a dot-dot path', 'app://data/../settings.json'],
    ['an encoded dot-dot', 'app://data/%2e%2e/settings.json'],
    ['an encoded slash', 'app://data/results%2f..%2f..%2fsettings.json'],
    ['an encoded backslash', 'app://data/..%5csettings.json'],
    ['a NUL', 'app://data/results/photo%00.png'],
    ['a drive letter', 'app://data/C:/Windows/win.ini'],
    ['the renderer reaching up', 'app://avatar-watch/../../user-data/settings.json'],
    ['a symlink leading out', 'app://data/escape.txt'],
    ['a symlinked folder leading out', 'app://data/parent-link/settings.json'],
    ['a folder', 'app://data/results'],
    ['the data root', 'app://data/'],
    ['a missing file', 'app://data/results/none.png'],
    ['another host', 'app://elsewhere/index.html'],
    ['a port', 'app://avatar-watch:8080/index.html'],
  ])('answers 404 to %s', async (_label, url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe('');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(RENDERER_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('resolves paths inside the roots only', () => {
    expect(resolveAppPath('app://data/results/photo%201.png', roots)?.path).toBe(join(roots.data, 'results', 'photo 1.png'));
    expect(resolveAppPath('app://avatar-watch/', roots)?.path).toBe(join(roots.renderer, 'index.html'));
    for (const url of ['file:///etc/passwd', 'https://avatar-watch/index.html', 'app://data', 'not a url', 'app://data/a/%E0%A4%A/b']) {
      expect(resolveAppPath(url, roots), url).toBeNull();
    }
  });

  it('is handled through protocol.handle', async () => {
    handleAppProtocol(roots, protocol as never);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler!(new Request(RENDERER_INDEX_URL))).status).toBe(200);
  });

  it('knows the types the app uses, and sends unknown ones as plain bytes', () => {
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('A.JPG')).toBe('image/jpeg');
    expect(mimeType('clip.mp4')).toBe('video/mp4');
    expect(mimeType('font.woff2')).toBe('font/woff2');
    expect(mimeType('thing.exe')).toBe('application/octet-stream');
  });

  it('tells file: URLs apart whatever their case', () => {
    expect(isFileUrl('file://host/share/x.png')).toBe(true);
    expect(isFileUrl('FILE:///C:/x')).toBe(true);
    expect(isFileUrl('app://data/file:x')).toBe(false);
    expect(isFileUrl('https://file.example/')).toBe(false);
  });
});
