// Where the API key is kept, and what to tell the user when it cannot be reached. The keychain
// comes first; without one the user chooses between memory for this session and a file
// encrypted with the host's cipher (never chosen silently). The settings file remembers where a
// key was put (never the key), so a locked keychain is never taken for "no key saved".
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AppError, KeyPlace, KeyProtection, Result } from '../../../preload/api';
import type { KeyCipher, Logger, SecretStore } from '../ports';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { toKeychainError } from '../secrets/keychain-error';
import type { SavedKeyRecord, SettingsFile } from '../settings/settings-file';

/** The encrypted key file, when the user chose it; readable by this OS user only. */
export const KEY_FILE = 'api-key.enc';

export type KeyRead =
  /**
   * No key saved. `keychainError`: the keychain also failed, which matters to a first save.
   * `forgottenSessionKey`: the hint of a key kept for the last session only.
   */
  | { kind: 'none'; keychainError?: AppError; forgottenSessionKey?: string }
  | { kind: 'found'; key: string; place: KeyPlace }
  /** A key was saved here earlier but cannot be read now; `error` says why, by kind. */
  | { kind: 'unreachable'; place: Exclude<KeyPlace, 'session'>; hint: string; error: AppError };

export interface KeyVaultOptions {
  keychain: SecretStore;
  /** Absent where no encryption is offered (the web preview): then only memory is a fallback. */
  cipher?: KeyCipher;
  settings: SettingsFile;
  dataDir: string;
  logger: Logger;
  now?: () => number;
}

/** Enough of the key to recognise it, never enough to matter: 4 characters of a long key, 2 of a short one. */
export function keyHint(key: string): string {
  return key.slice(key.length >= 16 ? -4 : -2);
}

export class KeyVault {
  private readonly keyFile: string;
  /** The preview's and tests' memory stand-in is no keychain: what it holds is session-only. */
  private readonly keychainPlace: KeyPlace;
  private sessionKey: string | null = null;
  private protectionCache: Promise<KeyProtection> | undefined;
  /**
   * Saves, removals and moves run one after another: each reads the record, awaits the keychain
   * and writes the record, so two at once could leave a removed key recorded as kept.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }

  constructor(private readonly options: KeyVaultOptions) {
    this.keyFile = join(options.dataDir, KEY_FILE);
    this.keychainPlace = options.keychain.kind === 'memory' ? 'session' : 'keychain';
  }

  /** What an encrypted key file would be worth here; asked once. */
  protection(): Promise<KeyProtection> {
    const { cipher } = this.options;
    this.protectionCache ??= cipher ? cipher.protection().catch(() => 'unavailable' as const) : Promise.resolve('unavailable' as const);
    return this.protectionCache;
  }

  /**
   * Finds the saved key. `interactive`: the user pressed Unlock / Try again, so a keychain read
   * may wait for the unlock prompt they are answering.
   */
  async read(interactive = false): Promise<KeyRead> {
    if (this.sessionKey !== null) return { kind: 'found', key: this.sessionKey, place: 'session' };
    const record = this.options.settings.get().key;
    if (record?.location === 'encrypted-file') return this.readKeyFile(record);
    if (record?.location === 'session') return { kind: 'none', forgottenSessionKey: record.hint };

    const { keychain } = this.options;
    let value: string | null;
    try {
      value = await (interactive ? keychain.getInteractive() : keychain.get());
    } catch (error) {
      const keychainError = toKeychainError(error);
      this.options.logger.warn(`The keychain could not be read (${keychainError.kind}): ${keychainError.message}`);
      // Nothing was recorded: no key to miss, but the user should know before pasting one. (A key
      // saved by a version that kept no record shows up here too, and "Try again" finds it.)
      if (record === null) return { kind: 'none', keychainError: keychainError.appError };
      return { kind: 'unreachable', place: 'keychain', hint: record.hint, error: keychainError.appError };
    }
    if (value === null) {
      if (record === null) return { kind: 'none' };
      // libsecret answers "nothing" for an item in a locked keyring when it cannot prompt; the
      // user may also have deleted it by hand. Either way the key is not lost to them: say so.
      return {
        kind: 'unreachable',
        place: 'keychain',
        hint: record.hint,
        error: { kind: 'keychain-locked', message: 'The keychain returned no key for Avatar Watch.' },
      };
    }
    // A key saved before the app recorded where keys go (or after the record was lost).
    if (record === null || record.hint !== keyHint(value)) await this.record('keychain', value);
    return { kind: 'found', key: value, place: this.keychainPlace };
  }

  /** Keeps a checked key where the user chose. Nothing is stored anywhere else. */
  save(key: string, place: KeyPlace): Promise<Result<KeyPlace>> {
    return this.serially(() => this.saveNow(key, place));
  }

  private async saveNow(key: string, place: KeyPlace): Promise<Result<KeyPlace>> {
    switch (place) {
      case 'keychain': {
        const { keychain } = this.options;
        try {
          await keychain.set(key);
        } catch (error) {
          // A save that timed out may still have landed (the prompt was answered late): look.
          if ((await keychain.get().catch(() => null)) !== key) return { ok: false, error: toKeychainError(error).appError };
        }
        this.sessionKey = null;
        await this.removeKeyFile();
        await this.record('keychain', key);
        return { ok: true, value: this.keychainPlace };
      }
      case 'session': {
        // A key kept elsewhere before stays out of use: the record now says "session" so a later
        // start does not resurrect it, and the file copy goes (a keychain copy on a best-effort basis).
        const previous = this.options.settings.get().key;
        if (previous?.location === 'keychain') await this.options.keychain.delete().catch(() => undefined);
        await this.removeKeyFile();
        await this.record('session', key);
        this.sessionKey = key;
        return { ok: true, value: 'session' };
      }
      case 'encrypted-file': {
        const { cipher } = this.options;
        if (!cipher || (await this.protection()) === 'unavailable') {
          // Only a forged call gets here: the window never offers a file without encryption.
          return { ok: false, error: { kind: 'invalid-input', message: 'No encryption is available for a key file here.', input: { code: 'key-file-unavailable' } } };
        }
        // An older key in the keychain must not come back once this one is removed (best effort:
        // the keychain is usually missing or locked when the user picks a file).
        if (this.options.settings.get().key?.location === 'keychain') await this.options.keychain.delete().catch(() => undefined);
        try {
          const data = await cipher.encrypt(key);
          // The data folder may not exist yet (settings are written after the key); created private.
          await mkdir(this.options.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
          await writeFileAtomic(this.keyFile, Buffer.from(data), { fsync: true, mode: PRIVATE_FILE_MODE });
        } catch (error) {
          return { ok: false, error: { kind: 'key-file-unreadable', message: errorText(error) } };
        }
        this.sessionKey = null;
        await this.record('encrypted-file', key);
        return { ok: true, value: 'encrypted-file' };
      }
    }
  }

  /** Forgets the key wherever it is kept. `inUse` is where the current key lives, if any. */
  remove(inUse: KeyPlace | null): Promise<Result<null>> {
    return this.serially(() => this.removeNow(inUse));
  }

  private async removeNow(inUse: KeyPlace | null): Promise<Result<null>> {
    const record = this.options.settings.get().key;
    if (record?.location === 'keychain' || inUse === 'keychain') {
      try {
        await this.options.keychain.delete();
      } catch (error) {
        return { ok: false, error: toKeychainError(error).appError };
      }
    }
    await this.removeKeyFile();
    this.sessionKey = null;
    await this.record(null);
    return { ok: true, value: null };
  }

  /**
   * A key kept in the encrypted file goes into the keychain once one works, and the file copy is
   * deleted. Answers whether it moved; failure leaves everything as it was.
   */
  moveToKeychain(key: string): Promise<boolean> {
    return this.serially(() => this.moveToKeychainNow(key));
  }

  private async moveToKeychainNow(key: string): Promise<boolean> {
    if (this.options.settings.get().key?.location !== 'encrypted-file') return false;
    const { keychain } = this.options;
    try {
      await keychain.set(key);
      if ((await keychain.get()) !== key) return false;
    } catch {
      return false;
    }
    await this.record('keychain', key);
    await this.removeKeyFile();
    this.options.logger.info('The API key moved from the encrypted file into the keychain; the file was deleted.');
    return true;
  }

  private async readKeyFile(record: SavedKeyRecord): Promise<KeyRead> {
    const unreadable = (message: string): KeyRead => ({
      kind: 'unreachable',
      place: 'encrypted-file',
      hint: record.hint,
      error: { kind: 'key-file-unreadable', message },
    });
    const { cipher } = this.options;
    if (!cipher) return unreadable('This host cannot decrypt the key file.');
    try {
      const key = await cipher.decrypt(await readFile(this.keyFile));
      return { kind: 'found', key, place: 'encrypted-file' };
    } catch (error) {
      return unreadable(errorText(error));
    }
  }

  private async removeKeyFile(): Promise<void> {
    try {
      await unlink(this.keyFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.logger.warn(`Could not delete the key file ${this.keyFile}: ${errorText(error)}`);
      }
    }
  }

  /** Where the key went (never the key): a failed write is logged, the key itself is safe. */
  private async record(location: SavedKeyRecord['location'] | null, key?: string): Promise<void> {
    // A memory stand-in forgets its key on exit: recording it would later read as "locked".
    if (location === 'keychain' && this.keychainPlace !== 'keychain') return;

    const value = location === null || key === undefined ? null : { location, hint: keyHint(key), savedAt: (this.options.now ?? Date.now)() };
    try {
      await this.options.settings.update({ key: value });
    } catch (error) {
      this.options.logger.warn(`Could not note where the key is kept in ${this.options.settings.path}: ${errorText(error)}`);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
