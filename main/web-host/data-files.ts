// The preview's `/data/…` route: the kept result images from the data folder's `files/`, as the
// Electron app serves them on app://data/. Only behind the preview's token (the caller checks
// it), only images, only regular files truly inside that folder: no `..`, no encoded
// separators, no symlink leading out, nothing else of the data folder (settings, watchlist).
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep, isAbsolute } from 'node:path';
import { safePathSegments } from '../core/url-segments';

const IMAGE_TYPES: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp' };

export interface DataFile {
  body: Buffer;
  type: string;
}

/** The file `/data/<path>` names below `root`, or null for anything this route does not serve. */
export async function readDataFile(root: string, pathname: string): Promise<DataFile | null> {
  const segments = safePathSegments(pathname.split('/').slice(2)); // ['', 'data', …]
  const type = IMAGE_TYPES[extname(segments?.at(-1) ?? '').toLowerCase()];
  if (segments === null || segments.length === 0 || type === undefined) return null;
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(join(root, ...segments))]);
    const rel = relative(realRoot, realPath);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
    if (!(await stat(realPath)).isFile()) return null;
    return { body: await readFile(realPath), type };
  } catch {
    return null;
  }
}
