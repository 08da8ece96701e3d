// The watchlist on disk: one JSON file in the data folder, written atomically (temp file,
// fsync, rename) so a crash leaves either the old or the new list, never half of one.
// A file that cannot be read is moved aside, never overwritten, and the caller is told.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { WatchItem } from '../../../preload/api';

export const WATCHLIST_FILE = 'watchlist.json';
export const WATCHLIST_VERSION = 1;

const savedItem = z.object({
  photoId: z.string().min(1),
  status: z.enum(['checking', 'in_progress', 'ready', 'failed', 'not_found', 'unknown']),
  addedAt: z.number(),
  lastCheckedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  checks: z.number().int().nonnegative(),
  imageUrls: z.array(z.string()),
  failureMessage: z.string().nullable(),
  rawStatus: z.string().nullable(),
});

const savedFile = z.object({
  version: z.literal(WATCHLIST_VERSION),
  items: z.array(savedItem),
});

export type SavedItem = z.infer<typeof savedItem>;

export type LoadResult =
  | { kind: 'loaded'; items: WatchItem[] }
  | { kind: 'missing'; items: [] }
  /** The file was unreadable; it now lives at `keptAt` and the list starts empty. */
  | { kind: 'corrupt'; items: []; keptAt: string; reason: string };

export class WatchlistFile {
  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, WATCHLIST_FILE);
  }

  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', items: [] };
      throw error;
    }
    const reason = parse(text);
    if (typeof reason !== 'string') return { kind: 'loaded', items: reason };
    const keptAt = join(this.dataDir, `watchlist.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await rename(this.path, keptAt);
    return { kind: 'corrupt', items: [], keptAt, reason };
  }

  async save(items: readonly WatchItem[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const body = { version: WATCHLIST_VERSION, items: items.map(toSaved) };
    await writeFileAtomic(this.path, JSON.stringify(body), { fsync: true });
  }
}

/** The items, or a one-line reason why the text is not a watchlist. */
function parse(text: string): WatchItem[] | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const result = savedFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`;
  }
  return result.data.items.map((saved) => ({ ...saved, nextCheckAt: null, problem: null }));
}

/** Only what must survive a restart: schedules and transient problems are rebuilt on load. */
function toSaved(item: WatchItem): SavedItem {
  return {
    photoId: item.photoId,
    status: item.status,
    addedAt: item.addedAt,
    lastCheckedAt: item.lastCheckedAt,
    finishedAt: item.finishedAt,
    checks: item.checks,
    imageUrls: item.imageUrls,
    failureMessage: item.failureMessage,
    rawStatus: item.rawStatus,
  };
}
