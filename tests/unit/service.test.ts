// The core as a host drives it, against the fake JoggAI API on loopback, with a real data folder.
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatePatch } from '../../preload/api';
import type { PhotoNotification } from '../../main/core/ports';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { ConfigurationError, createAvatarWatchService, type AvatarWatchService } from '../../main/core/service';
import { WatchlistFile } from '../../main/core/watchlist/watchlist-file';
import { SAFE_IMAGE_URL, startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { makeItems } from '../support/items';
import { firstCheckAtOnce } from '../support/first-check-at-once';

let fake: FakeJogg;
let dataDir: string;
let services: AvatarWatchService[] = [];

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key'] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'aw-service-'));
});
afterEach(async () => {
  for (const s of services) await s.stop();
  services = [];
  await rm(dataDir, { recursive: true, force: true });
});

function makeService(key: string | null = null) {
  const notifications: PhotoNotification[] = [];
  const patches: StatePatch[] = [];
  const service = createAvatarWatchService({
    dataDir,
    apiBaseUrl: fake.url,
    secretStore: createMemorySecretStore(key),
    notifier: { notify: (n) => notifications.push(n) },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    patchIntervalMs: 20,
    schedule: firstCheckAtOnce(),
    // One notification per photo, at once: these tests are about what each says.
    notificationWaits: { firstMs: 0, busyMs: 0, quietMs: 0 },
  });
  service.onStateChanged((patch) => patches.push(patch));
  services.push(service);
  return { service, notifications, patches };
}

describe('the Avatar Watch core', () => {
  it('refuses a plain-http API address that is not loopback before anything runs', () => {
    expect(() =>
      createAvatarWatchService({
        dataDir,
        apiBaseUrl: 'http://api.example.com',
        secretStore: createMemorySecretStore(),
        notifier: { notify: () => {} },
      }),
    ).toThrow(ConfigurationError);
  });

  it('starts paused without a key, refuses a wrong key without storing it, and runs with a right one', async () => {
    const { service } = makeService();
    await service.start();
    expect((await service.getSnapshot()).pause?.kind).toBe('no-key');

    const wrong = await service.saveApiKey('wrong-key');
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'invalid-key', code: 10105 } });
    expect((await service.getSnapshot()).account.hasKey).toBe(false);

    const blank = await service.saveApiKey('   ');
    expect(blank).toMatchObject({ ok: false, error: { kind: 'invalid-input', input: { code: 'key-empty' } } });
    expect(await service.saveApiKey('abc')).toMatchObject({ ok: false, error: { kind: 'invalid-input', input: { code: 'key-too-short', length: 3 } } });
    expect(await service.saveApiKey('good key with spaces')).toMatchObject({ ok: false, error: { kind: 'invalid-input', input: { code: 'key-has-spaces' } } });

    const right = await service.saveApiKey('  good-key  ');
    expect(right).toMatchObject({ ok: true, value: { hasKey: true, account: { username: 'demo-user', keyHint: 'ey' } } });
    const snapshot = await service.getSnapshot();
    expect(snapshot.pause).toBeNull();
    expect(snapshot.connection.state).toBe('online');
  });

  it('checks pasted photos at once, notifies for ready and failed, and keeps the list across a restart', async () => {
    fake.setPhoto('ready-1', { kind: 'ready', afterChecks: 0 });
    fake.setPhoto('fail-1', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
    fake.setPhoto('gone-1', { kind: 'not-found' });
    const { service, notifications } = makeService('good-key');
    await service.start();
    const result = await service.addPhotos('ready-1, fail-1\ngone-1\nready-1\n');
    expect(result.added).toEqual(['ready-1', 'fail-1', 'gone-1']);
    expect(result.rejected).toEqual([{ position: 4, value: 'ready-1', reason: 'duplicate-in-paste' }]);

    await expect.poll(async () => (await service.getSnapshot()).items.map((i) => `${i.photoId}:${i.status}`).sort()).toEqual([
      'fail-1:failed',
      'gone-1:not_found',
      'ready-1:ready',
    ]);
    // Data, not sentences: the host words them in the user's language.
    await expect.poll(() => notifications.length).toBe(2);
    expect([...notifications].sort((a, b) => a.photoId.localeCompare(b.photoId))).toEqual([
      // With how the host shows them, from the user's settings (sound on, shown while focused).
      { photoId: 'fail-1', outcome: 'failed', imageCount: 0, failureMessage: 'Face not detected', group: expect.any(Number), silent: false, quietWhileFocused: false },
      { photoId: 'ready-1', outcome: 'ready', imageCount: 4, failureMessage: null, group: expect.any(Number), silent: false, quietWhileFocused: false },
    ]);
    await service.stop();

    const again = makeService('good-key');
    await again.service.start();
    const items = (await again.service.getSnapshot()).items;
    expect(items.find((i) => i.photoId === 'ready-1')).toMatchObject({ status: 'ready', imageUrls: expect.arrayContaining([expect.stringContaining('ready-1')]) });
    expect(items).toHaveLength(3);
    // Only the links JoggAI sent for a watched photo may be opened from the window.
    const resultImage = items.find((i) => i.photoId === 'ready-1')!.imageUrls[0]!;
    expect(again.service.isResultImage(resultImage)).toBe(true);
    expect(again.service.isResultImage('https://evil.example/phish')).toBe(false);
    // Finished photos are not checked again after a restart.
    const checks = fake.countChecks('ready-1');
    // Past the whole catch-up window after a start (0–3 s): a regression cannot hide in it.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(fake.countChecks('ready-1')).toBe(checks);
  });

  it('pauses checking on the user\'s word, says so in snapshot and patches, and stays paused after a restart', async () => {
    fake.setPhoto('held-1', { kind: 'ready', afterChecks: 2 });
    const { service, patches } = makeService('good-key');
    await service.start();
    expect((await service.getSnapshot()).checkingPaused).toBe(false);
    await service.setCheckingPaused(true);
    await service.addPhotos('held-1');
    await expect.poll(() => patches.some((p) => p.checkingPaused === true)).toBe(true);
    const snapshot = await service.getSnapshot();
    // Both kinds of pause are visible on their own: the key is fine, the user paused.
    expect(snapshot).toMatchObject({ checkingPaused: true, pause: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.countChecks('held-1')).toBe(0);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ checkingPaused: true });
    await service.stop();

    const again = makeService('good-key');
    await again.service.start();
    expect((await again.service.getSnapshot()).checkingPaused).toBe(true);
    await new Promise((r) => setTimeout(r, 3_500)); // past the catch-up window of a start
    expect(fake.countChecks('held-1')).toBe(0);
    await again.service.setCheckingPaused(false);
    await expect.poll(() => fake.countChecks('held-1'), { timeout: 4_000 }).toBe(1);
    expect((await again.service.getSnapshot()).checkingPaused).toBe(false);
  }, 15_000);

  it('keeps a user pause and a key pause apart: removing and re-adding the key leaves the user pause', async () => {
    const { service } = makeService('good-key');
    await service.start();
    await service.setCheckingPaused(true);
    await service.removeApiKey();
    expect(await service.getSnapshot()).toMatchObject({ checkingPaused: true, pause: { kind: 'no-key' } });
    await service.saveApiKey('good-key');
    expect(await service.getSnapshot()).toMatchObject({ checkingPaused: true, pause: null });
  });

  it('checks every unfinished photo soon on "Check all now"', async () => {
    fake.setPhoto('all-1', { kind: 'ready', afterChecks: 5 });
    const { service } = makeService('good-key');
    await service.start();
    await service.addPhotos('all-1');
    await expect.poll(() => fake.countChecks('all-1')).toBe(1);
    // The schedule's next check is 10 s away; Check all brings it to 5 s after the first.
    await service.checkAll();
    await expect.poll(() => fake.countChecks('all-1'), { timeout: 7_000 }).toBe(2);
  }, 10_000);

  it('saves what it learned about durations with the list', async () => {
    fake.setPhoto('learn-1', { kind: 'ready', afterChecks: 1 });
    const { service } = makeService('good-key');
    await service.start();
    await service.addPhotos('learn-1');
    await expect.poll(() => fake.countChecks('learn-1')).toBe(1);
    await service.checkNow('learn-1'); // honoured 5 s after the first check, never sooner
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.status, { timeout: 8_000 }).toBe('ready');
    await service.stop();
    const saved = JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')) as { history: Array<{ lowMs: number; highMs: number }> };
    expect(saved.history).toHaveLength(1);
    // Finished between the first answer ("running", at once) and the second (about 5 s later).
    expect(saved.history[0]!.lowMs).toBeLessThan(2_000);
    expect(saved.history[0]!.highMs).toBeGreaterThan(4_000);
  }, 15_000);

  it('sends patches that carry only what changed, however long the list', async () => {
    await new WatchlistFile(dataDir).save({ items: makeItems(3_000).map((i) => ({ ...i, status: 'ready' as const })), history: [] });
    fake.setPhoto('new-one', { kind: 'ready', afterChecks: 0 });
    const { service, patches } = makeService('good-key');
    await service.start();
    expect((await service.getSnapshot()).items).toHaveLength(3_000);
    patches.length = 0;
    await service.addPhotos('new-one');
    await expect.poll(() => patches.flatMap((p) => p.upserted ?? []).some((i) => i.status === 'ready')).toBe(true);
    for (const patch of patches) expect(patch.upserted?.length ?? 0).toBeLessThanOrEqual(1);
    expect(JSON.stringify(patches).length).toBeLessThan(5_000);
  });

  it('a photo that needs attention (40000) still does after a restart, and JoggAI is not asked again', async () => {
    fake.setPhoto('bad-1', { kind: 'code', code: 40000, msg: 'photo_id invalid' });
    const first = makeService('good-key');
    await first.service.start();
    await first.service.addPhotos('bad-1');
    await expect.poll(async () => (await first.service.getSnapshot()).items[0]?.problem?.code).toBe(40000);
    await first.service.stop();

    const checks = fake.countChecks('bad-1');
    const again = makeService('good-key');
    await again.service.start();
    // Past the whole catch-up window after a start (0–3 s).
    await new Promise((r) => setTimeout(r, 3_500));
    expect(fake.countChecks('bad-1')).toBe(checks);
    expect((await again.service.getSnapshot()).items[0]).toMatchObject({ photoId: 'bad-1', nextCheckAt: null, problem: { kind: 'bad-request', code: 40000 } });
    await again.service.stop();
  });

  it('tells the user when the saved list was unreadable and starts from the backup or empty, never losing the file', async () => {
    await writeFile(join(dataDir, 'watchlist.json'), '{"version":2,"items":[{"photoId":');
    const { service } = makeService('good-key');
    await service.start();
    const snapshot = await service.getSnapshot();
    expect(snapshot.notices).toHaveLength(1);
    expect(snapshot.notices[0]!.message).toMatch(/could not be read/);
    const kept = (await readdir(dataDir)).filter((f) => f.startsWith('watchlist.corrupt'));
    expect(kept).toHaveLength(1);
    // The window words it from the code; the parser's words stay in the log line.
    expect(snapshot.notices[0]).toMatchObject({ code: 'list-unreadable', params: { keptAt: join(dataDir, kept[0]!) } });
    expect(await readFile(join(dataDir, kept[0]!), 'utf8')).toBe('{"version":2,"items":[{"photoId":');
    await service.dismissNotice(snapshot.notices[0]!.id);
    expect((await service.getSnapshot()).notices).toEqual([]);
  });

  it('refuses to overwrite a watchlist saved by a newer version of the app', async () => {
    const newer = JSON.stringify({ version: 99, items: [], somethingNew: true });
    await writeFile(join(dataDir, 'watchlist.json'), newer);
    const { service } = makeService('good-key');
    await service.start();
    expect((await service.getSnapshot()).notices[0]).toMatchObject({ code: 'list-too-new', message: expect.stringMatching(/newer version/) });
    await service.addPhotos('some-photo');
    await service.stop();
    expect(await readFile(join(dataDir, 'watchlist.json'), 'utf8')).toBe(newer);
  });

  it('holds every check while asleep or without network, and resumes only when both are back', async () => {
    fake.setPhoto('p-sleep', { kind: 'ready', afterChecks: 50 });
    const { service, patches } = makeService('good-key');
    await service.start();
    await service.addPhotos('p-sleep');
    await expect.poll(() => fake.countChecks('p-sleep')).toBe(1);
    service.suspend();
    await expect.poll(() => patches.some((p) => p.connection?.state === 'asleep')).toBe(true);
    // Waking without network keeps holding; the network coming back ends it.
    service.setNetworkAvailable(false);
    service.wake();
    await new Promise((r) => setTimeout(r, 100));
    expect((await service.getSnapshot()).connection.state).toBe('asleep');
    service.setNetworkAvailable(true);
    await expect.poll(async () => (await service.getSnapshot()).connection.state).toBe('online');
  });

  it('answers "Added" only once the photos are on disk: the file holds them the moment the answer arrives', async () => {
    const { service } = makeService();
    await service.start();
    const result = await service.addPhotos('on-disk-1\non-disk-2');
    expect(result.notSaved).toBeUndefined();
    // Read at once, before any interval could pass: a kill now would lose nothing.
    const saved = JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')) as { items: Array<{ photoId: string }> };
    expect(saved.items.map((i) => i.photoId).sort()).toEqual(['on-disk-1', 'on-disk-2']);
  });

  it('adds made at the same moment are all on disk when each is answered', async () => {
    const { service } = makeService();
    await service.start();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => service.addPhotos(`together-${i}`)));
    expect(answers.every((a) => a.added.length === 1 && a.notSaved === undefined)).toBe(true);
    const saved = JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')) as { items: unknown[] };
    expect(saved.items).toHaveLength(20);
  });

  it('says an add could not be saved when the file belongs to a newer app, and keeps the photos watched', async () => {
    await writeFile(join(dataDir, 'watchlist.json'), JSON.stringify({ version: 99, savedAt: 1, items: [], history: [] }));
    const { service } = makeService();
    await service.start();
    expect(await service.addPhotos('kept-in-memory')).toMatchObject({ added: ['kept-in-memory'], notSaved: { reason: 'newer-version' } });
    expect((await service.getSnapshot()).items.map((i) => i.photoId)).toEqual(['kept-in-memory']);
  });

  it('tells the user when the watchlist cannot be saved, keeps trying, and clears the message once it works', async () => {
    const folder = join(dataDir, 'data');
    const service = createAvatarWatchService({
      dataDir: folder,
      apiBaseUrl: fake.url,
      secretStore: createMemorySecretStore('good-key'),
      notifier: { notify: () => {} },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      patchIntervalMs: 20,
    });
    services.push(service);
    await service.start();
    // The data folder is replaced by a file (a broken disk, a stray sync tool): saving fails.
    await rm(folder, { recursive: true, force: true });
    await writeFile(folder, 'not a folder');
    // The add does not claim what it could not do: the photo is watched, the answer says it is not on disk, and why.
    const result = await service.addPhotos('save-me');
    expect(result).toMatchObject({ added: ['save-me'], notSaved: { reason: 'no-permission', path: join(folder, 'watchlist.json') } });
    expect((await service.getSnapshot()).items.map((i) => i.photoId)).toEqual(['save-me']);
    // The notice is a code with its reason, for the window to word.
    expect((await service.getSnapshot()).notices).toEqual([
      expect.objectContaining({ level: 'error', code: 'save-failed', params: expect.objectContaining({ reason: 'no-permission', path: join(folder, 'watchlist.json') }) }),
    ]);
    await rm(folder);
    await expect.poll(async () => (await service.getSnapshot()).notices, { timeout: 10_000 }).toEqual([]);
    expect(JSON.parse(await readFile(join(folder, 'watchlist.json'), 'utf8')).items[0].photoId).toBe('save-me');
  }, 20_000);

  it('reads the keychain again on "try again" after it was unavailable at start', async () => {
    let locked = true;
    const service = createAvatarWatchService({
      dataDir,
      apiBaseUrl: fake.url,
      secretStore: {
        description: 'test keychain',
        kind: 'keychain',
        get: async () => {
          if (locked) throw new Error('Cannot create an item in a locked collection');
          return 'good-key';
        },
        getInteractive: async () => (locked ? null : 'good-key'),
        set: async () => {},
        delete: async () => {},
      },
      notifier: { notify: () => {} },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    services.push(service);
    await service.start();
    expect((await service.getSnapshot()).account.error?.kind).toBe('keychain-locked');
    locked = false;
    const state = await service.refreshAccount();
    expect(state.hasKey).toBe(true);
    await expect.poll(async () => (await service.getSnapshot()).account.account?.username).toBe('demo-user');
    expect((await service.getSnapshot()).pause).toBeNull();
  });

  it('counts a key as saved when the keychain stored it after all (an unlock prompt answered late)', async () => {
    let stored: string | null = null;
    const make = (lands: boolean) =>
      createAvatarWatchService({
        dataDir,
        apiBaseUrl: fake.url,
        secretStore: {
          description: 'slow keychain',
          kind: 'keychain',
          get: async () => stored,
          getInteractive: async () => stored,
          set: async (value) => {
            if (lands) stored = value;
            throw new Error('The keychain (save) did not answer within 120 s');
          },
          delete: async () => {},
        },
        notifier: { notify: () => {} },
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      });
    const late = make(true);
    services.push(late);
    await late.start();
    expect(await late.saveApiKey('good-key')).toMatchObject({ ok: true, value: { hasKey: true } });

    stored = null;
    const never = make(false);
    services.push(never);
    await never.start();
    expect(await never.saveApiKey('good-key')).toMatchObject({ ok: false, error: { kind: 'keychain-unavailable' } });
    expect((await never.getSnapshot()).account.hasKey).toBe(false);
  });

  it('rewrites the file when a photo changes in a way a restart needs, not for every "still running"', async () => {
    fake.setPhoto('routine-1', { kind: 'ready', afterChecks: 5 });
    const { service } = makeService('good-key');
    await service.start();
    await service.addPhotos('routine-1');
    const savedAt = async () => (JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')) as { savedAt: number }).savedAt;
    // Added, then seen running: both are kept within half a second.
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.status).toBe('in_progress');
    await expect.poll(async () => JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')).items[0]?.status).toBe('in_progress');
    const before = await savedAt();
    await service.checkNow('routine-1'); // answered about 5 s after the first check: still running
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.checks, { timeout: 8_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await savedAt()).toBe(before);
    await service.stop(); // quitting writes what waited
    expect(await savedAt()).toBeGreaterThan(before);
  }, 20_000);
});

describe('every answer judged, the key kept out of everything (issue 7)', () => {
  // Distinctive, so finding any of it anywhere can only mean a leak.
  const LEAKY_KEY = 'sk-LEAKCANARY-c0ffee42beef';

  /** Everything the user or another program could see: the window's state, notifications, the files. */
  async function everythingVisible(service: AvatarWatchService, notifications: PhotoNotification[], patches: StatePatch[]): Promise<string> {
    const files = await Promise.all((await readdir(dataDir)).map((name) => readFile(join(dataDir, name), 'utf8').catch(() => '')));
    return JSON.stringify([await service.getSnapshot(), notifications, patches, files]);
  }

  function leaks(text: string): boolean {
    const decoded = text
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const prefix = LEAKY_KEY.slice(0, 8).toLowerCase();
    return text.toLowerCase().includes(prefix) || decoded.toLowerCase().includes(prefix);
  }

  it('an answer about another photo never makes the row Ready and raises no notification', async () => {
    fake.setPhoto('mine-1', { kind: 'other-photo', photoId: 'theirs-1' });
    const { service, notifications } = makeService('good-key');
    await service.start();
    await service.addPhotos('mine-1');
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.problem?.kind).toBe('malformed-response');
    const item = (await service.getSnapshot()).items[0]!;
    expect(item.status).not.toBe('ready');
    expect(item.imageUrls).toEqual([]);
    expect(item.problem?.message).toContain('theirs-1');
    expect(notifications).toEqual([]);
  });

  it('keeps only the https image of an answer full of unsafe links, and the notification counts only that one', async () => {
    fake.setPhoto('unsafe-1', { kind: 'unsafe-images' });
    const { service, notifications } = makeService('good-key');
    await service.start();
    await service.addPhotos('unsafe-1');
    await expect.poll(async () => (await service.getSnapshot()).items[0]?.status).toBe('ready');
    expect((await service.getSnapshot()).items[0]?.imageUrls).toEqual([SAFE_IMAGE_URL]);
    await expect.poll(() => notifications.length).toBe(1);
    expect(notifications[0]).toMatchObject({ photoId: 'unsafe-1', outcome: 'ready', imageCount: 1 });
  });

  it('an echoed key never reaches the row, the notification, the patches or the files', async () => {
    fake.setKeyState(LEAKY_KEY, 'valid');
    fake.setWhoamiEcho('username', 'json-escaped');
    fake.setPhoto('echo-fail', { kind: 'echo-key', field: 'failure-message', encoding: 'json-escaped' });
    fake.setPhoto('echo-image', { kind: 'echo-key', field: 'image-url', encoding: 'url-encoded' });
    fake.setPhoto('echo-status', { kind: 'echo-key', field: 'status', encoding: 'upper-case' });
    const { service, notifications, patches } = makeService();
    await service.start();
    expect(await service.saveApiKey(LEAKY_KEY)).toMatchObject({ ok: true, value: { account: { username: 'demo-user [redacted]' } } });
    await service.addPhotos('echo-fail echo-image echo-status');
    await expect.poll(async () => (await service.getSnapshot()).items.map((i) => `${i.photoId}:${i.status}`).sort()).toEqual([
      'echo-fail:failed',
      'echo-image:ready',
      'echo-status:unknown',
    ]);
    const items = (await service.getSnapshot()).items;
    expect(items.find((i) => i.photoId === 'echo-fail')?.failureMessage).toBe('Generation failed for API key [redacted], please retry');
    expect(items.find((i) => i.photoId === 'echo-image')?.imageUrls).toEqual([SAFE_IMAGE_URL]);
    expect(items.find((i) => i.photoId === 'echo-status')?.rawStatus).toBe('[redacted]');
    await expect.poll(() => notifications.length).toBe(2);
    expect(notifications.find((n) => n.outcome === 'ready')).toMatchObject({ imageCount: 1 });
    await service.stop(); // writes the list
    expect(leaks(await everythingVisible(service, notifications, patches))).toBe(false);
  });

  it('refuses the saved API key pasted as a photo ID, without quoting it, and never watches or saves it', async () => {
    fake.setKeyState(LEAKY_KEY, 'valid');
    const { service, notifications, patches } = makeService(LEAKY_KEY);
    await service.start();
    await expect.poll(async () => (await service.getSnapshot()).account.hasKey).toBe(true);
    const result = await service.addPhotos(`photo-a\n"${LEAKY_KEY}"\nphoto-b`);
    expect(result.added).toEqual(['photo-a', 'photo-b']);
    expect(result.rejected).toEqual([{ position: 2, value: `…${LEAKY_KEY.slice(-4)}`, reason: 'looks-like-key' }]);
    expect((await service.getSnapshot()).items.map((i) => i.photoId).sort()).toEqual(['photo-a', 'photo-b']);
    await service.stop();
    expect(leaks(await everythingVisible(service, notifications, patches))).toBe(false);
    expect(leaks(JSON.stringify(result))).toBe(false);
  });

  it('tells the user about items and image links a hand-edited file held that the app will not use', async () => {
    const items = makeItems(6).map((i) => ({ ...i }));
    const ready = items.find((i) => i.status === 'ready')!;
    ready.imageUrls = ['javascript:alert(1)', ...ready.imageUrls];
    await writeFile(
      join(dataDir, 'watchlist.json'),
      JSON.stringify({ version: 2, savedAt: 1, items: [...items, { ...items[0], photoId: 'x'.repeat(5_000) }, { ...items[0], photoId: 'a b' }], history: [] }),
    );
    const { service } = makeService();
    await service.start();
    const snapshot = await service.getSnapshot();
    expect(snapshot.items).toHaveLength(6);
    expect(snapshot.items.find((i) => i.photoId === ready.photoId)?.imageUrls).toHaveLength(4);
    expect(snapshot.notices).toHaveLength(1);
    expect(snapshot.notices[0]).toMatchObject({ level: 'warning' });
    expect(snapshot.notices[0]!.message).toMatch(/2 entries were left out/);
    expect(snapshot.notices[0]!.message).toMatch(/1 image link was left out/);
    expect(snapshot.notices[0]).toMatchObject({ code: 'list-dropped', params: { items: 2, imageUrls: 1, maxLength: 128 } });
  });

  it('adds at most 20,000 entries of one paste and says how many were left unread', async () => {
    const { service } = makeService();
    await service.start();
    const text = Array.from({ length: 20_005 }, (_, i) => `bulk-${i}`).join('\n');
    const result = await service.addPhotos(text);
    expect(result.added).toHaveLength(20_000);
    expect(result.added.at(-1)).toBe('bulk-19999');
    expect(result.notRead).toBe(5);
    expect((await service.getSnapshot()).items).toHaveLength(20_000);
  }, 30_000);

  it('fills the list up to 50,000 photos, then adds nothing more and says how many did not fit', async () => {
    await new WatchlistFile(dataDir).save({ items: makeItems(49_990, 'old'), history: [] });
    const { service } = makeService();
    await service.start();
    const first = await service.addPhotos(Array.from({ length: 25 }, (_, i) => `new-${i}`).join(' '));
    expect(first).toMatchObject({ noRoom: 15 });
    expect(first.added).toHaveLength(10);
    const second = await service.addPhotos('one-more');
    expect(second).toMatchObject({ added: [], noRoom: 1 });
    expect((await service.getSnapshot()).items).toHaveLength(50_000);
  }, 30_000);

  it('watches the first 50,000 photos of a bigger file, keeps the file as it was, and says so', async () => {
    await new WatchlistFile(dataDir).save({ items: makeItems(50_010, 'big'), history: [] });
    const original = await readFile(join(dataDir, 'watchlist.json'), 'utf8');
    const { service } = makeService();
    await service.start();
    const snapshot = await service.getSnapshot();
    expect(snapshot.items).toHaveLength(50_000);
    const notice = snapshot.notices.find((n) => n.code === 'list-over-cap');
    expect(notice?.params).toMatchObject({ total: 50_010, aside: 10, max: 50_000 });
    // The copy is the file byte for byte, and a later save of the watched part leaves it alone.
    await service.removePhoto(snapshot.items[0]!.photoId);
    await service.stop();
    expect(await readFile(String(notice!.params!.copy), 'utf8')).toBe(original);
    expect((JSON.parse(await readFile(join(dataDir, 'watchlist.json'), 'utf8')) as { items: unknown[] }).items).toHaveLength(49_999);
  }, 30_000);

  it.runIf(process.platform !== 'win32')('keeps the data folder and every file in it for the owner only', async () => {
    const { service } = makeService('good-key');
    await rm(dataDir, { recursive: true, force: true });
    await service.start();
    await service.addPhotos('private-1');
    await service.setCheckingPaused(true);
    await service.stop();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const names = await readdir(dataDir);
    expect(names).toEqual(expect.arrayContaining(['watchlist.json', 'settings.json']));
    for (const name of names) expect(((await stat(join(dataDir, name))).mode & 0o777).toString(8)).toBe('600');
  });

  it.runIf(process.platform !== 'win32')('makes a data folder an older version left readable to all private at start', async () => {
    await chmod(dataDir, 0o755);
    await new WatchlistFile(dataDir).save({ items: makeItems(3), history: [] });
    await chmod(join(dataDir, 'watchlist.json'), 0o644);
    await writeFile(join(dataDir, 'settings.json'), '{}', { mode: 0o644 });
    await writeFile(join(dataDir, 'watchlist.corrupt-2025-01-01.json'), '{', { mode: 0o644 });
    // In Electron the folder is also Chromium's: its files are left to it.
    await writeFile(join(dataDir, 'Local State'), '{}', { mode: 0o644 });
    const { service } = makeService();
    await service.start();
    expect(((await stat(dataDir)).mode & 0o777).toString(8)).toBe('700');
    for (const name of ['watchlist.json', 'settings.json', 'watchlist.corrupt-2025-01-01.json']) {
      expect(((await stat(join(dataDir, name))).mode & 0o777).toString(8), name).toBe('600');
    }
    expect(((await stat(join(dataDir, 'Local State'))).mode & 0o777).toString(8)).toBe('644');
    expect((await service.getSnapshot()).items).toHaveLength(3);
  });
});
