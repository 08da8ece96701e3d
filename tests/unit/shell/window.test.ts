import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS } from '../../../preload/api';
import { consoleLogger } from '../../../main/core/ports';
import { protocol, resetElectronFakes, session, shell, type BrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const {
  RENDERER_CSP,
  applySessionPolicy,
  createMainWindow,
  isRendererUrl,
  showItem,
} = await import('../../../main/shell/window');

const INDEX_URL = 'app://avatar-watch/index.html';
const appRenderer = { kind: 'app' } as const;
const devRenderer = { kind: 'dev', url: 'http://localhost:5173' } as const;
const quiet = { ...consoleLogger, warn: vi.fn(), error: vi.fn() };

type WindowTestOptions = Partial<Pick<Parameters<typeof createMainWindow>[0], 'bounds' | 'startHidden' | 'closeBehaviour'>>;
function openWindow(options: { quitting?: () => boolean; renderer?: typeof appRenderer | typeof devRenderer; devTools?: boolean } & WindowTestOptions = {}) {
  const window = createMainWindow({
    renderer: options.renderer ?? appRenderer,
    ...(options.bounds ? { bounds: options.bounds } : {}),
    ...(options.startHidden !== undefined ? { startHidden: options.startHidden } : {}),
    ...(options.closeBehaviour ? { closeBehaviour: options.closeBehaviour } : {}),
    preloadPath: '/app/out/preload/index.js',
    isQuitting: options.quitting ?? (() => false),
    devTools: options.devTools ?? false,
    logger: quiet,
  }) as unknown as BrowserWindow;
  return window;
}

beforeEach(() => resetElectronFakes());

describe('the app window', () => {
  it('runs the page isolated, sandboxed and without Node', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.js',
      devTools: false,
    });
    expect(openWindow({ devTools: true }).options.webPreferences).toMatchObject({ devTools: true });
    expect(window.options.minWidth).toBeGreaterThan(0);
    expect(window.options.minHeight).toBeGreaterThan(0);
  });

  it('loads the built page from app://, never file://, or the dev server in development', () => {
    const window = openWindow();
    expect(window.loadedUrl).toBe(INDEX_URL);
    expect(window.loadedFile).toBeNull();
    expect(openWindow({ renderer: devRenderer }).loadedUrl).toBe('http://localhost:5173');
  });

  it('opens at the size and place it is given, and maximizes only once shown', () => {
    const window = openWindow({ bounds: { x: -1800, y: 40, width: 1200, height: 800, maximized: true } });
    expect(window.options).toMatchObject({ x: -1800, y: 40, width: 1200, height: 800, show: false });
    expect(window.isMaximized()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
    expect(window.isMaximized()).toBe(true);
  });

  it('is shown even when its page fails to load or its renderer dies before the first paint', () => {
    const failed = openWindow();
    failed.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://avatar-watch/index.html', true);
    expect(failed.isVisible()).toBe(true);
    const crashed = openWindow();
    crashed.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(crashed.isVisible()).toBe(true);
    const hidden = openWindow({ startHidden: true });
    hidden.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://avatar-watch/index.html', true);
    expect(hidden.isVisible()).toBe(false); // a login launch stays in the tray
  });

  it('without saved bounds opens at the default size, centred', () => {
    expect(openWindow().options).toMatchObject({ width: 980, height: 720, center: true });
  });

  it('started hidden (login launch): the window exists but is not shown, and a maximized one is not shown by maximizing', () => {
    const window = openWindow({ startHidden: true, bounds: { x: 0, y: 0, width: 900, height: 700, maximized: true } });
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(false);
    expect(window.isMaximized()).toBe(false);
    window.show(); // from the tray
    expect(window.isMaximized()).toBe(true);
  });

  it('started hidden where closing minimizes (no tray icon to come back from): starts minimized instead', () => {
    const window = openWindow({ startHidden: true, closeBehaviour: () => 'minimize' });
    window.emit('ready-to-show');
    expect(window.isMinimized()).toBe(true);
  });

  it('refuses to navigate anywhere but its own page', () => {
    const { webContents } = openWindow();
    expect(webContents.navigate('https://evil.example/')).toBe(false);
    expect(webContents.navigate('http://localhost:5173/')).toBe(false);
    expect(webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(webContents.navigate('file:///app/out/renderer/index.html')).toBe(false);
    expect(webContents.navigate('app://avatar-watch/other.html')).toBe(false);
    expect(webContents.navigate('app://data/index.html')).toBe(false);
    expect(webContents.navigate('javascript:alert(1)')).toBe(false);
    expect(webContents.navigate(`${INDEX_URL}#/items`)).toBe(true);
  });

  it('in development allows the dev server origin only', () => {
    const { webContents } = openWindow({ renderer: devRenderer });
    expect(webContents.navigate('http://localhost:5173/index.html')).toBe(true);
    expect(webContents.navigate('http://localhost:5174/')).toBe(false);
    expect(webContents.navigate('https://evil.example/')).toBe(false);
  });

  it('never opens a new window; https links go to the default browser, others nowhere', () => {
    const { webContents } = openWindow();
    expect(webContents.openWindow('https://app.jogg.ai/help')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://app.jogg.ai/help');

    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      expect(webContents.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('hides to the tray when closed, and really closes while quitting', () => {
    let quitting = false;
    const window = openWindow({ quitting: () => quitting });
    window.show();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);

    quitting = true;
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  it('shows an item: restores, focuses and tells the page which photo', () => {
    const window = openWindow();
    window.minimized = true;
    showItem(window as never, 'photo-42');
    expect(window.isVisible()).toBe(true);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNELS.focusItem, 'photo-42']]);
  });

  it('waits for a page that is still loading before asking it to show an item', () => {
    const window = openWindow();
    window.webContents.loading = true;
    showItem(window as never, 'photo-1');
    expect(window.webContents.sent).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toEqual([[EVENT_CHANNELS.focusItem, 'photo-1']]);
  });
});

describe('the session policy', () => {
  beforeEach(() => applySessionPolicy(session.defaultSession as never));

  it('grants clipboard writes only: notifications come from main, not the page', () => {
    const ask = (permission: string) => {
      let granted: boolean | undefined;
      session.defaultSession.permissionRequestHandler?.(null, permission, (answer) => (granted = answer));
      return granted;
    };
    expect(ask('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midiSysex', 'unknown']) {
      expect(ask(permission)).toBe(false);
    }
    expect(session.defaultSession.permissionCheckHandler?.(null, 'clipboard-sanitized-write')).toBe(true);
    expect(session.defaultSession.permissionCheckHandler?.(null, 'notifications')).toBe(false);
    expect(session.defaultSession.permissionCheckHandler?.(null, 'media')).toBe(false);
  });

  it('sends our CSP with every response, replacing any other', () => {
    let headers: Record<string, string[]> | undefined;
    session.defaultSession.headersListener?.(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [RENDERER_CSP], 'X-Other': ['1'] });
  });

  it("lets images come from https and the app's own files only, never scripts from elsewhere", () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("img-src 'self' https: app:;");
    expect(RENDERER_CSP).toContain('media-src app:;');
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("style-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('has no source that can mean a file: URL (the page is on app://, so \'self\' is that origin)', () => {
    for (const directive of RENDERER_CSP.split(';')) {
      const sources = directive.trim().split(/\s+/).slice(1);
      for (const source of sources) {
        // `app:` is our own scheme: app-protocol.ts serves its two hosts from their folders only.
        expect(source, directive).not.toMatch(/^(file:|filesystem:|\*|data:|blob:|http:|ws:)/i);
      }
    }
  });

  it('refuses every file: request: protocol.handle answers 403, and webRequest cancels', async () => {
    const handler = protocol.handlers.get('file');
    expect(handler, 'file: is intercepted').toBeDefined();
    const answer = await handler!(new Request('file://host/share/x.png'));
    expect(answer.status).toBe(403);
    expect((await handler!(new Request('file:///etc/passwd'))).status).toBe(403);

    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      session.defaultSession.beforeRequestListener?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('file://host/share/x.png')).toBe(true);
    expect(cancelled('FILE:///C:/Windows/win.ini')).toBe(true);
    expect(cancelled('https://cdn.jogg.ai/1.png')).toBe(false);
    expect(cancelled('app://avatar-watch/index.html')).toBe(false);
  });

  it('sends the dev server a CSP that allows Vite\'s injected styles, and only the dev server', () => {
    resetElectronFakes();
    applySessionPolicy(session.defaultSession as never, devRenderer);
    let headers: Record<string, string[]> | undefined;
    session.defaultSession.headersListener?.({ url: 'http://localhost:5173/' }, (response) => (headers = response.responseHeaders));
    expect(headers?.['Content-Security-Policy']?.[0]).toContain("style-src 'self' 'unsafe-inline'");
    expect(RENDERER_CSP).not.toContain('unsafe-inline');
  });

  const indexHtml = join(__dirname, '../../../renderer/index.html');
  it.skipIf(!existsSync(indexHtml))('matches the <meta> CSP of renderer/index.html', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const normalise = (csp: string) =>
      csp.split(';').map((part) => part.trim().replace(/\s+/g, ' ')).filter(Boolean).sort();
    // frame-ancestors only works as a header, so the page leaves it out.
    const header = normalise(RENDERER_CSP).filter((d) => !d.startsWith('frame-ancestors'));
    expect(normalise(meta?.[1] ?? '')).toEqual(header);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).toContain("connect-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/ws:/);
  });
});

describe('isRendererUrl', () => {
  it('accepts exactly our app:// index page (with a hash or query) and nothing else', () => {
    expect(isRendererUrl(appRenderer, INDEX_URL)).toBe(true);
    expect(isRendererUrl(appRenderer, `${INDEX_URL}?x=1#/a`)).toBe(true);
    expect(isRendererUrl(appRenderer, 'app://avatar-watch/evil.html')).toBe(false);
    expect(isRendererUrl(appRenderer, 'app://avatar-watch/')).toBe(false);
    expect(isRendererUrl(appRenderer, 'app://data/index.html')).toBe(false);
    expect(isRendererUrl(appRenderer, 'app://avatar-watch.evil/index.html')).toBe(false);
    expect(isRendererUrl(appRenderer, 'app://user@avatar-watch/index.html')).toBe(false);
    expect(isRendererUrl(appRenderer, 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isRendererUrl(appRenderer, 'https://avatar-watch/index.html')).toBe(false);
    expect(isRendererUrl(appRenderer, '')).toBe(false);
    expect(isRendererUrl(appRenderer, 'about:blank')).toBe(false);
  });
});
