// Properties of the watchlist file on real temp folders: what is saved comes back exactly, and
// cutting the power between any two file operations of a save (or of a restore) loses nothing.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lateness, PhotoStatus, WatchItem } from '../../preload/api';
import type { CompletionRecord } from '../../main/core/tracker/completion-record';
import { realFileOps, WatchlistFile, type FileOps, type LoadResult, type SavedState } from '../../main/core/watchlist/watchlist-file';
import { photoIdProblem } from '../../main/core/watchlist/photo-ids';
import { isKeepableImageUrl } from '../../main/core/safe-url';

const NOTHING_DROPPED = { items: 0, imageUrls: 0 };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aw-store-prop-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let runs = 0;
async function freshDir(): Promise<string> {
  return mkdtemp(join(root, `run-${runs++}-`));
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const STATUSES: PhotoStatus[] = ['checking', 'in_progress', 'ready', 'failed', 'not_found', 'unknown'];
const LATENESS: Lateness[] = ['usual', 'taking-long', 'stale'];

/** Text with the characters JSON must escape, lone surrogates, emoji and any other code point. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\u0000', '\u2028', '\ud800', '\udfff', '😀', 'é', '{', '}', ','), maxLength: 12 }),
);
/** -0 is the one number JSON cannot give back; no clock produces it. */
const number = fc.oneof(fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })).filter((n) => !Object.is(n, -0));
const time = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), number);

const item: fc.Arbitrary<WatchItem> = fc.record({
  // Only what the paste box accepts: load drops anything else (tested in watchlist-file.test.ts).
  photoId: text.filter((s) => photoIdProblem(s) === null),
  status: fc.constantFrom(...STATUSES),
  addedAt: time,
  lastCheckedAt: fc.option(time, { nil: null }),
  nextCheckAt: fc.option(time, { nil: null }),
  finishedAt: fc.option(time, { nil: null }),
  checks: fc.nat(),
  // Only links the client keeps (https); load drops any other (tested in watchlist-file.test.ts).
  imageUrls: fc.array(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }).filter((url) => isKeepableImageUrl(url)), { maxLength: 4 }),
  failureMessage: fc.option(text, { nil: null }),
  rawStatus: fc.option(text, { nil: null }),
  problem: fc.option(fc.record({ kind: fc.constantFrom('network' as const, 'timeout' as const, 'server-error' as const), message: text }), { nil: null }),
  lateness: fc.constantFrom(...LATENESS),
});

const record: fc.Arbitrary<CompletionRecord> = fc
  .tuple(number, number, time)
  .map(([a, b, at]) => ({ lowMs: Math.min(a, b), highMs: Math.max(a, b), at }));

const savedState = (maxItems: number): fc.Arbitrary<SavedState> =>
  fc.record({ items: fc.array(item, { maxLength: maxItems }), history: fc.array(record, { maxLength: 6 }) });

function asLoaded(saved: SavedState): SavedState {
  return { items: saved.items.map((i) => ({ ...i, nextCheckAt: null, problem: null })), history: saved.history };
}

// ---------------------------------------------------------------------------------------------
// A process that dies at one file operation

class Crash extends Error {
  constructor(step: string) {
    super(`simulated crash at ${step}`);
  }
}

type CrashMode = 'before' | 'after' | 'torn';
interface CrashPlan {
  /** Index of the operation (counted from `arm`) at which the process dies. */
  at: number;
  /** Dies before the operation, after it, or (for writes and copies) with part of it on disk. */
  mode: CrashMode;
  /** How much of a torn write reached the disk. */
  tornFraction: number;
  /** False on file systems without hard links, so the backup is copied. */
  linksWork: boolean;
}

const crashPlan: fc.Arbitrary<CrashPlan> = fc.record({
  at: fc.nat({ max: 9 }),
  mode: fc.constantFrom<CrashMode>('before', 'after', 'torn'),
  tornFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  linksWork: fc.boolean(),
});

interface DyingOps {
  ops: FileOps;
  /** Starts counting operations. */
  arm(): void;
  readonly died: boolean;
}

function dyingOps(plan: CrashPlan): DyingOps {
  let armed = false;
  let count = 0;
  let died = false;
  const cut = (bytes: Buffer): Buffer => bytes.subarray(0, Math.floor(bytes.length * plan.tornFraction));

  async function step<T>(name: string, run: () => Promise<T>, tear?: () => Promise<void>): Promise<T> {
    if (died) throw new Crash(`${name} (already dead)`);
    if (!armed || count++ !== plan.at) return run();
    died = true;
    if (plan.mode === 'torn' && tear !== undefined) await tear();
    else if (plan.mode !== 'before') await run();
    throw new Crash(name);
  }

  const ops: FileOps = {
    mkdir: (dir) => step('mkdir', () => realFileOps.mkdir(dir)),
    readFile: (path) => step('readFile', () => realFileOps.readFile(path)),
    readdir: (dir) => step('readdir', () => realFileOps.readdir(dir)),
    // A torn atomic write is a partial temp file beside the target, named as write-file-atomic names it.
    writeAtomic: (path, body) =>
      step('writeAtomic', () => realFileOps.writeAtomic(path, body), () => writeFile(`${path}.${1 + Math.floor(plan.tornFraction * 1e9)}`, cut(Buffer.from(body)))),
    link: (existing, newPath) =>
      step('link', () => (plan.linksWork ? realFileOps.link(existing, newPath) : Promise.reject(Object.assign(new Error('no hard links here'), { code: 'EPERM' })))),
    copyFile: (from, to) => step('copyFile', () => realFileOps.copyFile(from, to), async () => writeFile(to, cut(await readFile(from)))),
    rename: (from, to) => step('rename', () => realFileOps.rename(from, to)),
    unlink: (path) => step('unlink', () => realFileOps.unlink(path)),
  };
  return {
    ops,
    arm: () => {
      armed = true;
    },
    get died() {
      return died;
    },
  };
}

/** Loads a single file as if it were the main file of a fresh folder. */
async function loadCopyOf(path: string): Promise<LoadResult> {
  const dir = await freshDir();
  await copyFile(path, join(dir, 'watchlist.json'));
  return new WatchlistFile(dir).load();
}

const extraFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name !== 'watchlist.json' && name !== 'watchlist.json.bak');

// ---------------------------------------------------------------------------------------------

describe('the watchlist file, for any list', () => {
  it('gives back exactly what was saved (schedules and transient problems rebuilt as null)', async () => {
    await fc.assert(
      fc.asyncProperty(savedState(25), async (saved) => {
        const dir = await freshDir();
        const file = new WatchlistFile(dir);
        await file.load();
        await file.save(saved);
        expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(saved), droppedHistory: 0, dropped: NOTHING_DROPPED });
      }),
      { numRuns: 150 },
    );
  });

  it('loses no item when the process dies at any point of a save', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(savedState(8), { minLength: 0, maxLength: 2 }),
        savedState(8),
        savedState(4),
        crashPlan,
        async (earlier, next, after, plan) => {
          const dir = await freshDir();
          const setup = new WatchlistFile(dir);
          await setup.load();
          for (const saved of earlier) await setup.save(saved);
          const previous = asLoaded(earlier.at(-1) ?? { items: [], history: [] });

          const dying = dyingOps(plan);
          const file = new WatchlistFile(dir, { ops: dying.ops });
          await file.load();
          dying.arm();
          await file.save(next).catch((error: unknown) => {
            if (!(error instanceof Crash)) throw error;
          });

          // The next start: the previous list or the new one, whole, straight from the main file.
          const restarted = new WatchlistFile(dir);
          const loaded = await restarted.load();
          expect(loaded.kind).toBe(earlier.length === 0 && loaded.kind === 'missing' ? 'missing' : 'loaded');
          if (dying.died) expect([previous, asLoaded(next)]).toContainEqual(loaded.state);
          else expect(loaded.state).toEqual(asLoaded(next));
          // Nothing was quarantined, and torn temp files were cleared.
          expect(await extraFiles(dir)).toEqual([]);

          // Saving goes on normally, and the backup is the generation the restart found.
          await restarted.save(after);
          expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(after), droppedHistory: 0, dropped: NOTHING_DROPPED });
          if (loaded.kind === 'loaded') expect((await loadCopyOf(restarted.backupPath)).state).toEqual(loaded.state);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('loses no item when the main file is cut at any byte, even if the process dies while restoring it', async () => {
    await fc.assert(
      fc.asyncProperty(savedState(8), savedState(8), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), crashPlan, async (older, newer, cutAt, plan) => {
        const dir = await freshDir();
        const setup = new WatchlistFile(dir);
        await setup.load();
        await setup.save(older);
        await setup.save(newer);
        const whole = await readFile(setup.path);
        const truncated = whole.subarray(0, Math.floor(whole.length * cutAt));
        await writeFile(setup.path, truncated);

        const dying = dyingOps(plan);
        dying.arm();
        await new WatchlistFile(dir, { ops: dying.ops }).load().catch((error: unknown) => {
          if (!(error instanceof Crash)) throw error;
        });

        const loaded = await new WatchlistFile(dir).load();
        expect(['restored', 'loaded']).toContain(loaded.kind);
        expect(loaded.state).toEqual(asLoaded(older));
        // The cut file was kept aside exactly once, byte for byte.
        const kept = await extraFiles(dir);
        expect(kept).toHaveLength(1);
        expect(kept[0]).toMatch(/^watchlist\.corrupt-.*\.json$/);
        expect(Buffer.compare(await readFile(join(dir, kept[0]!)), truncated)).toBe(0);
        expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(older), droppedHistory: 0, dropped: NOTHING_DROPPED });
      }),
      { numRuns: 150 },
    );
  });
});
