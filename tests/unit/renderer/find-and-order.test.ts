// @vitest-environment happy-dom
// Find and order: the status tallies filter the list, the search box narrows it by photo ID, the
// sort control orders it, and the choice is still there after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import SummaryBar from '../../../renderer/src/components/SummaryBar.vue';
import WatchList from '../../../renderer/src/components/WatchList.vue';
import { filterItems, normalizeQuery, orderItems } from '../../../renderer/src/stores/list-view';
import type { DisplayState } from '../../../renderer/src/stores/row-state';
import { VIEW_STORAGE_KEY, readStoredView } from '../../../renderer/src/stores/view';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from './fake-api';

const ONLINE_CONTEXT = { held: false, offline: false };

// Newest added first, as the watchlist keeps them.
const ITEMS = [
  makeItem('ph_Alpha', { addedAt: NOW - 1_000, status: 'ready', finishedAt: NOW - 500_000, imageUrls: ['https://cdn.example/a.png'] }),
  makeItem('ph_beta', { addedAt: NOW - 2_000, status: 'in_progress' }),
  makeItem('ph_gamma', { addedAt: NOW - 3_000, status: 'failed', finishedAt: NOW - 100_000, failureMessage: 'Blurry photo' }),
  makeItem('ph_ALPHABET', { addedAt: NOW - 4_000, status: 'ready', finishedAt: NOW - 200_000, imageUrls: ['https://cdn.example/b.png'] }),
];

const ids = (items: readonly { photoId: string }[]) => items.map((item) => item.photoId);

describe('list view functions', () => {
  it('orders by added (both ways), by recently finished, and by status', () => {
    expect(ids(orderItems(ITEMS, 'added-newest', ONLINE_CONTEXT))).toEqual(['ph_Alpha', 'ph_beta', 'ph_gamma', 'ph_ALPHABET']);
    expect(ids(orderItems(ITEMS, 'added-oldest', ONLINE_CONTEXT))).toEqual(['ph_ALPHABET', 'ph_gamma', 'ph_beta', 'ph_Alpha']);
    // Finished ones by when they finished, most recent first; the unfinished after them.
    expect(ids(orderItems(ITEMS, 'finished', ONLINE_CONTEXT))).toEqual(['ph_gamma', 'ph_ALPHABET', 'ph_Alpha', 'ph_beta']);
    // The summary bar's order of states (in progress, ready, failed), newest added first within one.
    expect(ids(orderItems(ITEMS, 'status', ONLINE_CONTEXT))).toEqual(['ph_beta', 'ph_Alpha', 'ph_ALPHABET', 'ph_gamma']);
  });

  it('keeps IDs from one paste in the order they were pasted, whichever way "added" sorts', () => {
    const paste = [makeItem('first', { addedAt: NOW }), makeItem('second', { addedAt: NOW }), makeItem('older', { addedAt: NOW - 1 })];
    expect(ids(orderItems(paste, 'added-oldest', ONLINE_CONTEXT))).toEqual(['older', 'first', 'second']);
  });

  it('does not reorder the watchlist it was given', () => {
    const before = ids(ITEMS);
    orderItems(ITEMS, 'added-oldest', ONLINE_CONTEXT);
    orderItems(ITEMS, 'finished', ONLINE_CONTEXT);
    expect(ids(ITEMS)).toEqual(before);
  });

  it('searches photo IDs case-insensitively, ignoring spaces around what was typed', () => {
    const query = normalizeQuery('  ALPHA ');
    expect(ids(filterItems(ITEMS, { states: new Set(), query, context: ONLINE_CONTEXT }))).toEqual(['ph_Alpha', 'ph_ALPHABET']);
    expect(ids(filterItems(ITEMS, { states: new Set(), query: normalizeQuery('zzz'), context: ONLINE_CONTEXT }))).toEqual([]);
  });

  it('shows the union of the states that are on, and combines them with the search', () => {
    const states = new Set<DisplayState>(['failed', 'in_progress']);
    expect(ids(filterItems(ITEMS, { states, query: '', context: ONLINE_CONTEXT }))).toEqual(['ph_beta', 'ph_gamma']);
    expect(ids(filterItems(ITEMS, { states: new Set(['ready']), query: 'bet', context: ONLINE_CONTEXT }))).toEqual(['ph_ALPHABET']);
  });

  it('filters by the state the row shows: while checks are held, unfinished photos are "paused"', () => {
    const held = { held: true, offline: false };
    expect(ids(filterItems(ITEMS, { states: new Set(['paused']), query: '', context: held }))).toEqual(['ph_beta']);
  });
});

describe('reading the stored view back', () => {
  const storing = (value: string | null) => ({ getItem: () => value });
  const DEFAULT = { states: [], query: '', sort: 'added-newest' };

  it('keeps what it knows and drops what it does not', () => {
    const raw = JSON.stringify({ states: ['ready', 'exploded', 42, 'ready'], query: 'ph_', sort: 'status' });
    expect(readStoredView(storing(raw))).toEqual({ states: ['ready'], query: 'ph_', sort: 'status' });
  });

  it('falls back to the default view for damaged, foreign or missing data', () => {
    expect(readStoredView(storing('{not json'))).toEqual(DEFAULT);
    expect(readStoredView(storing('null'))).toEqual(DEFAULT);
    expect(readStoredView(storing('"ready"'))).toEqual(DEFAULT);
    expect(readStoredView(storing(null))).toEqual(DEFAULT);
    expect(readStoredView(undefined)).toEqual(DEFAULT);
    expect(readStoredView(storing(JSON.stringify({ states: 'ready', query: 7, sort: 'random' })))).toEqual(DEFAULT);
    expect(readStoredView(storing(JSON.stringify({ query: 'x'.repeat(201) })))).toEqual(DEFAULT);
    const throwing = { getItem: () => { throw new Error('SecurityError'); } };
    expect(readStoredView(throwing)).toEqual(DEFAULT);
  });
});

describe('find and order in the window', () => {
  let undoLayout: () => void;
  beforeEach(() => {
    localStorage.clear();
    undoLayout = fakeLayout(600, 100);
  });
  afterEach(() => {
    undoLayout();
    localStorage.clear();
    document.body.innerHTML = '';
  });

  const Both = defineComponent(() => () => h('div', [h(SummaryBar), h(WatchList)]));

  async function mountWindow(items = ITEMS) {
    const api = createFakeApi(snapshotOf({ items }));
    installApi(api);
    const pinia = freshPinia();
    await useWatchlistStore().start();
    const wrapper = mountWithApp(Both, { pinia });
    await settle();
    return { wrapper, api };
  }

  const shownIds = (wrapper: Awaited<ReturnType<typeof mountWindow>>['wrapper']) =>
    wrapper.findAll('[role="listitem"]').map((row) => row.attributes('data-photo-id'));
  // The badge's symbol is hidden from assistive technology; its label is what the button is called.
  const chipNames = (wrapper: Awaited<ReturnType<typeof mountWindow>>['wrapper']) =>
    wrapper.findAll('button[aria-pressed]').map((button) => button.get('.label').text());
  const chip = (wrapper: Awaited<ReturnType<typeof mountWindow>>['wrapper'], name: string) =>
    wrapper.findAll('button[aria-pressed]').find((button) => button.get('.label').text() === name)!;

  it('makes each status tally a toggle button that filters the list, several at once', async () => {
    const { wrapper } = await mountWindow();
    const ready = chip(wrapper, '2 ready');
    expect(ready.attributes('aria-pressed')).toBe('false');
    await ready.trigger('click');
    expect(ready.attributes('aria-pressed')).toBe('true');
    expect(shownIds(wrapper)).toEqual(['ph_Alpha', 'ph_ALPHABET']);
    expect(wrapper.get('[role="status"]').text()).toBe('Showing 2 of 4 photos');

    await chip(wrapper, '1 failed').trigger('click');
    expect(shownIds(wrapper)).toEqual(['ph_Alpha', 'ph_gamma', 'ph_ALPHABET']);

    await chip(wrapper, '2 ready').trigger('click');
    await chip(wrapper, '1 failed').trigger('click');
    expect(shownIds(wrapper)).toHaveLength(4);
    expect(wrapper.get('[role="status"]').text()).toBe('');
  });

  it('keeps a tally that is on listed when nothing is in that state any more, so it can be turned off, and focus stays', async () => {
    const { wrapper, api } = await mountWindow();
    await chip(wrapper, '1 failed').trigger('click');
    api.emitState({ removed: ['ph_gamma'] });
    await settle();
    const failed = chip(wrapper, '0 failed');
    expect(failed.attributes('aria-pressed')).toBe('true');
    (failed.element as HTMLButtonElement).focus();
    await failed.trigger('click');
    await settle();
    expect(chipNames(wrapper)).not.toContain('0 failed');
    // Its button is gone; focus went to the first tally, not to the page.
    expect(document.activeElement?.tagName).toBe('BUTTON');
    expect(document.activeElement?.querySelector('.label')?.textContent).toBe('1 in progress');
    expect(shownIds(wrapper)).toHaveLength(3);
  });

  it('searches by photo ID as the user types, and Escape empties the search', async () => {
    const { wrapper } = await mountWindow();
    const search = wrapper.get<HTMLInputElement>('input#list-search');
    expect(wrapper.get('label[for="list-search"]').text()).toBe('Search');
    await search.setValue('ALPHA');
    expect(shownIds(wrapper)).toEqual(['ph_Alpha', 'ph_ALPHABET']);
    await search.trigger('keydown', { key: 'Escape' });
    expect(search.element.value).toBe('');
    expect(shownIds(wrapper)).toHaveLength(4);
  });

  it('sorts with a labelled control', async () => {
    const { wrapper } = await mountWindow();
    expect(wrapper.get('label[for="list-sort"]').text()).toBe('Sort');
    const sort = wrapper.get('select#list-sort');
    expect(sort.findAll('option').map((o) => o.text())).toEqual(['Newest added first', 'Oldest added first', 'Recently finished first', 'By status', 'By label']);
    await sort.setValue('added-oldest');
    expect(shownIds(wrapper)).toEqual(['ph_ALPHABET', 'ph_gamma', 'ph_beta', 'ph_Alpha']);
    await sort.setValue('finished');
    expect(shownIds(wrapper)).toEqual(['ph_gamma', 'ph_ALPHABET', 'ph_Alpha', 'ph_beta']);
  });

  it('says when nothing matches, and "Clear filters" brings every photo back with focus in the search box', async () => {
    const { wrapper } = await mountWindow();
    await chip(wrapper, '2 ready').trigger('click');
    await wrapper.get('input#list-search').setValue('bet');
    expect(shownIds(wrapper)).toEqual(['ph_ALPHABET']);
    await wrapper.get('input#list-search').setValue('nothing-like-this');
    expect(shownIds(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain('No photos match your filters.');
    const clear = wrapper.findAll('button').find((b) => b.text() === 'Clear filters')!;
    (clear.element as HTMLButtonElement).focus();
    await clear.trigger('click');
    await settle();
    expect(shownIds(wrapper)).toHaveLength(4);
    expect(chip(wrapper, '2 ready').attributes('aria-pressed')).toBe('false');
    expect(document.activeElement?.id).toBe('list-search');
  });

  it('keeps the filters, the search and the order across a restart', async () => {
    const first = await mountWindow();
    await chip(first.wrapper, '2 ready').trigger('click');
    await first.wrapper.get('input#list-search').setValue('alpha');
    await first.wrapper.get('select#list-sort').setValue('added-oldest');
    await settle();
    first.wrapper.unmount();
    expect(JSON.parse(localStorage.getItem(VIEW_STORAGE_KEY)!)).toEqual({ states: ['ready'], query: 'alpha', sort: 'added-oldest' });

    const again = await mountWindow();
    expect(chip(again.wrapper, '2 ready').attributes('aria-pressed')).toBe('true');
    expect(again.wrapper.get<HTMLInputElement>('input#list-search').element.value).toBe('alpha');
    expect(again.wrapper.get<HTMLSelectElement>('select#list-sort').element.value).toBe('added-oldest');
    expect(shownIds(again.wrapper)).toEqual(['ph_ALPHABET', 'ph_Alpha']);
  });

  it('moves focus to the next row when the focused one leaves the filter, and to the search box when none is left', async () => {
    const { wrapper, api } = await mountWindow();
    await chip(wrapper, '2 ready').trigger('click');
    expect(shownIds(wrapper)).toEqual(['ph_Alpha', 'ph_ALPHABET']);
    (wrapper.get('[data-photo-id="ph_Alpha"]').element as HTMLElement).focus();
    // Its state changes to one the filter hides (any such change will do).
    api.emitState({ upserted: [{ ...ITEMS[0]!, status: 'failed', failureMessage: 'Retracted' }] });
    await settle();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(shownIds(wrapper)).toEqual(['ph_ALPHABET']);
    expect((document.activeElement as HTMLElement).dataset.photoId).toBe('ph_ALPHABET');

    api.emitState({ removed: ['ph_ALPHABET'] });
    await settle();
    expect(shownIds(wrapper)).toEqual([]);
    expect(document.activeElement?.id).toBe('list-search');
  });

  it('shows a photo a notification asks for even when the filters hide it', async () => {
    const { wrapper, api } = await mountWindow();
    await chip(wrapper, '2 ready').trigger('click');
    api.emitFocus('ph_gamma');
    await settle();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(shownIds(wrapper)).toContain('ph_gamma');
    expect(chip(wrapper, '2 ready').attributes('aria-pressed')).toBe('false');
  });
});
