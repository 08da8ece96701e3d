// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { WatchItem } from '../../../preload/api';
import { useAccountStore } from '../../../renderer/src/stores/account';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, NOW, ONLINE, createFakeApi, freshPinia, installApi, makeItem, snapshotOf } from './fake-api';

const ids = (store: ReturnType<typeof useWatchlistStore>) => store.items.map((item) => item.photoId);

describe('watchlist store', () => {
  beforeEach(() => {
    freshPinia();
  });

  it('loads the snapshot newest first, with pause, notices and the account', async () => {
    const api = createFakeApi(
      snapshotOf({
        items: [makeItem('old', { addedAt: NOW - 60_000 }), makeItem('new', { addedAt: NOW }), makeItem('mid', { addedAt: NOW - 30_000 })],
        pause: { kind: 'invalid-key', message: 'bad key' },
        notices: [{ id: 'n1', level: 'warning', message: 'Kept a damaged file aside' }],
        account: CONNECTED,
      }),
    );
    installApi(api);
    const store = useWatchlistStore();
    await store.start();

    expect(store.loaded).toBe(true);
    expect(ids(store)).toEqual(['new', 'mid', 'old']);
    expect(store.pause?.kind).toBe('invalid-key');
    expect(store.notices.map((n) => n.id)).toEqual(['n1']);
    expect(useAccountStore().account?.username).toBe('Mia Novak');
  });

  it('keeps paste order among items added at the same moment', async () => {
    installApi(createFakeApi(snapshotOf({ items: [makeItem('a', { addedAt: NOW }), makeItem('b', { addedAt: NOW }), makeItem('c', { addedAt: NOW })] })));
    const store = useWatchlistStore();
    await store.start();
    expect(ids(store)).toEqual(['a', 'b', 'c']);
  });

  it('replaces an upserted item in place and puts new ones first', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a', { addedAt: NOW - 2 }), makeItem('b', { addedAt: NOW - 1 })] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();
    const before = store.items;

    api.emitState({ upserted: [makeItem('a', { addedAt: NOW - 2, status: 'ready', checks: 2 })] });
    expect(ids(store)).toEqual(['b', 'a']);
    expect(store.getItem('a')?.status).toBe('ready');
    expect(store.items).not.toBe(before); // a new array, so views notice

    api.emitState({ upserted: [makeItem('c', { addedAt: NOW }), makeItem('c', { addedAt: NOW, checks: 3 })] });
    expect(ids(store)).toEqual(['c', 'b', 'a']);
    expect(store.getItem('c')?.checks).toBe(3);
  });

  it('removes items, and ignores removals of unknown IDs', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a', { addedAt: 1 }), makeItem('b', { addedAt: 2 }), makeItem('c', { addedAt: 3 })] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();

    api.emitState({ removed: ['b', 'nope'] });
    expect(ids(store)).toEqual(['c', 'a']);
    expect(store.getItem('b')).toBeUndefined();
    expect(store.indexOf('a')).toBe(1);

    // After a removal the positions are right for the next in-place update.
    api.emitState({ upserted: [makeItem('a', { addedAt: 1, status: 'failed' })] });
    expect(store.items[1]?.status).toBe('failed');
  });

  it('sets and clears the pause, replaces notices and the account when present', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a'), makeItem('done', { status: 'ready', addedAt: NOW - 1 })] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();

    api.emitState({ pause: { kind: 'no-key', message: 'No key' } });
    expect(store.pause?.kind).toBe('no-key');
    expect(store.counts.paused).toBe(1);
    expect(store.counts.ready).toBe(1);

    api.emitState({ upserted: [] }); // no pause field: unchanged
    expect(store.pause).not.toBeNull();

    api.emitState({ pause: null, notices: [{ id: 'x', level: 'info', message: 'hi' }], account: CONNECTED });
    expect(store.pause).toBeNull();
    expect(store.counts.paused).toBe(0);
    expect(store.counts.in_progress).toBe(1);
    expect(store.notices).toHaveLength(1);
    expect(useAccountStore().hasKey).toBe(true);
  });

  it('mirrors the connection from the snapshot and from patches that carry it', async () => {
    const offline = { state: 'offline', retryAt: NOW + 5_000, error: { kind: 'network', message: 'ECONNRESET' } } as const;
    const api = createFakeApi(snapshotOf({ connection: offline }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();
    expect(store.connection).toEqual(offline);

    api.emitState({ upserted: [makeItem('a')] }); // no connection field: unchanged
    expect(store.connection.state).toBe('offline');

    api.emitState({ connection: { state: 'rate-limited', retryAt: NOW + 40_000, error: null } });
    expect(store.connection).toEqual({ state: 'rate-limited', retryAt: NOW + 40_000, error: null });

    api.emitState({ connection: ONLINE });
    expect(store.connection).toEqual(ONLINE);
  });

  it('takes the connection from a replaceAll patch, and reads its absence there as online', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a')] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();

    api.emitState({ upserted: [], replaceAll: true, connection: { state: 'asleep', retryAt: null, error: null } });
    expect(store.connection.state).toBe('asleep');
    api.emitState({ upserted: [makeItem('a')], replaceAll: true });
    expect(store.connection).toEqual(ONLINE);
  });

  it('is online until told otherwise, even by a host that sends no connection at all', async () => {
    const { connection: _absent, ...older } = snapshotOf({ items: [makeItem('a')] });
    installApi(createFakeApi(older as ReturnType<typeof snapshotOf>));
    const store = useWatchlistStore();
    expect(store.connection).toEqual(ONLINE);
    await store.start();
    expect(store.connection).toEqual(ONLINE);
  });

  it('counts unfinished photos that are taking long or no longer checked', async () => {
    installApi(
      createFakeApi(
        snapshotOf({
          items: [
            makeItem('a', { lateness: 'taking-long' }),
            makeItem('b', { lateness: 'taking-long' }),
            makeItem('c', { lateness: 'stale' }),
            makeItem('d', { lateness: 'taking-long', status: 'ready' }), // finished: no longer late
            makeItem('e'),
          ],
        }),
      ),
    );
    const store = useWatchlistStore();
    await store.start();
    expect(store.lateCounts).toEqual({ takingLong: 2, stale: 1 });
  });

  it('replaceAll drops everything the mirror held that is not in the new list', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a'), makeItem('b')] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();

    api.emitState({ upserted: [makeItem('z', { status: 'ready' })], replaceAll: true, pause: null, notices: [] });
    expect(ids(store)).toEqual(['z']);
    expect(store.getItem('a')).toBeUndefined();
    expect(store.counts.ready).toBe(1);
  });

  it('holds patches that arrive before the snapshot and replays them without going backwards', async () => {
    const api = createFakeApi();
    let answer!: (value: ReturnType<typeof snapshotOf>) => void;
    api.getSnapshot.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    installApi(api);
    const store = useWatchlistStore();
    const started = store.start();

    api.emitState({ upserted: [makeItem('a', { checks: 1, status: 'in_progress' })] }); // older than the snapshot
    api.emitState({ upserted: [makeItem('b', { checks: 1 })] }); // newer: not in the snapshot
    answer(snapshotOf({ items: [makeItem('a', { checks: 2, status: 'ready' })] }));
    await started;

    expect(store.getItem('a')?.status).toBe('ready');
    expect(store.getItem('b')).toBeDefined();
  });

  it('follows focus requests, counting repeats', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a')] }));
    installApi(api);
    const store = useWatchlistStore();
    await store.start();
    api.emitFocus('a');
    api.emitFocus('a');
    expect(store.focusRequest).toEqual({ photoId: 'a', seq: 2 });
  });

  it('applies one-item patches into 10,000 items with work that does not grow with the list', () => {
    // Every field read of an item the mirror already holds is counted. A patch that searched
    // the list, re-sorted it or rebuilt its index would read every item, so the count would
    // double with the list; copying the array (copy-on-write) reads none. No clock involved.
    let reads = 0;
    function watched(item: WatchItem): WatchItem {
      const counted = {} as WatchItem;
      for (const [key, value] of Object.entries(item)) {
        Object.defineProperty(counted, key, {
          enumerable: true,
          get: () => {
            reads += 1;
            return value as unknown;
          },
        });
      }
      return counted;
    }

    function readsForPatches(size: number) {
      freshPinia();
      const store = useWatchlistStore();
      store.applySnapshot(snapshotOf({ items: Array.from({ length: size }, (_, i) => watched(makeItem(`p${i}`, { addedAt: NOW - i }))) }));
      reads = 0;
      for (let i = 0; i < 1_000; i += 1) {
        store.applyPatch({ upserted: [makeItem(`p${i * 5}`, { addedAt: NOW - i * 5, checks: 2, status: 'ready' })] });
      }
      const work = reads;

      expect(store.total).toBe(size);
      expect(store.items[5]?.status).toBe('ready');
      expect(store.indexOf('p4995')).toBe(4995);
      expect(store.counts.ready).toBe(1_000);
      return work;
    }

    const work = readsForPatches(10_000);
    expect(readsForPatches(20_000)).toBe(work);
    // At most a few reads of the replaced item per patch (its add time, to see if it moved).
    expect(work).toBeLessThanOrEqual(1_000 * 4);
  });
});
