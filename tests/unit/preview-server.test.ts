// The preview host's doors: the page needs its token, sockets need the token and this origin,
// only the contract's commands with sane arguments get through, and junk never crashes it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../preload/api';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../main/core/service';
import { BroadcastNotifier, startPreviewServer, type PreviewServer } from '../../main/web-host/preview-server';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let fake: FakeJogg;
let dir: string;
let service: AvatarWatchService;
let notifier: BroadcastNotifier;
let server: PreviewServer;
let origin: string;
let token: string;

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key'] });
  dir = await mkdtemp(join(tmpdir(), 'aw-preview-'));
  const rendererDir = join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
  await writeFile(join(rendererDir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' https:; connect-src 'self'"><p>page</p>`);
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  notifier = new BroadcastNotifier(quiet);
  service = createAvatarWatchService({ dataDir: join(dir, 'data'), apiBaseUrl: fake.url, secretStore: createMemorySecretStore('good-key'), notifier, logger: quiet, patchIntervalMs: 10 });
  await service.start();
  server = await startPreviewServer(service, notifier, { rendererDir, port: 0, extraImageOrigin: fake.url, logger: quiet });
  origin = new URL(server.url).origin;
  token = new URL(server.url).searchParams.get('token')!;
});

afterAll(async () => {
  await server.close();
  await service.stop();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a socket; resolves with it once open, or with the HTTP status that refused it. */
function openSocket(url: string, socketOrigin = origin): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin: socketOrigin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, message: ClientMessage): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as ServerMessage;
      if (reply.type === 'result' && reply.id === message.id) {
        ws.off('message', onMessage);
        resolve(reply);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}

describe('the web preview host', () => {
  it('serves the page only with its token, with the fake API allowed as an image source', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=wrong-token-of-the-same-length-xx`)).status).toBe(403);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`img-src ${fake.url} 'self' https:`);
    expect(html).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}"`);
  });

  it('never serves a file outside the built renderer', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(404);
    }
  });

  it('answers a malformed request line with 400 and keeps running', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET http://[/ HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (d) => {
        resolve(d.toString());
        socket.destroy();
      });
      socket.setTimeout(5_000, () => socket.destroy());
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('refuses a socket without the token or from another origin', async () => {
    const ws = `${origin.replace('http', 'ws')}/ws`;
    expect(await openSocket(`${ws}?token=nope`)).toBe(403);
    expect(await openSocket(`${ws}?token=${token}`, 'http://evil.example')).toBe(403);
    expect(await openSocket(`${ws}?token=${token}`, 'http://localhost:1')).toBe(403);
  });

  it('carries the contract: commands answer, unknown or oversized ones are refused, state patches and notifications arrive', async () => {
    const ws = (await openSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`)) as WebSocket;
    const events: ServerMessage[] = [];
    ws.on('message', (data) => events.push(JSON.parse(data.toString()) as ServerMessage));

    const snapshot = await call(ws, { type: 'call', id: 1, method: 'getSnapshot', args: [] });
    expect(snapshot).toMatchObject({ ok: true, value: { items: [], account: { hasKey: true } } });
    expect(JSON.stringify(snapshot)).not.toContain('good-key');

    expect(await call(ws, { type: 'call', id: 2, method: 'openImage', args: ['https://x'] })).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown command/) });
    expect(await call(ws, { type: 'call', id: 3, method: 'constructor' as never, args: [] })).toMatchObject({ ok: false });
    expect(await call(ws, { type: 'call', id: 4, method: 'removePhoto', args: ['x'.repeat(129)] })).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
    expect(await call(ws, { type: 'call', id: 5, method: 'addPhotos', args: [42] })).toMatchObject({ ok: false, error: expect.stringMatching(/must be text/) });

    fake.setPhoto('preview-ready', { kind: 'ready', afterChecks: 0 });
    expect(await call(ws, { type: 'call', id: 6, method: 'addPhotos', args: ['preview-ready'] })).toMatchObject({ ok: true, value: { added: ['preview-ready'] } });
    await expect.poll(() => events.some((e) => e.type === 'notify' && e.photoId === 'preview-ready')).toBe(true);
    // Data, not English: the page words it in its own language.
    expect(events.find((e) => e.type === 'notify')).toEqual({ type: 'notify', photoId: 'preview-ready', outcome: 'ready', imageCount: 4, failureMessage: null });
    // The page shows the test notification itself; the host has no desktop.
    expect(await call(ws, { type: 'call', id: 7, method: 'sendTestNotification', args: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown command/) });
    expect(events.some((e) => e.type === 'event' && e.name === 'stateChanged' && e.payload.upserted?.some((i) => i.status === 'ready'))).toBe(true);
    ws.close();
  });
});
