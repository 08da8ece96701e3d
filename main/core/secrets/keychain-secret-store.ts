// The API key in the OS keychain through keytar (service `avatar-watch`, account
// `jogg-api-key`). Only main ever holds the key; every call is bounded in time.
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import type { SecretStore } from '../ports';
import { KeychainError } from './keychain-error';
import { withTimeout } from './with-timeout';

export const KEYCHAIN_SERVICE = 'avatar-watch';
export const KEYCHAIN_ACCOUNT = 'jogg-api-key';

type Keytar = typeof KeytarModule;

export interface KeychainOptions {
  /** For reading the key at start: nobody is waiting at an unlock prompt then (default 10 s). */
  timeoutMs?: number;
  /**
   * For saving and removing, which the user just asked for: the system may show an unlock
   * prompt they are typing into, so the wait is longer (default 2 min).
   */
  interactiveTimeoutMs?: number;
  /** Injected in tests; the real keytar is loaded lazily so a missing libsecret fails here, not at startup. */
  loadKeytar?: () => Promise<Keytar>;
}

async function loadRealKeytar(): Promise<Keytar> {
  // A plain require, not import(): Electron loads native modules from app.asar.unpacked through
  // its patched CommonJS loader. Every host of the core (electron-vite's CJS bundle, tsx, Vitest)
  // defines __filename.
  return createRequire(__filename)('keytar') as Keytar;
}

export function createKeychainSecretStore(options: KeychainOptions = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const interactiveTimeoutMs = options.interactiveTimeoutMs ?? 120_000;
  const loadKeytar = options.loadKeytar ?? loadRealKeytar;
  let keytar: Promise<Keytar> | undefined;

  async function call<T>(what: string, run: (k: Keytar) => Promise<T>, limitMs = timeoutMs): Promise<T> {
    try {
      keytar ??= loadKeytar();
      const k = await keytar;
      return await withTimeout(run(k), limitMs, `The keychain (${what})`);
    } catch (error) {
      if (error instanceof KeychainError) throw error;
      // A failed load stays failed until the next call retries it.
      if (!(await keytar?.then(() => true, () => false))) keytar = undefined;
      throw new KeychainError(error);
    }
  }

  return {
    description: 'system keychain',
    kind: 'keychain',
    get: () => call('read', (k) => k.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)),
    // The user asked (Unlock): an unlock prompt may be up, so wait as long as for a save.
    getInteractive: () => call('read', (k) => k.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT), interactiveTimeoutMs),
    set: (key) => call('save', (k) => k.setPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, key), interactiveTimeoutMs),
    delete: async () => {
      await call('delete', (k) => k.deletePassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT), interactiveTimeoutMs);
    },
  };
}
