// One polling strategy over one workload, under a virtual clock: photos arrive over time, each
// finishes after its own duration, and the tracker (with the strategy's schedule) finds out.
// The benchmark asks the fake JoggAI API over real loopback HTTP; the held-out check answers in
// process (same tracker, same answers) to run many more seeds. Measures requests per photo
// (every check, the first included) and detection delay (finish → noticed).
import type { Result } from '../preload/api';
import type { Budget } from '../main/core/budget';
import { createJoggClient, type PhotoAnswer } from '../main/core/jogg/client';
import type { Schedule } from '../main/core/tracker/schedule';
import { Tracker } from '../main/core/tracker/tracker';
import type { FakeJogg } from '../tests/fake-jogg/server';
import type { VirtualClock } from '../tests/support/virtual-clock';

export interface Workload {
  name: string;
  /** Seconds from the start of the run at which each photo is added. */
  arrivalsS: number[];
  /** Seconds each photo takes from being added to finishing. */
  durationsS: number[];
}

export interface StrategyResult {
  requestsPerPhoto: number;
  p50DelayS: number;
  p95DelayS: number;
  maxDelayS: number;
  detected: number;
}

const KEY = 'bench-key';

/** Where photos live: each finishes `afterMs` after it starts, and checks ask about it. */
export interface Backend {
  start(photoId: string, afterMs: number): void;
  check(photoId: string): Promise<Result<PhotoAnswer>>;
}

/** The fake JoggAI over loopback HTTP, through the app's own client. */
export function httpBackend(fake: FakeJogg): Backend {
  const client = createJoggClient({ baseUrl: new URL(fake.url), timeoutMs: 60_000 });
  return {
    start: (photoId, afterMs) => fake.setPhoto(photoId, { kind: 'ready', afterMs }),
    check: (photoId) => client.photoStatus(KEY, photoId),
  };
}

/** The same answers in process, for runs that need many seeds quickly. */
export function directBackend(clock: VirtualClock): Backend {
  const finishAt = new Map<string, number>();
  return {
    start: (photoId, afterMs) => finishAt.set(photoId, clock.now() + afterMs),
    check: (photoId) => {
      const done = clock.now() >= (finishAt.get(photoId) ?? Infinity);
      const status = done ? 'success' : 'in_progress';
      const imageUrls = done ? ['https://example.com/1.png'] : [];
      return Promise.resolve({ ok: true, value: { photoId, status, rawStatus: status, imageUrls, failureMessage: null } });
    },
  };
}

export async function simulate(
  backend: Backend,
  clock: VirtualClock,
  workload: Workload,
  schedule: Schedule,
  budget: Budget,
  random: () => number,
  idPrefix: string,
): Promise<StrategyResult> {
  const start = clock.now();
  const requests = new Map<string, number>();
  const finishedAt = new Map<string, number>();
  let pending = 0;
  let settled: (() => void) | null = null;

  const tracker = new Tracker(
    {
      clock,
      schedule,
      ...budget,
      random,
      check: async (photoId) => {
        pending += 1;
        requests.set(photoId, (requests.get(photoId) ?? 0) + 1);
        try {
          return await backend.check(photoId);
        } finally {
          pending -= 1;
          if (pending === 0) settled?.();
        }
      },
    },
    {
      changed: () => {},
      finished: (item) => finishedAt.set(item.photoId, clock.now()),
      pauseChanged: (pause) => {
        if (pause) throw new Error(`The benchmark's tracker paused: ${pause.message}`);
      },
      connectionChanged: () => {},
    },
  );

  /** Resolves once no request is in flight and queued promise work has run. */
  const idle = async () => {
    for (;;) {
      for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
      if (pending === 0) return;
      await new Promise<void>((r) => (settled = r));
      settled = null;
    }
  };

  const ids = workload.arrivalsS.map((_, i) => `${idPrefix}-${i}`);
  ids.forEach((id, i) => {
    clock.setTimeout(() => {
      backend.start(id, workload.durationsS[i]! * 1000);
      tracker.add([id]);
    }, workload.arrivalsS[i]! * 1000);
  });

  const lastFinish = Math.max(...workload.arrivalsS.map((a, i) => a + workload.durationsS[i]!));
  // Generous: every photo is noticed long before this, or the strategy failed.
  await clock.advance((lastFinish + 30 * 60) * 1000, idle);
  tracker.stop();

  const delays = ids.map((id, i) => {
    const done = finishedAt.get(id);
    const finish = start + (workload.arrivalsS[i]! + workload.durationsS[i]!) * 1000;
    return done === undefined ? Infinity : (done - finish) / 1000;
  });
  const sorted = [...delays].sort((a, b) => a - b);
  const total = ids.reduce((sum, id) => sum + (requests.get(id) ?? 0), 0);
  return {
    requestsPerPhoto: round(total / ids.length, 2),
    p50DelayS: round(quantile(sorted, 0.5), 1),
    p95DelayS: round(quantile(sorted, 0.95), 1),
    maxDelayS: round(sorted.at(-1)!, 1),
    detected: finishedAt.size,
  };
}

export function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
