// How long photos take, as a probability distribution over an item's age, and where to place the
// next check given it. Starts from a broad prior centred on the JoggAI docs (2–5 minutes) and
// moves to this user's own recent history as completions come in.
//
// Three ideas make it hold on kinds of day it was never tuned on:
// - Recency: each completion counts by how recent it is (a half-life in time), so a JoggAI that
//   gets slower, then faster again, is followed within a few dozen completions, while a quiet
//   user's old history still counts when nothing newer exists (weights are relative).
// - Uncertainty: the prior is worth a few completions against the *effective* number of recent
//   ones, so a cold start is broad and cautious and a busy day is sharp.
// - Hazard-based spacing: a running photo is checked every `target` seconds where the chance of
//   finishing *given it has not yet* (the hazard) is high, sparser where it is low (gap grows as
//   1/√hazard, the square-root rule that minimises requests for a given mean delay), and the
//   first check into a likely region is placed so that region is covered from its start.
//
// How prompt to be is set against JoggAI's own advice (checks every 10 s in the first minute,
// 30 s to five minutes, 60 s after): the model estimates the 95th-percentile delay that advice
// would give on the durations it believes in, and aims under half of it. Fast jobs thus get fast
// checks and a slow day calmer ones, without a fixed number of seconds tuned to one workload.
import type { CompletionRecord } from './completion-record';
import { HISTORY_LIMIT } from './completion-record';

export interface CompletionModelOptions {
  /** How many completions the prior is worth; small, so real history wins quickly. */
  priorWeight?: number;
  /** A completion this much older than the newest counts half. */
  halfLifeMs?: number;
  /** Share of the completions the dense (high-hazard) region must hold. */
  coverage?: number;
  /** The aimed 95th-percentile delay, as a share of what the docs' schedule would give. */
  promptness?: number;
  /** The longest gap while an item is not yet "taking longer than usual", in seconds. */
  maxGapS?: number;
}

/** Ages the model covers, in seconds; past this an item is taking long whatever was learned. */
export const MODEL_HORIZON_S = 2 * 60 * 60;
/** JoggAI never wants one task polled faster than this (seconds). */
const MIN_GAP_S = 5;
/** Belief kept for "longer than anything seen": survival never reaches zero. */
const TAIL_SHARE = 0.01;
/** "Taking longer than usual": past a high learned quantile, with a margin, never before this. */
const TAKING_LONG_QUANTILE = 0.99;
const TAKING_LONG_MARGIN = 1.25;
export const TAKING_LONG_FLOOR_S = 3 * 60;

export class CompletionModel {
  private readonly opts: Required<CompletionModelOptions>;
  private records: CompletionRecord[] = [];
  private readonly prior = docsPrior();
  private readonly density = new Float64Array(MODEL_HORIZON_S);
  /** cumulative[i] = P(finish before age i s). */
  private readonly cumulative = new Float64Array(MODEL_HORIZON_S + 1);
  /** Per bin: the first bin at or after it inside the dense region (-1: none). */
  private readonly nextDense = new Int32Array(MODEL_HORIZON_S);
  /** Hazard at the edge of the dense region (per second). */
  private threshold = 0;
  private targetS = 12;
  private effectiveCount = 0;
  private dirty = true;

  constructor(options: CompletionModelOptions = {}, history: readonly CompletionRecord[] = []) {
    this.opts = {
      priorWeight: options.priorWeight ?? 3,
      halfLifeMs: options.halfLifeMs ?? 30 * 60_000,
      coverage: options.coverage ?? 0.95,
      promptness: options.promptness ?? 0.45,
      maxGapS: options.maxGapS ?? 120,
    };
    for (const record of history) this.observe(record);
  }

  /** Learns from one finished photo. Keeps the most recent HISTORY_LIMIT records. */
  observe(record: CompletionRecord): void {
    if (!(record.highMs >= record.lowMs && record.lowMs >= 0 && Number.isFinite(record.at))) return;
    this.records.push(record);
    if (this.records.length > HISTORY_LIMIT) this.records = this.records.slice(-HISTORY_LIMIT);
    this.dirty = true;
  }

  history(): CompletionRecord[] {
    return [...this.records];
  }

  /** The detection delay aimed at where completions concentrate, in seconds. */
  targetDelayS(): number {
    if (this.dirty) this.rebuild();
    return this.targetS;
  }

  /** How many recent completions the belief rests on (recency-weighted). */
  evidence(): number {
    if (this.dirty) this.rebuild();
    return this.effectiveCount;
  }

  /** Seconds from age `ageS` to the next check of a photo still running. */
  nextGapS(ageS: number): number {
    if (this.dirty) this.rebuild();
    const { maxGapS } = this.opts;
    const target = this.targetS;
    const age = Math.max(0, ageS);
    if (age >= MODEL_HORIZON_S - 1) return maxGapS;
    const survival = Math.max(1e-9, 1 - this.cdf(age));
    const hazard = (this.cdf(age + target) - this.cdf(age)) / (target * survival);
    let gap = hazard > 0 ? target * Math.sqrt(this.threshold / hazard) : maxGapS;
    gap = Math.min(maxGapS, Math.max(target, gap));
    // Ahead of the dense region: the first check worth making is one target gap into it.
    const dense = this.nextDense[Math.floor(age)]!;
    if (dense > age) gap = Math.min(gap, dense - age + target);
    return Math.max(MIN_GAP_S, gap);
  }

  /** The age (s) past which a running photo is "taking longer than usual". */
  takingLongAfterS(): number {
    if (this.dirty) this.rebuild();
    const held = this.cumulative[MODEL_HORIZON_S]!;
    const q = this.quantile(TAKING_LONG_QUANTILE * held);
    return Math.min(MODEL_HORIZON_S, Math.max(TAKING_LONG_FLOOR_S, q * TAKING_LONG_MARGIN));
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

  /** The age (s) by which `mass` of the belief has finished. */
  private quantile(mass: number): number {
    let lo = 0;
    let hi = MODEL_HORIZON_S;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < mass) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private rebuild(): void {
    const observed = this.observedDensity();
    const priorShare = this.opts.priorWeight / (this.opts.priorWeight + this.effectiveCount);
    const learned = 1 - TAIL_SHARE;
    let sum = 0;
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      this.cumulative[i] = sum;
      const d = learned * (priorShare * this.prior[i]! + (1 - priorShare) * observed[i]!);
      this.density[i] = d;
      sum += d;
    }
    this.cumulative[MODEL_HORIZON_S] = sum;
    this.targetS = Math.max(MIN_GAP_S, this.opts.promptness * docsP95DelayS((s) => this.cumulative[Math.min(s, MODEL_HORIZON_S)]!, sum));
    this.markDenseRegion(sum);
    this.dirty = false;
  }

  /** Recent completions, each spread over the interval it finished in, weighted by recency; sums to 1. */
  private observedDensity(): Float64Array {
    const observed = new Float64Array(MODEL_HORIZON_S);
    this.effectiveCount = 0;
    if (this.records.length === 0) return observed;
    const newest = Math.max(...this.records.map((r) => r.at));
    let total = 0;
    let squares = 0;
    for (const record of this.records) {
      const weight = 2 ** (-(newest - record.at) / this.opts.halfLifeMs);
      const low = record.lowMs / 1000;
      const high = record.highMs / 1000;
      // A little extra width, so a few records make a smooth curve rather than spikes.
      const pad = Math.max(2, 0.05 * high);
      if (addRange(observed, Math.max(0, low - pad), high + pad, weight)) {
        total += weight;
        squares += weight * weight;
      }
    }
    if (total === 0) return observed;
    for (let i = 0; i < MODEL_HORIZON_S; i++) observed[i]! /= total;
    this.effectiveCount = (total * total) / squares;
    return observed;
  }

  /**
   * The ages of highest hazard that together hold `coverage` of the completions: checking every
   * target gap there, and sparsely elsewhere, is the cheapest way to notice that share promptly
   * (requests are spent on photos still running, so hazard, not density, is what pays).
   */
  private markDenseRegion(total: number): void {
    const hazard = new Float64Array(MODEL_HORIZON_S);
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      const survival = 1 - this.cumulative[i]!;
      hazard[i] = this.density[i]! > 0 ? this.density[i]! / Math.max(1e-12, survival) : 0;
    }
    const order = Array.from({ length: MODEL_HORIZON_S }, (_, i) => i).sort((a, b) => hazard[b]! - hazard[a]!);
    let held = 0;
    this.threshold = 0;
    for (const i of order) {
      held += this.density[i]!;
      this.threshold = hazard[i]!;
      if (held >= this.opts.coverage * total) break;
    }
    let next = -1;
    for (let i = MODEL_HORIZON_S - 1; i >= 0; i--) {
      if (hazard[i]! >= this.threshold && hazard[i]! > 0) next = i;
      this.nextDense[i] = next;
    }
  }
}

/**
 * The 95th-percentile delay JoggAI's advised schedule (every 10 s to one minute, 30 s to five,
 * 60 s after) would give on a belief: a completion at an age with gap G is noticed after a delay
 * spread evenly over [0, G).
 */
export function docsP95DelayS(cdfAt: (ageS: number) => number, total: number): number {
  const whole = Math.max(total, 1e-12);
  const shares = [
    { gap: 10, mass: cdfAt(60) / whole },
    { gap: 30, mass: (cdfAt(300) - cdfAt(60)) / whole },
    { gap: 60, mass: 1 - cdfAt(300) / whole },
  ];
  const late = (x: number) => shares.reduce((s, { gap, mass }) => s + mass * Math.max(0, 1 - x / gap), 0);
  let lo = 0;
  let hi = 60;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (late(mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Adds `weight` spread evenly over [low, high] seconds; false when it lies past the horizon. */
function addRange(into: Float64Array, low: number, high: number, weight: number): boolean {
  if (low >= MODEL_HORIZON_S) return false;
  const top = Math.min(high, MODEL_HORIZON_S);
  const width = high - low;
  if (width < 1e-6) {
    into[Math.floor(low)]! += weight;
    return true;
  }
  for (let i = Math.floor(low); i < top; i++) {
    const overlap = Math.min(i + 1, high) - Math.max(i, low);
    if (overlap > 0) into[i]! += (weight * overlap) / width;
  }
  return true;
}

/**
 * Before any history: mostly the docs' 2–5 minutes, with a broad log-uniform share from 15 s to
 * 20 minutes, so a day unlike the docs is neither missed early nor ignored late.
 */
function docsPrior(): Float64Array {
  const prior = new Float64Array(MODEL_HORIZON_S);
  addRange(prior, 120, 300, 0.6);
  const low = Math.log(15);
  const high = Math.log(20 * 60);
  const steps = 200;
  for (let k = 0; k < steps; k++) {
    const a = Math.exp(low + ((high - low) * k) / steps);
    const b = Math.exp(low + ((high - low) * (k + 1)) / steps);
    addRange(prior, a, b, 0.4 / steps);
  }
  return prior;
}
