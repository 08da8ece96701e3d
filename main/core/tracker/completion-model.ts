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
import type { LearnedDurations } from '../../../preload/api';

/** Fewer finished photos than this and the window says "no estimate yet". */
export const MIN_ESTIMATE_SAMPLES = 3;

export interface CompletionModelOptions {
  /** How many completions the prior is worth; small, so real history wins quickly. */
  priorWeight?: number;
  /** A completion this much older than the newest counts half. */
  halfLifeMs?: number;
  /** Least share of the completions the dense (high-hazard) region holds (more if that is cheaper). */
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
/** While the belief is mostly the prior it may be wrong: aim up to this much tighter. */
const PRIOR_CAUTION = 0.25;
/**
 * The share of completions ours may notice later than aimed: the 5 % a 95th percentile allows,
 * less one standard error of a share measured on as many photos as the belief rests on (a few
 * dozen photos make the 95th percentile the second-worst one; a first day must cover nearly all),
 * never under this floor.
 */
const MIN_LATE_SHARE = 0.005;
/** The docs' yardstick: its own 95th percentile on the same belief. */
const DOCS_LATE_SHARE = 0.05;
/** JoggAI's guide: first check 10–15 s after creating. Its start, so a mistyped ID shows soon. */
export const FIRST_CHECK_S = 10;

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
  /** How much of the belief is still the prior (1: no history). */
  private priorShare = 1;
  /** Ages (s) of photos seen still running: each says "takes longer than this" (right-censored). */
  private running: readonly number[] = [];
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

  /**
   * The ages (s) of the photos now running, taken into account from the next check on. Without
   * them a first day learns only from the quickest photos (the only ones done so far) and
   * believes every photo is quick.
   */
  setRunning(agesS: readonly number[]): void {
    this.running = agesS;
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

  /**
   * Seconds from adding a photo to its first check: the guide's 10 s, or sooner when the dense
   * region starts sooner (a fast day). Never at once: a check at age 0 never finds a finished
   * photo, and on fast days that one request is most of the difference to the docs.
   */
  firstCheckS(): number {
    if (this.dirty) this.rebuild();
    return this.firstAt(this.targetS);
  }

  private firstAt(target: number): number {
    return Math.min(FIRST_CHECK_S, this.gapAt(0, target));
  }

  /** Seconds from age `ageS` to the next check of a photo still running. */
  nextGapS(ageS: number): number {
    if (this.dirty) this.rebuild();
    return this.gapAt(Math.max(0, ageS), this.targetS);
  }

  private gapAt(age: number, target: number): number {
    const { maxGapS } = this.opts;
    if (age >= MODEL_HORIZON_S - 1) return maxGapS;
    // All or nothing: for a 95th-percentile promise a check pays where it keeps a completion
    // within the target (the dense region) and hardly anywhere else; a gap between the two
    // spends requests and still leaves those completions late.
    const bin = Math.floor(age);
    const dense = this.nextDense[bin]!;
    let gap = dense === bin ? target : maxGapS;
    // Ahead of the dense region: the first check worth making is one target gap into it.
    if (dense > age) gap = Math.min(gap, dense - age + target);
    return Math.max(MIN_GAP_S, gap);
  }

  /**
   * What the window words estimates from: quantiles of the belief (ms from adding), or null
   * while fewer than MIN_ESTIMATE_SAMPLES photos finished (the belief would be mostly the prior).
   */
  durations(): LearnedDurations | null {
    if (this.records.length < MIN_ESTIMATE_SAMPLES) return null;
    if (this.dirty) this.rebuild();
    const held = this.cumulative[MODEL_HORIZON_S]!;
    const at = (q: number) => this.quantile(q * held) * 1000;
    return { p25Ms: at(0.25), p50Ms: at(0.5), p90Ms: at(0.9), samples: this.records.length };
  }

  /** The age (s) past which a running photo is "taking longer than usual". */
  takingLongAfterS(): number {
    if (this.dirty) this.rebuild();
    return this.takingLongS;
  }

  private takingLongS = MODEL_HORIZON_S;

  private computeTakingLong(): number {
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
    this.dirty = false; // the steps below read the belief they are building
    const observed = this.observedDensity();
    const { priorWeight } = this.opts;
    const priorShare = priorWeight / (priorWeight + this.effectiveCount);
    this.priorShare = priorShare;
    const learned = 1 - TAIL_SHARE;
    for (let i = 0; i < MODEL_HORIZON_S; i++) this.density[i] = learned * (priorShare * this.prior[i]! + (1 - priorShare) * observed[i]!);
    this.accumulate();
    this.addRunning(priorWeight + this.effectiveCount);
    this.takingLongS = this.computeTakingLong();
    this.placeChecks();
  }

  /**
   * Chooses the dense region and the target gap together: for each candidate coverage, the
   * largest gap whose predicted 95th-percentile delay stays within `promptness` of the docs'
   * schedule's on the same belief; of those, the one with the fewest predicted requests.
   */
  private placeChecks(): void {
    const total = this.cumulative[MODEL_HORIZON_S]!;
    const ranked = this.rankByHazard();
    // The docs' first check falls 10–15 s after adding; its middle stands for it.
    // Resting mostly on the prior, the belief may be wrong: aim tighter until history takes over.
    const caution = 1 - PRIOR_CAUTION * this.priorShare;
    const aim = caution * this.opts.promptness * this.p95DelayOf(docsCheckAges(12.5, this.takingLongS), DOCS_LATE_SHARE);
    this.lateShare = Math.max(MIN_LATE_SHARE, 0.05 - Math.sqrt((0.05 * 0.95) / Math.max(1, this.effectiveCount)));
    // Checks all or nothing: the dense region must hold at least all but the late share.
    const least = Math.max(this.opts.coverage, 1 - this.lateShare);
    let best = { coverage: least, target: MIN_GAP_S, requests: Infinity };
    for (let coverage = least; coverage < 0.9995; coverage += 0.005) {
      this.markDenseRegion(ranked, coverage * total);
      const target = this.largestTarget(aim);
      if (target === null) continue;
      const requests = this.predictedRequests(target);
      if (requests < best.requests) best = { coverage, target, requests };
    }
    this.markDenseRegion(ranked, best.coverage * total);
    this.targetS = best.target;
  }

  private accumulate(): void {
    let sum = 0;
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      this.cumulative[i] = sum;
      sum += this.density[i]!;
    }
    this.cumulative[MODEL_HORIZON_S] = sum;
  }

  /**
   * Each running photo of age c adds one unit of belief spread over the ages past c, in the
   * shape already believed there (one step of the redistribute-to-the-right estimator), against
   * `weight` units of what was believed before.
   */
  private addRunning(weight: number): void {
    if (this.running.length === 0) return;
    const perBin = new Float64Array(MODEL_HORIZON_S);
    for (const age of this.running) if (age >= 0 && age < MODEL_HORIZON_S) perBin[Math.floor(age)]! += 1;
    let share = 0; // Σ over running ages below t of 1 / S(age)
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      const d = this.density[i]!;
      this.density[i] = (weight * d + share * d) / (weight + this.running.length);
      share += perBin[i]! / Math.max(1e-6, 1 - this.cumulative[i + 1]!);
    }
    this.accumulate();
  }

  /** The largest target gap (s) whose predicted 95th-percentile delay is within `aim` (null: none). */
  private largestTarget(aim: number): number | null {
    let lo = MIN_GAP_S;
    let hi = Math.max(MIN_GAP_S, 2 * aim);
    if (this.p95DelayOf(this.checkAges(lo)) > aim) return null;
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (this.p95DelayOf(this.checkAges(mid)) <= aim) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** The ages (s) of one photo's checks with target gap `target`, up to taking long. */
  private checkAges(target: number): number[] {
    const checks = [0, this.firstAt(target)];
    const end = Math.min(MODEL_HORIZON_S, this.takingLongS);
    while (checks.at(-1)! < end && checks.length < 2_000) checks.push(checks.at(-1)! + this.gapAt(checks.at(-1)!, target));
    return checks;
  }

  /** Expected requests per photo: a check at age c is made only if the photo is still running. */
  private predictedRequests(target: number): number {
    const total = this.cumulative[MODEL_HORIZON_S]!;
    // Age 0 is where the photo was added, not a check.
    return this.checkAges(target)
      .slice(1)
      .reduce((sum, age) => sum + 1 - this.cdf(age) / (total + TAIL_SHARE), 0);
  }

  /** The share of completions allowed to be noticed later than aimed (see MIN_LATE_SHARE). */
  private lateShare = MIN_LATE_SHARE;

  /**
   * The delay, on the belief, that all but `share` of completions are noticed within, with checks
   * at `checks` ages (s, ascending, from 0): ours at its own late share, the docs' at theirs.
   */
  private p95DelayOf(checks: readonly number[], share = this.lateShare): number {
    const total = this.cumulative[MODEL_HORIZON_S]!;
    // A photo finishing between two checks is noticed at the second one.
    const late = (x: number) => {
      let mass = 0;
      for (let k = 1; k < checks.length; k++) mass += Math.max(0, this.cdf(checks[k]! - x) - this.cdf(checks[k - 1]!));
      return mass / total;
    };
    let lo = 0;
    let hi = 120;
    for (let i = 0; i < 20; i++) {
      const mid = (lo + hi) / 2;
      if (late(mid) > share) lo = mid;
      else hi = mid;
    }
    return hi;
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

  /** Every age's hazard (finishing now, given still running), and the ages from highest hazard down. */
  private rankByHazard(): { hazard: Float64Array; order: Uint32Array } {
    const hazard = new Float64Array(MODEL_HORIZON_S);
    for (let i = 0; i < MODEL_HORIZON_S; i++) {
      const survival = 1 - this.cumulative[i]!;
      hazard[i] = this.density[i]! > 0 ? this.density[i]! / Math.max(1e-12, survival) : 0;
    }
    const order = Uint32Array.from({ length: MODEL_HORIZON_S }, (_, i) => i).sort((a, b) => hazard[b]! - hazard[a]!);
    return { hazard, order };
  }

  /**
   * The ages of highest hazard that together hold `mass` of the completions: checking every
   * target gap there, and sparsely elsewhere, is the cheapest way to notice that share promptly
   * (requests are spent on photos still running, so hazard, not density, is what pays).
   */
  private markDenseRegion({ hazard, order }: { hazard: Float64Array; order: Uint32Array }, mass: number): void {
    let held = 0;
    this.threshold = 0;
    for (const i of order) {
      held += this.density[i]!;
      this.threshold = hazard[i]!;
      if (held >= mass) break;
    }
    let next = -1;
    for (let i = MODEL_HORIZON_S - 1; i >= 0; i--) {
      if (hazard[i]! >= this.threshold && hazard[i]! > 0) next = i;
      this.nextDense[i] = next;
    }
  }
}

/**
 * The check ages (s) of JoggAI's advised schedule, the yardstick: first after `firstS`, every
 * 10 s in the first minute, every 30 s to five minutes, every 60 s after, until `endS`.
 */
export function docsCheckAges(firstS: number, endS: number): number[] {
  const ages = [0, firstS];
  while (ages.at(-1)! < endS) {
    const age = ages.at(-1)!;
    ages.push(age + (age < 60 ? 10 : age < 300 ? 30 : 60));
  }
  return ages;
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
 * Before any history: mostly the docs' 2–5 minutes, with a broad log-uniform share from one
 * minute to 20 minutes, so a slower day is not ignored; a faster one is learned from its first
 * completions (and from photos seen running: nothing finishing early says as much).
 */
function docsPrior(): Float64Array {
  const prior = new Float64Array(MODEL_HORIZON_S);
  const broad = 0.4;
  addRange(prior, 120, 300, 1 - broad);
  const low = Math.log(60);
  const high = Math.log(20 * 60);
  const steps = 200;
  for (let k = 0; k < steps; k++) {
    const a = Math.exp(low + ((high - low) * k) / steps);
    const b = Math.exp(low + ((high - low) * (k + 1)) / steps);
    addRange(prior, a, b, broad / steps);
  }
  return prior;
}
