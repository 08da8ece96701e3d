// Against a real Secret Service (gnome-keyring in a private D-Bus session; see run.sh).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore, KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE } from '../../main/core/secrets/keychain-secret-store';
import { createAvatarWatchService } from '../../main/core/service';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';

const run = promisify(execFile);

/** What another program sees in the keychain, through libsecret's own command-line tool. */
async function secretToolLookup(): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'account', KEYCHAIN_ACCOUNT]);
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when nothing is stored
  }
}

describe.runIf(process.env.AVATAR_WATCH_KEYCHAIN_SUITE)('the API key in the real system keychain', () => {
  const store = createKeychainSecretStore({ timeoutMs: 10_000 });

  it('saves, reads back, replaces and deletes the key, as other programs see it', async () => {
    await store.delete();
    expect(await store.get()).toBeNull();
    expect(await secretToolLookup()).toBeNull();

    await store.set('first-key-1111');
    expect(await store.get()).toBe('first-key-1111');
    expect(await secretToolLookup()).toBe('first-key-1111');

    await store.set('second-key-2222');
    expect(await store.get()).toBe('second-key-2222');
    expect(await secretToolLookup()).toBe('second-key-2222');

    await store.delete();
    expect(await store.get()).toBeNull();
    expect(await secretToolLookup()).toBeNull();
  });

  describe('through the app core', () => {
    let fake: FakeJogg;
    let dataDir: string;
    const key = 'kc-test-key-9f8e7d6c5b4a';

    beforeAll(async () => {
      fake = await startFakeJogg({ validKeys: [key] });
      dataDir = await mkdtemp(join(tmpdir(), 'aw-keychain-'));
    });
    afterAll(async () => {
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('stores a checked key in the keychain only: no file in the data folder contains it, and a restart finds it', async () => {
      const notifier = { notify: () => {} };
      const service = createAvatarWatchService({ dataDir, apiBaseUrl: fake.url, secretStore: store, notifier });
      await service.start();
      const saved = await service.saveApiKey(key);
      expect(saved.ok).toBe(true);
      if (saved.ok) expect(saved.value.account?.keyHint).toBe('7d6c5b4a'.slice(-4));
      await service.addPhotos('photo-one photo-two');
      await service.stop();

      expect(await secretToolLookup()).toBe(key);
      const files = await readdir(dataDir);
      expect(files).toContain('watchlist.json');
      for (const name of files) expect(await readFile(join(dataDir, name), 'utf8')).not.toContain(key);

      const again = createAvatarWatchService({ dataDir, apiBaseUrl: fake.url, secretStore: createKeychainSecretStore(), notifier });
      await again.start();
      await expect.poll(async () => (await again.getSnapshot()).account.account?.username).toBeTruthy();
      const snapshot = await again.getSnapshot();
      expect(snapshot.account.hasKey).toBe(true);
      expect(snapshot.pause).toBeNull();
      expect(snapshot.items.map((i) => i.photoId).sort()).toEqual(['photo-one', 'photo-two']);
      expect(JSON.stringify(snapshot)).not.toContain(key);

      const removed = await again.removeApiKey();
      expect(removed.ok).toBe(true);
      expect(await secretToolLookup()).toBeNull();
      await again.stop();
    });
  });
});
