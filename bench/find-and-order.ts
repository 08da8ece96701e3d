// `npx tsx bench/find-and-order.ts [count]`: the work the window does per keystroke in the search
// box, per status toggle and per change of order, at 10,000 photos (or as many as asked), through the
// real Pinia stores (Vue's reactivity included, no DOM). Prints medians; the target is one frame
// (16 ms) per step. Node runs V8 like Chromium, so the figures carry over to the Electron window.
import { createPinia, setActivePinia } from 'pinia';
import { performance } from 'node:perf_hooks';
import type { WatchItem } from '../preload/api';
import { SORT_KEYS } from '../renderer/src/stores/list-view';
import { useViewStore } from '../renderer/src/stores/view';
import { useWatchlistStore } from '../renderer/src/stores/watchlist';
import { makeItems } from '../tests/support/items';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 15;
const FRAME_MS = 16;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(step: () => void): number {
  const start = performance.now();
  step();
  return performance.now() - start;
}

// Finishing times spread out, so "recently finished first" has real sorting to do.
const items: WatchItem[] = makeItems(COUNT).map((item, i) =>
  item.finishedAt === null ? item : { ...item, finishedAt: item.finishedAt - ((i * 7_919) % 86_400) * 1_000 },
);

setActivePinia(createPinia());
const watchlist = useWatchlistStore();
watchlist.applySnapshot({
  items,
  pause: null,
  checkingPaused: false,
  connection: { state: 'online', retryAt: null, error: null },
  account: { account: null, hasKey: false, error: null, key: { place: null, unreachable: null, forgottenSessionKey: null, fallback: 'weak', os: 'linux' } },
  notices: [],
});
const view = useViewStore();
const read = () => view.shown.length;
read();

// Typing a photo ID one character at a time, then deleting it again.
const typed = 'photo-00a1';
const keystrokes: number[] = [];
const toggles: number[] = [];
const sorts: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  for (let n = 1; n <= typed.length; n += 1) keystrokes.push(timed(() => (view.setQuery(typed.slice(0, n)), read())));
  for (let n = typed.length - 1; n >= 0; n -= 1) keystrokes.push(timed(() => (view.setQuery(typed.slice(0, n)), read())));
  for (const state of ['ready', 'failed', 'ready', 'failed'] as const) toggles.push(timed(() => (view.toggle(state), read())));
  for (const key of [...SORT_KEYS.slice(1), SORT_KEYS[0]]) sorts.push(timed(() => (view.setSort(key), read())));
}
// A patch replacing one item: the order is rebuilt (the one sort), then the filter runs again.
view.setSort('finished');
view.setQuery('photo-0');
read();
const patches: number[] = [];
for (let run = 0; run < RUNS * 4; run += 1) {
  const item = items[run]!;
  patches.push(timed(() => (watchlist.applyPatch({ upserted: [{ ...item, checks: item.checks + run + 1 }] }), read())));
}

const report = {
  items: COUNT,
  keystrokeMs: median(keystrokes),
  keystrokeWorstMs: Math.max(...keystrokes),
  statusToggleMs: median(toggles),
  sortChangeMs: median(sorts),
  sortChangeWorstMs: Math.max(...sorts),
  onePatchWhileFilteredMs: median(patches),
};
for (const [name, value] of Object.entries(report)) {
  const ms = name.endsWith('Ms');
  const over = ms && !name.includes('Worst') && value > FRAME_MS;
  console.log(`${name.padEnd(26)} ${ms ? `${value.toFixed(2)} ms` : value}${over ? `  over one frame (${FRAME_MS} ms)` : ''}`);
}
