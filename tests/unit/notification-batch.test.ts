// How finished photos are gathered into notifications, on a virtual clock.
import { describe, expect, it } from 'vitest';
import type { FinishedNotification, PhotoFinished } from '../../preload/api';
import { NOTIFICATION_WAITS, NotificationBatch } from '../../main/core/notification-batch';
import { VirtualClock } from '../support/virtual-clock';

const ready = (photoId: string): PhotoFinished => ({ photoId, outcome: 'ready', imageCount: 4, failureMessage: null });
const failed = (photoId: string): PhotoFinished => ({ photoId, outcome: 'failed', imageCount: 0, failureMessage: null });

function setUp() {
  const clock = new VirtualClock();
  const sent: { at: number; notification: FinishedNotification }[] = [];
  const batch = new NotificationBatch(clock, (notification) => sent.push({ at: clock.now(), notification }));
  return { clock, sent, batch };
}

describe('finished photos told together', () => {
  it('a photo finishing alone is told as itself, no later than the first wait', async () => {
    const { clock, sent, batch } = setUp();
    const finishedAt = clock.now();
    batch.finished(ready('p1'));
    await clock.advance(NOTIFICATION_WAITS.firstMs - 1);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent).toEqual([{ at: finishedAt + NOTIFICATION_WAITS.firstMs, notification: { ...ready('p1'), group: expect.any(Number) } }]);
  });

  it('photos finishing within the first wait become one summary naming them all, first one first', async () => {
    const { clock, sent, batch } = setUp();
    batch.finished(ready('a'));
    await clock.advance(500);
    batch.finished(failed('b'));
    batch.finished(ready('c'));
    await clock.advance(NOTIFICATION_WAITS.firstMs);
    expect(sent.map((s) => s.notification)).toEqual([{ outcome: 'summary', photoId: 'a', photoIds: ['a', 'b', 'c'], ready: 2, failed: 1, group: expect.any(Number) }]);
  });

  it('100 photos finishing over a minute give a handful of notifications, each telling the whole burst so far', async () => {
    const { clock, sent, batch } = setUp();
    const finishedAt = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      finishedAt.set(`p${i}`, clock.now());
      batch.finished(i % 10 === 9 ? failed(`p${i}`) : ready(`p${i}`));
      await clock.advance(600); // 100 finishes, evenly over 60 s: the worst spread for fixed windows
    }
    await clock.advance(NOTIFICATION_WAITS.busyMs);
    // 2.5 s, then every 15 s while they keep coming: 5 notifications instead of 100.
    expect(sent).toHaveLength(5);
    const groups = new Set(sent.map((s) => s.notification.group));
    expect(groups.size).toBe(1); // each replaces the one before
    expect(sent.at(-1)!.notification).toMatchObject({ outcome: 'summary', photoId: 'p0', ready: 90, failed: 10 });
    // Each photo is told of by the first notification naming it: the first after the first
    // wait, none later than the busy wait.
    const toldAt = new Map<string, number>();
    for (const { at, notification } of sent) {
      const ids = notification.outcome === 'summary' ? notification.photoIds : [notification.photoId];
      for (const id of ids) if (!toldAt.has(id)) toldAt.set(id, at);
    }
    expect(toldAt.size).toBe(100);
    const delays = [...finishedAt].map(([id, at]) => toldAt.get(id)! - at);
    expect(delays[0]).toBe(NOTIFICATION_WAITS.firstMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(NOTIFICATION_WAITS.busyMs);
  });

  it('a quiet spell ends the burst: the next finish is told quickly, alone, in a group of its own', async () => {
    const { clock, sent, batch } = setUp();
    batch.finished(ready('a'));
    batch.finished(ready('b'));
    await clock.advance(NOTIFICATION_WAITS.firstMs + NOTIFICATION_WAITS.quietMs);
    batch.finished(failed('c'));
    await clock.advance(NOTIFICATION_WAITS.firstMs);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.notification).toMatchObject({ photoId: 'c', outcome: 'failed' });
    expect(sent[1]!.notification.group).not.toBe(sent[0]!.notification.group);
  });

  it('never tells of a photo twice, nor of one already finished when the list was loaded', async () => {
    const { clock, sent, batch } = setUp();
    batch.alreadyTold(['loaded']);
    batch.finished(ready('loaded'));
    batch.finished(ready('p1'));
    await clock.advance(NOTIFICATION_WAITS.quietMs * 2);
    batch.finished(ready('p1')); // finished again later (JoggAI said "running" in between)
    await clock.advance(NOTIFICATION_WAITS.quietMs * 2);
    expect(sent.map((s) => s.notification.photoId)).toEqual(['p1']);
  });

  it('a flush (the app quitting) tells at once what was waiting, and nothing when nothing was', async () => {
    const { clock, sent, batch } = setUp();
    batch.flush();
    expect(sent).toEqual([]);
    batch.finished(ready('p1'));
    batch.flush();
    expect(sent).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
