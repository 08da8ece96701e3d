import { describe, expect, it } from 'vitest';
import { CoalescedSave } from '../../main/core/watchlist/coalesced-save';
import { VirtualClock } from '../support/virtual-clock';

describe('coalesced saving', () => {
  it('turns a burst of changes into one write, and writes again for changes made later', async () => {
    const clock = new VirtualClock();
    let writes = 0;
    const save = new CoalescedSave(clock, async () => void writes++, () => {}, 500);
    for (let i = 0; i < 1_000; i++) save.request();
    await clock.advance(499);
    expect(writes).toBe(0);
    await clock.advance(1);
    expect(writes).toBe(1);
    save.request();
    await clock.advance(500);
    expect(writes).toBe(2);
  });

  it('writes pending changes at once on flush, and nothing when nothing changed', async () => {
    const clock = new VirtualClock();
    let writes = 0;
    const save = new CoalescedSave(clock, async () => void writes++, () => {});
    await save.flush();
    expect(writes).toBe(0);
    save.request();
    await save.flush();
    expect(writes).toBe(1);
    await clock.advance(10_000);
    expect(writes).toBe(1);
  });

  /** A saver over a disk that fails until told otherwise. */
  function flakyDisk() {
    const clock = new VirtualClock();
    const disk = { failing: true, writes: 0, errors: [] as unknown[] };
    const save = new CoalescedSave(
      clock,
      async () => {
        if (disk.failing) throw new Error('disk full');
        disk.writes++;
      },
      (e) => disk.errors.push(e),
    );
    return { clock, disk, save };
  }

  it('reports a failed write and tries again on its own a few seconds later', async () => {
    const { clock, disk, save } = flakyDisk();
    save.request();
    await clock.advance(500);
    expect(disk.errors).toHaveLength(1);
    disk.failing = false;
    await clock.advance(5_000);
    expect(disk.writes).toBe(1);
    await clock.advance(60_000);
    expect(disk.writes).toBe(1);
  });

  it('reports a failed write and tries again on the next flush', async () => {
    const { disk, save } = flakyDisk();
    save.request();
    await save.flush();
    expect(disk.errors).toHaveLength(1);
    disk.failing = false;
    await save.flush();
    expect(disk.writes).toBe(1);
  });

  it('writes routine changes within a minute, and sooner when something important follows', async () => {
    const clock = new VirtualClock();
    let writes = 0;
    const save = new CoalescedSave(clock, async () => void writes++, () => {});
    save.requestLazy();
    await clock.advance(59_000);
    expect(writes).toBe(0);
    await clock.advance(1_000);
    expect(writes).toBe(1);
    save.requestLazy();
    await clock.advance(10_000);
    save.request();
    await clock.advance(500);
    expect(writes).toBe(2);
    await clock.advance(120_000);
    expect(writes).toBe(2);
  });
});
