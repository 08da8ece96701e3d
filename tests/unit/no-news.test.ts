// An answer without `data` or a status (the spec makes both optional) is "no news yet": the
// photo keeps its state, is checked again on its usual schedule, and the row can say so. The
// whole core on a virtual clock against the real fake JoggAI on loopback.
import { describe, expect, it } from 'vitest';
import type { WatchItem } from '../../preload/api';
import { virtualCoreSuite, type VirtualService } from '../support/virtual-service';

const KEY = 'good-key-0123456789';

const suite = virtualCoreSuite(KEY);

async function start(): Promise<VirtualService> {
  const running = await suite.core({ key: KEY });
  await running.service.start();
  await running.advance(1_000);
  return running;
}

async function item(v: VirtualService, photoId: string): Promise<WatchItem> {
  return (await v.service.getSnapshot()).items.find((i) => i.photoId === photoId)!;
}

describe('no news yet', () => {
  it.each(['data', 'data-null', 'status'] as const)('without %s: not a problem, the photo keeps its state and is checked again', async (missing) => {
    const v = await start();
    suite.fake.setPhoto('p-quiet', { kind: 'no-news', missing });
    await v.service.addPhotos('p-quiet');
    await v.advance(1_000);
    const first = await item(v, 'p-quiet');
    expect(first).toMatchObject({ status: 'checking', noNews: true, problem: null, checks: 1 });
    expect(first.nextCheckAt).toBeGreaterThan(suite.clock.now());

    // Checked again on its schedule, and a real answer ends the "no news".
    suite.fake.setPhoto('p-quiet', { kind: 'ready', afterChecks: 0 });
    await v.advance(first.nextCheckAt! - suite.clock.now() + 1_000);
    const later = await item(v, 'p-quiet');
    expect(later.status).toBe('ready');
    expect(later.noNews).toBeUndefined();
  });

  it('a photo seen in progress stays in progress through an answer with no news', async () => {
    const v = await start();
    suite.fake.setPhoto('p-running', { kind: 'ready', afterMs: 3_600_000 });
    await v.service.addPhotos('p-running');
    await v.advance(1_000);
    expect((await item(v, 'p-running')).status).toBe('in_progress');
    suite.fake.setPhoto('p-running', { kind: 'no-news', missing: 'status' });
    await v.service.checkNow('p-running');
    await v.advance(6_000);
    expect(await item(v, 'p-running')).toMatchObject({ status: 'in_progress', noNews: true, problem: null });
    // Not a connection problem either.
    expect((await v.service.getSnapshot()).connection.state).toBe('online');
  });
});
