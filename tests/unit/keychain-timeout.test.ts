import type * as KeytarModule from 'keytar';
import { describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../main/core/secrets/keychain-secret-store';

type Keytar = typeof KeytarModule;
const hangingKeytar = { getPassword: () => new Promise(() => {}), setPassword: () => new Promise(() => {}), deletePassword: () => new Promise(() => {}) } as unknown as Keytar;

describe('the keychain secret store when the keychain misbehaves', () => {
  it('gives up on a keychain that never answers (a locked keyring waiting for a prompt) with a clear error', async () => {
    const store = createKeychainSecretStore({ timeoutMs: 50, interactiveTimeoutMs: 80, loadKeytar: async () => hangingKeytar });
    const started = Date.now();
    await expect(store.get()).rejects.toMatchObject({
      appError: { kind: 'keychain-unavailable', message: expect.stringMatching(/did not answer within/) },
    });
    await expect(store.set('k')).rejects.toMatchObject({ appError: { kind: 'keychain-unavailable' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('explains a keychain that refuses (no Secret Service) and says what to do', async () => {
    const refusing = { getPassword: async () => { throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'); } } as unknown as Keytar;
    const store = createKeychainSecretStore({ loadKeytar: async () => refusing });
    const error = await store.get().then(
      () => null,
      (e: { appError: { kind: string; message: string } }) => e.appError,
    );
    expect(error).toMatchObject({ kind: 'keychain-unavailable' });
    expect(error?.message).toMatch(/Cannot autolaunch D-Bus/);
    expect(error?.message).toMatch(/keyring/i);
  });

  it('reports a keytar that cannot load (libsecret missing) and tries loading again next time', async () => {
    let loads = 0;
    const store = createKeychainSecretStore({
      loadKeytar: async () => {
        loads += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    await expect(store.set('k')).rejects.toMatchObject({ appError: { kind: 'keychain-unavailable' } });
    await expect(store.get()).rejects.toMatchObject({ appError: { kind: 'keychain-unavailable' } });
    expect(loads).toBe(2);
  });
});
