// The steps bench/find-and-order.ts times, as one function: Node runs it from that script, and
// bench/window-perf.ts runs the same code inside Chromium (bundled), so both engines are measured
// on the same work. Only the list-view functions and the items helper: nothing Node-only.
import type { WatchItem } from '../preload/api';
import { SORT_KEYS, filterItems, normalizeQuery, orderItems, type SortKey } from '../renderer/src/stores/list-view';
import type { DisplayState, RowContext } from '../renderer/src/stores/row-state';
import { makeItems } from '../tests/support/items';

const RUNS = 15;
const CONTEXT: RowContext = { held: false, offline: false };

export interface FindAndOrderFigures {
  items: number;
  keystrokeMs: number;
  keystrokeWorstMs: number;
  statusToggleMs: number;
  sortChangeMs: number;
  sortChangeWorstMs: number;
  onePatchWhileFilteredMs: number;
  labelSortMs: number;
  labelKeystrokeMs: number;
  labelKeystrokeWorstMs: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(step: () => unknown): number {
  const start = performance.now();
  step();
  return performance.now() - start;
}

// Two photos in three carry a label (a customer and a campaign), one in five a note, so a search
// reads them and "By label" has real sorting to do.
function withLabel(item: WatchItem, i: number): WatchItem {
  if (i % 3 === 2) return item;
  const label = `Customer ${(i * 7_919) % 211} · campaign ${i % 17}`;
  return i % 5 === 0 ? { ...item, label, note: `Order ${i}\nDeliver by Friday; call before sending.` } : { ...item, label };
}

export function measureFindAndOrder(count: number): FindAndOrderFigures {
  // Finishing times spread out, so "recently finished first" has real sorting to do.
  let items: WatchItem[] = makeItems(count).map((item, i) =>
    withLabel(item.finishedAt === null ? item : { ...item, finishedAt: item.finishedAt - ((i * 7_919) % 86_400) * 1_000 }, i),
  );

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

  // "By label" chosen, then typing a customer's name.
  const labelSorts: number[] = [];
  const labelKeystrokes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    labelSorts.push(timed(() => ((sort = 'label'), (ordered = orderItems(items, sort, CONTEXT)), filter())));
    const name = 'customer 12';
    for (let n = 1; n <= name.length; n += 1) labelKeystrokes.push(timed(() => ((query = name.slice(0, n)), filter())));
  }

  return {
    items: count,
    labelSortMs: median(labelSorts),
    labelKeystrokeMs: median(labelKeystrokes),
    labelKeystrokeWorstMs: Math.max(...labelKeystrokes),
    keystrokeMs: median(keystrokes),
    keystrokeWorstMs: Math.max(...keystrokes),
    statusToggleMs: median(toggles),
    sortChangeMs: median(sorts),
    sortChangeWorstMs: Math.max(...sorts),
    onePatchWhileFilteredMs: median(patches),
  };
}
