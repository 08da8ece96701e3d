// The web preview answers the desktop switches itself: kept in its settings file, and
// `not-supported` for the login item (a browser page cannot start anything at login). Its CSP is
// the app's own page CSP plus its socket, and keeps working with the app:// data host in it.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../main/core/service';
import { BroadcastNotifier, startPreviewServer, type PreviewServer } from '../../main/web-host/preview-server';
import { RENDERER_CSP } from '../../main/shell/window';
import { call } from '../support/preview-call';

// window.ts imports electron for the window class; the CSP constant is all this file reads.
vi.mock('electron', () => import('./shell/fake-electron'));

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let dir: string;
let service: AvatarWatchService;
let server: PreviewServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-preview-desktop-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  const meta = RENDERER_CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
  await writeFile(join(rendererDir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="${meta}"><p>page</p>`);
  const notifier = new BroadcastNotifier(quiet);
  service = createAvatarWatchService({ dataDir: join(dir, 'data'), secretStore: createMemorySecretStore(null), notifier, logger: quiet });
  await service.start();
  server = await startPreviewServer(service, notifier, { rendererDir, port: 0, extraImageOrigin: 'http://127.0.0.1:4010', logger: quiet });
});

afterAll(async () => {
  await server.close();
  await service.stop();
  await rm(dir, { recursive: true, force: true });
});

async function socket(): Promise<WebSocket> {
  const url = new URL(server.url);
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${url.searchParams.get('token')}`, { origin: url.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

describe('desktop settings in the web preview', () => {
  it('says not-supported and keeps the switches in the settings file', async () => {
    const ws = await socket();
    expect(await call(ws, { type: 'call', id: 1, method: 'getDesktopSettings', args: [] })).toEqual({
      type: 'result',
      id: 1,
      ok: true,
      value: { startAtLogin: false, startInMenuBar: false, loginItem: 'not-supported', platform: 'other' },
    });
    expect(await call(ws, { type: 'call', id: 2, method: 'setDesktopSettings', args: [{ startInMenuBar: true }] })).toMatchObject({
      ok: true,
      value: { ok: true, value: { startAtLogin: false, startInMenuBar: true, loginItem: 'not-supported' } },
    });
    expect(JSON.parse(await readFile(join(dir, 'data', 'settings.json'), 'utf8'))).toMatchObject({ startInMenuBar: true });
    // A refused change is a Result the window words, as in Electron (the contract: `answers: 'result'`).
    expect(await call(ws, { type: 'call', id: 3, method: 'setDesktopSettings', args: [{ startAtLogin: 'yes' }] })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'invalid-input' } },
    });
    ws.close();
  });

  it('serves the app CSP with its own socket and the fake API images added', async () => {
    const html = await (await fetch(server.url)).text();
    expect(html).toContain(`connect-src 'self' ws://127.0.0.1:${server.port};`);
    expect(html).toContain("img-src http://127.0.0.1:4010 'self' https: app:;");
    expect(html).toContain("default-src 'none'");
  });
});
