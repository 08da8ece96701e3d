// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
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
    ['no-permission', 'does not include API access (code 18025)', 'Replace API key'],
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
