// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopSettings as Settings } from '../../../preload/api';
import DesktopSettings from '../../../renderer/src/components/DesktopSettings.vue';
import ResultImages from '../../../renderer/src/components/ResultImages.vue';
import { DESKTOP_SETTINGS, createFakeApi, installApi, mountWithApp, settle, type FakeApi } from './fake-api';

function mountSettings(answer: Partial<Settings> = {}, api: FakeApi = createFakeApi()) {
  api.getDesktopSettings.mockResolvedValue({ ...DESKTOP_SETTINGS, ...answer });
  installApi(api);
  return { api, wrapper: mountWithApp(DesktopSettings) };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('desktop settings', () => {
  it('shows start at login, off by default, and turns it on through the contract', async () => {
    const { api, wrapper } = mountSettings();
    await settle();
    const box = wrapper.get<HTMLInputElement>('input[name="startAtLogin"]');
    expect(wrapper.text()).toContain('Start Avatar Watch when I log in');
    expect(box.element.checked).toBe(false);
    // Not on Linux: the menu-bar switch is macOS only.
    expect(wrapper.find('input[name="startInMenuBar"]').exists()).toBe(false);

    await box.setValue(true);
    await settle();
    expect(api.setDesktopSettings).toHaveBeenCalledExactlyOnceWith({ startAtLogin: true });
    expect(box.element.checked).toBe(true);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('on macOS offers "start in the menu bar" and says when macOS needs approval', async () => {
    const { api, wrapper } = mountSettings({ platform: 'darwin', startAtLogin: true, loginItem: 'requires-approval' });
    await settle();
    expect(wrapper.get('[data-test="requires-approval"]').text()).toBe(
      'macOS needs your approval: System Settings > General > Login Items.',
    );
    await wrapper.get('input[name="startInMenuBar"]').setValue(true);
    await settle();
    expect(api.setDesktopSettings).toHaveBeenCalledExactlyOnceWith({ startInMenuBar: true });
  });

  it('says plainly where starting at login is not available (web preview, run from source)', async () => {
    const { wrapper } = mountSettings({ loginItem: 'not-supported', platform: 'other' });
    await settle();
    expect(wrapper.get('[data-test="not-supported"]').text()).toContain('installed app only');
    expect(wrapper.find('input[type="checkbox"]').exists()).toBe(false);
  });

  it('says when Windows will not run the login item (turned off in Task Manager)', async () => {
    const { wrapper } = mountSettings({ platform: 'win32', startAtLogin: true, loginItem: 'disabled' });
    await settle();
    expect(wrapper.get('[data-test="not-taken"]').text()).toContain('Task Manager');
  });

  it('keeps the box as it was and says so when the change fails', async () => {
    const api = createFakeApi();
    api.setDesktopSettings.mockResolvedValue({ ok: false, error: { kind: 'invalid-input', message: 'nope' } });
    const { wrapper } = mountSettings({}, api);
    await settle();
    await wrapper.get('input[name="startAtLogin"]').setValue(true);
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toContain('The setting was not changed.');
  });
});

describe('result images', () => {
  it('never loads a file: (or other non-web) image URL, so no SMB request leaves the page', async () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(ResultImages, {
      props: { photoId: 'p1', urls: ['file://host/share/x.png', 'https://cdn.jogg.ai/1.png', '\\\\host\\share\\y.png', 'smb://host/z.png'] },
    });
    await settle();
    const sources = wrapper.findAll('img').map((img) => img.attributes('src'));
    expect(sources).toEqual(['https://cdn.jogg.ai/1.png']);
  });
});
