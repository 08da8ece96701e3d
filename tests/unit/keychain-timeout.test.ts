import type * as KeytarModule from 'keytar';
import { describe, expect, it } from 'vitest';
import { classifyKeychainFailure } from '../../main/core/secrets/keychain-error';
import { createKeychainSecretStore } from '../../main/core/secrets/keychain-secret-store';

type Keytar = typeof KeytarModule;
const hangingKeytar = { getPassword: () => new Promise(() => {}), setPassword: () => new Promise(() => {}), deletePassword: () => new Promise(() => {}) } as unknown as Keytar;

describe('the keychain secret store when the keychain misbehaves', () => {
  it('gives up on a keychain that never answers (a locked keyring waiting for a prompt) and calls it locked', async () => {
    const store = createKeychainSecretStore({ timeoutMs: 50, interactiveTimeoutMs: 80, loadKeytar: async () => hangingKeytar });
    const started = Date.now();
    await expect(store.get()).rejects.toMatchObject({
      appError: { kind: 'keychain-locked', message: expect.stringMatching(/did not answer within/) },
    });
    await expect(store.set('k')).rejects.toMatchObject({ appError: { kind: 'keychain-locked' } });
    await expect(store.getInteractive()).rejects.toMatchObject({ appError: { kind: 'keychain-locked', message: expect.stringMatching(/within 0 s/) } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('tells a missing keychain service (no D-Bus session) apart from other failures', async () => {
    const refusing = { getPassword: async () => { throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'); } } as unknown as Keytar;
    const store = createKeychainSecretStore({ loadKeytar: async () => refusing });
    const error = await store.get().then(
      () => null,
      (e: { appError: { kind: string; message: string } }) => e.appError,
    );
    expect(error).toMatchObject({ kind: 'keychain-missing' });
    expect(error?.message).toMatch(/Cannot autolaunch D-Bus/);
  });

  it('reports a keytar that cannot load (libsecret missing) and tries loading again next time', async () => {
    let loads = 0;
    const store = createKeychainSecretStore({
      loadKeytar: async () => {
        loads += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    await expect(store.set('k')).rejects.toMatchObject({ appError: { kind: 'keychain-missing' } });
    await expect(store.get()).rejects.toMatchObject({ appError: { kind: 'keychain-missing' } });
    expect(loads).toBe(2);
  });
});

describe('sorting keychain failures into what the user can do', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain-missing'],
    ['Could not connect: No such file or directory', 'keychain-missing'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain-missing'],
    ['Cannot create an item in a locked collection', 'keychain-locked'],
    ['Prompt was dismissed', 'keychain-locked'],
    ['User canceled the operation.', 'keychain-locked'],
    ['User interaction is not allowed.', 'keychain-locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain-locked'],
    ['Element not found.', 'keychain-unavailable'],
    ['The specified item could not be found in the keychain.', 'keychain-unavailable'],
  ])('%s → %s', (message, kind) => {
    expect(classifyKeychainFailure(new Error(message))).toBe(kind);
  });
});
