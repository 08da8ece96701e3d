// How long photos take, as a probability distribution over an item's age, and where to place
// the next check given it. Starts from the JoggAI docs (2–5 minutes) and moves to this user's own
// history as completions come in, so a different real distribution is picked up after a few dozen.
//
// Placement rule, aimed at "notice 95 % of completions within D seconds with as few requests as
// possible": find the ages where completions concentrate (the highest-density region holding
// 95 % of the belief) and check every D seconds there; elsewhere check sparsely (at most every
// 60 s), jumping straight to the region's first useful check when it is near. A request spent
// where nothing is likely to finish is a request wasted; a gap of D where most finish bounds the
// delay of most photos by D.
import type { CompletionRecord } from './completion-record';
import { HISTORY_LIMIT } from './completion-record';

export interface CompletionModelOptions {
  /** The prior's range in seconds (JoggAI: 2–5 minutes). */
  priorLowS?: number;
  priorHighS?: number;
  /** How many completions the prior is worth; small, so real history wins quickly. */
  priorWeight?: number;
  /** The detection delay aimed at for most photos, in seconds (the gap where completions concentrate). */
  targetDelayS?: number;
  /** Share of the belief the dense region must cover. */
  coverage?: number;
  /** The longest gap anywhere below the horizon. */
  maxGapS?: number;
}

/** Ages the model covers, in seconds; past this the tracker's "taking longer" rules apply. */
export const MODEL_HORIZON_S = 15 * 60;
/** Belief that a photo runs past the horizon. */
const TAIL_SHARE = 0.02;

export class CompletionModel {
  private readonly opts: Required<CompletionModelOptions>;
  private readonly records: CompletionRecord[] = [];
  /** Observed mass per one-second bin (unnormalised: each record adds 1). */
  private readonly observed = new Float64Array(MODEL_HORIZON_S);
  private readonly prior: Float64Array;
  /** cumulative[i] = P(finish before age i s); rebuilt lazily after new records. */
  private cumulative = new Float64Array(MODEL_HORIZON_S + 1);
  /** Per bin: the first bin at or after it that lies in the dense region (-1: none). */
  private nextDense = new Int32Array(MODEL_HORIZON_S);
  private dirty = true;

  constructor(options: CompletionModelOptions = {}, history: readonly CompletionRecord[] = []) {
    this.opts = {
      priorLowS: options.priorLowS ?? 120,
      priorHighS: options.priorHighS ?? 300,
      priorWeight: options.priorWeight ?? 4,
      targetDelayS: Math.max(5, options.targetDelayS ?? 12),
      coverage: options.coverage ?? 0.95,
      maxGapS: options.maxGapS ?? 60,
    };
    this.prior = normalised(rangeMass(this.opts.priorLowS, this.opts.priorHighS));
    for (const record of history.slice(-HISTORY_LIMIT)) this.observe(record);
  }

  /** Learns from one finished photo. Keeps the most recent HISTORY_LIMIT records. */
  observe(record: CompletionRecord): void {
    if (!(record.highMs >= record.lowMs && record.lowMs >= 0)) return;
    this.records.push(record);
    this.spread(record, +1);
    if (this.records.length > HISTORY_LIMIT) this.spread(this.records.shift()!, -1);
    this.dirty = true;
  }

  history(): CompletionRecord[] {
    return [...this.records];
  }


  /** Seconds from age `ageS` to the next check of a photo still running. */
  nextGapS(ageS: number): number {
    if (this.dirty) this.rebuild();
    const { targetDelayS, maxGapS } = this.opts;
    const bin = Math.min(MODEL_HORIZON_S - 1, Math.max(0, Math.floor(ageS)));
    const dense = this.nextDense[bin]!;
    if (dense === -1) return maxGapS; // past every likely age: sparse checks
    if (dense <= ageS) return targetDelayS; // inside the dense region
    // Before it: the first check worth making is one target gap into the region.
    const untilUseful = dense + targetDelayS - ageS;
    return untilUseful <= maxGapS * 1.5 ? untilUseful : maxGapS;
  }

  /** P(a photo finishes before age `ageS`), interpolated between one-second bins. */
  cdf(ageS: number): number {
    if (this.dirty) this.rebuild();
    if (ageS <= 0) return 0;
    if (ageS >= MODEL_HORIZON_S) return this.cumulative[MODEL_HORIZON_S]!;
    const i = Math.floor(ageS);
    const a = this.cumulative[i]!;
    const b = this.cumulative[i + 1]!;
    return a + (b - a) * (ageS - i);
  }

  /** Each record says "finished between low and high": its unit of mass is spread over that range. */
  private spread(record: CompletionRecord, sign: 1 | -1): void {
    const low = record.lowMs / 1000;
    const high = record.highMs / 1000;
    // A little extra width, so a few records make a smooth curve rather than spikes.
    const pad = Math.max(2, 0.05 * high);
    const mass = rangeMass(Math.max(0, low - pad), high + pad);
    const total = mass.reduce((s, v) => s + v, 0);
    if (total === 0) return; // finished past the horizon: the tail share covers it
    for (let i = 0; i < MODEL_HORIZON_S; i++) this.observed[i]! += (sign * mass[i]!) / total;
  }

  private rebuild(): void {
    const n = this.records.length;
    const { priorWeight } = this.opts;
    const learned = 1 - TAIL_SHARE;
    const priorShare = (learned * priorWeight) / (priorWeight + n);
    const observedShare = n === 0 ? 0 : learned - priorShare;
    let sum = 0;
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      this.cumulative[i] = sum;
      const density =
        priorShare * this.prior[i]! + (n === 0 ? 0 : (observedShare * Math.max(0, this.observed[i]!)) / n);
      sum += density;
    }
    this.cumulative[MODEL_HORIZON_S] = sum;
    this.markDenseRegion(sum);
    this.dirty = false;
  }

  /** The highest-density bins that together hold `coverage` of the mass below the horizon. */
  private markDenseRegion(total: number): void {
    const density = Array.from({ length: MODEL_HORIZON_S }, (_, i) => this.cumulative[i + 1]! - this.cumulative[i]!);
    const sorted = [...density].sort((a, b) => b - a);
    let held = 0;
    let threshold = 0;
    for (const d of sorted) {
      held += d;
      threshold = d;
      if (held >= this.opts.coverage * total) break;
    }
    let next = -1;
    for (let i = MODEL_HORIZON_S - 1; i >= 0; i--) {
      if (density[i]! >= threshold && density[i]! > 0) next = i;
      this.nextDense[i] = next;
    }
  }
}

/** Mass per one-second bin of a uniform distribution over [low, high] seconds (unnormalised). */
function rangeMass(low: number, high: number): Float64Array {
  const mass = new Float64Array(MODEL_HORIZON_S);
  for (let i = 0; i < MODEL_HORIZON_S; i++) {
    const overlap = Math.min(i + 1, high) - Math.max(i, low);
    if (overlap > 0) mass[i] = overlap;
  }
  if (high - low < 1e-6 && low < MODEL_HORIZON_S) mass[Math.max(0, Math.floor(low))] = 1;
  return mass;
}

function normalised(mass: Float64Array): Float64Array {
  const total = mass.reduce((s, v) => s + v, 0);
  return total > 0 ? mass.map((v) => v / total) : mass;
}
