// `npx tsx bench/find-and-order.ts [count]`: the work the window does per keystroke in the search
// box, per status toggle, per change of order and per patch, at 10,000 photos (or as many as
// asked), through the same functions the view store runs (renderer/src/stores/list-view.ts; the
// store adds only Vue's bookkeeping). Prints medians; the target is one frame (16 ms) per step.
// Node runs V8 like Chromium, so the figures carry over to the window.
import { performance } from 'node:perf_hooks';
import type { WatchItem } from '../preload/api';
import { SORT_KEYS, filterItems, normalizeQuery, orderItems, type SortKey } from '../renderer/src/stores/list-view';
import type { DisplayState, RowContext } from '../renderer/src/stores/row-state';
import { makeItems } from '../tests/support/items';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 15;
const FRAME_MS = 16;
const CONTEXT: RowContext = { held: false, offline: false };

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(step: () => unknown): number {
  const start = performance.now();
  step();
  return performance.now() - start;
}

// Finishing times spread out, so "recently finished first" has real sorting to do.
let items: WatchItem[] = makeItems(COUNT).map((item, i) =>
  withLabel(item.finishedAt === null ? item : { ...item, finishedAt: item.finishedAt - ((i * 7_919) % 86_400) * 1_000 }, i),
);

// labels: two photos in three carry a label (a customer and a campaign), one in five a note, so a
// search reads them and "By label" has real sorting to do.
function withLabel(item: WatchItem, i: number): WatchItem {
  if (i % 3 === 2) return item;
  const label = `Customer ${(i * 7_919) % 211} · campaign ${i % 17}`;
  return i % 5 === 0 ? { ...item, label, note: `Order ${i}\nDeliver by Friday; call before sending.` } : { ...item, label };
}

let sort: SortKey = 'added-newest';
let states = new Set<DisplayState>();
let query = '';
let ordered = orderItems(items, sort, CONTEXT);
const filter = () => filterItems(ordered, { states, query: normalizeQuery(query), context: CONTEXT }).length;

// Typing a photo ID one character at a time, then deleting it again.
const typed = 'photo-00a1';
const keystrokes: number[] = [];
const toggles: number[] = [];
const sorts: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  for (let n = 1; n <= typed.length; n += 1) keystrokes.push(timed(() => ((query = typed.slice(0, n)), filter())));
  for (let n = typed.length - 1; n >= 0; n -= 1) keystrokes.push(timed(() => ((query = typed.slice(0, n)), filter())));
  for (const state of ['ready', 'failed', 'ready', 'failed'] as const) {
    toggles.push(timed(() => (states.has(state) ? states.delete(state) : states.add(state), (states = new Set(states)), filter())));
  }
  for (const key of [...SORT_KEYS.slice(1), SORT_KEYS[0]]) sorts.push(timed(() => ((sort = key), (ordered = orderItems(items, sort, CONTEXT)), filter())));
}

// One item changes while the list is filtered and sorted by finish: the watchlist's copy-on-write
// array, the order rebuilt (the one sort), the filter again.
sort = 'finished';
query = 'photo-0';
const patches: number[] = [];
for (let run = 0; run < RUNS * 4; run += 1) {
  patches.push(
    timed(() => {
      items = items.slice();
      items[run] = { ...items[run]!, checks: items[run]!.checks + 1 };
      ordered = orderItems(items, sort, CONTEXT);
      return filter();
    }),
  );
}

// labels: "By label" chosen, then typing a customer's name.
const labelSorts: number[] = [];
const labelKeystrokes: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  labelSorts.push(timed(() => ((sort = 'label'), (ordered = orderItems(items, sort, CONTEXT)), filter())));
  const name = 'customer 12';
  for (let n = 1; n <= name.length; n += 1) labelKeystrokes.push(timed(() => ((query = name.slice(0, n)), filter())));
}

const report = {
  items: COUNT,
  keystrokeMs: median(keystrokes),
  keystrokeWorstMs: Math.max(...keystrokes),
  statusToggleMs: median(toggles),
  sortChangeMs: median(sorts),
  sortChangeWorstMs: Math.max(...sorts),
  onePatchWhileFilteredMs: median(patches),
  labelSortMs: median(labelSorts),
  labelKeystrokeMs: median(labelKeystrokes),
  labelKeystrokeWorstMs: Math.max(...labelKeystrokes),
};
for (const [name, value] of Object.entries(report)) {
  const ms = name.endsWith('Ms');
  const over = ms && !name.includes('Worst') && value > FRAME_MS;
  console.log(`${name.padEnd(26)} ${ms ? `${value.toFixed(2)} ms` : value}${over ? `  over one frame (${FRAME_MS} ms)` : ''}`);
}
