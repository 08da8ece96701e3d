// @vitest-environment happy-dom
// The live region's words: one photo by its ID, several as the notifications' summary; nothing
// for what the first snapshot already had finished.
import { afterEach, describe, expect, it, vi } from 'vitest';
import LiveAnnouncer from '../../../renderer/src/components/LiveAnnouncer.vue';
import { ANNOUNCE_WAIT_MS } from '../../../renderer/src/a11y/finish-announcements';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { createFakeApi, freshPinia, installApi, makeItem, mountWithApp, snapshotOf } from './fake-api';

describe('live announcer', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('is a polite status region that names one finished photo, then sums up several', async () => {
    vi.useFakeTimers();
    installApi(createFakeApi());
    const pinia = freshPinia();
    const store = useWatchlistStore();
    store.applySnapshot(snapshotOf({ items: [makeItem('old', { status: 'ready', finishedAt: 1 }), makeItem('a', { status: 'in_progress' }), makeItem('b'), makeItem('c')] }));
    const wrapper = mountWithApp(LiveAnnouncer, { pinia });
    const region = wrapper.find('[aria-live]');
    expect(region.attributes('aria-live')).toBe('polite');
    expect(region.attributes('role')).toBe('status');

    await vi.advanceTimersByTimeAsync(ANNOUNCE_WAIT_MS * 2);
    expect(region.text()).toBe('');

    store.applyPatch({ upserted: [makeItem('a', { status: 'ready', finishedAt: 2 })] });
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WAIT_MS);
    // Its words are a chunk of their own, loaded with the first announcement.
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(0);
    expect(region.text()).toBe('Photo a is ready');

    store.applyPatch({ upserted: [makeItem('b', { status: 'failed', finishedAt: 3 })] });
    store.applyPatch({ upserted: [makeItem('c', { status: 'ready', finishedAt: 3 })] });
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WAIT_MS);
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(0);
    expect(region.text()).toBe('1 photo avatar is ready · 1 failed');
  });
});
