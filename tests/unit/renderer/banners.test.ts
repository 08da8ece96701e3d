// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../preload/api';
import App from '../../../renderer/src/App.vue';
import NoticeBanner from '../../../renderer/src/components/NoticeBanner.vue';
import PauseBanner from '../../../renderer/src/components/PauseBanner.vue';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from './fake-api';

describe('pause banner', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each([
    ['no-key', 'Add your API key to start checking.', 'Add API key'],
    ['invalid-key', 'no longer accepts your API key. Add a new key', 'Replace API key'],
    ['no-permission', 'does not include API access. Upgrade', 'Replace API key'],
  ] as const)('explains %s and offers the key form', async (kind, words, action) => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(PauseBanner, { props: { pause: { kind, message: 'from main' } } });
    expect(wrapper.text()).toContain('Checking is paused');
    expect(wrapper.text()).toContain(words);
    await wrapper.find('button').trigger('click');
    expect(wrapper.find('button').text()).toBe(action);
    expect(wrapper.emitted('fix-key')).toHaveLength(1);
  });
});

describe('notice banner', () => {
  it('shows the message and asks to be dismissed by ID', async () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(NoticeBanner, {
      props: { notice: { id: 'corrupt-1', level: 'warning', message: 'The watchlist file was damaged; a copy was kept aside.' } },
    });
    expect(wrapper.text()).toContain('The watchlist file was damaged; a copy was kept aside.');
    await wrapper.find('button').trigger('click');
    expect(wrapper.emitted('dismiss')).toEqual([['corrupt-1']]);
  });

  it('words a failed save from its code and reason, never Node\'s English', () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(NoticeBanner, {
      props: {
        notice: {
          id: 'save-1',
          level: 'error',
          message: 'ENOSPC: no space left on device',
          code: 'save-failed',
          params: { reason: 'read-only', detail: 'EROFS', path: '/home/me/.config/Avatar Watch/watchlist.json' },
        },
      },
    });
    expect(wrapper.text()).toContain(
      'Your watchlist could not be saved to /home/me/.config/Avatar Watch/watchlist.json: the folder is read-only. Recent changes are kept while the app runs',
    );
    expect(wrapper.text()).not.toContain('ENOSPC');
  });

  it('words a watchlist file over the list cap with its numbers grouped', () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(NoticeBanner, {
      props: {
        notice: { id: 'cap-1', level: 'warning', message: 'over', code: 'list-over-cap', params: { total: 50_010, max: 50_000, aside: 10, copy: '/d/watchlist.over-cap.json' } },
      },
    });
    expect(wrapper.text()).toContain('Your saved watchlist held 50,010 photos; the app watches at most 50,000. The first 50,000 are shown. The other 10 are not watched, and the file as it was is kept at /d/watchlist.over-cap.json');
  });
});

describe('notices about loading the saved list, worded from their codes', () => {
  const mount = (notice: Partial<Notice>) => {
    installApi(createFakeApi());
    return mountWithApp(NoticeBanner, { props: { notice: { id: 'n', level: 'warning', message: 'the English log line', ...notice } } });
  };

  it.each<[Partial<Notice>, string]>([
    [{ code: 'list-restored', params: {} }, 'Your saved watchlist was damaged, so the previous copy was restored; changes from the last moments before may be missing.'],
    [{ code: 'list-restored', params: { keptAt: '/d/watchlist.corrupt-1.json' } }, 'The damaged file was kept at /d/watchlist.corrupt-1.json.'],
    [{ code: 'list-unreadable', params: { keptAt: '/d/w.json' } }, 'no usable copy was found, so a new, empty list was started. The damaged file was kept at /d/w.json.'],
    [{ code: 'list-too-new' }, 'saved by a newer version of Avatar Watch. Update the app to see it'],
    [{ code: 'list-dropped', params: { items: 2, imageUrls: 0, maxLength: 128 } }, 'held things this app does not use: 2 entries with photo IDs that are not valid (longer than 128 characters'],
    [{ code: 'list-dropped', params: { items: 1, imageUrls: 3, maxLength: 128 } }, '1 entry with a photo ID that is not valid (longer than 128 characters, or with spaces or control characters); 3 image links that are not https.'],
  ])('%o', (notice, words) => {
    const text = mount(notice).text();
    expect(text).toContain(words);
    expect(text).not.toContain('the English log line');
  });
});

describe('the window', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the pause banner, and its action puts the cursor in the key field', async () => {
    const api = createFakeApi(snapshotOf({ pause: { kind: 'no-key', message: 'No key' }, items: [makeItem('a')] }));
    installApi(api);
    const undo = fakeLayout();
    const pinia = freshPinia();
    const wrapper = mountWithApp(App, { pinia });
    await useWatchlistStore().start();
    await settle();

    expect(wrapper.text()).toContain('Add your API key to start checking.');
    expect(wrapper.find('.row .badge .label').text()).toBe('Paused');
    const addKey = wrapper.findAll('button').find((b) => b.text() === 'Add API key')!;
    await addKey.trigger('click');
    await settle();
    expect(document.activeElement?.id).toBe('api-key');
    undo();
  });

  it('dismisses a notice through the API and hides the pause banner when checks resume', async () => {
    const api = createFakeApi(
      snapshotOf({
        account: CONNECTED,
        pause: { kind: 'invalid-key', message: 'bad' },
        notices: [{ id: 'n1', level: 'error', message: 'Your key could not be kept.' }],
      }),
    );
    installApi(api);
    const pinia = freshPinia();
    const wrapper = mountWithApp(App, { pinia });
    await useWatchlistStore().start();
    await settle();

    await wrapper.find('button[aria-label="Dismiss this message"]').trigger('click');
    expect(api.dismissNotice).toHaveBeenCalledWith('n1');
    await settle();
    expect(wrapper.text()).not.toContain('Your key could not be kept.');

    expect(wrapper.text()).toContain('Checking is paused');
    api.emitState({ pause: null });
    await settle();
    expect(wrapper.text()).not.toContain('Checking is paused');
  });
});
