// The core's KeyCipher through Electron's safeStorage (its async API: the sync one is going
// away). Only used when the user explicitly chose an encrypted key file because there is no
// keychain; what that file is worth depends on the backend, which `protection` reports honestly.
import { safeStorage } from 'electron';
import type { KeyProtection } from '../../preload/api';
import type { KeyCipher } from '../core/ports';

/**
 * On Linux safeStorage keeps its own encryption key in a keyring: libsecret or KWallet protect
 * it; `basic_text` is a fixed password compiled into Chromium, so anyone who can read the file
 * can decrypt it. Where keytar found no Secret Service, only KWallet is a real backend.
 */
export function linuxProtection(backend: ReturnType<typeof safeStorage.getSelectedStorageBackend>): KeyProtection {
  switch (backend) {
    case 'gnome_libsecret':
    case 'kwallet':
    case 'kwallet5':
    case 'kwallet6':
      return 'os';
    case 'basic_text':
      return 'weak';
    default:
      return 'unavailable';
  }
}

export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): KeyCipher {
  return {
    async protection() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      // macOS (Keychain) and Windows (DPAPI) always use the OS; Linux depends on the desktop.
      return platform === 'linux' ? linuxProtection(safeStorage.getSelectedStorageBackend()) : 'os';
    },
    async encrypt(text) {
      return safeStorage.encryptStringAsync(text);
    },
    async decrypt(data) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(data));
      return result;
    },
  };
}
