// Decides which JoggAI server the app may talk to. Every request carries the API key, so the key
// may only travel over https, or over plain http to this very machine (the fake server, a proxy).
import type { Result } from '../../../preload/api';

export const DEFAULT_API_BASE_URL = 'https://api.jogg.ai';

/** Long enough for any real base URL, short enough to quote back in a message. */
const MAX_QUOTED_LENGTH = 80;

/**
 * True for names that can only reach this machine: `localhost`, 127.0.0.0/8 and ::1
 * (in any spelling the URL parser accepts, with or without brackets or a port).
 */
export function isLoopbackHost(host: string): boolean {
  const hostname = canonicalHostname(host.trim());
  if (hostname === null) return false;
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return true;
  // IPv4-mapped IPv6 (::ffff:127.x.y.z), which the parser writes as [::ffff:7fxx:xxxx].
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname);
}

/**
 * Lets the WHATWG URL parser normalise the host ('127.1', '0x7f.0.0.1', '0:0::1', 'LOCALHOST'),
 * so the checks above see one spelling, the same one fetch will connect to.
 */
function canonicalHostname(host: string): string | null {
  if (host === '') return null;
  // A bare IPv6 address (two or more colons) needs brackets to parse as a host.
  const bracketed = !host.startsWith('[') && (host.match(/:/g) ?? []).length >= 2 ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}`).hostname;
  } catch {
    return null;
  }
}

/** The base URL JoggAI calls go to: the default when nothing is given, otherwise checked. */
export function resolveApiBaseUrl(input?: string): Result<URL> {
  const text = input?.trim() ?? '';
  if (text === '') return { ok: true, value: new URL(DEFAULT_API_BASE_URL) };

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid(`"${quote(text)}" is not a URL. Use e.g. ${DEFAULT_API_BASE_URL}.`);
  }

  // Credentials in the URL would be sent and logged next to every request.
  if (url.username !== '' || url.password !== '') {
    return invalid('The API base URL must not contain a user name or password.');
  }
  // Paths are appended to the base; a query or fragment there would be silently dropped.
  if (url.search !== '' || url.hash !== '') {
    return invalid('The API base URL must not contain a query (?…) or fragment (#…).');
  }

  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: {
        kind: 'insecure-url',
        message: `Plain http to ${url.hostname} would expose the API key; use https (http is only allowed for localhost / 127.0.0.1 / ::1).`,
      },
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(`The API base URL must start with https:// (got ${quote(url.protocol)}).`);
  }

  // A trailing slash lets the client join paths under a prefix (e.g. a proxy at /jogg/).
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, value: url };
}

function invalid(message: string): Result<URL> {
  return { ok: false, error: { kind: 'invalid-input', message } };
}

function quote(text: string): string {
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}
