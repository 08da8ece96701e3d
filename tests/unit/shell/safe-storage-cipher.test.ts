// The encrypted-key-file cipher reports what it is worth: the OS's protection, a fixed password
// (Linux basic_text, no real protection), or nothing; and it round-trips through safeStorage.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const safeStorage = vi.hoisted(() => ({
  available: true,
  backend: 'basic_text' as string,
  isAsyncEncryptionAvailable: vi.fn(async function (this: void) {
    return safeStorage.available;
  }),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`)),
  decryptStringAsync: vi.fn(async (data: Buffer) => ({
    shouldReEncrypt: false,
    result: [...data.toString().replace(/^enc:/, '')].reverse().join(''),
  })),
}));
vi.mock('electron', () => ({ safeStorage }));

const { createSafeStorageCipher, linuxProtection } = await import('../../../main/shell/safe-storage-cipher');

beforeEach(() => {
  safeStorage.available = true;
  safeStorage.backend = 'basic_text';
});

describe('the safeStorage key cipher', () => {
  it('calls Linux basic_text weak, KWallet and libsecret protected, anything else unavailable', () => {
    expect(linuxProtection('basic_text')).toBe('weak');
    expect(linuxProtection('kwallet5')).toBe('os');
    expect(linuxProtection('gnome_libsecret')).toBe('os');
    expect(linuxProtection('unknown')).toBe('unavailable');
  });

  it('reports the backend on Linux and the OS protection on macOS and Windows', async () => {
    expect(await createSafeStorageCipher('linux').protection()).toBe('weak');
    safeStorage.backend = 'kwallet6';
    expect(await createSafeStorageCipher('linux').protection()).toBe('os');
    expect(await createSafeStorageCipher('darwin').protection()).toBe('os');
    expect(await createSafeStorageCipher('win32').protection()).toBe('os');
  });

  it('says unavailable when safeStorage cannot encrypt at all', async () => {
    safeStorage.available = false;
    expect(await createSafeStorageCipher('win32').protection()).toBe('unavailable');
  });

  it('uses the async API both ways, never the deprecated sync one', async () => {
    const cipher = createSafeStorageCipher('linux');
    const data = await cipher.encrypt('secret-key-123');
    expect(Buffer.from(data).toString()).not.toContain('secret-key-123');
    expect(await cipher.decrypt(data)).toBe('secret-key-123');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalled();
    expect(safeStorage.decryptStringAsync).toHaveBeenCalled();
  });
});
