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

  /** A disk whose writes take until the test lets each one finish. */
  function slowDisk() {
    const clock = new VirtualClock();
    const disk = { state: 0, written: [] as number[], finish: [] as Array<() => void>, failing: false };
    const save = new CoalescedSave(
      clock,
      () =>
        new Promise<void>((resolve, reject) => {
          const state = disk.state; // the write reads the state when it starts
          disk.finish.push(() => (disk.failing ? reject(new Error('ENOSPC')) : (disk.written.push(state), resolve())));
        }),
      () => {},
    );
    return { clock, disk, save };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('saveNow answers only once a write that read the change has landed, without waiting for the interval', async () => {
    const { disk, save } = slowDisk();
    disk.state = 1;
    let answered = false;
    const saved = save.saveNow().then((outcome) => ((answered = true), outcome));
    await settle();
    expect(disk.finish).toHaveLength(1);
    expect(answered).toBe(false);
    disk.finish[0]!();
    expect(await saved).toEqual({ ok: true });
    expect(disk.written).toEqual([1]);
  });

  it('adds made while a write runs share the next write: 20 at once cost two writes, each answered after its own change is on disk', async () => {
    const { disk, save } = slowDisk();
    disk.state = 1;
    const first = save.saveNow();
    await settle(); // the first write has started, with state 1
    const later = Array.from({ length: 19 }, (_, i) => {
      disk.state = 2 + i;
      return save.saveNow();
    });
    disk.finish[0]!();
    await first;
    await settle();
    expect(disk.finish).toHaveLength(2); // one more write for all 19, not 19 more
    disk.finish[1]!();
    expect(await Promise.all(later)).toEqual(Array.from({ length: 19 }, () => ({ ok: true })));
    expect(disk.written).toEqual([1, 20]);
  });

  it('saveNow settles with the error when the write fails (never throws), and the change is written again later', async () => {
    const { clock, disk, save } = slowDisk();
    disk.failing = true;
    disk.state = 7;
    const saved = save.saveNow();
    await settle();
    disk.finish[0]!();
    expect(await saved).toMatchObject({ ok: false, error: expect.objectContaining({ message: 'ENOSPC' }) });
    disk.failing = false;
    await clock.advance(5_000);
    disk.finish[1]!();
    await settle();
    expect(disk.written).toEqual([7]);
  });
});
