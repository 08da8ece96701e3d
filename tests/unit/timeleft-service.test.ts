// What the engine learned of durations reaches the window as data: none before enough photos
// finished, then the learned range, in the snapshot and in a patch.
import { describe, expect, it } from 'vitest';
import { virtualCoreSuite } from '../support/virtual-service';

const KEY = 'good-key-0123456789';
const suite = virtualCoreSuite(KEY);

describe('learned durations in the window state', () => {
  it('sends none until three photos finished, then the learned range', async () => {
    const ids = ['d-1', 'd-2', 'd-3'];
    for (const id of ids) suite.fake.setPhoto(id, { kind: 'ready', afterMs: 90_000 });
    const core = await suite.core({ key: KEY });
    await core.service.start();
    expect((await core.service.getSnapshot()).durations).toBeNull();

    await core.service.addPhotos(ids.join('\n'));
    await core.advanceUntil(async () => (await core.service.getSnapshot()).items.every((item) => item.status === 'ready'), 20 * 60_000, 1_000);
    await core.advance(2_000);

    const sent = core.patches.filter((patch) => patch.durations !== undefined).at(-1)?.durations;
    expect(sent).toMatchObject({ samples: 3 });
    expect(sent!.p25Ms).toBeLessThanOrEqual(sent!.p50Ms);
    expect(sent!.p50Ms).toBeLessThanOrEqual(sent!.p90Ms);
    expect((await core.service.getSnapshot()).durations).toEqual(sent);
    // Every one was seen running from its first check: "took about" can be said of them.
    for (const item of (await core.service.getSnapshot()).items) {
      expect(item.firstSeenInProgressAt! - item.addedAt).toBeLessThanOrEqual(60_000);
      expect(item.lastSeenUnfinishedAt).toBeLessThan(item.finishedAt!);
    }
  });
});
