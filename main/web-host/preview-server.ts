// The web preview host: the real core in plain Node, the built renderer over HTTP on
// 127.0.0.1, and the contract over a WebSocket that only a page holding the random token
// (and served from this origin) may open. A development and test host; installers do not ship it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, CommandName, DesktopSettings, DesktopSettingsPatch, Result, ServerMessage } from '../../preload/api';
import { COMMAND_NAMES } from '../../preload/api';
import { checkCommandArgs, MAX_PASTE_CHARS } from '../core/command-args';
import type { Logger, Notifier, PhotoNotification } from '../core/ports';
import type { AvatarWatchService } from '../core/service';
import { desktopSettingsOf, saveDesktopPatch } from '../core/settings/desktop-settings';
import { readStatic } from './static-files';

export interface PreviewServerOptions {
  rendererDir: string;
  port: number;
  /** Extra image origin allowed by the page's CSP (the fake API's own images, on loopback). */
  extraImageOrigin?: string;
  logger: Logger;
}

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Opening images and the test notification are done by the page itself (window.open, the
 * browser's Notification); everything else goes to the core.
 */
const PAGE_COMMANDS = ['openImage', 'sendTestNotification'] as const satisfies readonly CommandName[];
/** The preview host answers the desktop switches itself (see previewDesktopSettings). */
type HostCommand = 'getDesktopSettings' | 'setDesktopSettings';
type ServerCommand = Exclude<CommandName, (typeof PAGE_COMMANDS)[number] | HostCommand>;
const SERVER_COMMANDS = new Set<CommandName>(COMMAND_NAMES.filter((name) => !(PAGE_COMMANDS as readonly CommandName[]).includes(name)));

/** Broadcasts finished photos to every open preview page, which shows a browser notification. */
export class BroadcastNotifier implements Notifier {
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly logger: Logger) {}

  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  notify(n: PhotoNotification): void {
    this.logger.info(`Photo ${n.photoId} finished: ${n.outcome}`);
    // Codes only: the page words them in its own language.
    const message: ServerMessage = { type: 'notify', ...n };
    for (const socket of this.sockets) send(socket, message);
  }
}

export async function startPreviewServer(
  service: AvatarWatchService,
  notifier: BroadcastNotifier,
  options: PreviewServerOptions,
): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
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
    void readStatic(options.rendererDir, url.pathname).then((file) => {
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      response.writeHead(200, { 'content-type': file.type, 'x-content-type-options': 'nosniff' });
      response.end(file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PASTE_CHARS * 2 });
  http.on('upgrade', (request, socket, head) => {
    if (!isAllowedUpgrade(request, origin, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      notifier.attach(ws);
      serveConnection(ws, service, options.logger);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => resolve());
  });
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

/** One page: answers its calls and forwards state patches to it. */
function serveConnection(ws: WebSocket, service: AvatarWatchService, logger: Logger): void {
  const unsubscribe = service.onStateChanged((patch) => send(ws, { type: 'event', name: 'stateChanged', payload: patch }));
  ws.once('close', unsubscribe);
  ws.on('message', (data) => {
    let message: ClientMessage;
    try {
      message = JSON.parse(data.toString()) as ClientMessage;
    } catch {
      logger.warn('Preview: ignored a message that is not JSON.');
      return;
    }
    void answer(service, message).then((reply) => send(ws, reply));
  });
}

async function answer(service: AvatarWatchService, message: ClientMessage): Promise<ServerMessage> {
  const id = typeof message?.id === 'number' ? message.id : -1;
  if (message?.type !== 'call' || !SERVER_COMMANDS.has(message.method)) {
    return { type: 'result', id, ok: false, error: `Unknown command: ${String(message?.method)}` };
  }
  const args = checkCommandArgs(message.method, Array.isArray(message.args) ? message.args : []);
  if (!args.ok) return { type: 'result', id, ok: false, error: args.error.message };
  try {
    if (message.method === 'getDesktopSettings' || message.method === 'setDesktopSettings') {
      return { type: 'result', id, ok: true, value: await previewDesktopSettings(service, args.value[0] as DesktopSettingsPatch | undefined) };
    }
    const method = service[message.method as ServerCommand] as (...a: unknown[]) => Promise<unknown>;
    return { type: 'result', id, ok: true, value: await method(...args.value) };
  } catch (error) {
    return { type: 'result', id, ok: false, error: (error as Error).message };
  }
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

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
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
