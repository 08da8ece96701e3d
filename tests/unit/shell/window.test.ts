import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS } from '../../../preload/api';
import { consoleLogger } from '../../../main/core/ports';
import { resetElectronFakes, session, shell, type BrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const {
  RENDERER_CSP,
  applySessionPolicy,
  createMainWindow,
  isRendererUrl,
  showItem,
} = await import('../../../main/shell/window');

const INDEX = resolve('/app/out/renderer/index.html');
const fileRenderer = { kind: 'file', path: INDEX } as const;
const devRenderer = { kind: 'dev', url: 'http://localhost:5173' } as const;
const quiet = { ...consoleLogger, warn: vi.fn(), error: vi.fn() };

function openWindow(options: { quitting?: () => boolean; renderer?: typeof fileRenderer | typeof devRenderer; devTools?: boolean } = {}) {
  const window = createMainWindow({
    renderer: options.renderer ?? fileRenderer,
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

  it('loads the built page from disk, or the dev server in development', () => {
    expect(openWindow().loadedFile).toBe(INDEX);
    expect(openWindow({ renderer: devRenderer }).loadedUrl).toBe('http://localhost:5173');
  });

  it('refuses to navigate anywhere but its own page', () => {
    const { webContents } = openWindow();
    expect(webContents.navigate('https://evil.example/')).toBe(false);
    expect(webContents.navigate('http://localhost:5173/')).toBe(false);
    expect(webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(webContents.navigate(pathToFileURL('/app/out/renderer/other.html').href)).toBe(false);
    expect(webContents.navigate('javascript:alert(1)')).toBe(false);
    expect(webContents.navigate(`${pathToFileURL(INDEX).href}#/items`)).toBe(true);
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

  it('lets images come from https only, never scripts from elsewhere', () => {
    expect(RENDERER_CSP).toContain("img-src 'self' https: data:");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval/);
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
  it('accepts exactly our index.html (with a hash or query) and nothing else', () => {
    const url = pathToFileURL(INDEX).href;
    expect(isRendererUrl(fileRenderer, url)).toBe(true);
    expect(isRendererUrl(fileRenderer, `${url}?x=1#/a`)).toBe(true);
    expect(isRendererUrl(fileRenderer, pathToFileURL('/app/out/renderer/../renderer/index.html').href)).toBe(true);
    expect(isRendererUrl(fileRenderer, pathToFileURL('/app/out/renderer/evil.html').href)).toBe(false);
    expect(isRendererUrl(fileRenderer, url.replace('file://', 'file://remote-host'))).toBe(false);
    expect(isRendererUrl(fileRenderer, 'https://app.jogg.ai/index.html')).toBe(false);
    expect(isRendererUrl(fileRenderer, '')).toBe(false);
    expect(isRendererUrl(fileRenderer, 'about:blank')).toBe(false);
  });

  it('copes with install folders whose names need escaping in a URL', () => {
    const path = resolve('/opt/Avatar Watch/résumé #1/resources/app.asar/out/renderer/index.html');
    const renderer = { kind: 'file', path } as const;
    expect(pathToFileURL(path).href).toContain('%20');
    expect(isRendererUrl(renderer, pathToFileURL(path).href)).toBe(true);
    expect(isRendererUrl(renderer, pathToFileURL(path.replace('Avatar Watch', 'Avatar  Watch')).href)).toBe(false);
  });
});
