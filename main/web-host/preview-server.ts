// The web preview host: the real core in plain Node, the built renderer over HTTP on
// 127.0.0.1, and the contract over a WebSocket that only a page holding the random token
// (and served from this origin) may open. A development and test host; installers do not ship it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ClientMessage, CommandHandlers, CommandName, CoreCommand, DesktopSettings, DesktopSettingsPatch, HostCommand, Result, ServerMessage } from '../../preload/api';
import { CONTRACT, MAX_FRAME_BYTES, answersWithResult, isCoreCommand, runsIn } from '../../preload/api';
import { checkCommandArgs } from '../core/command-args';
import type { Logger, Notifier, PhotoNotification } from '../core/ports';
import type { AvatarWatchService } from '../core/service';
import { desktopSettingsOf, saveDesktopPatch } from '../core/settings/desktop-settings';
import { logText } from './log-text';
import { readStatic } from './static-files';
import { readDataFile } from './data-files';
import { previewImageAction } from './preview-images';

export interface PreviewServerOptions {
  rendererDir: string;
  port: number;
  /** Extra image origin allowed by the page's CSP (the fake API's own images, on loopback). */
  extraImageOrigin?: string;
  logger: Logger;
  // results
  /** The data folder's `files/`, served under /data/ to the page holding the token (kept result images). */
  dataFilesDir?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}


/**
 * What this host answers itself (`runsIn: 'host'` in preload/api.ts CONTRACT), one handler each: a
 * host command without one is a compile error. The core answers `core` commands; `page` ones
 * (opening images, the test notification, saving an export) the page does itself, so they never
 * arrive here and are refused like unknown names.
 */
export type PreviewHostHandlers = CommandHandlers<HostCommand>;
function previewHostHandlers(service: AvatarWatchService): PreviewHostHandlers {
  return {
    getDesktopSettings: async () => (await previewDesktopSettings(service, undefined)) as DesktopSettings,
    setDesktopSettings: async (patch) => (await previewDesktopSettings(service, patch)) as Result<DesktopSettings>,
    // results
    copyImage: async (photoId, url) => previewImageAction(service, 'copyImage', photoId, url),
    saveImage: async (photoId, url) => previewImageAction(service, 'saveImage', photoId, url),
    saveAllImages: async (photoId) => previewImageAction(service, 'saveAllImages', photoId),
  };
}

/** A name the page may send over the socket: a command of the contract that does not run in the page. */
function isServedHere(name: string): name is CoreCommand | HostCommand {
  return Object.hasOwn(CONTRACT.commands, name) && runsIn(name as CommandName) !== 'page';
}

/** Broadcasts finished photos to every open preview page, which shows a browser notification. */
export class BroadcastNotifier implements Notifier {
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly logger: Logger) {}

  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  notify(n: PhotoNotification): void {
    this.logger.info(
      n.outcome === 'summary'
        ? `${n.photoIds.length} photos finished (${n.ready} ready, ${n.failed} failed), first ${logText(n.photoId)}`
        : `Photo ${logText(n.photoId)} finished: ${n.outcome}`,
    );
    // Codes only: the page words them in its own language.
    const message: ServerMessage = { type: 'notify', ...n };
    for (const socket of this.sockets) send(socket, message, this.logger);
  }
}

export async function startPreviewServer(
  service: AvatarWatchService,
  notifier: BroadcastNotifier,
  options: PreviewServerOptions,
): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  const hostHandlers = previewHostHandlers(service);
  const pageHtml = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
  let indexHtml = '';
  let origin = '';

  const http: Server = createServer((request, response) => {
    const url = parseRequestUrl(request, origin);
    if (!url) {
      response.writeHead(400).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('This preview needs its token. Open the full "Preview URL" printed in the terminal.\n');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(indexHtml);
      return;
    }
    // results
    if (url.pathname.startsWith('/data/')) {
      serveDataFile(url, response);
      return;
    }
    void readStatic(options.rendererDir, url.pathname)
      .then((file) => {
        if (!file) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
          return;
        }
        response.writeHead(200, { 'content-type': file.type, 'x-content-type-options': 'nosniff' });
        response.end(file.body);
      })
      .catch((error: unknown) => {
        // readStatic answers null for what it cannot read; this is for the unforeseen.
        options.logger.error(`Preview: could not serve ${logText(url.pathname)}: ${logText(errorText(error))}`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });

  /** Kept result images, for the page that holds the token only (the Electron app's app://data/). */
  function serveDataFile(url: URL, response: ServerResponse): void {
    if (!tokenMatches(url.searchParams.get('token'), token) || !options.dataFilesDir) {
      response.writeHead(404).end();
      return;
    }
    void readDataFile(options.dataFilesDir, url.pathname)
      .then((file) => {
        if (!file) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': file.type, 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-cache' }).end(file.body);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  }

  // MAX_FRAME_BYTES holds the largest legal call; ws closes a socket sending more with 1009
  // before buffering it all.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // With noServer this should never fire; were it to, an unheard 'error' would stop the host.
  wss.on('error', (error) => options.logger.warn(`Preview: WebSocket server error: ${logText(error.message)}`));
  http.on('upgrade', (request, socket, head) => {
    // Node takes its own error handling off an upgraded socket; a client that resets it before
    // ws takes over (or while being refused) must not be an uncaught exception.
    socket.on('error', () => socket.destroy());
    if (!isAllowedUpgrade(request, origin, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      notifier.attach(ws);
      serveConnection(ws, service, hostHandlers, options.logger);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  // Listening: a later server error is logged, never left to stop the host.
  http.on('error', (error) => options.logger.error(`Preview: HTTP server error: ${logText(error.message)}`));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://127.0.0.1:${port}`;
  indexHtml = previewCsp(pageHtml, `ws://127.0.0.1:${port}`, options.extraImageOrigin);

  return {
    url: `${origin}/?token=${token}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Close codes (RFC 6455 7.4.1) for a peer that broke the protocol. ws itself closes with 1009
 * (a frame over maxPayload) and 1007 (text that is not UTF-8), and 1002 for a bad frame.
 */
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_INVALID_DATA = 1007;
const CLOSE_POLICY = 1008;

/** A call as the page sends it; anything else closes the socket (see parseCall). */
type Call = { kind: 'call'; message: ClientMessage } | { kind: 'bad'; id: number | null; code: number; reason: string };

/** One page: answers its calls and forwards state patches to it. */
function serveConnection(ws: WebSocket, service: AvatarWatchService, hostHandlers: CommandHandlers<HostCommand>, logger: Logger): void {
  // Without an 'error' listener, ws's report of a protocol error (an oversized frame, invalid
  // UTF-8) or of a failed connection would be an uncaught exception and stop the whole host. ws
  // has already sent the close frame with the right code by then; this only says what happened.
  ws.on('error', (error) => logger.warn(`Preview: a socket failed and is closed: ${logText(error.message)}`));
  const unsubscribe = service.onStateChanged((patch) => send(ws, { type: 'event', name: 'stateChanged', payload: patch }, logger));
  ws.once('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    // Frames that arrived with the one that closed the socket are not answered.
    if (ws.readyState !== ws.OPEN) return;
    const call = parseCall(data, isBinary);
    if (call.kind === 'bad') {
      logger.warn(`Preview: closed a socket (${call.code}): ${logText(call.reason)}`);
      if (call.id !== null) send(ws, { type: 'result', id: call.id, ok: false, error: call.reason }, logger);
      ws.close(call.code, closeReason(call.reason));
      return;
    }
    // answer() never rejects; the catch is for a bug in it, which must cost one call, not the host.
    answer(service, hostHandlers, call.message, logger)
      .catch((error: unknown): ServerMessage => {
        logger.error(`Preview: "${logText(call.message.method, 64)}" failed unexpectedly: ${logText(errorText(error))}`);
        return { type: 'result', id: call.message.id, ok: false, error: 'The preview host could not answer this call.' };
      })
      .then((reply) => send(ws, reply, logger))
      // send() does not throw; this only makes sure that nothing here can ever go unhandled.
      .catch(() => undefined);
  });
}

/**
 * Checks one frame against the envelope the page sends ({type: 'call', id, method, args}) before
 * anything reads its fields, so no value of any type (`method: {"toString": 1}`) can make the
 * host throw. A well-formed call to a command this host does not serve, or with bad arguments,
 * is answered by answer() and the socket stays open; a frame that is not such a call closes it.
 */
function parseCall(data: RawData, isBinary: boolean): Call {
  // The page sends text only; a binary frame is some other client.
  if (isBinary) return { kind: 'bad', id: null, code: CLOSE_UNSUPPORTED_DATA, reason: 'Only text frames are accepted.' };
  let value: unknown;
  try {
    value = JSON.parse(rawText(data));
  } catch {
    return { kind: 'bad', id: null, code: CLOSE_INVALID_DATA, reason: 'The message is not JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'bad', id: null, code: CLOSE_POLICY, reason: 'The message is not a call object.' };
  }
  const fields = value as Record<string, unknown>;
  // Only an id the page could have made can be answered: it must find its call by it.
  const id = Number.isSafeInteger(fields.id) ? (fields.id as number) : null;
  if (id === null) return { kind: 'bad', id: null, code: CLOSE_POLICY, reason: 'The call has no whole-number id.' };
  if (fields.type !== 'call') return { kind: 'bad', id, code: CLOSE_POLICY, reason: 'The message is not a call.' };
  if (typeof fields.method !== 'string') return { kind: 'bad', id, code: CLOSE_POLICY, reason: 'The method must be text.' };
  if (!Array.isArray(fields.args)) return { kind: 'bad', id, code: CLOSE_POLICY, reason: 'The arguments must be a list.' };
  return { kind: 'call', message: { type: 'call', id, method: fields.method as CommandName, args: fields.args as unknown[] } };
}

/** ws hands a text frame as a Buffer (or fragments); it has already checked that it is UTF-8. */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** A close frame's reason may hold 123 bytes; ours are short ASCII, cut to be sure. */
function closeReason(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : reason.slice(0, 100);
}

async function answer(service: AvatarWatchService, hostHandlers: CommandHandlers<HostCommand>, message: ClientMessage, logger: Logger): Promise<ServerMessage> {
  const id = message.id;
  if (!isServedHere(message.method)) {
    // Cut and spelled out, in the log and in the answer: the name can be anything a client sent.
    const name = logText(message.method, 64);
    logger.warn(`Preview: refused an unknown command "${name}".`);
    return { type: 'result', id, ok: false, error: `Unknown command: ${name}` };
  }
  const method = message.method;
  const args = checkCommandArgs(method, message.args);
  // A refused argument of a command that answers a Result is an answer with its code for the window to word, as in Electron.
  if (!args.ok && answersWithResult(method)) return { type: 'result', id, ok: true, value: args };
  if (!args.ok) return { type: 'result', id, ok: false, error: args.error.message };
  try {
    const handler = (isCoreCommand(method) ? (service as unknown as Record<CoreCommand, unknown>)[method] : hostHandlers[method]) as (...a: unknown[]) => Promise<unknown>;
    return { type: 'result', id, ok: true, value: await handler(...args.value) };
  } catch (error) {
    return { type: 'result', id, ok: false, error: errorText(error) };
  }
}

/** An error's message, whatever was thrown. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : logText(error);
}

/**
 * The preview has no login items to register: it keeps the two switches in its settings file
 * (so the window behaves as in the app) and says `not-supported`. A patch makes it a `set`.
 */
async function previewDesktopSettings(
  service: AvatarWatchService,
  patch: DesktopSettingsPatch | undefined,
): Promise<DesktopSettings | Result<DesktopSettings>> {
  if (patch !== undefined) await saveDesktopPatch(service.settings, patch);
  const value = desktopSettingsOf(service.settings.get(), 'not-supported', 'other');
  return patch === undefined ? value : { ok: true, value };
}

/**
 * Sends if the socket is still open. Never throws: it runs inside the core's state listeners and
 * after every call, where a throw would break the core's emitter or become an unhandled rejection.
 */
function send(ws: WebSocket, message: ServerMessage, logger?: Logger): void {
  if (ws.readyState !== ws.OPEN) return;
  try {
    ws.send(JSON.stringify(message));
  } catch (error) {
    logger?.error(`Preview: could not send a ${message.type} message: ${logText(errorText(error))}`);
  }
}

/** The request's URL, or null for a request line no URL parser accepts (never a crash). */
function parseRequestUrl(request: IncomingMessage, origin: string): URL | null {
  try {
    return new URL(request.url ?? '/', origin);
  } catch {
    return null;
  }
}

function isAllowedUpgrade(request: IncomingMessage, origin: string, token: string): boolean {
  const url = parseRequestUrl(request, origin);
  // The Origin check stops other local pages; the token stops other local programs' pages.
  return url !== null && url.pathname === '/ws' && request.headers.origin === origin && tokenMatches(url.searchParams.get('token'), token);
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/**
 * The built page's CSP, opened just enough for the preview: its own WebSocket (the Electron app
 * has none) and, with a fake API on loopback, that API's images.
 */
function previewCsp(html: string, socketOrigin: string, extraImageOrigin?: string): string {
  const withSocket = html.replace("connect-src 'self'", `connect-src 'self' ${socketOrigin}`);
  return extraImageOrigin ? withSocket.replace('img-src ', `img-src ${extraImageOrigin} `) : withSocket;
}
