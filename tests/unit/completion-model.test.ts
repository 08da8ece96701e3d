import { describe, expect, it } from 'vitest';
import type { WatchItem } from '../../preload/api';
import { CompletionModel } from '../../main/core/tracker/completion-model';
import type { CompletionRecord } from '../../main/core/tracker/completion-record';
import { learnedSchedule } from '../../main/core/tracker/schedule';
import { makeItems } from '../support/items';

const MINUTE = 60_000;

/** `count` completions spread evenly over [lowS, highS] seconds, one every `everyMs`, from `fromAt`. */
function completions(count: number, lowS: number, highS: number, fromAt = 0, everyMs = MINUTE): CompletionRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const s = lowS + ((highS - lowS) * ((i * 7) % count)) / Math.max(1, count - 1);
    return { lowMs: Math.max(0, s - 10) * 1000, highMs: s * 1000, at: fromAt + i * everyMs };
  });
}

/** The ages (s) at which one photo would be checked from 0 to `untilS`. */
function checkAges(model: CompletionModel, untilS: number): number[] {
  const ages = [0];
  while (ages.at(-1)! < untilS) ages.push(ages.at(-1)! + model.nextGapS(ages.at(-1)!));
  return ages;
}

describe('CompletionModel', () => {
  it('follows JoggAI getting slower: within 60 completions the belief moves to the new durations', () => {
    const model = new CompletionModel();
    // A long, fast history (about a minute per photo), then JoggAI slows to about 7 minutes.
    for (const r of completions(400, 50, 70)) model.observe(r);
    expect(model.cdf(120)).toBeGreaterThan(0.9);
    for (const r of completions(60, 400, 440, 400 * MINUTE)) model.observe(r);
    // Most of the belief is now past five minutes, and checks are dense there.
    expect(model.cdf(300)).toBeLessThan(0.3);
    expect(model.nextGapS(420)).toBeLessThanOrEqual(30);
    expect(model.takingLongAfterS()).toBeGreaterThan(440);
  });

  it('covers a slow day (8–20 minutes) densely, with fewer checks than the docs’ one a minute', () => {
    const model = new CompletionModel({}, completions(300, 480, 1_200));
    const ages = checkAges(model, 20 * 60);
    // All but the window's first few percent (left to sparse checks, within the 5 % a 95th
    // percentile allows) is checked at least every 30 s.
    const inWindow = ages.filter((a) => a >= 480 + 0.05 * 720 && a <= 1_200);
    const gaps = inWindow.slice(1).map((a, i) => a - inWindow[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30);
    // Before the window nothing finishes: few checks there.
    expect(ages.filter((a) => a < 420).length).toBeLessThanOrEqual(5);
  });

  it('first looks at a new photo after the guide’s 10 s, not at once: a check at age 0 never finds it finished', () => {
    expect(learnedSchedule().firstDelayMs()).toBe(10_000);
    // Slow days and the docs' own 2–5 minutes alike: the first check is not moved later than 10 s,
    // so a mistyped ID is still told within seconds.
    expect(learnedSchedule(completions(300, 480, 1_200)).firstDelayMs()).toBe(10_000);
    // A day of jobs done in 6–9 s: the first check falls where they finish, sooner than 10 s.
    const fast = learnedSchedule(completions(300, 6, 9)).firstDelayMs();
    expect(fast).toBeGreaterThanOrEqual(5_000);
    expect(fast).toBeLessThan(10_000);
  });

  it('never spaces checks of one photo under 5 s, whatever it learned, up to two hours of age', () => {
    const histories = [[], completions(300, 10, 11), completions(300, 3, 4), completions(50, 5, 3_000), completions(300, 480, 1_200)];
    for (const history of histories) {
      const model = new CompletionModel({}, history);
      for (let age = 0; age < 2 * 3_600; age += 0.7) expect(model.nextGapS(age)).toBeGreaterThanOrEqual(5);
    }
  });

  it('calls a photo late past a high quantile of what was learned, never before 3 minutes', () => {
    const fast = new CompletionModel({}, completions(300, 20, 40)).takingLongAfterS();
    expect(fast).toBeGreaterThanOrEqual(180);
    expect(fast).toBeLessThan(6 * 60);
    const slow = new CompletionModel({}, completions(300, 480, 1_200)).takingLongAfterS();
    expect(slow).toBeGreaterThan(20 * 60);
    expect(slow).toBeLessThan(30 * 60);
    const docs = new CompletionModel({}, completions(300, 120, 300)).takingLongAfterS();
    expect(docs).toBeGreaterThan(5 * 60);
    expect(docs).toBeLessThan(8 * 60);
  });
});

describe('learnedSchedule on a first day', () => {
  const item = (photoId: string, addedAt: number): WatchItem => ({
    ...makeItems(1)[0]!,
    photoId,
    status: 'in_progress',
    addedAt,
    lastCheckedAt: null,
    finishedAt: null,
    checks: 0,
  });

  it('learns from photos still running: 40 unfinished at 4 minutes push a new photo’s first checks out', () => {
    const fresh = learnedSchedule();
    const informed = learnedSchedule();
    const now = 10 * MINUTE;
    // Forty photos pasted together are all still running four minutes on.
    for (let i = 0; i < 40; i++) informed.nextDelayMs(item(`p${i}`, now - 4 * MINUTE), now);
    const newcomer = item('new', now);
    expect(informed.nextDelayMs(newcomer, now + 20_000)).toBeGreaterThan(fresh.nextDelayMs(newcomer, now + 20_000));
    expect(informed.model.cdf(200)).toBeLessThan(fresh.model.cdf(200) / 2);
  });
});

// timeleft
describe('what the model tells the window', () => {
  it('says nothing before three photos finished, then the learned range', () => {
    const record = (s: number, at: number) => ({ lowMs: (s - 5) * 1000, highMs: s * 1000, at });
    const model = new CompletionModel({}, [record(100, 1), record(110, 2)]);
    expect(model.durations()).toBeNull();
    for (let i = 0; i < 30; i++) model.observe(record(100 + (i % 5) * 10, 3 + i));
    const durations = model.durations()!;
    expect(durations.samples).toBe(32);
    expect(durations.p25Ms).toBeLessThan(durations.p50Ms);
    expect(durations.p50Ms).toBeLessThan(durations.p90Ms);
    // Learned (95–150 s), not the docs' 2–5 minutes.
    expect(durations.p50Ms).toBeGreaterThan(90_000);
    expect(durations.p50Ms).toBeLessThan(150_000);
  });
});
