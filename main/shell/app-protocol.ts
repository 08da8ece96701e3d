// The window's own scheme. The renderer is served from `app://avatar-watch/…` and files the app
// keeps for itself (local copies of results, later) from `app://data/…`, never from `file://`:
// under `file://` the page's origin and CSP `'self'` would reach every file the user can read,
// and a `file://host/share/x.png` image is an SMB connection on Windows that hands the user's
// NTLM hash to whoever runs `host`. So `file:` is refused outright in the session, and each
// app:// host serves only regular files inside its own folder.
import { realpath as realpathCallback, readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { protocol, type Protocol, type Session } from 'electron';
import { safePathSegments } from '../core/url-segments';

export const APP_SCHEME = 'app';
export const RENDERER_HOST = 'avatar-watch';
export const DATA_HOST = 'data';
export const RENDERER_ORIGIN = `${APP_SCHEME}://${RENDERER_HOST}`;
/** The one page the window shows; the IPC trusted-sender check accepts exactly this document. */
export const RENDERER_INDEX_URL = `${RENDERER_ORIGIN}/index.html`;
/**
 * The subfolder of the data folder that `app://data/` serves. Never the data folder itself:
 * it holds the settings, the watchlist, an encrypted key file and logs, none of which a page
 * (a compromised one included) may read.
 */
export { DATA_FILES_DIR } from '../core/results/results-room';

// The callback forms: Electron's asar support patches them, so the renderer loads from app.asar.
const realpath = promisify(realpathCallback);
const readFile = promisify(readFileCallback);
const stat = promisify(statCallback);

/**
 * Must run before the app is ready. `standard` gives the scheme origins, relative URLs and web
 * storage; `secure` makes the page a secure context (as https would); `supportFetchAPI` lets the
 * page fetch its own files (Vite's module preloads do); `stream` lets <video>/<audio> play from
 * app://data without buffering the whole file. Never `bypassCSP`: the CSP applies in full.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** The folders each app:// host serves, as absolute paths. */
export interface AppRoots {
  /** The built renderer (out/renderer, inside app.asar when packaged). */
  renderer: string;
  /** `<data folder>/files`. */
  data: string;
}

export type AppPath = { host: 'renderer' | 'data'; root: string; path: string };

/**
 * Where an app:// URL points on disk, or null when it points nowhere we serve: another scheme
 * or host, `..` or `.` segments (also percent-encoded), encoded slashes or backslashes, NUL,
 * drive letters or stream names (`:`), or a folder. Symlinks are checked when serving.
 */
export function resolveAppPath(url: string, roots: AppRoots): AppPath | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return null;
  const host = parsed.hostname === RENDERER_HOST ? 'renderer' : parsed.hostname === DATA_HOST ? 'data' : null;
  if (host === null) return null;
  const root = roots[host];
  const pathname = host === 'renderer' && parsed.pathname === '/' ? '/index.html' : parsed.pathname;

  const segments = safePathSegments(pathname.split('/').slice(1));
  if (segments === null || segments.length === 0) return null;
  const path = join(root, ...segments);
  if (!isInside(root, path)) return null;
  return { host, root, path };
}

/** True when `path` is `root` itself or below it (both absolute and normalised). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Answers one app:// request: the file's bytes, or a bare 404 (405 for other methods). */
export async function serveAppRequest(request: Pick<Request, 'url' | 'method'>, roots: AppRoots): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const target = resolveAppPath(request.url, roots);
  if (target === null) return notFound();
  try {
    // A symlink inside the folder must not lead out of it.
    const [realRoot, realPath] = await Promise.all([realpath(target.root), realpath(target.path)]);
    if (!isInside(realRoot, realPath)) return notFound();
    if (!(await stat(realPath)).isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(realPath));
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': mimeType(realPath),
        'x-content-type-options': 'nosniff',
        // The renderer changes only with an update, and the data files are the app's own.
        'cache-control': 'no-cache',
      },
    });
  } catch {
    // Missing, unreadable, or a dangling link: the page learns nothing more than "not here".
    return notFound();
  }
}

function notFound(): Response {
  return new Response(null, { status: 404 });
}

/** After ready: serves app:// from the two roots. */
export function handleAppProtocol(roots: AppRoots, target: Pick<Protocol, 'handle'> = protocol): void {
  target.handle(APP_SCHEME, (request) => serveAppRequest(request, roots));
}

/** True for any `file:` URL, whatever its case or host. */
export function isFileUrl(url: string): boolean {
  return /^\s*file:/i.test(url);
}

/**
 * After ready: no `file:` request from the app's session gets anywhere. `protocol.handle('file')`
 * answers 403 for every one (it intercepts the built-in scheme since Electron 25.3), and a
 * webRequest filter cancels any that reach the network layer by another path. The window loads
 * from app://, the preload is read by Electron itself, so nothing of ours needs `file:`.
 */
export function refuseFileScheme(session: Pick<Session, 'webRequest'>, target: Pick<Protocol, 'handle'> = protocol): void {
  target.handle('file', () => new Response(null, { status: 403 }));
  // No URL filter: Electron's patterns for file: URLs have not always matched; a string test always does.
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isFileUrl(details.url) }));
}
