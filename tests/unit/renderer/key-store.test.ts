// @vitest-environment happy-dom
// What the window says about where the key is: a saved key the keychain will not give is never
// shown as a first run; without a keychain the user chooses where the key goes, warned plainly.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountState } from '../../../preload/api';
import AccountPanel from '../../../renderer/src/components/AccountPanel.vue';
import { useAccountStore } from '../../../renderer/src/stores/account';
import { CONNECTED, NO_KEY, NO_KEY_STATUS, createFakeApi, freshPinia, installApi, mountWithApp, settle } from './fake-api';

type Wrapper = ReturnType<typeof mountWithApp>;

function button(wrapper: Wrapper, name: string) {
  const found = wrapper.findAll('button').find((b) => b.text() === name);
  expect(found, `a button "${name}"`).toBeDefined();
  return found!;
}

function hasButton(wrapper: Wrapper, name: string): boolean {
  return wrapper.findAll('button').some((b) => b.text() === name);
}

function mountPanel(state: AccountState) {
  const pinia = freshPinia();
  useAccountStore().apply(state);
  return mountWithApp(AccountPanel, { pinia });
}

const LOCKED: AccountState = {
  ...NO_KEY,
  error: { kind: 'keychain-locked', message: 'The keychain returned no key for Avatar Watch.' },
  key: { ...NO_KEY_STATUS, unreachable: { place: 'keychain', hint: 'wxyz' } },
};

async function submitKey(wrapper: Wrapper, key: string) {
  const input = wrapper.find<HTMLInputElement>('#api-key');
  await input.setValue(key);
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('where the key is kept', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('a locked keychain holding the key: says so with its hint and offers Unlock, not the first-run form', async () => {
    const api = createFakeApi();
    api.refreshAccount.mockResolvedValueOnce(CONNECTED);
    installApi(api);
    const wrapper = mountPanel(LOCKED);

    expect(wrapper.text()).not.toContain('Connect your JoggAI account');
    expect(wrapper.text()).toContain('Your key (ending in wxyz) is saved in your computer’s keychain, but the keychain is locked');
    expect(wrapper.text()).toContain('Unlock your keyring');
    expect(wrapper.find('#api-key').exists()).toBe(false);

    await button(wrapper, 'Unlock').trigger('click');
    await settle();
    expect(api.refreshAccount).toHaveBeenCalledTimes(1);
    expect(wrapper.text()).toContain('Connected as Mia Novak');
  });

  it('"Paste the key again" opens the key form next to the explanation', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel(LOCKED);
    await button(wrapper, 'Paste the key again').trigger('click');
    expect(wrapper.find('#api-key').exists()).toBe(true);
  });

  it('a missing keychain service: Try again, and advice for this OS', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel({
      ...LOCKED,
      error: { kind: 'keychain-missing', message: 'Cannot autolaunch D-Bus without X11 $DISPLAY' },
    });
    expect(wrapper.text()).toContain('no keychain service is running now');
    expect(wrapper.text()).toContain('sudo apt install gnome-keyring');
    expect(hasButton(wrapper, 'Try again')).toBe(true);
    expect(hasButton(wrapper, 'Unlock')).toBe(false);
  });

  it('saving without a keychain keeps the typed key and offers "this session only", which then saves there', async () => {
    const api = createFakeApi();
    api.saveApiKey.mockResolvedValueOnce({ ok: false, error: { kind: 'keychain-missing', message: 'Could not connect: No such file or directory' } });
    api.saveApiKey.mockResolvedValueOnce({ ok: true, value: { ...CONNECTED, key: { ...NO_KEY_STATUS, place: 'session' } } });
    installApi(api);
    const wrapper = mountPanel(NO_KEY);

    await submitKey(wrapper, 'sk-live-0123456789');
    expect(wrapper.text()).toContain('JoggAI accepted the key, but this computer has no keychain service to keep it in.');
    expect(wrapper.text()).not.toContain('The key was not saved.');
    const input = wrapper.find<HTMLInputElement>('#api-key');
    expect(input.element.value).toBe('sk-live-0123456789');
    expect(input.attributes('aria-invalid')).toBe('false');

    // The choice needs the user: focus moves to it.
    expect(document.activeElement?.textContent?.trim()).toBe('Keep it for this session only');
    await button(wrapper, 'Keep it for this session only').trigger('click');
    await settle();
    expect(api.saveApiKey).toHaveBeenLastCalledWith('sk-live-0123456789', 'session');
    expect(wrapper.text()).toContain('Kept for this session only');
  });

  it('an encrypted file with no real protection needs "I understand" first, and says why', async () => {
    const api = createFakeApi();
    api.saveApiKey.mockResolvedValueOnce({ ok: false, error: { kind: 'keychain-missing', message: 'no Secret Service' } });
    installApi(api);
    const wrapper = mountPanel(NO_KEY); // fallback: 'weak' (Linux basic_text)

    await submitKey(wrapper, 'sk-live-0123456789');
    expect(wrapper.text()).toContain('That is no real protection');
    const store = button(wrapper, 'Store it anyway');
    expect(store.attributes('disabled')).toBeDefined();

    await wrapper.find('input[type="checkbox"]').setValue(true);
    expect(store.attributes('disabled')).toBeUndefined();
    await store.trigger('click');
    await settle();
    expect(api.saveApiKey).toHaveBeenLastCalledWith('sk-live-0123456789', 'encrypted-file');
  });

  it('offers no file where nothing can encrypt it (the web preview), only the session', async () => {
    const api = createFakeApi();
    api.saveApiKey.mockResolvedValueOnce({ ok: false, error: { kind: 'keychain-missing', message: 'no Secret Service' } });
    installApi(api);
    const wrapper = mountPanel({ ...NO_KEY, key: { ...NO_KEY_STATUS, fallback: 'unavailable' } });
    await submitKey(wrapper, 'sk-live-0123456789');
    expect(hasButton(wrapper, 'Keep it for this session only')).toBe(true);
    expect(wrapper.text()).toContain('Avatar Watch can keep it for this session only');
    expect(wrapper.text()).not.toContain('choose one of these');
    expect(hasButton(wrapper, 'Store it in an encrypted file')).toBe(false);
    expect(hasButton(wrapper, 'Store it anyway')).toBe(false);
  });

  it('a first run without a keychain says so as a note before any key is pasted', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel({ ...NO_KEY, error: { kind: 'keychain-missing', message: 'Cannot autolaunch D-Bus' } });
    expect(wrapper.find('[role="note"]').text()).toContain('You can still use Avatar Watch');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    // The keychain promise is not made where there is none.
    expect(wrapper.text()).not.toContain('The key is kept in your computer’s keychain');
    expect(wrapper.find('#api-key').exists()).toBe(true);
  });

  it('after a restart, a key kept for the last session only is asked for again with the reason', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel({ ...NO_KEY, key: { ...NO_KEY_STATUS, forgottenSessionKey: 'wxyz' } });
    expect(wrapper.text()).toContain('Last time you kept your key (ending in wxyz) for that session only');
    expect(wrapper.find('#api-key').exists()).toBe(true);
  });

  it('a key kept in a weak file is labelled as such in the account panel', async () => {
    installApi(createFakeApi());
    const wrapper = mountPanel({ ...CONNECTED, key: { ...NO_KEY_STATUS, place: 'encrypted-file' } });
    expect(wrapper.text()).toContain('its encryption is no real protection');
  });
});
