// The three strategies compared, run over one workload each on a fresh virtual clock, and the
// targets ours must reach against the other two on every kind of day (median, every seed within 10 %).
import { DEFAULT_BUDGET, type Budget } from '../main/core/budget';
import { docsSchedule, fixedSchedule, learnedSchedule, type Schedule } from '../main/core/tracker/schedule';
import { VirtualClock } from '../tests/support/virtual-clock';
import { round, simulate, type Backend, type StrategyResult, type Workload } from './simulate';
import { seeded, type WorkloadKind } from './workloads';

/** Ours runs under the app's default budget; the baselines unthrottled, so their figures are their schedules' own. */
const UNTHROTTLED: Budget = { ratePerS: Infinity, burst: Infinity, maxInFlight: 64 };

export type StrategyName = 'fixed5s' | 'docs' | 'tracker';

export const STRATEGIES: Record<StrategyName, { make: (random: () => number) => Schedule; budget: Budget }> = {
  fixed5s: { make: () => fixedSchedule(5_000), budget: UNTHROTTLED },
  docs: { make: (random) => docsSchedule(random), budget: UNTHROTTLED },
  tracker: { make: () => learnedSchedule(), budget: DEFAULT_BUDGET },
};

/** Each strategy over `load` on its own fresh clock and backend (no history carried over). */
export async function runStrategies(
  load: Workload,
  seed: number,
  names: readonly StrategyName[],
  backendFor: (clock: VirtualClock, name: StrategyName) => Promise<{ backend: Backend; close(): Promise<void> }>,
): Promise<Partial<Record<StrategyName, StrategyResult>>> {
  const results: Partial<Record<StrategyName, StrategyResult>> = {};
  for (const name of names) {
    const clock = new VirtualClock(0);
    const { backend, close } = await backendFor(clock, name);
    try {
      const random = seeded(100 + seed);
      results[name] = await simulate(backend, clock, load, STRATEGIES[name].make(random), STRATEGIES[name].budget, random, `${name}-${seed}`);
    } finally {
      await close();
    }
  }
  return results;
}

export interface Target {
  target: string;
  reached: boolean;
  figure: string;
}

export interface SeedRun {
  seed: number;
  results: Partial<Record<StrategyName, StrategyResult>>;
}

/** The slow-day promise: most photos noticed within this many seconds however long they take. */
export const SLOW_DAY_P95_S = 45;

/**
 * How far past a target one seed may fall while the median meets it: a few hundred photos (a few
 * dozen on a first day, where the 95th percentile is the third-worst photo) make one seed's 95th
 * percentile noisy, so the promise is kept on the median and no seed may miss it by more than 10 %.
 */
export const SEED_TOLERANCE = 1.1;

/**
 * Ours against the docs, per kind of day: no more requests per photo, under half the
 * 95th-percentile delay; on the docs' own workload at most a quarter of the fixed-5 s requests;
 * on a slow day a 95th percentile within 45 s. A target is met when the median over seeds meets
 * it and no seed is worse than SEED_TOLERANCE times it. Every seed's ratio is printed, misses
 * (ratio over 1) marked.
 */
export function kindTargets(kind: WorkloadKind, runs: readonly SeedRun[]): Target[] {
  const complete = runs.filter((r) => r.results.tracker && r.results.docs);
  if (complete.length === 0) return [];
  const targets: Target[] = [];
  const median = (f: (r: SeedRun) => number) => {
    const sorted = complete.map(f).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const check = (target: string, ours: (r: SeedRun) => number, limit: (r: SeedRun) => number, unit: string) => {
    const ratio = (r: SeedRun) => ours(r) / limit(r);
    const worst = Math.max(...complete.map(ratio));
    const missed = complete.filter((r) => ratio(r) > 1);
    const [o, l] = [median(ours), median(limit)];
    const perSeed = complete.map((r) => `${r.seed} ×${round(ratio(r), 2)}${ratio(r) > 1 ? '!' : ''}`).join(', ');
    targets.push({
      target: `${kind.name}: ${target}`,
      reached: o <= l && worst <= SEED_TOLERANCE,
      figure:
        `median ${round(o, 2)}${unit} vs ${round(l, 2)}${unit} · ${complete.length - missed.length}/${complete.length} seeds within, ` +
        `worst ×${round(worst, 2)} (allowed ×${SEED_TOLERANCE}) · per seed: ${perSeed}`,
    });
  };
  const t = (r: SeedRun) => r.results.tracker!;
  const d = (r: SeedRun) => r.results.docs!;
  check('requests/photo ≤ docs', (r) => t(r).requestsPerPhoto, (r) => d(r).requestsPerPhoto, '');
  check('p95 delay ≤ ½ docs', (r) => t(r).p95DelayS, (r) => d(r).p95DelayS / 2, ' s');
  if (kind.key === 'docs' && complete.every((r) => r.results.fixed5s)) {
    check('requests/photo ≤ ¼ fixed5s', (r) => t(r).requestsPerPhoto, (r) => r.results.fixed5s!.requestsPerPhoto / 4, '');
  }
  if (kind.key === 'slow') check(`p95 delay ≤ ${SLOW_DAY_P95_S} s`, (r) => t(r).p95DelayS, () => SLOW_DAY_P95_S, ' s');
  return targets;
}
