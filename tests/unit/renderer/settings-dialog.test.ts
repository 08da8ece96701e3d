// @vitest-environment happy-dom
// The Settings dialog: opened by its button (and Ctrl/Cmd+,), every change sent at once with
// "Saved" or the reason it was not, bad numbers refused beside their box, the theme applied to
// <html>, and focus back on the opener when it closes. Also the list filtered to the photos of a
// clicked summary notification, with "Show all".
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.vue';
import SettingsDialog from '../../../renderer/src/components/SettingsDialog.vue';
import { useViewStore } from '../../../renderer/src/stores/view';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { APP_SETTINGS, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
});

async function openDialog() {
  const api = createFakeApi();
  installApi(api);
  const wrapper = mountWithApp(SettingsDialog);
  await settle();
  const opener = wrapper.get<HTMLButtonElement>('button[data-test="open-settings"]');
  opener.element.focus();
  await opener.trigger('click');
  await settle();
  return { api, wrapper, opener };
}

describe('the Settings dialog', () => {
  it('opens from its button, shows every group, and saves a switch at once with "Saved"', async () => {
    const { api, wrapper } = await openDialog();
    const dialog = wrapper.get<HTMLDialogElement>('dialog');
    expect(dialog.element.open).toBe(true);
    expect(wrapper.findAll('legend').map((legend) => legend.text())).toEqual(['Notifications', 'Start-up', 'Results', 'Request budget', 'Language', 'Theme']);
    const failed = wrapper.get<HTMLInputElement>('input[name="notifyOnFailed"]');
    expect(failed.element.checked).toBe(true);
    await failed.setValue(false);
    await settle();
    expect(api.updateSettings).toHaveBeenCalledExactlyOnceWith({ notifyOnFailed: false });
    expect(wrapper.get('[role="status"].saved').text()).toBe('Saved');
  });

  it('says "Saved" for start at login too, folded into the Start-up group', async () => {
    const { api, wrapper } = await openDialog();
    await wrapper.get<HTMLInputElement>('input[name="startAtLogin"]').setValue(true);
    await settle();
    expect(api.setDesktopSettings).toHaveBeenCalledExactlyOnceWith({ startAtLogin: true });
    expect(wrapper.get('[role="status"].saved').text()).toBe('Saved');
  });

  it('refuses a request rate out of range beside its box, sending nothing, and sends a good one', async () => {
    const { api, wrapper } = await openDialog();
    const rate = wrapper.get<HTMLInputElement>('#setting-requestRate');
    expect(wrapper.get('label[for="setting-requestRate"]').text()).toBe('Requests per second (0.2 to 5)');
    await rate.setValue('9');
    await settle();
    expect(api.updateSettings).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('Enter a number from 0.2 to 5.');
    expect(rate.attributes('aria-invalid')).toBe('true');
    // What was typed stays in the box through the re-render, to be corrected.
    expect(rate.element.value).toBe('9');
    await rate.setValue('0.5');
    await settle();
    expect(api.updateSettings).toHaveBeenCalledExactlyOnceWith({ requestRate: 0.5 });
    expect(wrapper.text()).not.toContain('Enter a number');
  });

  it('says why main refused a change, in the catalogue’s words, and shows main’s settings again', async () => {
    const { api, wrapper } = await openDialog();
    api.updateSettings.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid-input', message: 'x', input: { code: 'settings-not-saved' } } });
    await wrapper.get<HTMLInputElement>('input[name="sound"]').setValue(false);
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toBe('Not saved. The change applies now, but it could not be saved, so it will be lost when the app restarts.');
    expect(api.getSettings).toHaveBeenCalledTimes(2);
  });

  it('sets the theme on <html> for dark and light, and leaves it to the system otherwise', async () => {
    const { wrapper } = await openDialog();
    await wrapper.get<HTMLInputElement>('input[name="theme"][value="dark"]').setValue(true);
    await settle();
    expect(document.documentElement.dataset.theme).toBe('dark');
    await wrapper.get<HTMLInputElement>('input[name="theme"][value="system"]').setValue(true);
    await settle();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('follows a change made elsewhere (another window, the tray)', async () => {
    const { api, wrapper } = await openDialog();
    api.emitState({ settings: { ...APP_SETTINGS, quietWhileFocused: true, theme: 'light' } });
    await settle();
    expect(wrapper.get<HTMLInputElement>('input[name="quietWhileFocused"]').element.checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('closes and gives focus back to the button that opened it', async () => {
    const { wrapper, opener } = await openDialog();
    await wrapper.get('dialog button.button').trigger('click');
    await settle();
    expect(wrapper.get<HTMLDialogElement>('dialog').element.open).toBe(false);
    expect(document.activeElement).toBe(opener.element);
  });

  it('opens with Ctrl+, from anywhere in the window', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(SettingsDialog);
    await settle();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ',', ctrlKey: true }));
    await settle();
    expect(wrapper.get<HTMLDialogElement>('dialog').element.open).toBe(true);
  });
});

describe('a clicked summary notification', () => {
  it('shows exactly its photos, says so, and "Show all" brings every photo back with focus on the search box', async () => {
    const undo = fakeLayout();
    const items = ['a', 'b', 'c', 'd'].map((id) => makeItem(id, { status: 'ready' }));
    const api = createFakeApi(snapshotOf({ items }));
    installApi(api);
    const pinia = freshPinia();
    await useWatchlistStore(pinia).start();
    useViewStore(pinia).followNotifications(api);
    const wrapper = mountWithApp(App, { pinia });
    await settle();
    api.emitFocusItems(['b', 'd']);
    await settle();
    expect(useViewStore(pinia).shown.map((item) => item.photoId)).toEqual(['b', 'd']);
    const bar = wrapper.get('[data-test="from-notification"]');
    expect(bar.text()).toContain('Showing 2 photos from the notification');
    await bar.get('button').trigger('click');
    await settle();
    expect(useViewStore(pinia).shown).toHaveLength(4);
    expect(wrapper.find('[data-test="from-notification"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe('list-search');
    undo();
  });
});
