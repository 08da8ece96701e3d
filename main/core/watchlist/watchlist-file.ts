// The watchlist on disk: one JSON file in the data folder plus one backup generation. Writes are
// atomic (temp file, fsync, rename), so a crash leaves the old or the new list, never half of one.
// A file that cannot be read is moved aside, never overwritten or deleted, and the caller is told;
// a file from a newer version of the app is left alone and never overwritten.
import { chmodSync, closeSync, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { AppError, Lateness, PhotoStatus, WatchItem } from '../../../preload/api';
import { FINISHED_STATUSES, MAX_WATCHED_PHOTOS } from '../../../preload/api';
import { isKeepableImageUrl, STRICT_IMAGE_URLS, type ImageUrlPolicy } from '../safe-url';
import type { CompletionRecord } from '../tracker/completion-record';
import { isLastingProblem } from '../tracker/lasting-problem';
import { photoIdProblem } from './photo-ids';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { isSet, keptLabel } from '../labels/saved-labels';

export const WATCHLIST_FILE = 'watchlist.json';
export const WATCHLIST_BACKUP_FILE = 'watchlist.json.bak';
export const WATCHLIST_VERSION = 2;

/** What survives a restart: the list, and what the schedule learned from finished photos. */
export interface SavedState {
  items: WatchItem[];
  history: CompletionRecord[];
}

/**
 * What a readable file held that this app will not use, counted so the user can be told: items
 * whose photo ID breaks the paste rules (too long, spaces, control characters), and image links
 * that are not https (or are too long). The file itself is left as it is until the next save.
 */
export interface DroppedOnLoad {
  items: number;
  imageUrls: number;
  // labels
  /** Labels and notes too long or holding control characters (the item is kept without them); set when any. */
  labels?: number;
}

/**
 * A file holding more photos than the app watches (MAX_WATCHED_PHOTOS; written by hand, or by
 * another program): the first ones are watched, the other `aside` are not, and the file as it was
 * is copied to `copy` first, so the next save (which holds only the watched ones) loses nothing.
 */
export interface OverCap {
  total: number;
  aside: number;
  copy: string;
}

export type LoadResult =
  | { kind: 'loaded'; state: SavedState; migratedFrom?: number; droppedHistory: number; dropped: DroppedOnLoad; overCap?: OverCap }
  /** No file yet (first run): the list starts empty. */
  | { kind: 'missing'; state: SavedState }
  /**
   * The main file was unreadable (kept at `keptAt`) or gone (no `keptAt`); the list came back
   * from the backup, which is now the main file again. `reason` says what was wrong.
   */
  | { kind: 'restored'; state: SavedState; keptAt?: string; reason: string; migratedFrom?: number; droppedHistory: number; dropped: DroppedOnLoad; overCap?: OverCap }
  /**
   * Nothing usable: the unreadable file now lives at `keptAt` (the backup's, when there was no main
   * file) and the list starts empty. `backupKeptAt` is where an unreadable backup went as well.
   */
  | { kind: 'corrupt'; state: SavedState; keptAt: string; backupKeptAt?: string; reason: string }
  /**
   * Written by a newer version of the app (`version`): left untouched, the list starts empty, and
   * `save` refuses to run until the user updates (or the caller passes `overwriteNewer`).
   * `keptAt` is set when an unreadable main file was moved aside before the newer backup was found.
   */
  | { kind: 'too-new'; state: SavedState; version: number; reason: string; keptAt?: string };

/** Thrown by `save` rather than overwrite a watchlist a newer version of the app wrote. */
export class WatchlistTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(
      `Not saved: ${path} was written by a newer version of Avatar Watch (file version ${version}; ` +
        `this version reads up to ${WATCHLIST_VERSION}). Update the app to keep using this watchlist.`,
    );
    this.name = 'WatchlistTooNewError';
  }
}

/** The file operations a save or load uses, injectable so tests can cut power between any two. */
export interface FileOps {
  mkdir(dir: string): Promise<void>;
  /** UTF-8 text; rejects with ENOENT when the file does not exist. */
  readFile(path: string): Promise<string>;
  readdir(dir: string): Promise<string[]>;
  /** Temp file beside `path`, fsync, rename over `path`, fsync the folder. */
  writeAtomic(path: string, text: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/**
 * The list says what the user is making and when; only they may read it. The folder is created
 * private, and every write sets the file's mode (write-file-atomic otherwise copies the mode of
 * the file it replaces, so a list from an older version would stay world-readable for ever).
 */
export const realFileOps: FileOps = {
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  },
  readFile: (path) => readFile(path, 'utf8'),
  readdir: (dir) => readdir(dir),
  writeAtomic: async (path, text) => {
    await writeFileAtomic(path, text, { fsync: true, mode: PRIVATE_FILE_MODE });
    await syncFolder(dirname(path));
  },
  // The backup is the previous main file, which an older version may have left readable to all.
  link: async (existing, newPath) => {
    await link(existing, newPath);
    await chmod(newPath, PRIVATE_FILE_MODE).catch(() => undefined);
  },
  copyFile: async (from, to) => {
    await copyFile(from, to);
    await chmod(to, PRIVATE_FILE_MODE).catch(() => undefined);
  },
  rename,
  unlink,
};

/**
 * The rename that replaced the file lives in the folder's own entry: without syncing the folder
 * a power cut can bring the previous (complete) file back. Windows cannot open a folder for
 * syncing, and some file systems refuse; there this is best effort.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here: the file itself was synced, which is what matters most.
  } finally {
    await handle?.close();
  }
}

/** backUpMain's steps, synchronously (see saveSync); best effort like them. */
function backUpSync(path: string, backupPath: string): void {
  try {
    unlinkSync(backupPath);
  } catch {
    // No backup yet; a link that then fails falls back to a copy.
  }
  try {
    linkSync(path, backupPath);
  } catch {
    try {
      copyFileSync(path, backupPath);
    } catch {
      // No backup this time; the main file is still replaced atomically.
      return;
    }
  }
  try {
    chmodSync(backupPath, PRIVATE_FILE_MODE);
  } catch {
    // Best effort, like the backup itself (see realFileOps.link).
  }
}

/** syncFolder, synchronously. */
function syncFolderSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; the file itself was synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WatchlistFileOptions {
  ops?: FileOps;
  /** Epoch ms, for `savedAt` and the names of files moved aside. */
  now?: () => number;
  /** Which saved image URLs are kept (default: https only); the same rule the client applies. */
  imagePolicy?: ImageUrlPolicy;
}

const STATUSES = ['checking', 'in_progress', 'ready', 'failed', 'not_found', 'unknown'] as const satisfies readonly PhotoStatus[];
const LATENESS = ['usual', 'taking-long', 'stale'] as const satisfies readonly Lateness[];

const savedItem = z.object({
  photoId: z.string().min(1),
  status: z.enum(STATUSES),
  addedAt: z.number(),
  lastCheckedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  checks: z.number().int().nonnegative(),
  imageUrls: z.array(z.string()),
  failureMessage: z.string().nullable(),
  rawStatus: z.string().nullable(),
  lateness: z.enum(LATENESS),
  // Checked on its own (savedAttention): a bad one costs that problem, never the list.
  attention: z.unknown().optional(),
  // labels: checked on their own (keptLabel): a bad one costs that field, never the item.
  label: z.unknown().optional(),
  note: z.unknown().optional(),
  // timeleft: what the app saw of JoggAI's work; absent in older files (then "took" is a bound).
  firstSeenInProgressAt: z.number().nullable().optional(),
  lastSeenUnfinishedAt: z.number().nullable().optional(),
});

/**
 * A problem waiting cannot change (see tracker/lasting-problem.ts), kept so a restart does not ask
 * JoggAI the same question again and the row still says "Needs attention". Optional: files
 * without it (and older app versions, which ignore it) read as before.
 */
const savedAttention = z.object({
  kind: z.enum(['bad-request', 'insufficient-credit', 'http-error']),
  message: z.string().max(1_000),
  code: z.number().int().optional(),
  detail: z
    .object({ httpStatus: z.number().int().optional(), excerpt: z.string().max(1_000).optional(), rid: z.string().max(200).optional() })
    .optional(),
});

/** The saved lasting problem of an unfinished photo, or null (none, malformed, or not lasting). */
function attentionOf(saved: SavedItem): AppError | null {
  if (saved.attention === undefined || FINISHED_STATUSES.includes(saved.status)) return null;
  const parsed = savedAttention.safeParse(saved.attention);
  if (!parsed.success) return null;
  const { kind, message, code, detail } = parsed.data;
  const problem: AppError = { kind, message, ...(code === undefined ? {} : { code }), ...(detail === undefined ? {} : { detail }) };
  return isLastingProblem(problem) ? problem : null;
}

const savedHistoryEntry = z
  .object({ lowMs: z.number(), highMs: z.number(), at: z.number() })
  .refine((entry) => entry.lowMs <= entry.highMs, { message: 'lowMs is after highMs' });

const fileHeader = z.object({ version: z.number().int().positive() });

const savedFile = z.object({
  version: z.literal(WATCHLIST_VERSION),
  savedAt: z.number(),
  items: z.array(savedItem),
  // Checked entry by entry below: a bad entry costs one learned completion, not the list.
  history: z.array(z.unknown()),
});

export type SavedItem = z.infer<typeof savedItem>;

type JsonObject = Record<string, unknown>;

/**
 * How a file of version N becomes version N+1. Steps run in order on the parsed JSON before the
 * current schema checks the result, so a step need not validate; it must only not throw.
 */
export const MIGRATIONS: Readonly<Record<number, (file: JsonObject) => JsonObject>> = {
  // v1 → v2: items gain `lateness` (recomputed by the tracker on its next pass); history starts empty.
  1: (file) => ({
    ...file,
    version: 2,
    savedAt: 0,
    items: Array.isArray(file.items) ? file.items.map((item: unknown) => (isObject(item) ? { ...item, lateness: 'usual' } : item)) : file.items,
    history: [],
  }),
};

type FileRead =
  | { status: 'missing' }
  | { status: 'good'; state: SavedState; migratedFrom?: number; droppedHistory: number; dropped: DroppedOnLoad; total: number; aside: number }
  | { status: 'bad'; reason: string }
  | { status: 'too-new'; version: number; reason: string };

/** write-file-atomic's temp files: `<name>.<uint32>`. Left behind only when a process was killed mid-write. */
const TEMP_FILE = /^watchlist\.json\.\d+$/;

export class WatchlistFile {
  readonly path: string;
  readonly backupPath: string;
  private readonly ops: FileOps;
  private readonly now: () => number;
  private readonly imagePolicy: ImageUrlPolicy;
  /** Whether the main file is one this process read back or wrote: only such a file becomes the backup. */
  private mainKnownGood = false;
  /** Set when the main file (or, with the main file gone, the backup) belongs to a newer app; `save` then refuses. */
  private newer: { version: number; inMain: boolean } | null = null;
  private inspected = false;
  /** Loads and saves run one at a time, so the backup steps never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    options: WatchlistFileOptions = {},
  ) {
    this.path = join(dataDir, WATCHLIST_FILE);
    this.backupPath = join(dataDir, WATCHLIST_BACKUP_FILE);
    this.ops = options.ops ?? realFileOps;
    this.now = options.now ?? Date.now;
    this.imagePolicy = options.imagePolicy ?? STRICT_IMAGE_URLS;
  }

  load(): Promise<LoadResult> {
    return this.serialized(() => this.loadNow());
  }

  /**
   * Writes the state as the new main file, keeping the previous good one as the backup.
   * Throws `WatchlistTooNewError` when the file on disk is from a newer app, unless `overwriteNewer`.
   */
  save(state: SavedState, options: { overwriteNewer?: boolean } = {}): Promise<void> {
    return this.serialized(async () => {
      if (!this.inspected) await this.inspectBeforeFirstSave();
      if (this.newer !== null && options.overwriteNewer !== true) throw new WatchlistTooNewError(this.path, this.newer.version);
      const text = serialize(state, this.now());
      // A newer main file is a good file for the app that wrote it: it becomes the backup.
      // A newer backup stays where it is (the main file is gone, so there is nothing to link).
      if (this.newer?.inMain === true) this.mainKnownGood = true;
      await this.commit(text);
      this.newer = null;
    });
  }

  /**
   * `save` for the moment the OS ends the session (Windows `session-end`), when nothing after
   * this call is sure to run: the same steps (backup link, atomic write, folder sync), done
   * synchronously on the real file system, outside the queue. Refuses what `save` refuses; a
   * file never loaded or inspected is left alone (there is nothing of ours to write yet).
   */
  saveSync(state: SavedState): void {
    if (!this.inspected) return;
    if (this.newer !== null) throw new WatchlistTooNewError(this.path, this.newer.version);
    const text = serialize(state, this.now());
    mkdirSync(this.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (this.mainKnownGood) backUpSync(this.path, this.backupPath);
    writeFileAtomic.sync(this.path, text, { fsync: true, mode: PRIVATE_FILE_MODE });
    syncFolderSync(this.dataDir);
    this.mainKnownGood = true;
  }

  private async loadNow(): Promise<LoadResult> {
    this.inspected = true;
    this.mainKnownGood = false;
    this.newer = null;
    await this.sweepTempFiles();

    const main = await this.read(this.path);
    if (main.status === 'good') {
      this.mainKnownGood = true;
      const overCap = await this.keepOverCap(this.path, main);
      return { kind: 'loaded', state: main.state, ...migrated(main.migratedFrom), droppedHistory: main.droppedHistory, dropped: main.dropped, ...overCap };
    }
    if (main.status === 'too-new') {
      this.newer = { version: main.version, inMain: true };
      return { kind: 'too-new', state: emptyState(), version: main.version, reason: main.reason };
    }

    const backup = await this.read(this.backupPath);
    if (main.status === 'missing' && backup.status === 'missing') return { kind: 'missing', state: emptyState() };

    // From here the main file is unusable or gone: move it aside before anything is written.
    const keptAt = main.status === 'bad' ? await this.moveAside(this.path, '') : undefined;
    const mainReason = main.status === 'bad' ? main.reason : 'the watchlist file was missing';
    const kept = keptAt === undefined ? {} : { keptAt };

    switch (backup.status) {
      case 'good': {
        const overCap = await this.keepOverCap(this.backupPath, backup);
        try {
          await this.commit(serialize(backup.state, this.now()));
        } catch {
          // The backup is still in place: the next load restores it again, the next save writes it.
        }
        return {
          kind: 'restored',
          state: backup.state,
          ...kept,
          reason: mainReason,
          ...migrated(backup.migratedFrom),
          droppedHistory: backup.droppedHistory,
          dropped: backup.dropped,
          ...overCap,
        };
      }
      case 'too-new':
        this.newer = { version: backup.version, inMain: false };
        return { kind: 'too-new', state: emptyState(), version: backup.version, reason: `${mainReason}; its backup ${backup.reason}`, ...kept };
      case 'missing':
        // main.status is 'bad' here: both missing returned above.
        return { kind: 'corrupt', state: emptyState(), keptAt: keptAt!, reason: mainReason };
      case 'bad': {
        const backupKeptAt = await this.moveAside(this.backupPath, '-backup');
        const reason = `${mainReason}; the backup could not be read either (${backup.reason})`;
        return keptAt === undefined
          ? { kind: 'corrupt', state: emptyState(), keptAt: backupKeptAt, reason }
          : { kind: 'corrupt', state: emptyState(), keptAt, backupKeptAt, reason };
      }
    }
  }

  /**
   * The crash protocol, one step at a time (the main file is always complete at every step):
   *   1. unlink the backup          — main untouched
   *   2. link main → backup         — same inode under two names; main untouched
   *      (or copy, where hard links are not available)
   *   3. write temp, fsync, rename  — rename swaps the main name to the new inode in one step;
   *                                   the backup name keeps the old inode
   */
  private async commit(text: string): Promise<void> {
    await this.ops.mkdir(this.dataDir);
    if (this.mainKnownGood) await this.backUpMain();
    await this.ops.writeAtomic(this.path, text);
    this.mainKnownGood = true;
  }

  /** Best effort: a save that cannot make a backup still saves, since the new list is what the user wants kept. */
  private async backUpMain(): Promise<void> {
    try {
      await this.ops.unlink(this.backupPath);
    } catch {
      // ENOENT: no backup yet. Anything else: link fails with EEXIST and the copy overwrites it.
    }
    try {
      await this.ops.link(this.path, this.backupPath);
    } catch {
      try {
        await this.ops.copyFile(this.path, this.backupPath);
      } catch {
        // No backup this time; the main file is still whole and is replaced atomically.
      }
    }
  }

  /** Without a load first, `save` still must not overwrite a newer file or lose an unreadable one. */
  private async inspectBeforeFirstSave(): Promise<void> {
    const main = await this.read(this.path);
    if (main.status === 'good') this.mainKnownGood = true;
    else if (main.status === 'too-new') this.newer = { version: main.version, inMain: true };
    else if (main.status === 'bad') await this.moveAside(this.path, '');
    this.inspected = true;
  }

  private async read(path: string): Promise<FileRead> {
    let text: string;
    try {
      text = await this.ops.readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    return parse(text, this.imagePolicy);
  }

  /** Renames a file to a name no other file has: never overwrites, never deletes. */
  private async moveAside(path: string, suffix: string): Promise<string> {
    const keptAt = await this.freeName(`corrupt-`, suffix);
    await this.ops.rename(path, keptAt);
    return keptAt;
  }

  /** A file over the cap is copied as it was before anything rewrites it with the watched part only. */
  private async keepOverCap(path: string, read: { total: number; aside: number }): Promise<{ overCap?: OverCap }> {
    if (read.aside === 0) return {};
    const copy = await this.freeName('over-cap-', '');
    await this.ops.copyFile(path, copy);
    return { overCap: { total: read.total, aside: read.aside, copy } };
  }

  /** `watchlist.<kind><time><suffix>.json`, numbered when taken. */
  private async freeName(kind: string, suffix: string): Promise<string> {
    const taken = new Set(await this.ops.readdir(this.dataDir));
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    let name = `watchlist.${kind}${stamp}${suffix}.json`;
    for (let n = 2; taken.has(name); n++) name = `watchlist.${kind}${stamp}${suffix}-${n}.json`;
    return join(this.dataDir, name);
  }

  /** Temp files from writes killed before their rename; never the list, so safe to drop. */
  private async sweepTempFiles(): Promise<void> {
    let names: string[];
    try {
      names = await this.ops.readdir(this.dataDir);
    } catch {
      return; // no data folder yet
    }
    for (const name of names.filter((n) => TEMP_FILE.test(n))) {
      await this.ops.unlink(join(this.dataDir, name)).catch(() => undefined);
    }
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function emptyState(): SavedState {
  return { items: [], history: [] };
}

function migrated(from: number | undefined): { migratedFrom?: number } {
  return from === undefined ? {} : { migratedFrom: from };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state, or a one-line reason (naming the field) why the text is not a watchlist. */
function parse(text: string, imagePolicy: ImageUrlPolicy): FileRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { status: 'bad', reason: `not valid JSON (${(error as Error).message})` };
  }
  const header = fileHeader.safeParse(json);
  if (!header.success) return { status: 'bad', reason: describe(header.error) };
  const version = header.data.version;
  if (version > WATCHLIST_VERSION) {
    return { status: 'too-new', version, reason: `was saved by a newer version of Avatar Watch (file version ${version}; this version reads up to ${WATCHLIST_VERSION})` };
  }

  let data = json as JsonObject;
  for (let at = version; at < WATCHLIST_VERSION; at++) {
    const step = MIGRATIONS[at];
    if (step === undefined) return { status: 'bad', reason: `version ${version} is not one this app can read` };
    data = step(data);
  }

  const result = savedFile.safeParse(data);
  if (!result.success) return { status: 'bad', reason: describe(result.error) };

  const history: CompletionRecord[] = [];
  for (const entry of result.data.history) {
    const checked = savedHistoryEntry.safeParse(entry);
    if (checked.success) history.push(checked.data);
  }
  // The file is only as trustworthy as whoever last edited it: an item the paste box would have
  // refused is left out (one bad item costs that item, not the list), and only image links the
  // client would have kept are shown, opened or counted in a notification.
  const dropped: DroppedOnLoad = { items: 0, imageUrls: 0 };
  const items: WatchItem[] = [];
  // Past the cap, photos are only counted: the caller keeps the file as it was (keepOverCap).
  let aside = 0;
  for (const saved of result.data.items) {
    if (photoIdProblem(saved.photoId) !== null) {
      dropped.items += 1;
      continue;
    }
    if (items.length >= MAX_WATCHED_PHOTOS) {
      aside += 1;
      continue;
    }
    const imageUrls = saved.imageUrls.filter((url) => isKeepableImageUrl(url, imagePolicy));
    dropped.imageUrls += saved.imageUrls.length - imageUrls.length;
    // Spelled out rather than spread: spreading 10,000 parsed objects costs ten times as much.
    items.push({
      photoId: saved.photoId,
      status: saved.status,
      addedAt: saved.addedAt,
      lastCheckedAt: saved.lastCheckedAt,
      nextCheckAt: null,
      finishedAt: saved.finishedAt,
      checks: saved.checks,
      imageUrls,
      failureMessage: saved.failureMessage,
      rawStatus: saved.rawStatus,
      problem: attentionOf(saved),
      lateness: saved.lateness,
    });
    const label = keptLabel('label', saved.label);
    const note = keptLabel('note', saved.note);
    if (label !== undefined) items[items.length - 1]!.label = label;
    if (note !== undefined) items[items.length - 1]!.note = note;
    const badLabels = Number(label === undefined && isSet(saved.label)) + Number(note === undefined && isSet(saved.note));
    if (badLabels > 0) dropped.labels = (dropped.labels ?? 0) + badLabels;
    // Only when saved: older files, and photos never seen unfinished, have none.
    if (saved.firstSeenInProgressAt != null) items.at(-1)!.firstSeenInProgressAt = saved.firstSeenInProgressAt;
    if (saved.lastSeenUnfinishedAt != null) items.at(-1)!.lastSeenUnfinishedAt = saved.lastSeenUnfinishedAt;
  }
  return {
    status: 'good',
    state: { items, history },
    ...migrated(version < WATCHLIST_VERSION ? version : undefined),
    droppedHistory: result.data.history.length - history.length,
    dropped,
    total: items.length + aside,
    aside,
  };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`;
}

/**
 * One `JSON.stringify` of plain copies holding only what must survive a restart (schedules and
 * transient problems are rebuilt on load). The few checks are the ones the type system cannot make:
 * JSON writes NaN and Infinity as null, which load would reject, so such a list must not replace a
 * readable file.
 */
function serialize(state: SavedState, savedAt: number): string {
  const items = new Array<SavedItem>(state.items.length);
  for (let i = 0; i < state.items.length; i++) {
    const item = state.items[i]!;
    const bad = unwritableField(item);
    if (bad !== null) throw new Error(`Not saved: item ${i} (${JSON.stringify(item.photoId)}) has an invalid ${bad} (${String(item[bad])})`);
    items[i] = {
      photoId: item.photoId,
      status: item.status,
      addedAt: item.addedAt,
      lastCheckedAt: item.lastCheckedAt,
      finishedAt: item.finishedAt,
      checks: item.checks,
      imageUrls: item.imageUrls,
      failureMessage: item.failureMessage,
      rawStatus: item.rawStatus,
      lateness: item.lateness,
    };
    if (item.label !== undefined) items[i]!.label = item.label;
    if (item.note !== undefined) items[i]!.note = item.note;
    if (isTime(item.firstSeenInProgressAt)) items[i]!.firstSeenInProgressAt = item.firstSeenInProgressAt;
    if (isTime(item.lastSeenUnfinishedAt)) items[i]!.lastSeenUnfinishedAt = item.lastSeenUnfinishedAt;
    const problem = item.problem;
    if (problem !== null && !FINISHED_STATUSES.includes(item.status) && isLastingProblem(problem)) {
      const { httpStatus, excerpt, rid } = problem.detail ?? {};
      items[i]!.attention = {
        kind: problem.kind,
        message: problem.message,
        ...(problem.code === undefined ? {} : { code: problem.code }),
        detail: { ...(httpStatus === undefined ? {} : { httpStatus }), ...(excerpt === undefined ? {} : { excerpt }), ...(rid === undefined ? {} : { rid }) },
      };
    }
  }
  const history = state.history.map(({ lowMs, highMs, at }) => ({ lowMs, highMs, at }));
  return JSON.stringify({ version: WATCHLIST_VERSION, savedAt, items, history });
}

/** The first field JSON would not give back as load expects it, or null. */
function unwritableField(item: WatchItem): 'photoId' | 'addedAt' | 'lastCheckedAt' | 'finishedAt' | 'checks' | null {
  if (item.photoId.length === 0) return 'photoId';
  if (!Number.isFinite(item.addedAt)) return 'addedAt';
  if (item.lastCheckedAt !== null && !Number.isFinite(item.lastCheckedAt)) return 'lastCheckedAt';
  if (item.finishedAt !== null && !Number.isFinite(item.finishedAt)) return 'finishedAt';
  if (!Number.isSafeInteger(item.checks) || item.checks < 0) return 'checks';
  return null;
}

/** A sighting time worth writing (JSON would turn NaN into null, which load reads as "not seen" anyway). */
function isTime(time: number | null | undefined): time is number {
  return time != null && Number.isFinite(time);
}
