// The preview host's doors: the page needs its token, sockets need the token and this origin,
// only the contract's commands with sane arguments get through, and junk never crashes it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../preload/api';
import { MAX_FRAME_BYTES, MAX_PASTE_BYTES } from '../../preload/api';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../main/core/service';
import { BroadcastNotifier, startPreviewServer, type PreviewServer } from '../../main/web-host/preview-server';
import { logText } from '../../main/web-host/log-text';
import { megabytes, pasteTooBigMessage } from '../../main/core/command-args';
import en from '../../renderer/src/i18n/en';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { call } from '../support/preview-call';
import { firstCheckAtOnce } from '../support/first-check-at-once';

/** What the host logged; the protocol tests read it to see that socket text is escaped. */
const logged: string[] = [];
const quiet = { info: () => {}, warn: (m: string) => void logged.push(m), error: (m: string) => void logged.push(m) };
/** Anything that escaped the host: on the old code, ws's errors and a rejected answer(). */
const escaped: unknown[] = [];
const onEscape = (error: unknown) => void escaped.push(error);
let fake: FakeJogg;
let dir: string;
let service: AvatarWatchService;
let notifier: BroadcastNotifier;
/** This suite is about the transport: each finished photo is told of at once, not gathered. */
const TELL_AT_ONCE = { firstMs: 0, busyMs: 0, quietMs: 0 };
let server: PreviewServer;
let origin: string;
let token: string;

beforeAll(async () => {
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  fake = await startFakeJogg({ validKeys: ['good-key'] });
  dir = await mkdtemp(join(tmpdir(), 'aw-preview-'));
  const rendererDir = join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
  await writeFile(join(rendererDir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' https:; connect-src 'self'"><p>page</p>`);
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  notifier = new BroadcastNotifier(quiet);
  service = createAvatarWatchService({ dataDir: join(dir, 'data'), apiBaseUrl: fake.url, secretStore: createMemorySecretStore('good-key'), notifier, logger: quiet, patchIntervalMs: 10, schedule: firstCheckAtOnce(), notificationWaits: TELL_AT_ONCE });
  await service.start();
  server = await startPreviewServer(service, notifier, { rendererDir, port: 0, extraImageOrigin: fake.url, logger: quiet });
  origin = new URL(server.url).origin;
  token = new URL(server.url).searchParams.get('token')!;
});

afterAll(async () => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
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
    expect(events.find((e) => e.type === 'notify')).toEqual({ type: 'notify', photoId: 'preview-ready', outcome: 'ready', imageCount: 4, failureMessage: null, group: expect.any(Number), silent: false, quietWhileFocused: false });
    // The page shows the test notification itself; the host has no desktop.
    expect(await call(ws, { type: 'call', id: 7, method: 'sendTestNotification', args: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown command/) });
    // State patches are batched, so the ready row may arrive a moment after the notification.
    await expect.poll(() => events.some((e) => e.type === 'event' && e.name === 'stateChanged' && e.payload.upserted?.some((i) => i.status === 'ready'))).toBe(true);
    ws.close();
  });

  // selection
  it('removes many photos and takes the removal back over the socket; a malformed list is refused', async () => {
    const ws = (await openSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`)) as WebSocket;
    await call(ws, { type: 'call', id: 1, method: 'addPhotos', args: ['undo-a undo-b'] });
    const removed = await call(ws, { type: 'call', id: 2, method: 'removePhotos', args: [['undo-a', 'undo-b']] });
    expect(removed).toMatchObject({ ok: true, value: { removed: ['undo-a', 'undo-b'], undo: expect.any(String) } });
    const undo = (removed as { value: { undo: string } }).value.undo;
    expect(await call(ws, { type: 'call', id: 3, method: 'restorePhotos', args: [undo] })).toMatchObject({ ok: true, value: { restored: ['undo-a', 'undo-b'], expired: false } });
    expect(await call(ws, { type: 'call', id: 4, method: 'checkPhotos', args: [['undo-a']] })).toMatchObject({ ok: true });
    expect(await call(ws, { type: 'call', id: 5, method: 'removePhotos', args: ['undo-a'] })).toMatchObject({ ok: false, error: expect.stringMatching(/list of at most/) });
    ws.close();
  });
});

describe('settings in the preview', () => {
  it('are changed through the socket, refused with the setting named, and every open page hears the change', async () => {
    const [one, other] = [(await openSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`)) as WebSocket, (await openSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`)) as WebSocket];
    const heard: ServerMessage[] = [];
    other.on('message', (data) => heard.push(JSON.parse(data.toString()) as ServerMessage));
    expect(await call(one, { type: 'call', id: 1, method: 'updateSettings', args: [{ theme: 'dark', sound: false }] })).toMatchObject({ ok: true, value: { ok: true, value: { theme: 'dark', sound: false } } });
    // A Result the window words from its code, as the Electron host answers it.
    expect(await call(one, { type: 'call', id: 2, method: 'updateSettings', args: [{ burst: 0 }] })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'invalid-input', input: { code: 'setting-invalid', setting: 'burst', min: 1, max: 20 } } },
    });
    expect(await call(one, { type: 'call', id: 3, method: 'getSettings', args: [] })).toMatchObject({ ok: true, value: { theme: 'dark', sound: false, burst: 5 } });
    await expect.poll(() => heard.some((e) => e.type === 'event' && e.name === 'stateChanged' && e.payload.settings?.theme === 'dark')).toBe(true);
    await call(one, { type: 'call', id: 4, method: 'updateSettings', args: [{ theme: 'system', sound: true }] });
    one.close();
    other.close();
  });
});

const socketUrl = () => `${origin.replace('http', 'ws')}/ws?token=${token}`;

/** A socket the test expects to open. */
async function open(): Promise<WebSocket> {
  const ws = await openSocket(socketUrl());
  if (typeof ws === 'number') throw new Error(`the socket was refused (${ws})`);
  // A client-side error (the server closing mid-send) must not fail the test run by itself.
  ws.on('error', () => undefined);
  return ws;
}

/** Resolves with the close code and every message that arrived before it. */
function closing(ws: WebSocket): Promise<{ code: number; messages: unknown[] }> {
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  return new Promise((resolve) => ws.once('close', (code) => resolve({ code, messages })));
}

/** The host still answers: a good call on a fresh socket, and on the bystander opened first. */
async function stillServes(bystander: WebSocket, id: number) {
  expect(escaped).toEqual([]);
  const fresh = await open();
  expect(await call(fresh, { type: 'call', id, method: 'getSnapshot', args: [] })).toMatchObject({ ok: true, value: { account: { hasKey: true } } });
  fresh.close();
  expect(bystander.readyState).toBe(WebSocket.OPEN);
  expect(await call(bystander, { type: 'call', id, method: 'getSnapshot', args: [] })).toMatchObject({ ok: true });
}

describe('the preview host never exits on bad input', () => {
  let bystander: WebSocket;
  beforeAll(async () => {
    bystander = await open();
  });
  afterAll(() => bystander.close());

  it('a frame over the limit closes that socket with 1009', async () => {
    const ws = await open();
    const closed = closing(ws);
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await closed).code).toBe(1009);
    await stillServes(bystander, 101);
  });

  it('text that is not UTF-8 closes that socket with 1007', async () => {
    const ws = await open();
    const closed = closing(ws);
    ws.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false });
    expect((await closed).code).toBe(1007);
    await stillServes(bystander, 102);
  });

  it('text that is not JSON closes with 1007; a binary frame with 1003', async () => {
    const notJson = await open();
    const closedNotJson = closing(notJson);
    notJson.send('{"type":"call"\n[avatar-watch] forged line\u001b[2J');
    expect(await closedNotJson).toEqual({ code: 1007, messages: [] });

    const binary = await open();
    const closedBinary = closing(binary);
    binary.send(Buffer.from('{"type":"call","id":1,"method":"getSnapshot","args":[]}'), { binary: true });
    expect((await closedBinary).code).toBe(1003);
    await stillServes(bystander, 103);
  });

  it.each([
    ['a method that is an object with a toString that is not a function', { type: 'call', id: 7, method: { toString: 1 }, args: [] }],
    ['arguments that are not a list', { type: 'call', id: 7, method: 'addPhotos', args: 'p1' }],
    ['arguments that are an object', { type: 'call', id: 7, method: 'getSnapshot', args: { length: 0 } }],
    ['a message that is not a call', { type: 'result', id: 7, method: 'getSnapshot', args: [] }],
  ])('%s: a clean error answer for its id, then 1008', async (_name, message) => {
    const ws = await open();
    const closed = closing(ws);
    ws.send(JSON.stringify(message));
    const { code, messages } = await closed;
    expect(code).toBe(1008);
    expect(messages).toEqual([{ type: 'result', id: 7, ok: false, error: expect.any(String) }]);
    await stillServes(bystander, 104);
  });

  it.each([
    ['an id that is text', { type: 'call', id: '7', method: 'getSnapshot', args: [] }],
    ['an id that is not whole', { type: 'call', id: 1.5, method: 'getSnapshot', args: [] }],
    ['no id', { type: 'call', method: 'getSnapshot', args: [] }],
    ['null', null],
    ['a list', [1, 2]],
    ['a number', 42],
  ])('%s: nothing to answer to, so only 1008', async (_name, message) => {
    const ws = await open();
    const closed = closing(ws);
    ws.send(JSON.stringify(message));
    expect(await closed).toEqual({ code: 1008, messages: [] });
    await stillServes(bystander, 105);
  });

  it('a burst of junk on many sockets at once leaves the host serving', async () => {
    const junk = [Buffer.from([0xc3, 0x28]), '{', 'null', '{"id":1,"type":"call","method":{"toString":1},"args":[]}', '{"id":2,"type":"call","method":"addPhotos","args":null}'];
    const sockets = await Promise.all(junk.map(() => open()));
    const closed = sockets.map((ws) => closing(ws));
    sockets.forEach((ws, i) => ws.send(junk[i]!, { binary: false }));
    for (const { code } of await Promise.all(closed)) expect([1007, 1008]).toContain(code);
    await stillServes(bystander, 106);
  });

  it('a socket reset by its client, open or being refused, does not stop the host', async () => {
    const ws = await open();
    const reset = new Promise((resolve) => ws.once('close', resolve));
    // ws keeps its TCP socket private; a reset (RST) is what a crashed or killed client sends.
    (ws as unknown as { _socket: Socket })._socket.resetAndDestroy();
    await reset;
    // Refused upgrades: the client sends the request and resets at once, while the host answers 403.
    await Promise.all(
      Array.from({ length: 20 }, () => {
        return new Promise<void>((resolve) => {
          const socket = connect(server.port, '127.0.0.1', () => {
            socket.write(`GET /ws?token=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
            socket.resetAndDestroy();
            resolve();
          });
          socket.on('error', () => resolve());
        });
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stillServes(bystander, 107);
  });

  it('log lines about a bad socket carry its text with control characters escaped', async () => {
    const ws = await open();
    const forged = 'x\n[avatar-watch] Photo p1 finished: ready\u001b[2J\u202e';
    expect(await call(ws, { type: 'call', id: 108, method: forged as never, args: [] })).toEqual({
      type: 'result',
      id: 108,
      ok: false,
      error: 'Unknown command: x\\n[avatar-watch] Photo p1 finished: ready\\x1b[2J\\u{202e}',
    });
    ws.close();
    expect(logged).toContain('Preview: refused an unknown command "x\\n[avatar-watch] Photo p1 finished: ready\\x1b[2J\\u{202e}".');
    expect(logged.some((line) => line.includes('closed a socket (1007)'))).toBe(true);
    // Every line the host wrote is one line with no terminal escapes, whatever it quoted.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    for (const line of logged) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('a legal paste always fits in one frame, and a larger one gets a clean answer', () => {
  it('the largest legal paste in its worst JSON form (every byte six when escaped) is answered', async () => {
    const ws = await open();
    const worst = '\u0001'.repeat(MAX_PASTE_BYTES);
    const message: ClientMessage = { type: 'call', id: 201, method: 'addPhotos', args: [worst] };
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(await call(ws, message)).toMatchObject({ type: 'result', id: 201, ok: true });
    ws.close();
  }, 30_000);

  it('a paste at the limit in CJK is taken; 3,400,000 CJK characters (10.2 MB) are refused in words, and the socket stays open', async () => {
    const ws = await open();
    // 1,666,666 three-byte characters and two one-byte ones: exactly MAX_PASTE_BYTES.
    const atLimit = '\u4e00'.repeat(1_666_666) + 'ab';
    expect(Buffer.byteLength(atLimit)).toBe(MAX_PASTE_BYTES);
    expect(await call(ws, { type: 'call', id: 202, method: 'addPhotos', args: [atLimit] })).toMatchObject({ ok: true });

    const huge = '\u4e00'.repeat(3_400_000);
    expect(await call(ws, { type: 'call', id: 203, method: 'addPhotos', args: [huge] })).toEqual({
      type: 'result',
      id: 203,
      ok: false,
      error: 'The pasted text is 10.2 MB; one paste can hold at most 5 MB. Add the photo IDs in smaller parts.',
    });
    expect(await call(ws, { type: 'call', id: 204, method: 'addPhotos', args: ['a'.repeat(MAX_PASTE_BYTES + 1)] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The pasted text is 5\.1 MB/),
    });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(await call(ws, { type: 'call', id: 205, method: 'getSnapshot', args: [] })).toMatchObject({ ok: true });
    ws.close();
    expect(escaped).toEqual([]);
  }, 30_000);

  it('main words the refusal exactly as the window does (the limit itself is one constant in the contract)', async () => {
    expect(pasteTooBigMessage(10_200_000)).toBe(en.photos.tooBig.replace('{size}', '10.2').replace('{max}', '5'));
    // The renderer cannot import main (nor main the renderer's store, by the type check's
    // project rules), so the window's way of writing sizes is compared here, at run time.
    const windowSizes = '../../renderer/src/format/paste-size';
    const window = (await import(/* @vite-ignore */ windowSizes)) as { megabytes: (bytes: number) => string };
    for (const bytes of [1, 99_999, 100_000, 4_999_999, 5_000_000, 5_000_001, 10_200_000, 123_456_789]) {
      expect(window.megabytes(bytes)).toBe(megabytes(bytes));
    }
    expect(megabytes(5_000_000)).toBe('5');
    expect(megabytes(5_000_001)).toBe('5.1');
  });
});

describe('logText', () => {
  it('spells out control characters, separators, bidi controls and lone surrogates; doubles a backslash', () => {
    expect(logText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(logText('\u001b[2J\u0000\u007f\u0085')).toBe('\\x1b[2J\\x00\\x7f\\x85');
    expect(logText('x\u2028y\u202ez\u2066\ufeff')).toBe('x\\u{2028}y\\u{202e}z\\u{2066}\\u{feff}');
    expect(logText('lone \ud800 end')).toBe('lone \\u{d800} end');
    expect(logText('C:\\path\\x41')).toBe('C:\\\\path\\\\x41');
  });

  it('keeps ordinary text, accents, CJK and emoji as they are', () => {
    expect(logText('photo_1 Café 写真 🎉')).toBe('photo_1 Café 写真 🎉');
  });

  it('cuts long text and says how much more there was, never splitting an emoji', () => {
    expect(logText('a'.repeat(250))).toBe(`${'a'.repeat(200)}… (50 more characters)`);
    expect(logText(`${'a'.repeat(9)}🎉b`, 10)).toBe(`${'a'.repeat(9)}… (3 more characters)`);
  });

  it('words any value without throwing', () => {
    expect(logText({ toString: 1 })).toBe('[object Object]');
    expect(logText(42)).toBe('42');
    expect(logText(null)).toBe('null');
  });
});
