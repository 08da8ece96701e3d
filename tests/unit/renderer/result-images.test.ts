// @vitest-environment happy-dom
// The result images of a ready photo: kept copies shown through the app's own scheme, and
// Copy / Link / Save / Save all saying what they did or exactly why not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalCopies } from '../../../preload/api';
import ResultImages from '../../../renderer/src/components/ResultImages.vue';
import LocalCopiesSettings from '../../../renderer/src/components/LocalCopiesSettings.vue';
import { formatBytes, localFileUrl } from '../../../renderer/src/results/local-file-url';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { createFakeApi, installApi, mountWithApp, settle, snapshotOf, type FakeApi } from './fake-api';

const URLS = [1, 2, 3, 4].map((n) => `https://cdn.jogg.ai/ph_ready/${n}.png`);
const KEPT: LocalCopies = { state: 'downloading', files: ['results/ph-1/1.png', 'results/ph-1/2.png', null, null], bytes: 2048 };

function mountImages(copies: LocalCopies | undefined = KEPT, api: FakeApi = createFakeApi()) {
  installApi(api);
  return { api, wrapper: mountWithApp(ResultImages, { props: { photoId: 'ph_1', urls: URLS, copies }, attachTo: document.body }) };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('result images', () => {
  it('shows kept copies from app://data/ and the rest from JoggAI’s link, never a file: URL', () => {
    const { wrapper } = mountImages();
    expect(wrapper.findAll('img').map((img) => img.attributes('src'))).toEqual([
      'app://data/results/ph-1/1.png',
      'app://data/results/ph-1/2.png',
      URLS[2],
      URLS[3],
    ]);
    expect(wrapper.text()).toContain('Keeping copies on this computer…');
  });

  it('in the preview, kept copies come from its /data/ route with the page’s token', () => {
    expect(localFileUrl('results/a b/1.png', { search: '?token=t0k' })).toBe('/data/results/a%20b/1.png?token=t0k');
    expect(localFileUrl('results/a/1.png', { search: '' })).toBe('app://data/results/a/1.png');
  });

  it('says why copies could not be kept', () => {
    const { wrapper } = mountImages({ state: 'failed', files: [null, null, null, null], bytes: 0, problem: 'http-error' });
    expect(wrapper.text()).toContain('Could not keep copies: the server refused (the link may have expired).');
  });

  it('every action button’s visible text is part of its accessible name', () => {
    const { wrapper } = mountImages();
    const buttons = wrapper.findAll('.actions button, .save-all');
    expect(buttons).toHaveLength(13);
    for (const button of buttons) {
      const name = (button.attributes('aria-label') ?? button.text()).toLowerCase();
      expect(name).toContain(button.text().toLowerCase());
    }
  });

  it('Link puts JoggAI’s https link on the clipboard and says so', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { wrapper } = mountImages();
    await wrapper.get('[aria-label="Copy link of image 3 of 4"]').trigger('click');
    await settle();
    expect(writeText).toHaveBeenCalledWith(URLS[2]);
    expect(wrapper.get('[role="status"]').text()).toBe('The link to image 3 is on the clipboard.');
  });

  it('Copy says exactly why it failed', async () => {
    const api = createFakeApi();
    api.copyImage.mockResolvedValueOnce({ ok: false, problem: 'not-downloaded' });
    const { wrapper } = mountImages(KEPT, api);
    await wrapper.get('[aria-label="Copy image 4 of 4"]').trigger('click');
    await settle();
    expect(api.copyImage).toHaveBeenCalledWith('ph_1', URLS[3]);
    expect(wrapper.get('[role="alert"]').text()).toContain('not kept on this computer yet and could not be fetched');
  });

  it('Save all says where the four images went; a cancelled dialog says nothing', async () => {
    const api = createFakeApi();
    api.saveAllImages.mockResolvedValueOnce({ ok: true, saved: 4, where: '/home/me/Pictures' });
    api.saveImage.mockResolvedValueOnce({ ok: true, saved: 0, cancelled: true });
    const { wrapper } = mountImages(KEPT, api);
    await wrapper.get('.save-all').trigger('click');
    await settle();
    expect(wrapper.get('[role="status"]').text()).toBe('Saved 4 images to /home/me/Pictures.');
    await wrapper.get('[aria-label="Save image 1 of 4"]').trigger('click');
    await settle();
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });
});

describe('local copies setting', () => {
  it('shows the room taken against the cap', async () => {
    const api = createFakeApi(snapshotOf({ localCopies: { enabled: true, usedBytes: 312 * 1024 ** 2, capBytes: 2 * 1024 ** 3, full: false, unlistedBytes: 0 } }));
    installApi(api);
    const wrapper = mountWithApp(LocalCopiesSettings);
    await useWatchlistStore().start();
    await settle();
    expect(wrapper.get('[data-test="local-copies-usage"]').text()).toBe('Local copies: 312 MB of 2 GB');
  });

  it('deletes the files of removed photos on request, says what went, and keeps focus on the usage line', async () => {
    const usage = { enabled: true, usedBytes: 8192, capBytes: 2 * 1024 ** 3, full: false, unlistedBytes: 4096 };
    const api = createFakeApi(snapshotOf({ localCopies: usage }));
    installApi(api);
    const wrapper = mountWithApp(LocalCopiesSettings, { attachTo: document.body });
    await useWatchlistStore().start();
    await settle();
    expect(wrapper.text()).toContain('4 kB of them belong to removed photos.');
    await wrapper.get('button').trigger('click');
    api.emitState({ localCopies: { ...usage, usedBytes: 4096, unlistedBytes: 0 } });
    await settle();
    expect(api.deleteUnlistedResultFiles).toHaveBeenCalledOnce();
    expect(wrapper.get('[role="status"]').text()).toContain('Deleted 4 files (4 kB).');
    expect(wrapper.find('button').exists()).toBe(false);
    expect(document.activeElement?.id).toBe('local-copies-usage');
  });

  it('writes sizes as people read them', () => {
    expect([formatBytes(640 * 1024), formatBytes(1.5 * 1024 ** 3), formatBytes(12)]).toEqual(['640 kB', '1.5 GB', '12 bytes']);
  });
});
