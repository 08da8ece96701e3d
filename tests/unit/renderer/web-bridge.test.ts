// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, FinishedNotification, ServerMessage, StatePatch } from '../../../preload/api';
import { EVENT_NAMES, MAX_FRAME_BYTES, MAX_PASTE_BYTES, eventMethod } from '../../../preload/api';
import {
  CALL_NOT_SENDABLE,
  CALL_TOO_LARGE,
  createWebBridge,
  socketUrl,
  type NotificationConstructor,
  type SocketLike,
  type TransportState,
  type WebBridge,
} from '../../../renderer/src/bridge/web-bridge';
import { CONNECTED, ONLINE, makeItem, snapshotOf } from './fake-api';

/** A WebSocket stand-in the test drives by hand: open it, answer it, drop it. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: ClientMessage[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  static get last(): FakeSocket {
    const socket = FakeSocket.all.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  receive(message: ServerMessage | string) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) } as MessageEvent);
  }
  answer(value: unknown, index = this.sent.length - 1) {
    const call = this.sent[index];
    if (!call) throw new Error('no call to answer');
    this.receive({ type: 'result', id: call.id, ok: true, value });
  }
}

function makeBridge(extra: Partial<Parameters<typeof createWebBridge>[0]> = {}): WebBridge {
  return createWebBridge({
    WebSocket: FakeSocket,
    protocol: 'http:',
    host: '127.0.0.1:5199',
    search: '?token=s3cr%2Bt',
    initialBackoffMs: 100,
    maxBackoffMs: 400,
    ...extra,
  });
}


/** Lets a notification's words (a promise in the page) arrive. */
const notifyWords = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('web bridge', () => {
  let bridge: WebBridge | null = null;
  beforeEach(() => {
    FakeSocket.all = [];
  });
  afterEach(() => {
    bridge?.close();
    bridge = null;
    vi.useRealTimers();
  });

  // results
  it('asks the host which kept files to copy or save, then lets the page finish the job', async () => {
    const finish = vi.fn(async () => ({ ok: true as const, saved: 4 }));
    bridge = makeBridge({ pageImages: finish });
    FakeSocket.last.open();
    const saved = bridge.saveAllImages('a');
    expect(FakeSocket.last.sent.at(-1)).toMatchObject({ method: 'saveAllImages', args: ['a'] });
    const answer = { ok: true, saved: 4, downloads: [{ path: 'results/a/1.png', name: 'a-1.png' }] };
    FakeSocket.last.answer(answer);
    expect(await saved).toEqual({ ok: true, saved: 4 });
    expect(finish).toHaveBeenCalledWith(answer, false);
  });

  it('connects to /ws on this host with the page token', () => {
    bridge = makeBridge();
    expect(FakeSocket.last.url).toBe('ws://127.0.0.1:5199/ws?token=s3cr%2Bt');
    expect(socketUrl('https:', 'example.test', '?token=a')).toBe('wss://example.test/ws?token=a');
  });

  it('queues calls until open, then matches each result to its call', async () => {
    bridge = makeBridge();
    const snapshot = bridge.getSnapshot();
    const added = bridge.addPhotos('a, b');
    expect(FakeSocket.last.sent).toHaveLength(0);

    FakeSocket.last.open();
    const [first, second] = FakeSocket.last.sent;
    expect(first).toMatchObject({ type: 'call', method: 'getSnapshot', args: [] });
    expect(second).toMatchObject({ type: 'call', method: 'addPhotos', args: ['a, b'] });

    // Answers may come in any order.
    FakeSocket.last.answer({ added: ['a', 'b'], rejected: [], rejectedNotListed: 0 }, 1);
    FakeSocket.last.answer(snapshotOf({ account: CONNECTED }), 0);
    await expect(added).resolves.toEqual({ added: ['a', 'b'], rejected: [], rejectedNotListed: 0 });
    await expect(snapshot).resolves.toMatchObject({ account: CONNECTED });
  });

  it('rejects a call the host refused', async () => {
    bridge = makeBridge();
    FakeSocket.last.open();
    const removing = bridge.removePhoto('x');
    const call = FakeSocket.last.sent[0]!;
    FakeSocket.last.receive({ type: 'result', id: call.id, ok: false, error: 'Unknown command' });
    await expect(removing).rejects.toThrow('Unknown command');
  });

  it('never sends a frame larger than the host reads: that call alone fails, the socket and the other calls carry on', async () => {
    bridge = makeBridge();
    FakeSocket.last.open();
    const other = bridge.checkNow('ph_1');
    // Control characters are written \u00XX in JSON, six bytes each: just over the host's frame.
    const tooLarge = '\u0001'.repeat(Math.ceil(MAX_FRAME_BYTES / 6));
    await expect(bridge.addPhotos(tooLarge)).rejects.toThrow(CALL_TOO_LARGE);
    await expect(bridge.saveApiKey('\u0001'.repeat(Math.ceil(MAX_FRAME_BYTES / 6)))).resolves.toEqual({
      ok: false,
      error: { kind: 'network', message: CALL_TOO_LARGE },
    });
    expect(FakeSocket.last.sent.map((m) => m.method)).toEqual(['checkNow']);
    expect(FakeSocket.last.readyState).toBe(1);
    FakeSocket.last.answer(null, 0);
    await expect(other).resolves.toBeUndefined();

    // The largest legal paste, in its worst JSON form, still goes in one frame.
    const largestLegal = bridge.addPhotos('\u0001'.repeat(MAX_PASTE_BYTES));
    expect(FakeSocket.last.sent.at(-1)).toMatchObject({ method: 'addPhotos' });
    FakeSocket.last.answer({ added: [], rejected: [], rejectedNotListed: 0 });
    await expect(largestLegal).resolves.toEqual({ added: [], rejected: [], rejectedNotListed: 0 });
  });

  it('a call JSON cannot carry fails at once instead of waiting in the queue forever', async () => {
    bridge = makeBridge();
    FakeSocket.last.open();
    await expect(bridge.setDesktopSettings({ startAtLogin: 1n } as never)).rejects.toThrow(CALL_NOT_SENDABLE);
    const checking = bridge.checkNow('ph_2');
    expect(FakeSocket.last.sent.map((m) => m.method)).toEqual(['checkNow']);
    FakeSocket.last.answer(null, 0);
    await expect(checking).resolves.toBeUndefined();
  });

  it('dispatches state and focus events to listeners until they unsubscribe', () => {
    bridge = makeBridge();
    FakeSocket.last.open();
    const patches: StatePatch[] = [];
    const focused: string[] = [];
    const off = bridge.onStateChanged((patch) => patches.push(patch));
    bridge.onFocusItem((id) => focused.push(id));

    FakeSocket.last.receive({ type: 'event', name: 'stateChanged', payload: { removed: ['a'] } });
    FakeSocket.last.receive({ type: 'event', name: 'focusItem', payload: 'ph_1' });
    FakeSocket.last.receive('not json at all');
    FakeSocket.last.receive(JSON.stringify({ type: 'mystery' }));
    off();
    FakeSocket.last.receive({ type: 'event', name: 'stateChanged', payload: { removed: ['b'] } });

    expect(patches).toEqual([{ removed: ['a'] }]);
    expect(focused).toEqual(['ph_1']);
  });

  // Built from the contract's map: every event reaches its listener, and an unknown one is ignored.
  it.each(EVENT_NAMES)('delivers the %s event to its own listener only', (name) => {
    bridge = makeBridge();
    FakeSocket.last.open();
    const heard: [string, unknown][] = [];
    for (const other of EVENT_NAMES) {
      const subscribe = bridge[eventMethod(other)] as (listener: (payload: unknown) => void) => () => void;
      subscribe((payload) => heard.push([other, payload]));
    }
    FakeSocket.last.receive(JSON.stringify({ type: 'event', name: 'notAnEvent', payload: 1 }));
    FakeSocket.last.receive({ type: 'event', name, payload: 'payload' } as ServerMessage);
    expect(heard).toEqual([[name, 'payload']]);
  });

  it('reconnects with growing, capped delays and then rebuilds the mirror with replaceAll', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    FakeSocket.last.open();
    const patches: StatePatch[] = [];
    bridge.onStateChanged((patch) => patches.push(patch));

    // A call in flight when the socket drops is answered, not left hanging.
    const lost = bridge.saveApiKey('sk-1');
    FakeSocket.last.drop();
    await expect(lost).resolves.toMatchObject({ ok: false, error: { kind: 'network' } });

    // Refused reconnects back off: 100, 200, 400, 400 ms.
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
      if (attempt < 3) FakeSocket.last.drop();
    }
    expect(delays).toEqual([100, 200, 400, 400]);

    FakeSocket.last.open();
    const resync = FakeSocket.last.sent[0]!;
    expect(resync.method).toBe('getSnapshot');
    const items = [makeItem('a'), makeItem('b', { status: 'ready' })];
    FakeSocket.last.answer(snapshotOf({ items, account: CONNECTED, pause: null, notices: [] }), 0);
    await vi.waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({ upserted: items, pause: null, checkingPaused: false, connection: ONLINE, account: CONNECTED, notices: [], replaceAll: true });
  });

  it('keeps queued calls across a connection that never opened', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const checking = bridge.checkNow('ph_1');
    FakeSocket.last.drop();
    vi.advanceTimersByTime(100);
    FakeSocket.last.open();
    expect(FakeSocket.last.sent.map((m) => m.method)).toEqual(['checkNow']);
    FakeSocket.last.answer(null, 0);
    await expect(checking).resolves.toBeUndefined();
  });

  it('rejects a call in flight when the socket drops, saying so in plain words', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    FakeSocket.last.open();
    const removing = bridge.removePhoto('ph_1');
    const saving = bridge.saveApiKey('sk-1');
    FakeSocket.last.drop();
    await expect(removing).rejects.toThrow('Lost the connection to the preview; trying again…');
    await expect(saving).resolves.toEqual({
      ok: false,
      error: { kind: 'network', message: 'Lost the connection to the preview; trying again…' },
    });
  });

  it('fails a queued call after 15 s if the socket never opened, and never sends it later', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const checking = bridge.checkNow('ph_1');
    const saving = bridge.saveApiKey('sk-1');
    let settled = false;
    checking.then(
      () => (settled = true),
      () => (settled = true),
    );

    // The socket hangs in "connecting": the host took the connection but never answers.
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(checking).rejects.toThrow(/Could not reach the preview in time/);
    await expect(saving).resolves.toMatchObject({ ok: false, error: { kind: 'network' } });

    FakeSocket.last.open();
    expect(FakeSocket.last.sent).toHaveLength(0);
  });

  it('does not time out a call that was sent once the socket opened', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const snapshot = bridge.getSnapshot();
    await vi.advanceTimersByTimeAsync(10_000);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(60_000); // JoggAI-bound work may take long; the socket is up
    FakeSocket.last.answer(snapshotOf(), 0);
    await expect(snapshot).resolves.toMatchObject({ items: [] });
  });

  it('gives up on a host that refuses the socket every time (preview restarted or stopped)', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const states: TransportState[] = [];
    bridge.onTransportChanged((state) => states.push(state));
    FakeSocket.last.open();
    FakeSocket.last.drop(); // the preview was stopped

    const waiting = expect(bridge.checkNow('ph_1')).rejects.toThrow(
      'This preview has stopped or restarted. Open the new Preview URL printed in the terminal.',
    );
    // Every attempt closes before it opens, as a refused upgrade (403) or a closed port does.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await vi.advanceTimersByTimeAsync(400);
      expect(FakeSocket.all).toHaveLength(attempt + 1);
      FakeSocket.last.drop();
    }
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'gone']);
    await waiting;

    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(6); // no more attempts
    await expect(bridge.getSnapshot()).rejects.toThrow(/Open the new Preview URL/);
    await expect(bridge.saveApiKey('sk-1')).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/stopped or restarted/) } });
  });

  it('gives up on a page whose very first socket is refused too', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const loading = expect(bridge.getSnapshot()).rejects.toThrow(/stopped or restarted/);
    const states: TransportState[] = [];
    bridge.onTransportChanged((state) => states.push(state));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      FakeSocket.last.drop();
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(FakeSocket.all).toHaveLength(5);
    expect(states).toEqual(['connecting', 'gone']);
    await loading;
  });

  it('keeps trying while refusals are broken by connections that open', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const states: TransportState[] = [];
    bridge.onTransportChanged((state) => states.push(state));
    for (let round = 0; round < 3; round += 1) {
      FakeSocket.last.open();
      FakeSocket.last.drop();
      for (let refused = 0; refused < 4; refused += 1) {
        await vi.advanceTimersByTimeAsync(400);
        FakeSocket.last.drop();
      }
      await vi.advanceTimersByTimeAsync(400);
    }
    FakeSocket.last.open();
    expect(states.at(-1)).toBe('open');
    expect(states).not.toContain('gone');
  });

  it('reports the transport state at once and on every change, until unsubscribed', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const states: TransportState[] = [];
    const off = bridge.onTransportChanged((state) => states.push(state));
    expect(states).toEqual(['connecting']);
    FakeSocket.last.open();
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.last.open();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    off();
    FakeSocket.last.drop();
    expect(states).toHaveLength(4);
  });

  it('opens only https images, locally, without the opener', async () => {
    const openWindow = vi.fn();
    bridge = makeBridge({ openWindow });
    await expect(bridge.openImage('http://cdn.jogg.ai/1.png')).resolves.toEqual({
      ok: false,
      // A code the window words in the user's language; the message is the log's.
      error: { kind: 'invalid-input', message: 'Only https links can be opened', input: { code: 'link-not-https', scheme: 'http' } },
    });
    await expect(bridge.openImage('javascript:alert(1)')).resolves.toMatchObject({ ok: false });
    await expect(bridge.openImage('not a url')).resolves.toMatchObject({ ok: false, error: { input: { code: 'link-invalid' } } });
    expect(openWindow).not.toHaveBeenCalled();

    await expect(bridge.openImage('https://cdn.jogg.ai/1.png')).resolves.toEqual({ ok: true, value: null });
    expect(openWindow).toHaveBeenCalledWith('https://cdn.jogg.ai/1.png', '_blank', 'noopener,noreferrer');
    expect(FakeSocket.last.sent).toHaveLength(0);
  });

  it('asks for notification permission on the first gesture, shows notify messages, and a click focuses the item', async () => {
    const shown: { title: string; options?: NotificationOptions; instance: { onclick: ((e: Event) => void) | null } }[] = [];
    let permission: NotificationPermission = 'default';
    const requestPermission = vi.fn(async () => {
      permission = 'granted';
      return permission;
    });
    const FakeNotification = class {
      onclick: ((e: Event) => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, options, instance: this });
      }
      close() {}
      static get permission() {
        return permission;
      }
      static requestPermission = requestPermission;
    } as unknown as NotificationConstructor;
    const target = new EventTarget();
    const focusWindow = vi.fn();
    // Main sends data; the page words it (main.ts passes the catalogue's wording).
    const describeNotification = (n: FinishedNotification) => ({ title: n.outcome === 'failed' ? 'Failed' : 'Ready', body: n.outcome === 'summary' ? `${n.ready} ready` : `${n.photoId} has ${n.imageCount} images` });
    bridge = makeBridge({ Notification: FakeNotification, gestureTarget: target, focusWindow, describeNotification });
    FakeSocket.last.open();
    const focused: string[] = [];
    bridge.onFocusItem((id) => focused.push(id));

    FakeSocket.last.receive({ type: 'notify', photoId: 'ph_1', outcome: 'ready', imageCount: 4, failureMessage: null, group: 1 });
    await notifyWords();
    expect(shown).toHaveLength(0); // no permission yet

    target.dispatchEvent(new Event('pointerdown'));
    target.dispatchEvent(new Event('keydown'));
    await Promise.resolve();
    expect(requestPermission).toHaveBeenCalledOnce();

    FakeSocket.last.receive({ type: 'notify', photoId: 'ph_2', outcome: 'ready', imageCount: 4, failureMessage: null, group: 2 });
    await notifyWords();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Ready', options: { body: 'ph_2 has 4 images', tag: 'avatar-watch-finished-2' } });
    shown[0]!.instance.onclick?.(new Event('click'));
    expect(focusWindow).toHaveBeenCalledOnce();
    expect(focused).toEqual(['ph_2']);

    // More of the same burst finished: one summary under the same tag, so the browser replaces
    // the banner instead of stacking a second one; a click shows the list filtered to all of them.
    const filtered: string[][] = [];
    bridge.onFocusItems((ids) => filtered.push(ids));
    FakeSocket.last.receive({ type: 'notify', outcome: 'summary', photoId: 'ph_2', photoIds: ['ph_2', 'ph_3', 'ph_4'], ready: 3, failed: 0, group: 2 });
    await notifyWords();
    expect(shown[1]).toMatchObject({ title: 'Ready', options: { body: '3 ready', tag: 'avatar-watch-finished-2' } });
    shown[1]!.instance.onclick?.(new Event('click'));
    expect(focused).toEqual(['ph_2']);
    expect(filtered).toEqual([['ph_2', 'ph_3', 'ph_4']]);
  });

  it('follows the notification settings main sends along: silent without sound, nothing while the page has the focus', async () => {
    const shown: { title: string; options?: NotificationOptions }[] = [];
    const FakeNotification = class {
      onclick: ((e: Event) => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, options });
      }
      close() {}
      static permission: NotificationPermission = 'granted';
      static requestPermission = vi.fn(async () => 'granted' as const);
    } as unknown as NotificationConstructor;
    let focused = true;
    bridge = makeBridge({ Notification: FakeNotification, hasFocus: () => focused, describeNotification: (n) => ({ title: n.photoId, body: '' }) });
    FakeSocket.last.open();
    const finished = { type: 'notify', outcome: 'ready', imageCount: 4, failureMessage: null } as const;
    FakeSocket.last.receive({ ...finished, photoId: 'quiet', group: 1, quietWhileFocused: true, silent: false });
    await notifyWords();
    FakeSocket.last.receive({ ...finished, photoId: 'muted', group: 2, quietWhileFocused: false, silent: true });
    await notifyWords();
    focused = false;
    FakeSocket.last.receive({ ...finished, photoId: 'away', group: 3, quietWhileFocused: true, silent: false });
    await notifyWords();
    expect(shown.map((n) => [n.title, n.options?.silent])).toEqual([
      ['muted', true],
      ['away', false],
    ]);
  });

  it('sends the test notification itself, with the browser’s Notification, asking for permission first', async () => {
    const shown: { title: string; options?: NotificationOptions }[] = [];
    let answer: NotificationPermission = 'granted';
    let permission: NotificationPermission = 'default';
    const FakeNotification = class {
      onclick: ((e: Event) => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, options });
      }
      close() {}
      static get permission() {
        return permission;
      }
      static requestPermission = vi.fn(async () => (permission = answer));
    } as unknown as NotificationConstructor;
    bridge = makeBridge({ Notification: FakeNotification, describeTestNotification: () => ({ title: 'It works', body: 'Test' }) });
    await expect(bridge.sendTestNotification()).resolves.toEqual({ ok: true, value: { shown: true, platform: 'other' } });
    expect(shown).toEqual([{ title: 'It works', options: { body: 'Test', tag: 'avatar-watch-test' } }]);
    // Nothing went over the socket: the host has no desktop of its own.
    expect(FakeSocket.last.sent).toEqual([]);

    permission = 'default';
    answer = 'denied';
    await expect(bridge.sendTestNotification()).resolves.toEqual({ ok: true, value: { shown: false, platform: 'other' } });
    expect(shown).toHaveLength(1);
    bridge.close();
    bridge = makeBridge({});
    await expect(bridge.sendTestNotification()).resolves.toEqual({ ok: true, value: { shown: false, platform: 'other' } });
  });

  it('stops reconnecting once closed and fails what was waiting', async () => {
    vi.useFakeTimers();
    bridge = makeBridge();
    const waiting = bridge.getSnapshot();
    bridge.close();
    await expect(waiting).rejects.toThrow();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    bridge = null;
  });
});
