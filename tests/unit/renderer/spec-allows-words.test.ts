// @vitest-environment happy-dom
// The window's words for what the spec allows: a photo JoggAI has no news about yet, and a key
// saved while JoggAI could not confirm it. Plain sentences with the next check's time, no alarm.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountState, AppError } from '../../../preload/api';
import AccountPanel from '../../../renderer/src/components/AccountPanel.vue';
import WatchItemRow from '../../../renderer/src/components/WatchItemRow.vue';
import { clockTime } from '../../../renderer/src/format/time';
import { useAccountStore } from '../../../renderer/src/stores/account';
import { CONNECTED, NOW, createFakeApi, freshPinia, installApi, makeItem, mountWithApp } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a photo JoggAI has no news about', () => {
  it('says so, with the time of the next check, and shows no problem', () => {
    installApi(createFakeApi());
    const item = makeItem('ph_quiet', { status: 'in_progress', noNews: true, nextCheckAt: NOW + 30_000 });
    const wrapper = mountWithApp(WatchItemRow, { props: { item, paused: false, now: NOW } });
    expect(wrapper.find('.no-news').text()).toBe(`JoggAI has no news about this photo yet; checking again at ${clockTime(NOW + 30_000)}.`);
    expect(wrapper.find('.problem').exists()).toBe(false);
  });

  it('names no time while checking is paused', () => {
    installApi(createFakeApi());
    const item = makeItem('ph_quiet', { noNews: true, nextCheckAt: NOW + 30_000 });
    const wrapper = mountWithApp(WatchItemRow, { props: { item, paused: true, now: NOW } });
    expect(wrapper.find('.no-news').text()).toBe('JoggAI has no news about this photo yet.');
  });

  it('says nothing of the kind after a real answer', () => {
    installApi(createFakeApi());
    const wrapper = mountWithApp(WatchItemRow, { props: { item: makeItem('ph_busy', { status: 'in_progress' }), paused: false, now: NOW } });
    expect(wrapper.find('.no-news').exists()).toBe(false);
  });
});

describe('a key saved but not verified yet', () => {
  function mountPanel(state: AccountState) {
    installApi(createFakeApi());
    const pinia = freshPinia();
    useAccountStore().apply(state);
    return mountWithApp(AccountPanel, { pinia });
  }
  const unverified = (error: AppError, retryAt: number | null): AccountState => ({ ...CONNECTED, account: null, error, unverified: { retryAt } });

  it('says why in plain words and when the app checks again, without the alarm of a failure', () => {
    const wrapper = mountPanel(unverified({ kind: 'network', message: 'Could not reach api.jogg.ai: the connection was reset (ECONNRESET).' }, NOW + 60_000));
    expect(wrapper.text()).toContain(`Key saved; not verified yet: JoggAI could not be reached. Checking again at ${clockTime(NOW + 60_000)}.`);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('could not be checked');
  });

  it('a 404 gets advice that fits it, never "try again in a few minutes"', () => {
    const wrapper = mountPanel(unverified({ kind: 'http-error', message: 'JoggAI answered HTTP 404 Not Found.' }, NOW + 60_000));
    expect(wrapper.text()).toContain('not verified yet: JoggAI answered with an unexpected error');
    expect(wrapper.text()).toContain('the JoggAI address Avatar Watch uses may be wrong');
    expect(wrapper.text()).not.toMatch(/few minutes/);
  });

  it.each<[AppError['kind'], string]>([
    ['timeout', 'JoggAI did not answer in time'],
    ['server-error', 'JoggAI had a problem on its side'],
    ['rate-limited', 'JoggAI asked for fewer requests'],
    ['unknown-code', 'JoggAI could not confirm it'],
  ])('%s reads "%s"', (kind, reason) => {
    const wrapper = mountPanel(unverified({ kind, message: 'x' }, null));
    expect(wrapper.text()).toContain(`Key saved; not verified yet: ${reason}. Checking again soon.`);
  });
});
