// The kinds of day the engine is measured on. Each generator takes its own parameters and a seed,
// so the benchmark runs several seeds per kind and the held-out check (bench/holdout.ts) can draw
// unseen parameters of the same kinds.
import type { Workload } from './simulate';

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same workloads. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface Arrivals {
  photos: number;
  /** Photos arrive evenly at random over this many seconds. */
  windowS: number;
}

/** Arrival times, then one duration per photo from `duration(arrivalS, random)`. */
function build(name: string, seed: number, arrivals: Arrivals, duration: (arrivalS: number, random: () => number) => number): Workload {
  const random = seeded(seed);
  const arrivalsS = Array.from({ length: arrivals.photos }, () => random() * arrivals.windowS).sort((a, b) => a - b);
  const durationsS = arrivalsS.map((a) => Math.max(1, duration(a, random)));
  return { name, arrivalsS, durationsS };
}

/** Every duration equally likely between `lowS` and `highS` (the docs' 2–5 min, a fast day, a slow day). */
export function uniformDay(name: string, seed: number, arrivals: Arrivals, lowS: number, highS: number): Workload {
  return build(name, seed, arrivals, (_, r) => lowS + r() * (highS - lowS));
}

/** Log-normal around `medianS`: most close to it, a heavy tail of much slower ones (larger `sigma`, heavier). */
export function logNormalDay(name: string, seed: number, arrivals: Arrivals, medianS: number, sigma: number): Workload {
  return build(name, seed, arrivals, (_, r) => medianS * Math.exp(sigma * normal(r)));
}

/** Two kinds of job mixed: a share `shortShare` around `shortS`, the rest around `longS` (each log-normal, spread `sigma`). */
export function bimodalDay(name: string, seed: number, arrivals: Arrivals, shortS: number, longS: number, shortShare: number, sigma: number): Workload {
  return build(name, seed, arrivals, (_, r) => (r() < shortShare ? shortS : longS) * Math.exp(sigma * normal(r)));
}

/**
 * JoggAI getting slower mid-run, then faster again: durations uniform in [lowS, highS] times a
 * factor that is 1 for the first quarter of the run, climbs to `peak` by the middle, holds, and
 * falls back to 1 over the last quarter.
 */
export function driftingDay(name: string, seed: number, arrivals: Arrivals, lowS: number, highS: number, peak: number): Workload {
  const factor = (arrivalS: number) => {
    const x = arrivalS / arrivals.windowS;
    if (x < 0.25) return 1;
    if (x < 0.5) return 1 + (peak - 1) * ((x - 0.25) / 0.25);
    if (x < 0.75) return peak;
    return peak - (peak - 1) * ((x - 0.75) / 0.25);
  };
  return build(name, seed, arrivals, (a, r) => (lowS + r() * (highS - lowS)) * factor(a));
}

/** A first day: a few dozen photos pasted close together, no history, durations log-normal. */
export function coldStart(name: string, seed: number, photos: number, withinS: number, medianS: number, sigma: number): Workload {
  return logNormalDay(name, seed, { photos, windowS: withinS }, medianS, sigma);
}

export interface WorkloadKind {
  /** Short key, e.g. for BENCH_KINDS=slow. */
  key: string;
  name: string;
  /** The benchmark's own parameters, one workload per seed. */
  make(seed: number, photos: number): Workload;
  /** Parameters of the same kind drawn at random: workloads the engine was never run on. */
  unseen(seed: number, photos: number): Workload;
}

const TWO_HOURS_S = 2 * 60 * 60;
/** A number drawn evenly in [low, high]. */
const within = (random: () => number, low: number, high: number) => low + random() * (high - low);

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  {
    key: 'docs',
    name: 'A: 2–5 min (the docs)',
    make: (seed, photos) => uniformDay('A', seed, { photos, windowS: TWO_HOURS_S }, 120, 300),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 1);
      return uniformDay('A', seed, { photos, windowS: TWO_HOURS_S }, within(r, 90, 150), within(r, 240, 360));
    },
  },
  {
    key: 'fast',
    name: 'B: 20–90 s (fast)',
    make: (seed, photos) => uniformDay('B', seed, { photos, windowS: TWO_HOURS_S }, 20, 90),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 2);
      // Some jobs past one minute: were all under it, half the docs' p95 (10 s gaps) would be
      // under JoggAI's 5 s minimum interval, a target no polite schedule can reach.
      return uniformDay('B', seed, { photos, windowS: TWO_HOURS_S }, within(r, 10, 30), within(r, 70, 120));
    },
  },
  {
    key: 'lognormal',
    name: 'C: log-normal, heavy tail',
    make: (seed, photos) => logNormalDay('C', seed, { photos, windowS: TWO_HOURS_S }, 150, 0.7),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 3);
      return logNormalDay('C', seed, { photos, windowS: TWO_HOURS_S }, within(r, 60, 300), within(r, 0.5, 1));
    },
  },
  {
    key: 'bimodal',
    name: 'D: bimodal (short and long)',
    make: (seed, photos) => bimodalDay('D', seed, { photos, windowS: TWO_HOURS_S }, 40, 360, 0.6, 0.2),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 4);
      return bimodalDay('D', seed, { photos, windowS: TWO_HOURS_S }, within(r, 20, 60), within(r, 240, 600), within(r, 0.3, 0.7), within(r, 0.1, 0.3));
    },
  },
  {
    key: 'drift',
    name: 'E: drift (slower, then faster)',
    make: (seed, photos) => driftingDay('E', seed, { photos, windowS: TWO_HOURS_S }, 90, 210, 2.5),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 5);
      const low = within(r, 60, 150);
      return driftingDay('E', seed, { photos, windowS: TWO_HOURS_S }, low, low + within(r, 60, 180), within(r, 1.8, 3.5));
    },
  },
  {
    key: 'cold',
    name: 'F: cold start (40 photos, no history)',
    make: (seed) => coldStart('F', seed, 40, 120, 180, 0.25),
    unseen: (seed) => {
      const r = seeded(seed * 7 + 6);
      return coldStart('F', seed, Math.round(within(r, 30, 50)), within(r, 30, 300), within(r, 120, 240), within(r, 0.15, 0.35));
    },
  },
  {
    key: 'slow',
    name: 'G: slow day (8–20 min)',
    make: (seed, photos) => uniformDay('G', seed, { photos, windowS: TWO_HOURS_S }, 480, 1200),
    unseen: (seed, photos) => {
      const r = seeded(seed * 7 + 7);
      const low = within(r, 420, 600);
      return uniformDay('G', seed, { photos, windowS: TWO_HOURS_S }, low, within(r, Math.max(low + 300, 1000), 1320));
    },
  },
];
