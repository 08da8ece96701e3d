// The one app window and the session rules around it: locked-down web preferences, no
// navigation away from our renderer, no new windows, no permissions but clipboard writes, a CSP,
// and no `file:` requests at all.
import { BrowserWindow, shell, type Session } from 'electron';
import { EVENT_CHANNELS } from '../../preload/api';
import type { Logger } from '../core/ports';
import { APP_SCHEME, RENDERER_HOST, RENDERER_INDEX_URL, refuseFileScheme } from './app-protocol';
import { DEFAULT_SIZE, MIN_SIZE, type PlacedBounds } from './window-state';

/** Where our renderer comes from: the dev server in `electron-vite dev`, else our app:// page. */
export type RendererLocation = { kind: 'dev'; url: string } | { kind: 'app' };

/**
 * The renderer's Content-Security-Policy, sent as a header too. It must stay equal to the
 * `<meta>` CSP in renderer/index.html (a unit test compares them); both apply, so a stricter
 * header would silently break the page. The page lives on app://avatar-watch, so `'self'` is that
 * origin and never `file:`. Images may come from any https host (JoggAI's results live on a
 * CDN) and from the app's own files (app://data); nothing else. `app:` is a scheme source
 * rather than the `app://data` host: in plain Chromium `img-src app://data` refuses
 * `app://data/x.png` (a scheme it does not know has no host to match) while `app:` allows it;
 * whether Electron's standard-scheme registration changes that cannot be checked without its
 * binary, and app-protocol.ts serves only our two hosts, each from its own folder, anyway.
 * The web preview adds its own WebSocket to connect-src (and its http origin is its 'self').
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // The built page has no inline <style> or style attributes; Vue's :style bindings set CSSOM.
  "style-src 'self'",
  `img-src 'self' https: ${APP_SCHEME}:`,
  `media-src ${APP_SCHEME}:`,
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Only honoured as a header (a <meta> CSP ignores it), so it is the one directive the page lacks.
  "frame-ancestors 'none'",
].join('; ');

/**
 * `electron-vite dev` only: Vite injects its CSS as <style> elements for hot reload, so the dev
 * server's page needs inline styles (a plugin in electron.vite.config.mts relaxes its <meta> alike).
 */
export const DEV_RENDERER_CSP = RENDERER_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** True when `url` is our renderer: the dev server's origin, or exactly our app:// index page. */
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
  // A query or fragment is the page's own business; the document must be index.html on our host.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === RENDERER_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/index.html'
  );
}

/** The URL the window loads. */
export function rendererUrl(renderer: RendererLocation): string {
  return renderer.kind === 'dev' ? renderer.url : RENDERER_INDEX_URL;
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
 * Session-wide rules, applied once (after ready) before any window loads: deny every other
 * permission, refuse every `file:` request, and send our CSP with every response (app:// and the
 * dev server's pages; the page's `<meta>` carries the same policy).
 */
export function applySessionPolicy(session: Session, renderer: RendererLocation = { kind: 'app' }): void {
  const csp = renderer.kind === 'dev' ? DEV_RENDERER_CSP : RENDERER_CSP;
  refuseFileScheme(session);
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
  session.setPermissionCheckHandler((_webContents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [csp];
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
  /** Where to open (window-state.ts placeWindow); the default size, centred, when not given. */
  bounds?: PlacedBounds;
  /**
   * A login launch (or macOS "start in the menu bar"): the window is made, since Windows sends
   * session-end only to windows, but not shown. Where closing minimizes (no tray to come back
   * from), it starts minimized in the taskbar instead of invisible.
   */
  startHidden?: boolean;
  logger: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { renderer, logger } = options;
  const bounds = options.bounds;
  const window = new BrowserWindow({
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : { width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height, center: true }),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
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

  // Maximize only when shown: on Windows, maximizing a hidden window shows it.
  if (bounds?.maximized) window.once('show', () => window.maximize());
  let firstShown = false;
  const showFirst = () => {
    if (firstShown) return;
    firstShown = true;
    if (!options.startHidden) window.show();
    else if (options.closeBehaviour?.() === 'minimize') window.minimize();
  };
  window.once('ready-to-show', showFirst);
  // A page that fails to load, or a renderer that dies before its first paint, never sends
  // ready-to-show: show the window anyway, so the app is never running and out of reach.
  window.webContents.on('did-fail-load', (_event, _code, _description, _url, isMainFrame) => {
    if (isMainFrame) showFirst();
  });
  window.webContents.once('render-process-gone', showFirst);

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

  window.loadURL(rendererUrl(renderer)).catch((error: unknown) => logger.error(`Could not load the window: ${errorText(error)}`));
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
  showAndSend(window, EVENT_CHANNELS.focusItem, photoId);
}

/** Shows the window filtered to exactly these photos (a click on a summary notification). */
export function showItems(window: BrowserWindow, photoIds: readonly string[]): void {
  showAndSend(window, EVENT_CHANNELS.focusItems, [...photoIds]);
}

/** Shows the window with its Settings dialog open (the app menu's Settings item). */
export function showSettings(window: BrowserWindow): void {
  showAndSend(window, EVENT_CHANNELS.openSettings, null);
}

function showAndSend(window: BrowserWindow, channel: string, payload: unknown): void {
  showWindow(window);
  const contents = window.webContents;
  const send = () => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  };
  // A window created just now has no listener yet: wait until the page has loaded.
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
