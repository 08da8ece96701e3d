// The figures at N watched items (10,000; MAX_WATCHED_PHOTOS, the list's cap): heap of the core
// holding them, one scheduler pass, a full catch-up round, saving and loading the watchlist file,
// its size, and a 500-photo add answered through the real core (which writes it to disk first).
// Medians of several runs. `node --expose-gc --import tsx bench/scale.ts 50000` prints one size.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Result } from '../preload/api';
import { MAX_WATCHED_PHOTOS } from '../preload/api';
import { createMemorySecretStore } from '../main/core/secrets/memory-secret-store';
import { createAvatarWatchService } from '../main/core/service';
import type { PhotoAnswer } from '../main/core/jogg/client';
import { learnedSchedule } from '../main/core/tracker/schedule';
import { Tracker } from '../main/core/tracker/tracker';
import { WatchlistFile } from '../main/core/watchlist/watchlist-file';
import { makeHistory, makeItems } from '../tests/support/items';
import { VirtualClock } from '../tests/support/virtual-clock';

export interface ScaleResult {
  items: number;
  /** V8 heap in use after a full GC with the items loaded (the whole process, not just the list). */
  heapMB: number;
  /** Heap added by loading the items into the tracker. */
  listHeapMB: number;
  passMs: number;
  catchUpMs: number;
  saveMs: number;
  loadMs: number;
  /** The watchlist file's size. */
  fileMB: number;
  /** "Start watching" with 500 new IDs on a list this long, answered once they are on disk. */
  addMs: number;
  runs: number;
}

const RUNS = 7;
const gc = (globalThis as { gc?: () => void }).gc;

function heapMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

function makeTracker(clock: VirtualClock) {
  // Requests never answer here: a pass is measured on its own, not the network.
  const pending = new Promise<Result<PhotoAnswer>>(() => {});
  return new Tracker(
    { clock, schedule: learnedSchedule(makeHistory(500)), check: () => pending, random: Math.random },
    { changed: () => {}, finished: () => {}, pauseChanged: () => {}, connectionChanged: () => {} },
  );
}

export async function measureScale(count: number): Promise<ScaleResult> {
  if (!gc) process.stderr.write('  (run with node --expose-gc for a precise heap figure)\n');
  const items = makeItems(count);
  const history = makeHistory(500);

  const passes: number[] = [];
  const catchUps: number[] = [];
  let kept: Tracker | undefined;
  const before = heapMB();
  for (let run = 0; run < RUNS; run++) {
    const clock = new VirtualClock(Date.UTC(2026, 10, 28));
    const tracker = makeTracker(clock);
    let t = performance.now();
    tracker.load(items); // schedules every unfinished item: the catch-up after start or wake
    catchUps.push(performance.now() - t);
    clock.jump(10_000); // every unfinished item is now due
    t = performance.now();
    (tracker as unknown as { dispatch(): void }).dispatch();
    passes.push(performance.now() - t);
    if (run === RUNS - 1) kept = tracker;
    else tracker.stop();
  }
  const heap = heapMB();
  const listHeap = heap - before;
  kept?.stop();

  const dir = await mkdtemp(join(tmpdir(), 'avatar-watch-bench-'));
  const saves: number[] = [];
  const loads: number[] = [];
  let fileBytes: number;
  try {
    const file = new WatchlistFile(dir);
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      await file.save({ items, history });
      saves.push(performance.now() - t);
      t = performance.now();
      const loaded = await file.load();
      loads.push(performance.now() - t);
      if (loaded.state.items.length !== count) throw new Error(`load gave ${loaded.state.items.length} items, not ${count}`);
    }
    fileBytes = (await stat(file.path)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const adds = await measureAdds(count, history);

  return {
    items: count,
    heapMB: round(heap, 1),
    listHeapMB: round(listHeap, 1),
    passMs: round(median(passes), 3),
    catchUpMs: round(median(catchUps)),
    saveMs: round(median(saves)),
    loadMs: round(median(loads)),
    fileMB: round(fileBytes / 1e6, 1),
    addMs: round(median(adds)),
    runs: RUNS,
  };
}

const ADD_BATCH = 500;

/**
 * Adds of ADD_BATCH new IDs through the real core, the last one filling the list to `count`. No
 * key is saved, so nothing is checked (and nothing leaves the machine): the figure is parsing,
 * tracking and the durable save the answer waits for.
 */
async function measureAdds(count: number, history: ReturnType<typeof makeHistory>): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'avatar-watch-bench-add-'));
  const times: number[] = [];
  try {
    const start = Math.max(0, count - ADD_BATCH * RUNS);
    await new WatchlistFile(dir).save({ items: makeItems(start), history });
    const service = createAvatarWatchService({
      dataDir: dir,
      apiBaseUrl: 'http://127.0.0.1:9',
      secretStore: createMemorySecretStore(),
      notifier: { notify: () => {} },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await service.start();
    for (let run = 0; run < RUNS; run++) {
      const text = Array.from({ length: ADD_BATCH }, (_, i) => `bench-add-${run}-${i}`).join('\n');
      const t = performance.now();
      const result = await service.addPhotos(text);
      times.push(performance.now() - t);
      if (result.notSaved || result.added.length !== Math.min(ADD_BATCH, count - start - run * ADD_BATCH)) {
        throw new Error(`add ${run} gave ${result.added.length} added${result.notSaved ? ', not saved' : ''}`);
      }
    }
    await service.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return times;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? MAX_WATCHED_PHOTOS);
  void measureScale(count).then((result) => console.log(JSON.stringify(result)));
}
