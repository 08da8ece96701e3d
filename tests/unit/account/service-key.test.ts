// The key's lifecycle as the window sees it, against the fake JoggAI API: a locked keychain that
// holds the key pauses checking with its own reason and comes back on Unlock; without a keychain
// the user's choice (this session only, or an encrypted file) keeps the app usable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KeyCipher } from '../../../main/core/ports';
import { createAvatarWatchService, type AvatarWatchService } from '../../../main/core/service';
import { firstCheckAtOnce } from '../../support/first-check-at-once';
import { startFakeJogg, type FakeJogg } from '../../fake-jogg/server';
import { fakeCipher, fakeKeychain, type KeychainState } from '../../support/key-stores';

let fake: FakeJogg;
let dataDir: string;
let services: AvatarWatchService[] = [];

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key-0123456789'] });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'aw-service-key-'));
});
afterEach(async () => {
  for (const service of services) await service.stop();
  services = [];
  await rm(dataDir, { recursive: true, force: true });
});

function start(keychain: KeychainState, cipher?: KeyCipher): AvatarWatchService {
  const service = createAvatarWatchService({
    dataDir,
    apiBaseUrl: fake.url,
    secretStore: fakeKeychain(keychain),
    ...(cipher ? { keyCipher: cipher } : {}),
    notifier: { notify: () => {} },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    patchIntervalMs: 10,
    // About the key's plumbing, not when a first check falls: no 10 s wait for it.
    schedule: firstCheckAtOnce(),
  });
  services.push(service);
  return service;
}

async function restart(service: AvatarWatchService, keychain: KeychainState, cipher?: KeyCipher) {
  await service.stop();
  const next = start(keychain, cipher);
  await next.start();
  return next;
}

describe('the API key through the core', () => {
  it('a locked keychain that holds the key: its own pause and message, then Unlock brings everything back', async () => {
    const keychain: KeychainState = { mode: 'ok', value: null };
    const first = start(keychain);
    await first.start();
    expect((await first.saveApiKey('good-key-0123456789')).ok).toBe(true);
    await first.addPhotos('photo-a');

    keychain.mode = 'locked';
    const locked = await restart(first, keychain);
    const snapshot = await locked.getSnapshot();
    expect(snapshot.pause?.kind).toBe('key-unreachable');
    expect(snapshot.account).toMatchObject({
      hasKey: false,
      error: { kind: 'keychain-locked' },
      key: { place: null, unreachable: { place: 'keychain', hint: '6789' } },
    });
    expect(snapshot.items.map((item) => item.photoId)).toEqual(['photo-a']);

    keychain.mode = 'ok';
    const unlocked = await locked.refreshAccount();
    expect(unlocked).toMatchObject({ hasKey: true, error: null, key: { place: 'keychain', unreachable: null } });
    await expect.poll(async () => (await locked.getSnapshot()).pause).toBeNull();
  });

  it('no keychain service: a first save says so, "this session only" keeps the app usable, a restart asks again', async () => {
    const keychain: KeychainState = { mode: 'missing', value: null };
    const service = start(keychain);
    await service.start();
    expect((await service.getSnapshot()).account.error?.kind).toBe('keychain-missing');
    expect(await service.saveApiKey('good-key-0123456789')).toMatchObject({ ok: false, error: { kind: 'keychain-missing' } });
    expect((await service.getSnapshot()).account.hasKey).toBe(false);

    const saved = await service.saveApiKey('good-key-0123456789', 'session');
    expect(saved).toMatchObject({ ok: true, value: { hasKey: true, key: { place: 'session' } } });
    fake.setPhoto('photo-b', { kind: 'ready', afterChecks: 0 });
    await service.addPhotos('photo-b');
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.status).toBe('ready');

    const next = await restart(service, keychain);
    expect((await next.getSnapshot()).account).toMatchObject({ hasKey: false, key: { unreachable: null, forgottenSessionKey: '6789' } });
    expect((await next.getSnapshot()).pause?.kind).toBe('no-key');
  });

  it('an encrypted key file chosen by the user survives a restart, reports its protection, and moves to the keychain once there is one', async () => {
    const keychain: KeychainState = { mode: 'missing', value: null };
    const cipher = fakeCipher('weak');
    const service = start(keychain, cipher);
    await service.start();
    expect((await service.getSnapshot()).account.key.fallback).toBe('weak');
    expect(await service.saveApiKey('good-key-0123456789', 'encrypted-file')).toMatchObject({ ok: true, value: { key: { place: 'encrypted-file' } } });

    const again = await restart(service, keychain, cipher);
    await expect.poll(async () => (await again.getSnapshot()).account.account?.username).toBe('demo-user');
    expect((await again.getSnapshot()).account.key.place).toBe('encrypted-file');

    keychain.mode = 'ok';
    const refreshed = await again.refreshAccount();
    expect(refreshed.key.place).toBe('keychain');
    expect(keychain.value).toBe('good-key-0123456789');
  });

  it('a key saved while an Unlock is still waiting at the keychain prompt is the one that stays', async () => {
    const keychain: KeychainState = { mode: 'ok', value: null };
    const first = start(keychain);
    await first.start();
    await first.saveApiKey('good-key-0123456789');
    keychain.mode = 'locked';
    const locked = await restart(first, keychain);
    expect((await locked.getSnapshot()).account.key.unreachable).not.toBeNull();

    // The Unlock read hangs at a prompt; meanwhile the user pastes the key again.
    let answerPrompt!: (value: string | null) => void;
    const store = fakeKeychain(keychain);
    const prompt = new Promise<string | null>((resolve) => (answerPrompt = resolve));
    Object.assign(store, { getInteractive: () => prompt });
    const service = createAvatarWatchService({
      dataDir,
      apiBaseUrl: fake.url,
      secretStore: store,
      notifier: { notify: () => {} },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    services.push(service);
    await service.start();
    const unlocking = service.refreshAccount();
    keychain.mode = 'ok';
    expect(await service.saveApiKey('good-key-0123456789', 'session')).toMatchObject({ ok: true, value: { key: { place: 'session' } } });
    answerPrompt(null); // the prompt was cancelled in the end
    await unlocking;
    expect((await service.getSnapshot()).account).toMatchObject({ hasKey: true, key: { place: 'session', unreachable: null } });
    expect((await service.getSnapshot()).pause).toBeNull();
  });

  it('a rejected key is kept nowhere, whatever place was asked for', async () => {
    const keychain: KeychainState = { mode: 'missing', value: null };
    const service = start(keychain, fakeCipher('os'));
    await service.start();
    expect(await service.saveApiKey('wrong-key-0123456789', 'encrypted-file')).toMatchObject({ ok: false, error: { kind: 'invalid-key' } });
    expect((await service.getSnapshot()).account.key.place).toBeNull();
    expect(service.settings.get().key).toBeNull();
  });
});

describe('the key in use, told to the host for its log', () => {
  it('is reported when found at start and cleared on remove', async () => {
    const seen: (string | null)[] = [];
    const keychain: KeychainState = { mode: 'ok', value: 'good-key-0123456789' };
    const service = createAvatarWatchService({
      dataDir,
      apiBaseUrl: fake.url,
      secretStore: fakeKeychain(keychain),
      notifier: { notify: () => {} },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      onKeyInUse: (key) => seen.push(key),
    });
    services.push(service);
    await service.start();
    await service.removeApiKey();
    expect(seen).toEqual(['good-key-0123456789', null]);
  });
});
