// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountState, Result } from '../../../preload/api';
import AccountPanel from '../../../renderer/src/components/AccountPanel.vue';
import { useAccountStore } from '../../../renderer/src/stores/account';
import { CONNECTED, NO_KEY, createFakeApi, freshPinia, installApi, mountWithApp, settle, snapshotOf } from './fake-api';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';

function keyInput(wrapper: ReturnType<typeof mountWithApp>) {
  const label = wrapper.findAll('label').find((l) => l.text() === 'API key');
  expect(label, 'a label reading "API key"').toBeDefined();
  return wrapper.find<HTMLInputElement>(`#${label!.attributes('for')}`);
}

function button(wrapper: ReturnType<typeof mountWithApp>, name: string) {
  const found = wrapper.findAll('button').find((b) => b.text() === name || b.attributes('aria-label') === name);
  expect(found, `a button "${name}"`).toBeDefined();
  return found!;
}

function mountPanel(state: AccountState) {
  const pinia = freshPinia();
  useAccountStore().apply(state);
  return mountWithApp(AccountPanel, { pinia });
}

describe('account panel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('on first run explains the app and offers a hidden "API key" field with a show toggle', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel(NO_KEY);

    expect(wrapper.text()).toContain('Connect your JoggAI account');
    const input = keyInput(wrapper);
    expect(input.attributes('type')).toBe('password');
    const link = wrapper.find('a[href="https://www.jogg.ai/"]');
    expect(link.attributes('target')).toBe('_blank');
    expect(link.attributes('rel')).toContain('noopener');

    await button(wrapper, 'Show key').trigger('click');
    expect(input.attributes('type')).toBe('text');
    expect(button(wrapper, 'Hide key').attributes('aria-pressed')).toBe('true');
  });

  it('says it is checking, then explains a refused key in plain words and keeps what was typed', async () => {
    const api = createFakeApi();
    let answer!: (result: Result<AccountState>) => void;
    api.saveApiKey.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    installApi(api);
    const wrapper = mountPanel(NO_KEY);

    const input = keyInput(wrapper);
    await input.setValue('sk-wrong-1234');
    await wrapper.find('form').trigger('submit');
    expect(api.saveApiKey).toHaveBeenCalledWith('sk-wrong-1234', 'keychain');
    expect(wrapper.text()).toContain('Checking your key…');
    expect(button(wrapper, 'Save key').attributes('disabled')).toBeDefined();

    answer({ ok: false, error: { kind: 'invalid-key', message: 'Invalid API key', code: 10105 } });
    await settle();

    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('JoggAI did not accept this key. Copy it again from your JoggAI dashboard.');
    expect(input.element.value).toBe('sk-wrong-1234');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).not.toContain('Checking your key…');
  });

  it.each([
    [{ kind: 'no-permission', message: 'No permission', code: 18025 }, 'does not include API access. Upgrade'],
    [{ kind: 'network', message: 'getaddrinfo ENOTFOUND api.jogg.ai' }, 'Can’t reach JoggAI. Check your internet connection'],
    [{ kind: 'timeout', message: 'no answer in 15 s' }, 'took too long'],
    [{ kind: 'keychain-unavailable', message: 'Element not found' }, 'keychain did not work (Element not found). Sign out and back in'],
    [{ kind: 'unknown-code', message: 'Something odd', code: 31337 }, 'JoggAI answered with an error this app does not know. Details: JoggAI code 31337'],
    [{ kind: 'rate-limited', message: 'Too many', retryAfterS: 30 }, 'Try again in 30 s'],
    [{ kind: 'server-error', message: 'System error', code: 50000 }, 'JoggAI had a problem on its side'],
  ] as const)('explains %o in words', async (error, words) => {
    const api = createFakeApi();
    api.saveApiKey.mockResolvedValue({ ok: false, error });
    installApi(api);
    const wrapper = mountPanel(NO_KEY);
    await keyInput(wrapper).setValue('sk-key');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.find('[role="alert"]').text()).toContain(words);
  });

  it('once connected shows the user, credits and key hint, and clears the field', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountPanel(NO_KEY);
    await keyInput(wrapper).setValue('  sk-good-abcd\n');
    await wrapper.find('form').trigger('submit');
    await settle();

    expect(api.saveApiKey).toHaveBeenCalledWith('sk-good-abcd', 'keychain');
    expect(wrapper.text()).toContain('Connected as Mia Novak');
    expect(wrapper.text()).toContain('Credits left: 42.5');
    expect(wrapper.text()).toContain('••••abcd');
    expect(wrapper.find('#api-key').exists()).toBe(false);
    expect(button(wrapper, 'Replace key').exists()).toBe(true);
  });

  it('asks before removing the key', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountPanel(CONNECTED);

    await button(wrapper, 'Remove key').trigger('click');
    expect(api.removeApiKey).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('Remove the saved key?');

    await button(wrapper, 'Cancel').trigger('click');
    expect(wrapper.text()).not.toContain('Remove the saved key?');

    await button(wrapper, 'Remove key').trigger('click');
    await button(wrapper, 'Yes, remove key').trigger('click');
    await settle();
    expect(api.removeApiKey).toHaveBeenCalledOnce();
    expect(wrapper.text()).toContain('Connect your JoggAI account');
    // Focus went on to the key field rather than falling to the page with the question.
    expect(document.activeElement).toBe(keyInput(wrapper).element);
  });

  it('"Replace key" opens the form; a failure keeps the old account shown', async () => {
    const api = createFakeApi();
    api.saveApiKey.mockResolvedValue({ ok: false, error: { kind: 'invalid-key', message: 'Invalid', code: 10105 } });
    installApi(api);
    const wrapper = mountPanel(CONNECTED);

    await button(wrapper, 'Replace key').trigger('click');
    await keyInput(wrapper).setValue('sk-other');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.text()).toContain('Connected as Mia Novak');
    expect(wrapper.text()).toContain('JoggAI did not accept this key.');
    expect(keyInput(wrapper).element.value).toBe('sk-other');
  });

  it('shows when a saved key could not be checked, with a way to try again', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountPanel({ ...CONNECTED, account: null, error: { kind: 'network', message: 'offline' } });
    expect(wrapper.text()).toContain('A key is saved, but it could not be checked.');
    expect(wrapper.text()).toContain('Can’t reach JoggAI');
    await button(wrapper, 'Try again').trigger('click');
    await settle();
    expect(api.refreshAccount).toHaveBeenCalledOnce();
    expect(wrapper.text()).toContain('Connected as Mia Novak');
  });
});

// timeleft
describe('account panel with a rejected key', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('never says "Connected" while JoggAI refuses the key at a photo check (checking paused for it)', async () => {
    installApi(createFakeApi());
    const pinia = freshPinia();
    useAccountStore().apply(CONNECTED);
    useWatchlistStore().applySnapshot(snapshotOf({ account: CONNECTED, pause: { kind: 'invalid-key', message: '' } }));
    const wrapper = mountWithApp(AccountPanel, { pinia });
    expect(wrapper.text()).not.toContain('Connected');
    expect(wrapper.text()).toContain('Not connected: JoggAI refuses this key.');
  });

  it('never says "Connected" when the account check itself was refused', () => {
    installApi(createFakeApi());
    const wrapper = mountPanel({ ...CONNECTED, error: { kind: 'no-permission', code: 18025, message: '' } });
    expect(wrapper.text()).not.toContain('Connected');
    expect(wrapper.text()).toContain('Not connected: this key’s JoggAI plan has no API access.');
  });

  it('says "Connected" again once the key is accepted', () => {
    installApi(createFakeApi());
    expect(mountPanel(CONNECTED).text()).toContain('Connected as');
  });
});
