// Where the key is kept and what the user hears when it cannot be reached: a locked keychain is
// never "no key", a missing keychain offers memory or an encrypted file (never chosen silently),
// and a key in the file moves into the keychain once one works.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE, KeyVault } from '../../../main/core/account/key-vault';
import type { KeyCipher, SecretStore } from '../../../main/core/ports';
import { SETTINGS_FILE, SettingsFile } from '../../../main/core/settings/settings-file';
import { fakeCipher, fakeKeychain } from '../../support/key-stores';

const KEY = 'live-key-0123456789abcdef';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'avatar-watch-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function vault(keychain: SecretStore, cipher?: KeyCipher) {
  const settings = new SettingsFile(dir);
  await settings.load();
  return { vault: new KeyVault({ keychain, ...(cipher ? { cipher } : {}), settings, dataDir: dir, logger: quiet }), settings };
}

function filesContainingKey(): string[] {
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile() && readFileSync(join(dir, name)).includes(KEY));
}

describe('KeyVault', () => {
  it('finds no key on a first run, and a saved key after a restart, remembering where it went', async () => {
    const keychain = { mode: 'ok' as const, value: null };
    const first = await vault(fakeKeychain(keychain));
    expect(await first.vault.read()).toEqual({ kind: 'none' });
    expect(await first.vault.save(KEY, 'keychain')).toEqual({ ok: true, value: 'keychain' });
    expect(first.settings.get().key).toMatchObject({ location: 'keychain', hint: 'cdef' });

    const again = await vault(fakeKeychain(keychain));
    expect(await again.vault.read()).toEqual({ kind: 'found', key: KEY, place: 'keychain' });
    expect(filesContainingKey()).toEqual([]);
  });

  it('never takes a locked keychain that holds the key for "no key saved"', async () => {
    const keychain = { mode: 'ok' as 'ok' | 'locked', value: null as string | null };
    const first = await vault(fakeKeychain(keychain));
    await first.vault.save(KEY, 'keychain');

    keychain.mode = 'locked'; // libsecret answers null for a locked item it cannot prompt for
    const again = await vault(fakeKeychain(keychain));
    expect(await again.vault.read()).toMatchObject({ kind: 'unreachable', place: 'keychain', hint: 'cdef', error: { kind: 'keychain-locked' } });

    keychain.mode = 'ok'; // unlocked: the same key comes back
    expect(await again.vault.read(true)).toEqual({ kind: 'found', key: KEY, place: 'keychain' });
  });

  it('reports a missing keychain service as such, and says it before any key was saved', async () => {
    const { vault: missing } = await vault(fakeKeychain({ mode: 'missing', value: null }));
    expect(await missing.read()).toMatchObject({ kind: 'none', keychainError: { kind: 'keychain-missing' } });
    expect(await missing.save(KEY, 'keychain')).toMatchObject({ ok: false, error: { kind: 'keychain-missing' } });
  });

  it('keeps a session key in memory only: nothing on disk but the note that it was for this session', async () => {
    const { vault: v, settings } = await vault(fakeKeychain({ mode: 'missing', value: null }));
    expect(await v.save(KEY, 'session')).toEqual({ ok: true, value: 'session' });
    expect(await v.read()).toEqual({ kind: 'found', key: KEY, place: 'session' });
    expect(settings.get().key).toMatchObject({ location: 'session', hint: 'cdef' });
    expect(filesContainingKey()).toEqual([]);
    // The next start asks again, as the user was told, and knows why.
    const again = await vault(fakeKeychain({ mode: 'missing', value: null }));
    expect(await again.vault.read()).toEqual({ kind: 'none', forgottenSessionKey: 'cdef' });
  });

  it('stores an encrypted file only when asked, readable by this user only, and reads it back after a restart', async () => {
    const keychain = { mode: 'missing' as 'missing' | 'ok', value: null as string | null };
    const first = await vault(fakeKeychain(keychain), fakeCipher('weak'));
    expect(readdirSync(dir)).not.toContain(KEY_FILE);
    expect(await first.vault.save(KEY, 'encrypted-file')).toEqual({ ok: true, value: 'encrypted-file' });
    expect(filesContainingKey()).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);

    const again = await vault(fakeKeychain(keychain), fakeCipher('weak'));
    expect(await again.vault.read()).toEqual({ kind: 'found', key: KEY, place: 'encrypted-file' });
  });

  it('creates a missing data folder for the owner only before writing the key file (0600)', async () => {
    const folder = join(dir, 'not-yet', 'data');
    const settings = new SettingsFile(folder);
    await settings.load();
    const v = new KeyVault({ keychain: fakeKeychain({ mode: 'missing', value: null }), cipher: fakeCipher('os'), settings, dataDir: folder, logger: quiet });
    expect(await v.save(KEY, 'encrypted-file')).toEqual({ ok: true, value: 'encrypted-file' });
    // Windows ignores POSIX modes; the file being there is what can be asked of it.
    if (process.platform === 'win32') return;
    expect(statSync(join(dir, 'not-yet')).mode & 0o777).toBe(0o700);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, SETTINGS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('moves the key from the encrypted file into the keychain once one works, and deletes the file', async () => {
    const keychain = { mode: 'missing' as 'missing' | 'ok', value: null as string | null };
    const { vault: v, settings } = await vault(fakeKeychain(keychain), fakeCipher('os'));
    await v.save(KEY, 'encrypted-file');
    expect(await v.moveToKeychain(KEY)).toBe(false); // still no keychain: the file stays
    expect(readdirSync(dir)).toContain(KEY_FILE);

    keychain.mode = 'ok';
    expect(await v.moveToKeychain(KEY)).toBe(true);
    expect(keychain.value).toBe(KEY);
    expect(readdirSync(dir)).not.toContain(KEY_FILE);
    expect(settings.get().key?.location).toBe('keychain');
  });

  it('says the key file cannot be read instead of pretending there is no key', async () => {
    const { vault: v } = await vault(fakeKeychain({ mode: 'missing', value: null }), fakeCipher('os'));
    await v.save(KEY, 'encrypted-file');
    writeFileSync(join(dir, KEY_FILE), 'garbage that decrypts to nonsense');
    const broken: KeyCipher = { ...fakeCipher('os'), decrypt: async () => Promise.reject(new Error('Error while decrypting the ciphertext')) };
    const again = await vault(fakeKeychain({ mode: 'missing', value: null }), broken);
    expect(await again.vault.read()).toMatchObject({ kind: 'unreachable', place: 'encrypted-file', hint: 'cdef', error: { kind: 'key-file-unreadable' } });
  });

  it('refuses an encrypted file where there is no encryption (the web preview)', async () => {
    const { vault: v } = await vault(fakeKeychain({ mode: 'missing', value: null }));
    expect(await v.protection()).toBe('unavailable');
    expect(await v.save(KEY, 'encrypted-file')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(readdirSync(dir)).not.toContain(KEY_FILE);
  });

  it('runs saves, removals and moves one after another: a removal during a move leaves nothing behind', async () => {
    const keychain = { mode: 'missing' as 'missing' | 'ok', value: null as string | null };
    const { vault: v, settings } = await vault(fakeKeychain(keychain), fakeCipher('os'));
    await v.save(KEY, 'encrypted-file');
    keychain.mode = 'ok';
    const moving = v.moveToKeychain(KEY);
    const removing = v.remove('encrypted-file');
    expect(await moving).toBe(true);
    expect(await removing).toEqual({ ok: true, value: null });
    expect(keychain.value).toBeNull();
    expect(settings.get().key).toBeNull();
    expect(readdirSync(dir)).not.toContain(KEY_FILE);
  });

  it('removes the key wherever it is, and keeps it when the keychain refuses', async () => {
    const keychain = { mode: 'ok' as 'ok' | 'locked', value: null as string | null };
    const { vault: v, settings } = await vault(fakeKeychain(keychain));
    await v.save(KEY, 'keychain');
    keychain.mode = 'locked';
    expect(await v.remove('keychain')).toMatchObject({ ok: false, error: { kind: 'keychain-locked' } });
    expect(settings.get().key).not.toBeNull();
    keychain.mode = 'ok';
    expect(await v.remove('keychain')).toEqual({ ok: true, value: null });
    expect(keychain.value).toBeNull();
    expect(settings.get().key).toBeNull();
  });
});
