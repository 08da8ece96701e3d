// @vitest-environment happy-dom
// The window changes language in place: no reload, the list and its state stay, every word and
// number follows (Chinese catalogue loaded on demand), and <html lang> tells screen readers.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.vue';
import NoticeBanner from '../../../renderer/src/components/NoticeBanner.vue';
import { BridgeError, LOST_CONNECTION, PREVIEW_GONE } from '../../../renderer/src/bridge/web-bridge';
import { createAppI18n, setLanguage, type Translate } from '../../../renderer/src/i18n';
import { failureText } from '../../../renderer/src/i18n/failure-words';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, settle, snapshotOf } from './fake-api';

afterEach(async () => {
  document.body.innerHTML = '';
  await setLanguage('en');
});

async function mountApp(itemCount: number) {
  const items = Array.from({ length: itemCount }, (_, i) => makeItem(`photo-${i}`, { status: i % 2 === 0 ? 'ready' : 'in_progress' }));
  installApi(createFakeApi(snapshotOf({ account: CONNECTED, items })));
  const undo = fakeLayout();
  const pinia = freshPinia();
  const i18n = createAppI18n();
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, i18n] } });
  await useWatchlistStore().start();
  await settle();
  return { wrapper, i18n, undo };
}

describe('switching the language', () => {
  it('re-words the running window in Chinese and back, keeping the same page and list', async () => {
    const { wrapper, undo } = await mountApp(10_000);
    const list = wrapper.find('.summary').element;
    expect(wrapper.text()).toContain('10,000 photos');

    await setLanguage('zh-CN');
    await settle();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(wrapper.text()).toContain('10,000 张照片');
    expect(wrapper.text()).toContain('5,000 张已就绪');
    expect(wrapper.text()).toContain('监视列表');
    expect(wrapper.text()).not.toContain('Watchlist');
    // The same element, not a new page: nothing was reloaded or re-mounted.
    expect(wrapper.find('.summary').element).toBe(list);

    await setLanguage('en');
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(wrapper.text()).toContain('10,000 photos');
    expect(wrapper.text()).not.toContain('监视列表');
    undo();
  });

  it('follows the system languages, and a later choice wins over a slower earlier one', async () => {
    const i18n = createAppI18n();
    expect(await setLanguage('system', { i18n, systemLanguages: ['zh-Hans-CN', 'en'] })).toBe('zh-CN');
    expect(await setLanguage('system', { i18n, systemLanguages: ['fr-FR'] })).toBe('en');
    const first = setLanguage('zh-CN', { i18n });
    const second = setLanguage('en', { i18n });
    await Promise.all([first, second]);
    expect(i18n.global.locale.value).toBe('en');
  });

  it('words main’s notices from their code, never from main’s English line', async () => {
    installApi(createFakeApi());
    const i18n = createAppI18n();
    await setLanguage('zh-CN', { i18n });
    const english = 'This preview keeps your API key in memory only: it is forgotten when the preview stops, and you will have to paste it again.';
    const wrapper = mount(NoticeBanner, {
      props: { notice: { id: 'n1', level: 'warning', message: english, code: 'key-memory-only' } },
      global: { plugins: [freshPinia(), i18n] },
    });
    expect(wrapper.text()).toContain('此预览只在内存中保留你的 API 密钥');
    expect(wrapper.text()).not.toContain('memory only');
  });

  it('words a failed call by the bridge’s code, and never shows what main or the host threw', async () => {
    const i18n = createAppI18n();
    await setLanguage('zh-CN', { i18n });
    const t = i18n.global.t as Translate;
    expect(failureText(t, new BridgeError(LOST_CONNECTION))).toBe('与预览的连接已断开，正在重新连接。请稍后再试。');
    expect(failureText(t, new BridgeError(PREVIEW_GONE))).toContain('此预览已停止或已重启');
    expect(failureText(t, new Error('Avatar Watch could not finish "addPhotos". See the log for details.'))).toBe('Avatar Watch 未能完成此操作；详细信息见其日志。');
  });
});
