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

  it('reports a failed write and tries again on its own a few seconds later', async () => {
    const clock = new VirtualClock();
    const errors: unknown[] = [];
    let fail = true;
    let writes = 0;
    const save = new CoalescedSave(clock, async () => {
      if (fail) throw new Error('disk full');
      writes++;
    }, (e) => errors.push(e));
    save.request();
    await clock.advance(500);
    expect(errors).toHaveLength(1);
    fail = false;
    await clock.advance(5_000);
    expect(writes).toBe(1);
    await clock.advance(60_000);
    expect(writes).toBe(1);
  });

  it('reports a failed write and tries again on the next flush', async () => {
    const clock = new VirtualClock();
    const errors: unknown[] = [];
    let fail = true;
    let writes = 0;
    const save = new CoalescedSave(clock, async () => {
      if (fail) throw new Error('disk full');
      writes++;
    }, (e) => errors.push(e));
    save.request();
    await save.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await save.flush();
    expect(writes).toBe(1);
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
