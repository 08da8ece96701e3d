// @vitest-environment happy-dom
import { getActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SummaryBar from '../../../renderer/src/components/SummaryBar.vue';
import WatchList from '../../../renderer/src/components/WatchList.vue';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf, startWithItems } from './fake-api';

describe('watchlist', () => {
  let undoLayout: () => void;
  beforeEach(() => {
    undoLayout = fakeLayout(600, 100);
  });
  afterEach(() => {
    undoLayout();
    document.body.innerHTML = '';
  });

  async function mountList(count: number) {
    const items = Array.from({ length: count }, (_, i) => makeItem(`ph_${i}`, { addedAt: NOW - i * 1000 }));
    const api = createFakeApi(snapshotOf({ items }));
    installApi(api);
    const pinia = freshPinia();
    await useWatchlistStore().start();
    const wrapper = mountWithApp(WatchList, { pinia });
    await settle();
    return { wrapper, api };
  }

  it('says what to do when empty', async () => {
    const { wrapper } = await mountList(0);
    expect(wrapper.text()).toContain('No photos yet.');
  });

  it('renders only the rows in view out of 10,000', async () => {
    const { wrapper } = await mountList(10_000);
    const rows = wrapper.findAll('[role="listitem"]');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.attributes('aria-setsize')).toBe('10000');
    expect(rows[0]!.find('code').text()).toBe('ph_0');
  });

  it('shows a patched item without touching the others', async () => {
    const { wrapper, api } = await mountList(50);
    api.emitState({ upserted: [makeItem('ph_1', { addedAt: NOW - 1000, status: 'failed', failureMessage: 'Blurry photo' })] });
    await settle();
    expect(wrapper.text()).toContain('JoggAI said: Blurry photo');
  });

  it('scrolls a focused item into view and highlights it briefly', async () => {
    const { wrapper, api } = await mountList(2_000);
    const scroller = wrapper.find('.scroller').element as HTMLElement;
    api.emitFocus('ph_1500');
    await settle();
    // happy-dom moves scrollTop but fires no scroll event; a browser does.
    expect(scroller.scrollTop).toBeGreaterThan(100_000);
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    const row = wrapper.find('[data-photo-id="ph_1500"]');
    expect(row.exists()).toBe(true);
    expect(row.find('.row').classes()).toContain('highlighted');
  });

  async function expectFocused(wrapper: ReturnType<typeof mountWithApp>, photoId: string) {
    const scroller = wrapper.find('.scroller').element as HTMLElement;
    expect(scroller.scrollTop).toBeGreaterThan(100_000);
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    const row = wrapper.find(`[data-photo-id="${photoId}"]`);
    expect(row.exists()).toBe(true);
    expect(row.find('.row').classes()).toContain('highlighted');
  }

  it('still focuses an item whose notification was clicked before the list was mounted', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => makeItem(`ph_${i}`, { addedAt: NOW - i * 1000 }));
    const api = createFakeApi(snapshotOf({ items }));
    installApi(api);
    const pinia = freshPinia();
    await useWatchlistStore().start();
    api.emitFocus('ph_1500');

    const wrapper = mountWithApp(WatchList, { pinia });
    await settle();
    await expectFocused(wrapper, 'ph_1500');
  });

  it('still focuses an item whose notification was clicked before the watchlist loaded', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => makeItem(`ph_${i}`, { addedAt: NOW - i * 1000 }));
    const api = createFakeApi(snapshotOf({ items }));
    let answer!: (snapshot: ReturnType<typeof snapshotOf>) => void;
    api.getSnapshot.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    installApi(api);
    const pinia = freshPinia();
    const started = useWatchlistStore().start();
    const wrapper = mountWithApp(WatchList, { pinia });
    await settle();
    api.emitFocus('ph_1500');
    await settle();

    answer(snapshotOf({ items }));
    await started;
    await settle();
    await expectFocused(wrapper, 'ph_1500');
  });

  it('handles a focus request once: a list mounted again later does not jump back to it', async () => {
    const { wrapper, api } = await mountList(2_000);
    api.emitFocus('ph_1500');
    await settle();
    wrapper.unmount();

    const again = mountWithApp(WatchList, { pinia: getActivePinia() as Pinia });
    await settle();
    expect((again.find('.scroller').element as HTMLElement).scrollTop).toBe(0);
  });

  it('forgets a focus request for a photo that is not in the list', async () => {
    const { wrapper, api } = await mountList(50);
    api.emitFocus('gone');
    await settle();
    expect(useWatchlistStore().focusRequest).toBeNull();
    expect(wrapper.find('.highlighted').exists()).toBe(false);
  });

  it('counts items by state in the summary', async () => {
    const pinia = await startWithItems([
      makeItem('a', { status: 'ready' }),
      makeItem('b', { status: 'ready' }),
      makeItem('c', { status: 'failed' }),
      makeItem('d', { status: 'in_progress' }),
    ]);
    const wrapper = mountWithApp(SummaryBar, { pinia });
    expect(wrapper.text()).toContain('4 photos');
    expect(wrapper.text()).toContain('2 ready');
    expect(wrapper.text()).toContain('1 failed');
    expect(wrapper.text()).toContain('1 in progress');
    expect(wrapper.text()).not.toContain('not found');
    expect(wrapper.find('.late').exists()).toBe(false);
  });

  it('adds how many are taking long or no longer checked to the summary', async () => {
    const pinia = await startWithItems([
      makeItem('a', { lateness: 'taking-long' }),
      makeItem('b', { lateness: 'taking-long' }),
      makeItem('c', { lateness: 'stale' }),
      makeItem('d'),
    ]);
    const wrapper = mountWithApp(SummaryBar, { pinia });
    expect(wrapper.find('.late').text()).toBe('2 taking longer than usual · 1 no longer checked');
    expect(wrapper.text()).toContain('4 in progress'); // the badges count statuses as before
  });
});
