// The one app window and the session rules around it: locked-down web preferences, no
// navigation away from our renderer, no new windows, no permissions but notifications, a CSP.
import { BrowserWindow, shell, type Session } from 'electron';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNELS } from '../../preload/api';
import type { Logger } from '../core/ports';

/** Where our renderer comes from: the dev server in `electron-vite dev`, else the built file. */
export type RendererLocation = { kind: 'dev'; url: string } | { kind: 'file'; path: string };

/**
 * The renderer's Content-Security-Policy, sent as a header too. It must stay equal to the
 * `<meta>` CSP in renderer/index.html (a unit test compares them); both apply, so a stricter
 * header would silently break the page. Images may come from any https host (JoggAI's results
 * live on a CDN); `ws://127.0.0.1:*` is there for the web preview's loopback socket.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Only honoured as a header (a <meta> CSP ignores it), so it is the one directive the page lacks.
  "frame-ancestors 'none'",
].join('; ');

/** True when `url` is our renderer: the dev server's origin, or exactly our index.html file. */
export function isRendererUrl(renderer: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (renderer.kind === 'dev') {
    const dev = new URL(renderer.url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return samePath(fileURLToPath(parsed), renderer.path);
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  const left = normalize(a);
  const right = normalize(b);
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

/** Only https links leave the app, and only to the user's default browser. */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The only permission the page gets: writing plain text to the clipboard (the "Copy" button
 * next to a photo ID; reading it stays denied). Notifications come from main, not the page.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Session-wide rules, applied once before any window loads: deny every other permission, and
 * send our CSP with every response (the dev server's pages included; file:// pages rely on the
 * same policy in the page's `<meta>` tag).
 */
export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
  session.setPermissionCheckHandler((_webContents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [RENDERER_CSP];
    callback({ responseHeaders: headers });
  });
}

export interface MainWindowOptions {
  renderer: RendererLocation;
  preloadPath: string;
  iconPath?: string;
  /** True once the user chose Quit: then closing really closes instead of hiding to the tray. */
  isQuitting: () => boolean;
  /**
   * What closing does until then: `hide` to the tray, or `minimize` where no tray icon would be
   * seen (Linux without a StatusNotifierWatcher, see tray-support.ts). Hide when not given.
   */
  closeBehaviour?: () => 'hide' | 'minimize';
  /** Developer tools: for development builds only, never in what users install. */
  devTools: boolean;
  logger: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { renderer, logger } = options;
  const window = new BrowserWindow({
    width: 980,
    height: 720,
    minWidth: 560,
    minHeight: 420,
    show: false,
    title: 'Avatar Watch',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  });

  window.once('ready-to-show', () => window.show());

  // Closing the window keeps the app watching from the tray; only Quit ends it.
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    if (options.closeBehaviour?.() === 'minimize') window.minimize();
    else window.hide();
  });

  const contents = window.webContents;
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(renderer, event.url)) {
      event.preventDefault();
      logger.warn('Blocked a navigation away from the app window.');
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpsUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => {
        logger.warn(`Could not open a link in the browser: ${errorText(error)}`);
      });
    }
    return { action: 'deny' };
  });
  contents.on('render-process-gone', (_event, details) => {
    logger.error(`The window's renderer stopped (${details.reason}).`);
  });

  const loading =
    renderer.kind === 'dev' ? window.loadURL(renderer.url) : window.loadFile(renderer.path);
  loading.catch((error: unknown) => logger.error(`Could not load the window: ${errorText(error)}`));
  return window;
}

/** Brings the window to the front (restoring it from the tray or the dock). */
export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Shows the window and asks the renderer to bring one item into view (notification click). */
export function showItem(window: BrowserWindow, photoId: string): void {
  showWindow(window);
  const contents = window.webContents;
  const send = () => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNELS.focusItem, photoId);
  };
  // A window created just now has no listener yet: wait until the page has loaded.
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
