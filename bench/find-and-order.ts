// `npx tsx bench/find-and-order.ts [count]`: the work the window does per keystroke in the search
// box, per status toggle, per change of order and per patch, at 10,000 photos (or as many as
// asked), through the same functions the view store runs (renderer/src/stores/list-view.ts; the
// store adds only Vue's bookkeeping). Prints medians; the target is one frame (16 ms) per step.
// bench/window-perf.ts runs the same steps (bench/find-and-order-steps.ts) inside Chromium.
import { measureFindAndOrder } from './find-and-order-steps';

const COUNT = Number(process.argv[2] ?? 10_000);
const FRAME_MS = 16;

const report = measureFindAndOrder(COUNT);
for (const [name, value] of Object.entries(report)) {
  const ms = name.endsWith('Ms');
  const over = ms && !name.includes('Worst') && value > FRAME_MS;
  console.log(`${name.padEnd(26)} ${ms ? `${value.toFixed(2)} ms` : value}${over ? `  over one frame (${FRAME_MS} ms)` : ''}`);
}
