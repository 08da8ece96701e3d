// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.vue';
import type { TransportState } from '../../../renderer/src/bridge/web-bridge';
import { useTransportStore } from '../../../renderer/src/stores/transport';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { createFakeApi, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from './fake-api';

const RECONNECTING = 'Lost the connection to the preview. Reconnecting…';
const GONE = 'This preview has stopped or restarted. Open the new Preview URL printed in the terminal.';

/** Stands in for the web bridge's transport: the test says what the socket does. */
function fakeTransport() {
  let listener: ((state: TransportState) => void) | null = null;
  let state: TransportState = 'connecting';
  return {
    onTransportChanged(next: (state: TransportState) => void) {
      listener = next;
      next(state);
      return () => (listener = null);
    },
    set(next: TransportState) {
      state = next;
      listener?.(next);
    },
  };
}

describe('preview connection banner', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function mountApp(options: { web: boolean; loaded?: boolean }) {
    const api = createFakeApi(snapshotOf({ items: [makeItem('a')] }));
    if (options.loaded === false) api.getSnapshot.mockImplementation(() => new Promise(() => undefined));
    installApi(api);
    const pinia = freshPinia();
    const transport = fakeTransport();
    if (options.web) useTransportStore().follow(transport);
    const wrapper = mountWithApp(App, { pinia });
    void useWatchlistStore().start();
    await settle();
    return { wrapper, transport };
  }

  it('shows nothing in Electron, where there is no socket to lose', async () => {
    const { wrapper } = await mountApp({ web: false });
    expect(wrapper.text()).not.toContain(RECONNECTING);
    expect(wrapper.text()).not.toContain(GONE);
    expect(useTransportStore().state).toBeNull();
  });

  it('says it is reconnecting while the socket is lost, and goes away once it is back', async () => {
    const { wrapper, transport } = await mountApp({ web: true });
    transport.set('open');
    await settle();
    expect(wrapper.text()).not.toContain(RECONNECTING);

    transport.set('reconnecting');
    await settle();
    const status = wrapper.findAll('[role="status"]').find((el) => el.text().includes(RECONNECTING));
    expect(status?.attributes('aria-live')).toBe('polite');

    transport.set('open');
    await settle();
    expect(wrapper.text()).not.toContain(RECONNECTING);
  });

  it('says to open the new Preview URL once the bridge gave up, even before the list loaded', async () => {
    const { wrapper, transport } = await mountApp({ web: true, loaded: false });
    expect(wrapper.text()).toContain('Connecting…');
    expect(wrapper.text()).not.toContain(GONE); // connecting for the first time is not a problem yet

    transport.set('gone');
    await settle();
    expect(wrapper.find('[role="alert"]').text()).toContain(GONE);
    expect(wrapper.text()).not.toContain(RECONNECTING);
  });
});
