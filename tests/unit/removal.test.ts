// Removing many photos and taking it back: the whole core on a virtual clock against the real fake
// JoggAI on loopback. Undo brings back the stored records (status, times, images, problem), not
// new photos: nothing is asked again or told of again, and both directions are on disk at once.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FinishedNotification, WatchItem } from '../../preload/api';
import { MAX_WATCHED_PHOTOS } from '../../preload/api';
import { checkCommandArgs } from '../../main/core/command-args';
import { Removal, type RemovableList } from '../../main/core/watchlist/removal';
import { VirtualClock } from '../support/virtual-clock';
import { makeItems } from '../support/items';
import { virtualCoreSuite, type VirtualService } from '../support/virtual-service';

const KEY = 'good-key-0123456789';
const suite = virtualCoreSuite(KEY);

let dataDir: string;
let running: VirtualService | null = null;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aw-removal-'));
});
afterEach(async () => {
  // The core writes its list as it stops: stop it before its folder goes. Result images may still
  // be landing there (the results room downloads on its own).
  await running?.close();
  running = null;
  await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

/** A core on this test's data folder, started. */
async function start(options: Parameters<typeof suite.core>[0] = { key: KEY }): Promise<VirtualService> {
  running = await suite.core({ dataDir, ...options });
  await running.service.start();
  return running;
}

function onDisk(): WatchItem[] {
  return (JSON.parse(readFileSync(join(dataDir, 'watchlist.json'), 'utf8')) as { items: WatchItem[] }).items;
}

async function items(v: VirtualService): Promise<WatchItem[]> {
  return (await v.service.getSnapshot()).items;
}

/** Without what changes on its own between two looks (the request being out, result images downloading). */
function record(item: WatchItem | undefined) {
  if (!item) return undefined;
  const { requestInFlight: _out, localCopies: _downloads, ...rest } = item;
  return rest;
}

describe('removePhotos and restorePhotos', () => {
  it('restores ready, failed and running photos exactly as they were, asks nothing again and tells nothing again', async () => {
    const told: FinishedNotification[] = [];
    const v = await start({ key: KEY, notifier: { notify: (n) => told.push(n) } });
    await v.service.addPhotos('done-1 fail-2 slow-3 keep-4');
    await v.advanceUntil(async () => (await items(v)).filter((i) => i.status === 'ready' || i.status === 'failed').length === 3, 120_000);
    await v.advance(10_000);
    const before = new Map((await items(v)).map((i) => [i.photoId, record(i)]));
    expect(before.get('slow-3')?.status).toBe('in_progress');
    const checksBefore = ['done-1', 'fail-2'].map((id) => suite.fake.countChecks(id));

    const removed = await v.service.removePhotos(['done-1', 'fail-2', 'slow-3', 'nobody']);
    expect(removed.removed).toEqual(['done-1', 'fail-2', 'slow-3']);
    expect(removed.undo).toEqual(expect.any(String));
    // Written before it answered: a kill now keeps the removal.
    expect(onDisk().map((i) => i.photoId)).toEqual(['keep-4']);
    await v.advance(200);
    expect(v.patches.flatMap((p) => p.removed ?? [])).toEqual(expect.arrayContaining(['done-1', 'fail-2', 'slow-3']));

    const back = await v.service.restorePhotos(removed.undo!);
    expect(back).toEqual({ restored: ['done-1', 'fail-2', 'slow-3'], alreadyWatched: 0, noRoom: 0, expired: false });
    const after = new Map((await items(v)).map((i) => [i.photoId, record(i)]));
    for (const id of ['done-1', 'fail-2']) expect(after.get(id)).toEqual(before.get(id));
    expect(after.get('slow-3')).toMatchObject({ ...before.get('slow-3'), nextCheckAt: expect.any(Number) });
    expect(onDisk().map((i) => i.photoId).sort()).toEqual(['done-1', 'fail-2', 'keep-4', 'slow-3']);
    expect(onDisk().find((i) => i.photoId === 'done-1')).toMatchObject({ status: 'ready', imageUrls: before.get('done-1')!.imageUrls });

    // Finished ones are not asked again, nor told of again; the running one goes on being checked.
    await v.advance(60_000);
    expect(['done-1', 'fail-2'].map((id) => suite.fake.countChecks(id))).toEqual(checksBefore);
    const toldOf = (id: string) => told.filter((n) => (n.outcome === 'summary' ? n.photoIds : [n.photoId]).includes(id)).length;
    expect([toldOf('done-1'), toldOf('fail-2')]).toEqual([1, 1]);
    // The same removal cannot be taken back twice.
    expect(await v.service.restorePhotos(removed.undo!)).toMatchObject({ restored: [], expired: true });
  }, 30_000);

  it('keeps photos pasted again meanwhile as they are now, and a restart forgets every undo', async () => {
    const clock = new VirtualClock();
    let v = await start({ key: KEY, clock });
    await v.service.addPhotos('a-1 b-2');
    const { undo } = await v.service.removePhotos(['a-1', 'b-2']);
    await v.service.addPhotos('a-1');
    expect(await v.service.restorePhotos(undo!)).toMatchObject({ restored: ['b-2'], alreadyWatched: 1, noRoom: 0 });

    const second = await v.service.removePhotos(['b-2']);
    v = await start({ key: KEY, clock });
    expect((await items(v)).map((i) => i.photoId)).toEqual(['a-1']);
    expect(await v.service.restorePhotos(second.undo!)).toMatchObject({ restored: [], expired: true });
  }, 30_000);

  it('removePhoto is a one-photo removal of the same path, on disk at once', async () => {
    const v = await start();
    await v.service.addPhotos('one-1 two-2');
    await v.service.removePhoto('one-1');
    expect(onDisk().map((i) => i.photoId)).toEqual(['two-2']);
  });

  it('checkPhotos asks about each named photo at once, ahead of the schedule', async () => {
    const v = await start();
    await v.service.addPhotos('slow-1 slow-2 slow-3');
    await v.advance(6_000);
    const counts = () => ['slow-1', 'slow-2', 'slow-3'].map((id) => suite.fake.countChecks(id));
    const before = counts();
    await v.service.checkPhotos(['slow-1', 'slow-3', 'slow-1']);
    await v.advance(1_000);
    expect(counts()).toEqual([before[0]! + 1, before[1], before[2]! + 1]);
  });
});

const item = (photoId: string): WatchItem => ({ ...makeItems(1)[0]!, photoId });

/** A list of plain records, for the bounds the core would need 50,000 photos to show. */
function memoryList(cap = MAX_WATCHED_PHOTOS): RemovableList & { map: Map<string, WatchItem> } {
  const map = new Map<string, WatchItem>();
  return {
    map,
    get size() {
      return map.size + (MAX_WATCHED_PHOTOS - cap);
    },
    get: (id) => map.get(id),
    has: (id) => map.has(id),
    remove: (id) => map.delete(id),
    restore: (records) => records.filter((r) => !map.has(r.photoId) && map.set(r.photoId, r)),
  };
}

describe('Removal bounds', () => {
  it('restores only what fits under the list cap, says how many did not, and keeps the rest undoable', async () => {
    const clock = new VirtualClock();
    const list = memoryList(4);
    for (const id of ['a', 'b', 'c']) list.map.set(id, item(id));
    const removal = new Removal({ clock, list, removed: () => {}, save: async () => null });
    const { undo } = await removal.removePhotos(['a', 'b', 'c']);
    for (const id of ['x', 'y', 'z']) list.map.set(id, item(id));
    expect(await removal.restorePhotos(undo!)).toMatchObject({ restored: ['a'], noRoom: 2 });
    list.map.delete('x');
    list.map.delete('y');
    expect(await removal.restorePhotos(undo!)).toMatchObject({ restored: ['b', 'c'], noRoom: 0 });
  });

  it('forgets removals after their time and beyond the count, oldest first', async () => {
    const clock = new VirtualClock();
    const list = memoryList();
    for (const id of ['a', 'b', 'c']) list.map.set(id, item(id));
    const removal = new Removal({ clock, list, removed: () => {}, save: async () => null, keepMs: 60_000, maxRemovals: 2 });
    const a = await removal.removePhotos(['a']);
    const b = await removal.removePhotos(['b']);
    const c = await removal.removePhotos(['c']);
    expect(await removal.restorePhotos(a.undo!)).toMatchObject({ expired: true });
    await clock.advance(61_000);
    expect(await removal.restorePhotos(b.undo!)).toMatchObject({ expired: true });
    expect(await removal.restorePhotos(c.undo!)).toMatchObject({ expired: true });
  });

  it('answers a save failure with the removal done in memory', async () => {
    const list = memoryList();
    list.map.set('a', item('a'));
    const problem = { reason: 'disk-full' as const, detail: 'ENOSPC', path: '/x' };
    const removal = new Removal({ clock: new VirtualClock(), list, removed: () => {}, save: async () => problem });
    expect(await removal.removePhotos(['a'])).toMatchObject({ removed: ['a'], notSaved: problem });
  });
});

describe('the hosts check the new commands', () => {
  it('takes a list of short IDs and refuses anything else', () => {
    expect(checkCommandArgs('removePhotos', [['a', 'b']])).toEqual({ ok: true, value: [['a', 'b']] });
    expect(checkCommandArgs('removePhotos', ['a']).ok).toBe(false);
    expect(checkCommandArgs('checkPhotos', [['a', 7]]).ok).toBe(false);
    expect(checkCommandArgs('checkPhotos', [['x'.repeat(129)]]).ok).toBe(false);
    expect(checkCommandArgs('removePhotos', [Array.from({ length: MAX_WATCHED_PHOTOS + 1 }, () => 'a')]).ok).toBe(false);
    expect(checkCommandArgs('restorePhotos', ['undo-1'])).toEqual({ ok: true, value: ['undo-1'] });
  });
});
