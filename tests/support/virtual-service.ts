// The whole core on a virtual clock against the real fake JoggAI on loopback: time moves only
// when the test says so, and each step waits until every real HTTP request has been answered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { StatePatch } from '../../preload/api';
import type { Budget } from '../../main/core/budget';
import type { NotificationWaits } from '../../main/core/notification-batch';
import type { Notifier } from '../../main/core/ports';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../main/core/service';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { VirtualClock } from './virtual-clock';
import { firstCheckAtOnce } from './first-check-at-once';

export interface VirtualService {
  service: AvatarWatchService;
  clock: VirtualClock;
  patches: StatePatch[];
  /** Moves virtual time forward, letting every request that goes out on the way be answered. */
  advance(ms: number): Promise<void>;
  /** Advances in small steps until `done()` holds or `limitMs` passed; the virtual time it took. */
  advanceUntil(done: () => boolean | Promise<boolean>, limitMs: number, stepMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** `dataDir`: a folder of the test's own, kept on close (a restart reads it again); else a fresh one. */
export interface VirtualCoreOptions {
  key: string | null;
  budget?: Budget;
  notifier?: Notifier;
  notificationWaits?: NotificationWaits;
  dataDir?: string;
}

export async function startVirtualService(options: VirtualCoreOptions & { apiBaseUrl: string; clock: VirtualClock }): Promise<VirtualService> {
  const { clock } = options;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'aw-virtual-')));
  let pending = 0;
  let settled: (() => void) | null = null;
  const countingFetch: typeof fetch = async (input, init) => {
    pending += 1;
    try {
      return await fetch(input, init);
    } finally {
      pending -= 1;
      if (pending === 0) settled?.();
    }
  };
  const idle = async () => {
    for (;;) {
      for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      if (pending === 0) return;
      await new Promise<void>((resolve) => (settled = resolve));
      settled = null;
    }
  };
  const patches: StatePatch[] = [];
  const service = createAvatarWatchService({
    dataDir,
    apiBaseUrl: options.apiBaseUrl,
    secretStore: createMemorySecretStore(options.key),
    notifier: options.notifier ?? { notify: () => {} },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    clock,
    fetch: countingFetch,
    patchIntervalMs: 50,
    schedule: firstCheckAtOnce(),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.notificationWaits ? { notificationWaits: options.notificationWaits } : {}),
  });
  service.onStateChanged((patch) => patches.push(patch));
  const advance = (ms: number) => clock.advance(ms, idle);
  return {
    service,
    clock,
    patches,
    advance,
    async advanceUntil(done, limitMs, stepMs = 100) {
      const start = clock.now();
      while (!(await done())) {
        if (clock.now() - start >= limitMs) throw new Error(`not done within ${limitMs} ms of virtual time`);
        await advance(stepMs);
      }
      return clock.now() - start;
    },
    async close() {
      await service.stop();
      await idle();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A suite's fake JoggAI (accepting `validKey`, on the current virtual clock) and one core at a
 * time on a fresh virtual clock, closed and reset after every test.
 */
export function virtualCoreSuite(validKey: string) {
  let fake: FakeJogg | null = null;
  let clock = new VirtualClock();
  let running: VirtualService | null = null;
  beforeAll(async () => {
    fake = await startFakeJogg({ validKeys: [validKey], clock: () => clock.now() });
  });
  afterEach(async () => {
    await running?.close();
    running = null;
    fake?.reset();
  });
  afterAll(() => fake?.close());
  return {
    get fake(): FakeJogg {
      if (!fake) throw new Error('the fake starts in beforeAll');
      return fake;
    },
    get clock(): VirtualClock {
      return clock;
    },
    /**
     * A core with `key` saved (null: none), not started yet, on a fresh virtual clock or the one
     * given (a restart: the previous core is closed first and time goes on).
     */
    async core({ clock: given, ...options }: VirtualCoreOptions & { clock?: VirtualClock }): Promise<VirtualService> {
      await running?.close();
      clock = given ?? new VirtualClock();
      running = await startVirtualService({ apiBaseUrl: this.fake.url, clock, ...options });
      return running;
    },
  };
}
