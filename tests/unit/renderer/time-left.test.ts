// @vitest-environment happy-dom
// What a row says about time: an estimate for a photo in progress, from what main learned, and
// how long a finished one took, claiming no more than its checks can tell.
import { afterEach, describe, expect, it } from 'vitest';
import type { LearnedDurations, WatchItem } from '../../../preload/api';
import WatchItemRow from '../../../renderer/src/components/WatchItemRow.vue';
import { NOW, createFakeApi, installApi, makeItem, mountWithApp, snapshotOf } from './fake-api';
import { freshPinia } from './fake-api';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';

const MIN = 60_000;
const LEARNED: LearnedDurations = { p25Ms: 2 * MIN, p50Ms: 3 * MIN, p90Ms: 5 * MIN, samples: 12 };

async function mountRow(item: WatchItem, durations: LearnedDurations | null) {
  installApi(createFakeApi(snapshotOf({ items: [item], durations })));
  const pinia = freshPinia();
  await useWatchlistStore().start();
  return mountWithApp(WatchItemRow, { pinia, props: { item, paused: false, now: NOW } });
}

const running = (ageMs: number) => makeItem('ph_run', { status: 'in_progress', addedAt: NOW - ageMs, lastCheckedAt: NOW - 1_000 });

describe('time left on a photo in progress', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('says honestly that it cannot estimate before enough photos finished, with no bar', async () => {
    const wrapper = await mountRow(running(30_000), null);
    expect(wrapper.text()).toContain('No estimate yet: too few photos have finished.');
    expect(wrapper.find('progress').exists()).toBe(false);
  });

  it('estimates the time left from the learned median, with a bar against the usual range', async () => {
    const wrapper = await mountRow(running(MIN), LEARNED);
    expect(wrapper.text()).toContain('Usually ready in about 2 min');
    const bar = wrapper.get('progress');
    expect(bar.attributes('aria-label')).toBe('Time so far, against how long photos usually take');
    expect(bar.attributes('aria-valuetext')).toBe('1 min so far; usually 2 min to 5 min');
    expect(Number(bar.attributes('value'))).toBe(MIN);
    expect(Number(bar.attributes('max'))).toBe(5 * MIN);
  });

  it('past the median, says most are ready within the rest of the range', async () => {
    const wrapper = await mountRow(running(4 * MIN), LEARNED);
    expect(wrapper.text()).toContain('Most are ready within 1 min more');
  });

  it('past the range, says it takes longer than most, and the bar is full', async () => {
    const wrapper = await mountRow(running(6 * MIN), LEARNED);
    expect(wrapper.text()).toContain('Taking longer than most (usually 2 min to 5 min)');
    expect(Number(wrapper.get('progress').attributes('value'))).toBe(5 * MIN);
  });

  it('leaves a photo marked "taking longer than usual" to that note alone', async () => {
    const wrapper = await mountRow({ ...running(20 * MIN), lateness: 'taking-long' }, LEARNED);
    expect(wrapper.text()).toContain('Taking longer than usual');
    expect(wrapper.text()).not.toContain('Taking longer than most');
    expect(wrapper.find('progress').exists()).toBe(false);
  });

  it('follows what main learns', async () => {
    const wrapper = await mountRow(running(MIN), null);
    useWatchlistStore().applyPatch({ durations: LEARNED });
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Usually ready in about 2 min');
  });
});

describe('how long a finished photo took', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const finished = (sightings: Partial<WatchItem>, status: 'ready' | 'failed' = 'ready') =>
    makeItem('ph_done', { status, addedAt: NOW - 10 * MIN, finishedAt: NOW - 6 * MIN, lastCheckedAt: NOW - 6 * MIN, ...sightings });

  it('says "took about" only when the photo was seen in progress right after it was added', async () => {
    // Seen running 10 s after adding, last at 3 min 30 s, found ready at 4 min: about 3 min 45 s.
    const item = finished({ firstSeenInProgressAt: NOW - 10 * MIN + 10_000, lastSeenUnfinishedAt: NOW - 6 * MIN - 30_000 });
    const text = (await mountRow(item, null)).text();
    expect(text).toContain('took about 3 min');
    expect(text).not.toContain('took 4 min');
  });

  it('says "at least" when it was first seen running only later', async () => {
    const item = finished({ firstSeenInProgressAt: NOW - 8 * MIN, lastSeenUnfinishedAt: NOW - 7 * MIN });
    expect((await mountRow(item, null)).text()).toContain('took at least 3 min');
  });

  it('says only when it was found finished when it was never seen unfinished (or saved before sightings)', async () => {
    expect((await mountRow(finished({}), null)).text()).toContain('found ready 4 min after you added it');
    document.body.innerHTML = '';
    expect((await mountRow(finished({}, 'failed'), null)).text()).toContain('found failed 4 min after you added it');
  });
});
