// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.vue';
import NoticeBanner from '../../../renderer/src/components/NoticeBanner.vue';
import NotificationsHelp from '../../../renderer/src/components/NotificationsHelp.vue';
import PauseBanner from '../../../renderer/src/components/PauseBanner.vue';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

const buttonNamed = (wrapper: ReturnType<typeof mountWithApp>, name: string) => wrapper.findAll('button').find((b) => b.text() === name);

describe('the pause banner for the user’s own pause', () => {
  it('says the user paused and offers Resume checking', async () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(PauseBanner, { props: { pause: null, byUser: true } });
    expect(wrapper.text()).toContain('You paused checking.');
    expect(buttonNamed(wrapper, 'Add API key')).toBeUndefined();
    await buttonNamed(wrapper, 'Resume checking')!.trigger('click');
    expect(wrapper.emitted('resume')).toHaveLength(1);
  });

  it('says both when the key is missing too: fixing the key alone would not resume', () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(PauseBanner, { props: { pause: { kind: 'no-key', message: 'x' }, byUser: true } });
    expect(wrapper.text()).toContain('Add your API key to start checking.');
    expect(wrapper.text()).toContain('You also paused checking: it stays paused after the key is fixed.');
    expect(buttonNamed(wrapper, 'Add API key')).toBeDefined();
    expect(buttonNamed(wrapper, 'Resume checking')).toBeDefined();
  });

  it('shows in the window from the snapshot and from patches; rows read Paused; Resume asks main', async () => {
    const api = createFakeApi(snapshotOf({ checkingPaused: true, items: [makeItem('a'), makeItem('done', { status: 'ready' })] }));
    installApi(api);
    const undo = fakeLayout();
    const wrapper = mountWithApp(App, { pinia: freshPinia() });
    const store = useWatchlistStore();
    await store.start();
    await settle();
    expect(wrapper.find('[data-test="paused-by-user"]').exists()).toBe(true);
    expect(store.counts.paused).toBe(1);
    expect(store.counts.ready).toBe(1);
    expect(wrapper.findAll('.row .badge .label').map((l) => l.text())).toContain('Paused');

    await buttonNamed(wrapper, 'Resume checking')!.trigger('click');
    expect(api.setCheckingPaused).toHaveBeenCalledWith(false);
    api.emitState({ checkingPaused: false });
    await settle();
    expect(wrapper.find('[data-test="paused-by-user"]').exists()).toBe(false);
    expect(store.counts.paused).toBe(0);
    undo();
  });
});

describe('a notice main sends as a code', () => {
  it('is worded from the catalogue, not from its English fallback', () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(NoticeBanner, { props: { notice: { id: 'n1', level: 'info', message: 'fallback', code: 'no-tray' } } });
    expect(wrapper.text()).toContain('Your desktop shows no tray icons, so Avatar Watch stays in the taskbar when you close it.');
    expect(wrapper.text()).not.toContain('fallback');
  });
});

describe('Send a test notification', () => {
  it('asks whether it appeared, and says notifications work on Yes', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(NotificationsHelp);
    await wrapper.find('[data-test="send-test"]').trigger('click');
    await settle();
    expect(api.sendTestNotification).toHaveBeenCalledOnce();
    expect(wrapper.text()).toContain('Did it appear?');
    await wrapper.find('[data-test="seen-yes"]').trigger('click');
    expect(wrapper.find('[data-test="works"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="advice"]').exists()).toBe(false);
  });

  it.each([
    ['darwin', 'System Settings > Notifications > Avatar Watch', 'Developer ID'],
    ['win32', 'Settings > System > Notifications', 'Start-menu shortcut'],
    ['linux', 'notification service', 'dunst'],
    ['other', 'allows notifications', 'browser'],
  ] as const)('gives the advice for %s when nothing appeared', async (platform, where, detail) => {
    const api = createFakeApi();
    api.sendTestNotification.mockResolvedValue({ ok: true, value: { shown: true, platform } });
    installApi(api);
    const wrapper = mountWithApp(NotificationsHelp);
    await wrapper.find('[data-test="send-test"]').trigger('click');
    await settle();
    await wrapper.find('[data-test="seen-no"]').trigger('click');
    const advice = wrapper.find('[data-test="advice"]');
    expect(advice.text()).toContain(where);
    expect(advice.text()).toContain(detail);
    expect(wrapper.find('[data-test="refused"]').exists()).toBe(false);
  });

  it('says at once that the system refused it, with the advice, without asking', async () => {
    const api = createFakeApi();
    api.sendTestNotification.mockResolvedValue({ ok: true, value: { shown: false, platform: 'linux' } });
    installApi(api);
    const wrapper = mountWithApp(NotificationsHelp);
    await wrapper.find('[data-test="send-test"]').trigger('click');
    await settle();
    expect(wrapper.text()).not.toContain('Did it appear?');
    expect(wrapper.find('[data-test="refused"]').text()).toContain('did not confirm');
    expect(wrapper.find('[data-test="advice"]').text()).toContain('dunst');
  });

  it('says when the test could not be sent at all', async () => {
    const api = createFakeApi();
    api.sendTestNotification.mockRejectedValue(new Error('main went away'));
    installApi(api);
    const wrapper = mountWithApp(NotificationsHelp);
    await wrapper.find('[data-test="send-test"]').trigger('click');
    await settle();
    // Main's English stays in the log; the window says it in its own words.
    expect(wrapper.find('[data-test="failed"]').text()).toContain('could not finish this; the details are in its log');
    expect(wrapper.find('[data-test="failed"]').text()).not.toContain('main went away');
    // Sending again is possible.
    expect(wrapper.find('[data-test="send-test"]').attributes('aria-disabled')).toBe('false');
  });
});

describe('checking controls in the window (for desktops without a tray)', () => {
  it('check all and pause through main, and step aside while paused', async () => {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a')] }));
    installApi(api);
    const undo = fakeLayout();
    const wrapper = mountWithApp(App, { pinia: freshPinia() });
    await useWatchlistStore().start();
    await settle();
    await wrapper.find('[data-test="check-all"]').trigger('click');
    expect(api.checkAll).toHaveBeenCalledOnce();
    await settle();
    await wrapper.find('[data-test="pause"]').trigger('click');
    expect(api.setCheckingPaused).toHaveBeenCalledWith(true);
    api.emitState({ checkingPaused: true });
    await settle();
    expect(wrapper.find('[data-test="pause"]').exists()).toBe(false);
    expect(buttonNamed(wrapper, 'Resume checking')).toBeDefined();
    undo();
  });
});
