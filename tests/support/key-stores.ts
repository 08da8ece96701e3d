// Stand-ins for the key's homes: a keychain whose state a test sets, and a reversible cipher.
import type { KeyProtection } from '../../preload/api';
import type { KeyCipher, SecretStore } from '../../main/core/ports';
import { KeychainError } from '../../main/core/secrets/keychain-error';

export interface KeychainState {
  /** `locked`: reads answer null (libsecret without a prompt), writes refuse. `missing`: no service. */
  mode: 'ok' | 'locked' | 'missing';
  value: string | null;
}

/** A keychain whose state the test sets: working, locked (null for reads, refusing writes) or missing. */
export function fakeKeychain(state: KeychainState): SecretStore {
  const fail = () => {
    throw new KeychainError(new Error(state.mode === 'missing' ? 'Cannot autolaunch D-Bus without X11 $DISPLAY' : 'Cannot create an item in a locked collection'));
  };
  const read = async () => {
    if (state.mode === 'missing') fail();
    return state.mode === 'locked' ? null : state.value;
  };
  return {
    description: 'test keychain',
    kind: 'keychain',
    get: read,
    getInteractive: read,
    set: async (value) => {
      if (state.mode !== 'ok') fail();
      state.value = value;
    },
    delete: async () => {
      if (state.mode !== 'ok') fail();
      state.value = null;
    },
  };
}

/** Reversible but not plain text, so a test can see the key is not written as is. */
export function fakeCipher(protection: KeyProtection): KeyCipher {
  return {
    protection: async () => protection,
    encrypt: async (text) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
    decrypt: async (data) => Buffer.from(Buffer.from(data).map((byte) => byte ^ 0x5a)).toString(),
  };
}
