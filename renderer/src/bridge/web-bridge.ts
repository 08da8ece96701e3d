// window.avatarWatch for the web preview: the same contract carried over the preview host's
// loopback WebSocket. Calls wait in a queue until the socket is open (for a while, not forever);
// after a reconnect the mirror is rebuilt from a fresh snapshot; a host that keeps refusing the
// socket (restarted with a new token, or stopped) is given up on. Opening images and
// notifications are done here, with the browser's own APIs, because the host has no desktop.
import type {
  AppError,
  AvatarWatchApi,
  AvatarWatchEvents,
  ClientMessage,
  CommandHandlers,
  CommandName,
  EventName,
  EventPayload,
  FinishedNotification,
  HostCommand,
  ImageActionResult,
  PageCommand,
  Result,
  ServerMessage,
  Snapshot,
  TestNotificationResult,
} from '../../../preload/api';
import { COMMAND_NAMES, EVENT_NAMES, MAX_FRAME_BYTES, answersNothing, eventMethod, runsIn } from '../../../preload/api';
import { isOverBytes } from '../format/paste-size';
import type { PageImages } from './page-images';

/** The part of the browser's WebSocket this bridge uses, so tests can pass a fake class. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}
export type SocketConstructor = new (url: string) => SocketLike;

/** The part of the browser's Notification API this bridge uses. */
export interface NotificationLike {
  onclick: ((event: Event) => void) | null;
  close(): void;
}
export interface NotificationConstructor {
  new (title: string, options?: NotificationOptions): NotificationLike;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** A notification's title and body, in the page's language. */
export interface NotificationWords {
  title: string;
  body: string;
}

export interface WebBridgeOptions {
  WebSocket: SocketConstructor;
  /** `location.protocol`: `https:` means `wss:`. */
  protocol: string;
  /** `location.host` (host and port). */
  host: string;
  /** `location.search`, which carries `?token=`. */
  search: string;
  /** Absent where the browser has no notifications. */
  Notification?: NotificationConstructor;
  /** Words a finished photo's notification in the page's language (main sends only data). */
  describeNotification?: (notification: FinishedNotification) => NotificationWords | Promise<NotificationWords>;
  /** Words the "Send a test notification" sample. */
  describeTestNotification?: () => NotificationWords | Promise<NotificationWords>;
  /** Where the first user gesture is awaited to ask for notification permission (window). */
  gestureTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** `window.open`. */
  openWindow?: (url: string, target: string, features: string) => unknown;
  /** `window.focus`. */
  focusWindow?: () => void;
  /** `document.hasFocus()`: whether the page has the focus (for "quiet while the window is focused"). */
  hasFocus?: () => boolean;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a call may wait for the socket to open before it fails. */
  queueTimeoutMs?: number;
  /** Connections in a row that close without ever opening before the bridge gives up. */
  maxRefusedConnections?: number;
  // labels
  /** Saves an export as a browser download (labels/download.ts). */
  download?: (fileName: string, content: string) => void;
  // results
  /** Copies or downloads the kept files the host names, with the browser's clipboard and downloads. */
  pageImages?: PageImages;
}

/**
 * The socket to the preview host, for the page's own banner; not part of the contract.
 * `connecting`: not open yet. `reconnecting`: was open, lost, trying again. `gone`: the host
 * kept refusing the socket (stopped, or restarted with a new token), so the bridge gave up.
 */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'gone';

export interface WebBridge extends AvatarWatchApi {
  /** Calls the listener at once with the current state, then on every change. */
  onTransportChanged(listener: (state: TransportState) => void): () => void;
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

/** Why a call failed, in words the page can show as they are. */
export const LOST_CONNECTION = 'Lost the connection to the preview; trying again…';
export const PREVIEW_GONE = 'This preview has stopped or restarted. Open the new Preview URL printed in the terminal.';
export const NOT_CONNECTED_IN_TIME = 'Could not reach the preview in time; it is still trying to reconnect.';
const BRIDGE_CLOSED = 'The preview connection is closed.';
/**
 * Refused here rather than sent: the host would close the socket over it (1009), failing every
 * other call in flight. No legal call is this large (see MAX_FRAME_BYTES).
 */
export const CALL_TOO_LARGE = 'This request is too large to send to the preview.';
/** Arguments JSON cannot carry (a cycle, a BigInt): no frame can be made of them. */
export const CALL_NOT_SENDABLE = 'This request could not be sent to the preview.';

/** Why a call failed in the bridge itself, as a code the window words (i18n/failure-words.ts). */
export type BridgeFailure = 'lost-connection' | 'preview-gone' | 'not-connected-in-time' | 'closed' | 'too-large' | 'not-sendable';
const FAILURE_CODES: Readonly<Record<string, BridgeFailure>> = {
  [LOST_CONNECTION]: 'lost-connection',
  [PREVIEW_GONE]: 'preview-gone',
  [NOT_CONNECTED_IN_TIME]: 'not-connected-in-time',
  [BRIDGE_CLOSED]: 'closed',
  [CALL_TOO_LARGE]: 'too-large',
  [CALL_NOT_SENDABLE]: 'not-sendable',
};

/** A call the bridge could not complete; `message` is the English for logs and tests. */
export class BridgeError extends Error {
  readonly code: BridgeFailure;
  constructor(message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = FAILURE_CODES[message] ?? 'closed';
  }
}

const OPEN = 1;

/**
 * The key commands answer a lost connection with an error value, not a throw: the key form words
 * it like any failed check. Other callers show a rejected call in their own way.
 */
const RESULT_ON_LOST_CONNECTION: ReadonlySet<CommandName> = new Set<CommandName>(['saveApiKey', 'removeApiKey']);

/** A call ready to go: its id and its frame, encoded (and measured) once. */
interface Outgoing {
  id: number;
  frame: string;
}

interface Pending {
  method: CommandName;
  /** False while the call waits in the queue: a lost socket never saw it, so it stays. */
  sent: boolean;
  /** Fails the call if it is still queued when the wait runs out. */
  queueTimer: ReturnType<typeof setTimeout> | null;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function socketUrl(protocol: string, host: string, search: string): string {
  const token = new URLSearchParams(search).get('token') ?? '';
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${host}/ws?token=${encodeURIComponent(token)}`;
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'result' || type === 'event' || type === 'notify';
}

export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const url = socketUrl(options.protocol, options.host, options.search);
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const queueTimeout = options.queueTimeoutMs ?? 15_000;
  const maxRefused = options.maxRefusedConnections ?? 5;

  /** Listeners per event of the contract (CONTRACT.events): a new event needs no line here. */
  const eventListeners = Object.fromEntries(EVENT_NAMES.map((name) => [name, new Set()])) as Record<EventName, Set<(payload: unknown) => void>>;
  const pending = new Map<number, Pending>();
  /** Calls made while the socket was not open; sent in order once it is. */
  const queue: Outgoing[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let backoff = initialBackoff;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let everOpened = false;
  /** Sockets in a row that closed without opening: the host refuses us or is not there. */
  let refusedInARow = 0;
  let closed = false;
  let transport: TransportState = 'connecting';
  const transportListeners = new Set<(state: TransportState) => void>();

  function setTransport(next: TransportState) {
    if (transport === next) return;
    transport = next;
    for (const listener of [...transportListeners]) listener(next);
  }

  function emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    for (const listener of [...eventListeners[name]]) listener(payload);
  }

  function connect() {
    if (closed) return;
    const ws = new options.WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      if (socket !== ws) return;
      opened = true;
      const isReconnect = everOpened;
      everOpened = true;
      backoff = initialBackoff;
      refusedInARow = 0;
      setTransport('open');
      for (const message of queue.splice(0)) send(ws, message);
      if (isReconnect) void resync();
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      handleMessage(event.data);
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting is decided there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending(LOST_CONNECTION);
      // The browser does not say why an upgrade failed; a host that was restarted (new token)
      // or stopped refuses every attempt, while a passing hiccup lets one through soon.
      if (!opened) refusedInARow += 1;
      if (refusedInARow >= maxRefused) {
        giveUp();
        return;
      }
      setTransport(everOpened ? 'reconnecting' : 'connecting');
      scheduleReconnect();
    };
  }

  /** The host is not coming back at this address: stop trying and fail everything waiting. */
  function giveUp() {
    closed = true;
    queue.length = 0;
    failPending(PREVIEW_GONE, true);
    setTransport('gone');
  }

  function scheduleReconnect() {
    if (closed || reconnectTimer !== null) return;
    const delay = backoff;
    backoff = Math.min(backoff * 2, maxBackoff);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function send(ws: SocketLike, message: Outgoing) {
    const call = pending.get(message.id);
    try {
      ws.send(message.frame);
      if (call) {
        call.sent = true;
        if (call.queueTimer !== null) clearTimeout(call.queueTimer);
        call.queueTimer = null;
      }
    } catch {
      // The socket is closing under us: keep the call for the next connection.
      queue.push(message);
    }
  }

  /** Answers every call sent on a lost socket: its reply can no longer arrive. */
  function failPending(reason: string, includeQueued = false) {
    const lost = [...pending.entries()].filter(([, call]) => call.sent || includeQueued);
    for (const [id, call] of lost) fail(id, call, reason);
  }

  function fail(id: number, call: Pending, reason: string) {
    pending.delete(id);
    if (call.queueTimer !== null) clearTimeout(call.queueTimer);
    call.queueTimer = null;
    answerFailure(call, reason);
  }

  /** A Result command answers with an error value, as main would; the others reject. */
  function answerFailure(call: Pick<Pending, 'method' | 'resolve' | 'reject'>, reason: string) {
    if (RESULT_ON_LOST_CONNECTION.has(call.method)) {
      const error: AppError = { kind: 'network', message: reason };
      call.resolve({ ok: false, error } satisfies Result<never>);
    } else {
      call.reject(new BridgeError(reason));
    }
  }

  /** After a reconnect, anything may have changed: rebuild the mirror from a fresh snapshot. */
  async function resync() {
    try {
      const snapshot = (await call('getSnapshot', [])) as Snapshot;
      emit('stateChanged', {
        upserted: snapshot.items,
        pause: snapshot.pause,
        checkingPaused: snapshot.checkingPaused,
        connection: snapshot.connection,
        account: snapshot.account,
        notices: snapshot.notices,
        replaceAll: true,
        // timeleft: what was learned meanwhile (a host without it sends none)
        ...(snapshot.durations === undefined ? {} : { durations: snapshot.durations }),
      });
    } catch {
      // The socket dropped again; the next reconnect resyncs.
    }
  }

  function handleMessage(data: unknown) {
    let message: unknown;
    try {
      message = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    if (!isServerMessage(message)) return;
    switch (message.type) {
      case 'result': {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else call.reject(new Error(message.error));
        return;
      }
      case 'event':
        // An event this page does not know (a newer host) is ignored.
        if (Object.hasOwn(eventListeners, message.name)) emit(message.name, message.payload);
        return;
      case 'notify': {
        const { type: _type, ...finished } = message;
        // The user's settings came with it: nothing while they look at the page, if they chose so.
        if (finished.quietWhileFocused && options.hasFocus?.()) return;
        const onClick = finished.outcome === 'summary' ? () => emit('focusItems', [...finished.photoIds]) : () => emit('focusItem', finished.photoId);
        // The words may still be loading (the page fetches them after its first paint): shown when in,
        // in arrival order (one shared load), never dropped.
        void Promise.resolve(options.describeNotification?.(finished) ?? { title: finished.photoId, body: finished.outcome }).then((words) =>
          showNotification(onClick, words.title, words.body, `avatar-watch-finished-${finished.group}`, finished.silent ?? false),
        );
        return;
      }
    }
  }

  function call(method: CommandName, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (closed) {
        answerFailure({ method, resolve, reject }, transport === 'gone' ? PREVIEW_GONE : BRIDGE_CLOSED);
        return;
      }
      const id = nextId++;
      const frame = encode({ type: 'call', id, method, args });
      if (frame === CALL_TOO_LARGE || frame === CALL_NOT_SENDABLE) {
        // This call alone fails; the socket and the other calls are untouched.
        answerFailure({ method, resolve, reject }, frame);
        return;
      }
      const pendingCall: Pending = { method, sent: false, queueTimer: null, resolve, reject };
      pending.set(id, pendingCall);
      const message: Outgoing = { id, frame: frame.frame };
      if (socket !== null && socket.readyState === OPEN) send(socket, message);
      else enqueue(message, pendingCall);
    });
  }

  /** The call's frame, or why there can be none. */
  function encode(message: ClientMessage): { frame: string } | typeof CALL_TOO_LARGE | typeof CALL_NOT_SENDABLE {
    let frame: string;
    try {
      frame = JSON.stringify(message);
    } catch {
      return CALL_NOT_SENDABLE;
    }
    return isOverBytes(frame, MAX_FRAME_BYTES) ? CALL_TOO_LARGE : { frame };
  }

  /** Waits for the socket to open, but not forever: a page must not hang on a dead host. */
  function enqueue(message: Outgoing, pendingCall: Pending) {
    queue.push(message);
    pendingCall.queueTimer = setTimeout(() => {
      pendingCall.queueTimer = null;
      const at = queue.indexOf(message);
      if (at < 0 || pending.get(message.id) !== pendingCall) return;
      queue.splice(at, 1);
      fail(message.id, pendingCall, NOT_CONNECTED_IN_TIME);
    }, queueTimeout);
  }

  // Notifications: browsers only grant permission from a user gesture, so ask on the first one.
  const Notify = options.Notification;
  if (Notify && Notify.permission === 'default' && options.gestureTarget) {
    const target = options.gestureTarget;
    const ask = () => {
      target.removeEventListener('pointerdown', ask);
      target.removeEventListener('keydown', ask);
      if (Notify.permission === 'default') void Notify.requestPermission().catch(() => undefined);
    };
    target.addEventListener('pointerdown', ask);
    target.addEventListener('keydown', ask);
  }

  /** `tag`: one per burst of finishes, so a later summary replaces the banner it grew from. */
  function showNotification(onClick: () => void, title: string, body: string, tag: string, silent: boolean) {
    if (!Notify || Notify.permission !== 'granted') return;
    try {
      const notification = new Notify(title, { body, tag, silent });
      notification.onclick = () => {
        options.focusWindow?.();
        onClick();
        notification.close();
      };
    } catch {
      // Some browsers refuse page notifications outright; the list still shows the change.
    }
  }

  /**
   * The preview's test: the browser's own notification, after asking for the permission (the
   * button click is the user gesture browsers want). `shown` means the browser accepted it.
   */
  async function sendTestNotification(): Promise<Result<TestNotificationResult>> {
    const platform = 'other';
    if (!Notify) return { ok: true, value: { shown: false, platform } };
    let permission = Notify.permission;
    if (permission === 'default') permission = await Notify.requestPermission().catch(() => 'denied' as const);
    if (permission !== 'granted') return { ok: true, value: { shown: false, platform } };
    const words = (await options.describeTestNotification?.()) ?? { title: 'Avatar Watch', body: '' };
    try {
      const notification = new Notify(words.title, { body: words.body, tag: 'avatar-watch-test' });
      notification.onclick = () => {
        options.focusWindow?.();
        notification.close();
      };
      return { ok: true, value: { shown: true, platform } };
    } catch {
      return { ok: true, value: { shown: false, platform } };
    }
  }

  async function openImage(url: string): Promise<Result<null>> {
    let parsed: URL | null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (parsed === null || parsed.protocol !== 'https:') {
      const input = parsed === null ? ({ code: 'link-invalid' } as const) : ({ code: 'link-not-https', scheme: parsed.protocol.replace(/:$/, '') } as const);
      return { ok: false, error: { kind: 'invalid-input', message: 'Only https links can be opened', input } };
    }
    options.openWindow?.(parsed.href, '_blank', 'noopener,noreferrer');
    return { ok: true, value: null };
  }

  /** The host names the kept files; the page copies or downloads them (page-images.ts). */
  async function pageImageAction(answer: Promise<unknown>, copy: boolean): Promise<ImageActionResult> {
    const result = (await answer) as ImageActionResult;
    return options.pageImages ? options.pageImages(result, copy) : { ok: false, problem: 'failed', detail: 'no-page-images' };
  }

  connect();

  // Every command the core or the host answers is one call over the socket, made from the
  // contract's map; a trailing argument left out stays out (JSON would make it null).
  const overSocket: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of COMMAND_NAMES) {
    if (runsIn(name) === 'page') continue;
    const silent = answersNothing(name);
    overSocket[name] = async (...args) => {
      while (args.length > 0 && args.at(-1) === undefined) args.pop();
      const value = await call(name, args);
      // A bare acknowledgement stays bare, whatever the host sent with it.
      return silent ? undefined : value;
    };
  }
  /** What the page does itself (`runsIn: 'page'`): one handler each, or this does not compile. */
  const inPage: CommandHandlers<PageCommand> = {
    openImage,
    sendTestNotification,
    // labels: the page saves an export itself, as a download; it never crosses the socket.
    saveExport: async (fileName, content) => {
      options.download?.(fileName, content);
      return { ok: true, value: { saved: options.download !== undefined } };
    },
  };
  /** The host names the kept files; the page copies or downloads them. */
  const finishedInPage: Pick<CommandHandlers<HostCommand>, 'copyImage' | 'saveImage' | 'saveAllImages'> = {
    copyImage: (photoId, url) => pageImageAction(call('copyImage', [photoId, url]), true),
    saveImage: (photoId, url) => pageImageAction(call('saveImage', [photoId, url]), false),
    saveAllImages: (photoId) => pageImageAction(call('saveAllImages', [photoId]), false),
  };

  // One subscription per event. The preview has no app menu, so openSettings and editCommand
  // never come: the page's own keys (Ctrl/Cmd+, and the list's shortcuts) are all there is.
  const subscriptions = Object.fromEntries(
    EVENT_NAMES.map((name) => [
      eventMethod(name),
      (listener: (payload: unknown) => void) => {
        eventListeners[name].add(listener);
        return () => eventListeners[name].delete(listener);
      },
    ]),
  ) as unknown as Pick<AvatarWatchApi, keyof AvatarWatchEvents>;

  return {
    ...(overSocket as unknown as CommandHandlers<Exclude<CommandName, PageCommand>>),
    ...finishedInPage,
    ...inPage,
    ...subscriptions,
    onTransportChanged(listener) {
      transportListeners.add(listener);
      listener(transport);
      return () => transportListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const ws = socket;
      socket = null;
      queue.length = 0;
      failPending(BRIDGE_CLOSED, true);
      ws?.close();
    },
  };
}
