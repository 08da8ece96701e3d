// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { ConnectionState } from '../../../preload/api';
import App from '../../../renderer/src/App.vue';
import ConnectionBanner from '../../../renderer/src/components/ConnectionBanner.vue';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, NOW, createFakeApi, freshPinia, installApi, makeItem, mountWithApp, snapshotOf } from './fake-api';

const NETWORK_DOWN: ConnectionState = {
  state: 'offline',
  retryAt: NOW + 12_000,
  error: { kind: 'network', message: 'Could not connect to 127.0.0.1:443 (connect ECONNREFUSED).', detail: { networkCode: 'ECONNREFUSED', host: '127.0.0.1:443' } },
};

/** Lets the fake API's answers settle without real timers (these tests fake them). */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  await nextTick();
}

function mountBanner(connection: ConnectionState) {
  installApi(createFakeApi());
  return mountWithApp(ConnectionBanner, { props: { connection } });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('connection banner', () => {
  it('offline: counts down to the next probe on the shared clock, then says "any moment"', async () => {
    const wrapper = mountBanner(NETWORK_DOWN);
    const banner = wrapper.find('[role="status"]');
    expect(banner.attributes('aria-live')).toBe('polite');
    expect(wrapper.find('.headline').text()).toBe('Can’t reach JoggAI. Checking again in 12 s.');

    vi.advanceTimersByTime(5_000);
    await nextTick();
    expect(wrapper.find('.headline').text()).toBe('Can’t reach JoggAI. Checking again in 7 s.');

    vi.advanceTimersByTime(7_000);
    await nextTick();
    expect(wrapper.find('.headline').text()).toBe('Can’t reach JoggAI. Checking again any moment.');
  });

  it('offline: explains the failure in plain words, once (main’s log line is not quoted after it)', () => {
    const wrapper = mountBanner({ ...NETWORK_DOWN, error: { kind: 'timeout', message: 'no answer in 15 s' } });
    expect(wrapper.find('.reason').text()).toBe(
      'JoggAI took too long to answer. Check your connection and try again.',
    );
  });

  it('offline on a plain network failure: gives only the detail, not the headline twice', () => {
    const wrapper = mountBanner(NETWORK_DOWN);
    // The facts only, never main's English log line.
    expect(wrapper.find('.reason').text()).toBe('Details: ECONNREFUSED · 127.0.0.1:443');
    expect(wrapper.text().match(/Can’t reach JoggAI/g)).toHaveLength(1);
  });

  it('offline without an error or a time still reads well', () => {
    const wrapper = mountBanner({ state: 'offline', retryAt: null, error: null });
    expect(wrapper.find('.headline').text()).toBe('Can’t reach JoggAI. Checking again any moment.');
    expect(wrapper.find('.reason').exists()).toBe(false);
  });

  it('keeps the ticking countdown out of what screen readers announce', () => {
    const wrapper = mountBanner(NETWORK_DOWN);
    expect(wrapper.find('.countdown').attributes('aria-live')).toBe('off');
  });

  it('rate-limited: says when checks resume', async () => {
    const wrapper = mountBanner({
      state: 'rate-limited',
      retryAt: NOW + 40_000,
      error: { kind: 'rate-limited', message: 'Too many requests', retryAfterS: 40 },
    });
    expect(wrapper.find('.headline').text()).toBe('JoggAI asked us to slow down. Checks resume in 40 s.');
    expect(wrapper.find('.reason').exists()).toBe(false);
    vi.advanceTimersByTime(41_000);
    await nextTick();
    expect(wrapper.find('.headline').text()).toBe('JoggAI asked us to slow down. Checks resume any moment.');
  });

  it('asleep: says checks wait for the computer, with no countdown', () => {
    const wrapper = mountBanner({ state: 'asleep', retryAt: null, error: null });
    expect(wrapper.find('.headline').text()).toBe('Checking is on hold until your computer is awake and online.');
    expect(wrapper.find('.countdown').exists()).toBe(false);
  });

  it('stops the shared clock when it goes away', () => {
    const wrapper = mountBanner(NETWORK_DOWN);
    expect(vi.getTimerCount()).toBe(1);
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the window and the connection', () => {
  async function mountApp(snapshot = snapshotOf({ account: CONNECTED, items: [makeItem('a')] })) {
    const api = createFakeApi(snapshot);
    installApi(api);
    const pinia = freshPinia();
    const wrapper = mountWithApp(App, { pinia });
    await useWatchlistStore().start();
    await flush();
    return { api, wrapper };
  }

  it('shows no connection banner while online', async () => {
    const { wrapper } = await mountApp();
    expect(wrapper.text()).not.toContain('Can’t reach JoggAI');
    expect(wrapper.find('.banners').exists()).toBe(false);
  });

  it('shows the banner when the connection drops and hides it when it comes back', async () => {
    const { api, wrapper } = await mountApp();
    api.emitState({ connection: NETWORK_DOWN });
    await flush();
    expect(wrapper.find('.banners').text()).toContain('Can’t reach JoggAI. Checking again in 12 s.');

    api.emitState({ connection: { state: 'online', retryAt: null, error: null } });
    await flush();
    expect(wrapper.text()).not.toContain('Can’t reach JoggAI');
  });

  it('starts with the banner when the snapshot says offline', async () => {
    const { wrapper } = await mountApp(snapshotOf({ account: CONNECTED, connection: { state: 'asleep', retryAt: null, error: null } }));
    expect(wrapper.text()).toContain('Checking is on hold until your computer is awake and online.');
  });

  it('lets the pause banner speak alone when checks are paused too', async () => {
    const { api, wrapper } = await mountApp(
      snapshotOf({ connection: NETWORK_DOWN, pause: { kind: 'invalid-key', message: 'bad' } }),
    );
    expect(wrapper.text()).toContain('Checking is paused');
    expect(wrapper.text()).not.toContain('Can’t reach JoggAI');

    api.emitState({ pause: null });
    await flush();
    expect(wrapper.text()).not.toContain('Checking is paused');
    expect(wrapper.text()).toContain('Can’t reach JoggAI');
  });
});
