// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchItem } from '../../../preload/api';
import WatchItemRow from '../../../renderer/src/components/WatchItemRow.vue';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { NOW, createFakeApi, installApi, makeItem, mountWithApp, settle, type FakeApi } from './fake-api';

function mountRow(item: WatchItem, { paused = false, api = createFakeApi() }: { paused?: boolean; api?: FakeApi } = {}) {
  installApi(api);
  return mountWithApp(WatchItemRow, { props: { item, paused, now: NOW } });
}

const IMAGES = [1, 2, 3, 4].map((n) => `https://cdn.jogg.ai/ph_ready/${n}.png`);

describe('watch item row', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each([
    [makeItem('a', { status: 'checking', lastCheckedAt: null, checks: 0 }), 'Waiting for first check'],
    [makeItem('a', { status: 'in_progress' }), 'In progress'],
    [makeItem('a', { status: 'ready', imageUrls: IMAGES, finishedAt: NOW }), 'Ready'],
    [makeItem('a', { status: 'failed', finishedAt: NOW }), 'Failed'],
    [makeItem('a', { status: 'not_found', finishedAt: NOW }), 'Not found'],
    [makeItem('a', { status: 'unknown', rawStatus: 'queued' }), 'Unknown status “queued”'],
  ])('shows %#: %s', (item, label) => {
    const wrapper = mountRow(item);
    expect(wrapper.find('.badge .label').text()).toBe(label);
  });

  it('shows "Paused" for an unfinished item while checks are paused, but not for a finished one', () => {
    expect(mountRow(makeItem('a'), { paused: true }).find('.badge .label').text()).toBe('Paused');
    document.body.innerHTML = '';
    expect(mountRow(makeItem('b', { status: 'ready', imageUrls: IMAGES }), { paused: true }).find('.badge .label').text()).toBe('Ready');
  });

  it('shows the ID, the time since added and since the last check', () => {
    const wrapper = mountRow(makeItem('ph_7', { addedAt: NOW - 3 * 60_000 - 5_000, lastCheckedAt: NOW - 20_000 }));
    expect(wrapper.find('code').text()).toBe('ph_7');
    expect(wrapper.text()).toContain('Added 3 min ago');
    expect(wrapper.text()).toContain('checked 20 s ago');
    expect(wrapper.text()).toContain('next check in 10 s');
  });

  it('updates the times when the shared clock moves', async () => {
    const wrapper = mountRow(makeItem('ph_7', { addedAt: NOW - 3 * 60_000 }));
    await wrapper.setProps({ now: NOW + 60_000 });
    expect(wrapper.text()).toContain('Added 4 min ago');
  });

  it("shows JoggAI's failure message, or says it gave none", () => {
    expect(mountRow(makeItem('a', { status: 'failed', failureMessage: 'Face not detected' })).text()).toContain(
      'JoggAI said: Face not detected',
    );
    document.body.innerHTML = '';
    expect(mountRow(makeItem('b', { status: 'failed', failureMessage: null })).text()).toContain('JoggAI did not say why.');
  });

  it('shows the last transient problem as a warning, with when it is checked again', () => {
    const wrapper = mountRow(makeItem('a', { problem: { kind: 'server-error', message: 'System error', code: 50000 } }));
    expect(wrapper.find('.problem .what').text()).toBe('JoggAI had a problem on its side.');
    // The badge carries the time ("Problem — retrying at …"); the sentence does not repeat it.
    expect(wrapper.find('.badge .label').text()).toMatch(/^Problem — retrying at \d{1,2}:\d\d/);
    expect(wrapper.find('.problem .next').exists()).toBe(false);
  });

  it('leaves connection problems to the offline banner instead of repeating them on every row', async () => {
    const offline = { state: 'offline' as const, retryAt: NOW + 10_000, error: { kind: 'network' as const, message: 'refused' } };
    const wrapper = mountRow(makeItem('a', { problem: { kind: 'network', message: 'refused' } }));
    const store = useWatchlistStore();
    store.applyPatch({ connection: offline });
    await settle();
    expect(wrapper.find('.problem').exists()).toBe(false);
    store.applyPatch({ connection: { state: 'online', retryAt: null, error: null } });
    await settle();
    expect(wrapper.find('.problem .what').text()).toBe('JoggAI could not be reached.');
  });

  it('says calmly when JoggAI is taking longer than usual, without changing the badge', () => {
    const wrapper = mountRow(makeItem('a', { lateness: 'taking-long', addedAt: NOW - 20 * 60_000 }));
    expect(wrapper.find('.late').text()).toContain('Taking longer than usual — still checking every few minutes');
    expect(wrapper.find('.badge .label').text()).toBe('In progress');
    expect(wrapper.find('button[aria-label="Check now a"]').classes()).not.toContain('primary');
  });

  it('does not claim to be still checking while checks are paused', () => {
    const wrapper = mountRow(makeItem('a', { lateness: 'taking-long' }), { paused: true });
    expect(wrapper.find('.late').exists()).toBe(false);
  });

  it('after 24 hours says checking stopped, and puts "Check now" forward', async () => {
    const api = createFakeApi();
    const wrapper = mountRow(makeItem('ph_old', { lateness: 'stale', nextCheckAt: null, addedAt: NOW - 25 * 3_600_000 }), { api });
    expect(wrapper.find('.stale').text()).toBe(
      'Stopped checking after 24 hours. JoggAI may have lost this task: check it now, or contact JoggAI support.',
    );
    expect(wrapper.find('.late').exists()).toBe(false);
    expect(wrapper.find('.badge .label').text()).toBe('In progress');
    expect(wrapper.text()).not.toContain('next check');
    const checkNow = wrapper.find('button[aria-label="Check now ph_old"]');
    expect(checkNow.classes()).toContain('primary');
    await checkNow.trigger('click');
    expect(api.checkNow).toHaveBeenCalledWith('ph_old');
  });

  it('drops the lateness notes once the photo is finished', () => {
    for (const lateness of ['taking-long', 'stale'] as const) {
      const wrapper = mountRow(makeItem('a', { status: 'ready', imageUrls: IMAGES, finishedAt: NOW, lateness }));
      expect(wrapper.find('.late').exists()).toBe(false);
      expect(wrapper.find('.stale').exists()).toBe(false);
      document.body.innerHTML = '';
    }
  });

  it('shows four lazy thumbnails with alt text when ready, and opens one on click', async () => {
    const api = createFakeApi();
    const wrapper = mountRow(makeItem('ph_ready', { status: 'ready', imageUrls: IMAGES }), { api });
    const images = wrapper.findAll('img');
    expect(images).toHaveLength(4);
    for (const [i, img] of images.entries()) {
      expect(img.attributes('loading')).toBe('lazy');
      expect(img.attributes('alt')).toBe(`Result image ${i + 1} of 4 for photo ph_ready`);
      expect(img.attributes('src')).toBe(IMAGES[i]);
    }
    await wrapper.findAll('button.thumb')[2]!.trigger('click');
    expect(api.openImage).toHaveBeenCalledWith(IMAGES[2]);
  });

  it('explains when an image could not be opened', async () => {
    const api = createFakeApi();
    api.openImage.mockResolvedValue({ ok: false, error: { kind: 'invalid-input', message: 'Only https links can be opened' } });
    const wrapper = mountRow(makeItem('ph_ready', { status: 'ready', imageUrls: IMAGES }), { api });
    await wrapper.find('button.thumb').trigger('click');
    await settle();
    expect(wrapper.find('[role="alert"]').text()).toBe('The image could not be opened. Only https links can be opened');
  });

  it('"Check now" and "Remove" name the photo and call the API with its ID', async () => {
    const api = createFakeApi();
    const wrapper = mountRow(makeItem('ph_42'), { api });
    const checkNow = wrapper.find('button[aria-label="Check now ph_42"]');
    const remove = wrapper.find('button[aria-label="Remove ph_42"]');
    expect(checkNow.text()).toBe('Check now');
    expect(remove.text()).toBe('Remove');

    await checkNow.trigger('click');
    expect(api.checkNow).toHaveBeenCalledWith('ph_42');
    expect(checkNow.text()).toBe('Checking…');
    // Busy, yet still focusable (a disabled button would drop keyboard focus to the page); its
    // name starts with what it shows; a second press asks nothing more.
    expect(checkNow.attributes('disabled')).toBeUndefined();
    expect(checkNow.attributes('aria-disabled')).toBe('true');
    expect(checkNow.attributes('aria-label')).toBe('Checking… ph_42');
    await checkNow.trigger('click');
    expect(api.checkNow).toHaveBeenCalledTimes(1);
    // A patch that does not report the check (a new plan, say) leaves it asked for.
    await wrapper.setProps({ item: makeItem('ph_42', { nextCheckAt: NOW + 5_000 }) });
    expect(checkNow.text()).toBe('Checking…');
    await wrapper.setProps({ item: makeItem('ph_42', { checks: 2 }) });
    expect(checkNow.text()).toBe('Check now');

    // The list removes it (undoable, focus kept): the row only asks.
    await remove.trigger('click');
    expect(wrapper.emitted('remove')).toEqual([[['ph_42']]]);
  });
});
