// What the user is told when photos finish: the whole core on a virtual clock against the real
// fake JoggAI on loopback. Many finishing together give few notifications; a photo is told of
// once, through Check now, JoggAI changing its mind, and restarts.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FinishedNotification, WatchItem } from '../../preload/api';
import { NOTIFICATION_WAITS, type NotificationWaits } from '../../main/core/notification-batch';
import { VirtualClock } from '../support/virtual-clock';
import { virtualCoreSuite, type VirtualService } from '../support/virtual-service';

const KEY = 'good-key-0123456789';
const suite = virtualCoreSuite(KEY);

let dataDir: string;
let running: VirtualService | null = null;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aw-told-'));
});
afterEach(async () => {
  // The core writes its list as it stops: stop it before its folder goes.
  await running?.close();
  running = null;
  await rm(dataDir, { recursive: true, force: true });
});

interface Told {
  at: number;
  notification: FinishedNotification;
  /** What the watchlist file said of the photo as it was told of. */
  onDisk: string | undefined;
}

function statusOnDisk(photoId: string): string | undefined {
  const saved = JSON.parse(readFileSync(join(dataDir, 'watchlist.json'), 'utf8')) as { items: WatchItem[] };
  return saved.items.find((i) => i.photoId === photoId)?.status;
}

/** A core on the suite's data folder, recording what it tells; `clock` carries time over a restart. */
async function start(told: Told[], clock = new VirtualClock(), notificationWaits?: NotificationWaits): Promise<VirtualService> {
  const notify = (notification: FinishedNotification) => told.push({ at: clock.now(), notification, onDisk: statusOnDisk(notification.photoId) });
  const core = await suite.core({ key: KEY, dataDir, clock, notifier: { notify }, ...(notificationWaits ? { notificationWaits } : {}) });
  running = core;
  await core.service.start();
  await core.advance(1_000);
  return core;
}

async function item(v: VirtualService, photoId: string): Promise<WatchItem> {
  return (await v.service.getSnapshot()).items.find((i) => i.photoId === photoId)!;
}

/** Notifications go out once the list is written (real file writes): wait for them in real time. */
async function toldAtLeast(told: Told[], n: number): Promise<void> {
  await vi.waitFor(() => expect(told.length).toBeGreaterThanOrEqual(n), { timeout: 5_000 });
}

/** JoggAI says a finished photo is running again, then ready again, each seen through Check now. */
async function runningThenReady(v: VirtualService, photoId: string): Promise<void> {
  suite.fake.setPhoto(photoId, { kind: 'status', status: 'in_progress' });
  await v.service.checkNow(photoId);
  await v.advance(10_000);
  expect((await item(v, photoId)).status).toBe('in_progress');
  suite.fake.setPhoto(photoId, { kind: 'ready', afterChecks: 0 });
  await v.service.checkNow(photoId);
  await v.advance(NOTIFICATION_WAITS.busyMs + 10_000);
  expect((await item(v, photoId)).status).toBe('ready');
}

/**
 * A photo finishing after a quiet spell, told of once `told` holds `count`: whatever the steps
 * before could have raised went out before it (notifications keep their order).
 */
async function laterPhotoTold(v: VirtualService, told: Told[], count: number): Promise<void> {
  suite.fake.setPhoto('later', { kind: 'ready', afterChecks: 0 });
  await v.service.addPhotos('later');
  await v.advance(NOTIFICATION_WAITS.quietMs + 10_000);
  await toldAtLeast(told, count);
}

const photoIdsOf = (told: Told[]) => told.flatMap(({ notification: n }) => (n.outcome === 'summary' ? n.photoIds : [n.photoId]));

describe('photos finishing together', () => {
  it('100 photos finishing within a minute raise a handful of notifications, not 100', async () => {
    const told: Told[] = [];
    const v = await start(told);
    // Ten pastes of ten, six seconds apart; each photo is finished at its first check.
    for (let paste = 0; paste < 10; paste++) {
      const ids = Array.from({ length: 10 }, (_, i) => `p${paste}-${i}`);
      for (const id of ids) suite.fake.setPhoto(id, id.endsWith('-9') ? { kind: 'fail', afterChecks: 0, message: 'Face not detected' } : { kind: 'ready', afterChecks: 0 });
      await v.service.addPhotos(ids.join('\n'));
      await v.advance(6_000);
    }
    await v.advance(NOTIFICATION_WAITS.busyMs + 1_000);
    await vi.waitFor(() => expect(new Set(photoIdsOf(told))).toHaveProperty('size', 100), { timeout: 5_000 });
    const items = (await v.service.getSnapshot()).items;
    expect(items.filter((i) => i.status === 'ready' || i.status === 'failed')).toHaveLength(100);

    expect(told.length).toBeLessThanOrEqual(6);
    expect(new Set(photoIdsOf(told))).toHaveProperty('size', 100);
    // The last one tells the whole burst, and replaces the ones before it.
    expect(told.at(-1)!.notification).toMatchObject({ outcome: 'summary', ready: 90, failed: 10 });
    expect(new Set(told.map((t) => t.notification.group)).size).toBe(1);
  });

  it('a photo finishing alone is told of as itself within the first wait', async () => {
    const told: Told[] = [];
    const v = await start(told);
    suite.fake.setPhoto('solo', { kind: 'ready', afterChecks: 0 });
    await v.service.addPhotos('solo');
    await v.advanceUntil(async () => (await item(v, 'solo')).status === 'ready', 10_000, 50);
    const finishedAt = (await item(v, 'solo')).finishedAt!;
    await v.advance(NOTIFICATION_WAITS.firstMs);
    await toldAtLeast(told, 1);
    expect(told).toHaveLength(1);
    expect(told[0]!.notification).toMatchObject({ photoId: 'solo', outcome: 'ready', imageCount: 4 });
    expect(told[0]!.at - finishedAt).toBeLessThanOrEqual(NOTIFICATION_WAITS.firstMs);
  });

  it('is on disk as finished before it is told of, even when told sooner than the routine save', async () => {
    // A crash right after the banner must not bring the photo back unfinished, to be told again.
    const told: Told[] = [];
    const v = await start(told, new VirtualClock(), { firstMs: 100, busyMs: 100, quietMs: 1_000 });
    suite.fake.setPhoto('solo', { kind: 'ready', afterChecks: 0 });
    await v.service.addPhotos('solo');
    await v.advance(300);
    await toldAtLeast(told, 1);
    expect(told[0]!.onDisk).toBe('ready');
  });
});

describe('told of once', () => {
  it('Check now on a finished photo tells nothing new, nor does JoggAI saying "running" and then "ready" again', async () => {
    const told: Told[] = [];
    const v = await start(told);
    suite.fake.setPhoto('once', { kind: 'ready', afterChecks: 0 });
    await v.service.addPhotos('once');
    await v.advance(NOTIFICATION_WAITS.firstMs + 2_000);
    await toldAtLeast(told, 1);
    expect(photoIdsOf(told)).toEqual(['once']);

    await v.service.checkNow('once');
    await v.advance(10_000);
    await runningThenReady(v, 'once');
    await laterPhotoTold(v, told, 2);
    expect(photoIdsOf(told)).toEqual(['once', 'later']);
  });

  it('after a restart, photos told of before are not told of again, however JoggAI answers', async () => {
    const told: Told[] = [];
    const clock = new VirtualClock();
    const first = await start(told, clock);
    suite.fake.setPhoto('done-ready', { kind: 'ready', afterChecks: 0 });
    suite.fake.setPhoto('done-failed', { kind: 'fail', afterChecks: 0, message: null });
    await first.service.addPhotos('done-ready\ndone-failed');
    await first.advance(NOTIFICATION_WAITS.firstMs + 2_000);
    await toldAtLeast(told, 1);
    expect(photoIdsOf(told).sort()).toEqual(['done-failed', 'done-ready']);

    // The next run: both come back finished; JoggAI now says one is running, then ready again.
    const again = await start(told, clock);
    expect((await item(again, 'done-ready')).status).toBe('ready');
    await again.service.checkNow('done-failed');
    await runningThenReady(again, 'done-ready');
    await laterPhotoTold(again, told, 2);
    expect(photoIdsOf(told.slice(1))).toEqual(['later']);
  });
});

describe('the notification settings', () => {
  it('with "notify on failed" off a failed photo is never told, not even after turning it on again; a ready one is, with the sound setting', async () => {
    const told: Told[] = [];
    const v = await start(told);
    expect((await v.service.updateSettings({ notifyOnFailed: false, sound: false })).ok).toBe(true);
    suite.fake.setPhoto('bad', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
    suite.fake.setPhoto('good', { kind: 'ready', afterChecks: 0 });
    await v.service.addPhotos('bad\ngood');
    await v.advance(NOTIFICATION_WAITS.quietMs + 5_000);
    await toldAtLeast(told, 1);
    expect(told.map((t) => t.notification)).toEqual([expect.objectContaining({ photoId: 'good', outcome: 'ready', silent: true, quietWhileFocused: false })]);

    await v.service.updateSettings({ notifyOnFailed: true });
    await v.service.checkNow('bad');
    await laterPhotoTold(v, told, 2);
    expect(photoIdsOf(told)).toEqual(['good', 'later']);
  });

  it('with "notify on ready" off only failures are told', async () => {
    const told: Told[] = [];
    const v = await start(told);
    await v.service.updateSettings({ notifyOnReady: false });
    suite.fake.setPhoto('bad', { kind: 'fail', afterChecks: 0, message: null });
    suite.fake.setPhoto('good', { kind: 'ready', afterChecks: 0 });
    await v.service.addPhotos('bad\ngood');
    await v.advance(NOTIFICATION_WAITS.quietMs + 5_000);
    await toldAtLeast(told, 1);
    await v.advance(NOTIFICATION_WAITS.quietMs);
    expect(photoIdsOf(told)).toEqual(['bad']);
  });
});
