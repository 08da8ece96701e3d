// Local copies of results through the real service and the real preview host, against the fake
// JoggAI on loopback: a photo that becomes ready has its images kept and shown from the data
// folder (the preview's /data/ route behind its token), across a restart, after JoggAI's links die.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot, StatePatch } from '../../../preload/api';
import { createMemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../../main/core/service';
import { BroadcastNotifier, startPreviewServer, type PreviewServer } from '../../../main/web-host/preview-server';
import { startFakeJogg, type FakeJogg } from '../../fake-jogg/server';
import { call, openSocket } from '../../support/preview-call';
import { firstCheckAtOnce } from '../../support/first-check-at-once';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let fake: FakeJogg;
let dir: string;
let dataDir: string;
let running: { service: AvatarWatchService; server: PreviewServer } | null = null;
let patches: StatePatch[] = [];

beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key'] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), 'aw-results-service-'));
  dataDir = join(dir, 'data');
  patches = [];
});
afterEach(async () => {
  await stopHost();
  await rm(dir, { recursive: true, force: true });
});

async function startHost(): Promise<{ service: AvatarWatchService; server: PreviewServer }> {
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="img-src 'self' https:; connect-src 'self'">`);
  const notifier = new BroadcastNotifier(quiet);
  const service = createAvatarWatchService({
    dataDir,
    apiBaseUrl: fake.url,
    secretStore: createMemorySecretStore('good-key'),
    notifier,
    logger: quiet,
    patchIntervalMs: 10,
    schedule: firstCheckAtOnce(),
  });
  service.onStateChanged((patch) => patches.push(patch));
  await service.start();
  const server = await startPreviewServer(service, notifier, { rendererDir, port: 0, logger: quiet, dataFilesDir: join(dataDir, 'files') });
  running = { service, server };
  return running;
}

async function stopHost(): Promise<void> {
  if (!running) return;
  await running.server.close();
  await running.service.stop();
  running = null;
}

/** Until the photo is ready and its downloads have settled (bounded). */
async function readyAndKept(service: AvatarWatchService, photoId: string): Promise<Snapshot> {
  for (let i = 0; i < 200; i++) {
    const snapshot = await service.getSnapshot();
    if (snapshot.items.find((item) => item.photoId === photoId)?.status === 'ready') {
      await service.results.idle();
      await new Promise((resolve) => setTimeout(resolve, 30)); // the last patch
      return service.getSnapshot();
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${photoId} never became ready`);
}

const dataUrl = (server: PreviewServer, path: string, token = new URL(server.url).searchParams.get('token')!) =>
  `${new URL(server.url).origin}/data/${path}?token=${token}`;

describe('a photo that becomes ready', () => {
  it('gets its images kept, in the snapshot and in a patch, and the preview serves them behind its token', async () => {
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 0 });
    const { service, server } = await startHost();
    await service.addPhotos('p1');
    const snapshot = await readyAndKept(service, 'p1');
    const copies = snapshot.items[0]!.localCopies!;
    expect(copies.state).toBe('kept');
    expect(copies.files).toHaveLength(4);
    expect(snapshot.localCopies).toMatchObject({ enabled: true, usedBytes: copies.bytes, full: false });
    expect(patches.some((p) => p.upserted?.some((item) => item.localCopies?.state === 'kept'))).toBe(true);
    expect(patches.some((p) => p.localCopies && p.localCopies.usedBytes === copies.bytes)).toBe(true);

    const image = await fetch(dataUrl(server, copies.files[0]!));
    expect([image.status, image.headers.get('content-type'), image.headers.get('x-content-type-options')]).toEqual([200, 'image/png', 'nosniff']);
    expect((await fetch(dataUrl(server, copies.files[0]!, 'wrong-token'.padEnd(32, 'x')))).status).toBe(404);
    expect((await fetch(`${new URL(server.url).origin}/data/${copies.files[0]!}`)).status).toBe(404);
  });

  it('the /data/ route serves nothing but images inside files/: no settings, no watchlist, no way out', async () => {
    const { server } = await startHost();
    await mkdir(join(dataDir, 'files'), { recursive: true });
    await writeFile(join(dataDir, 'files', 'note.txt'), 'not an image');
    await writeFile(join(dataDir, 'outside.png'), 'outside files/');
    await symlink(join(dataDir, 'outside.png'), join(dataDir, 'files', 'link.png'));
    for (const path of ['../settings.json', '%2e%2e/settings.json', '..%2fwatchlist.json', 'note.txt', 'link.png', '../outside.png', '']) {
      expect((await fetch(dataUrl(server, path))).status, path).toBe(404);
    }
  });
});

describe('copy and save in the preview', () => {
  it('the host names the kept files (and their save names); nothing for a link that is not a result or not kept', async () => {
    fake.setPhoto('p/1', { kind: 'ready', afterChecks: 0 });
    const { service, server } = await startHost();
    await service.addPhotos('p/1');
    const item = (await readyAndKept(service, 'p/1')).items[0]!;
    const ws = await openSocket(server.url);
    try {
      const all = await call(ws, { type: 'call', id: 1, method: 'saveAllImages', args: ['p/1'] });
      expect(all).toMatchObject({ ok: true, value: { ok: true, saved: 4 } });
      const downloads = (all as { value: { downloads: { path: string; name: string }[] } }).value.downloads;
      expect(downloads).toEqual(item.localCopies!.files.map((path, i) => ({ path, name: `p_1-${i + 1}.png` })));
      expect(await call(ws, { type: 'call', id: 2, method: 'copyImage', args: ['p/1', item.imageUrls[2]] })).toMatchObject({
        value: { ok: true, saved: 0, downloads: [downloads[2]] },
      });
      expect(await call(ws, { type: 'call', id: 3, method: 'saveImage', args: ['p/1', 'https://evil.example/x.png'] })).toMatchObject({
        value: { ok: false, problem: 'not-result' },
      });
    } finally {
      ws.close();
    }
  });
});

describe('kept across a restart', () => {
  it('still shown from the data folder after JoggAI’s links stop working, without fetching again', async () => {
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 0 });
    const first = await startHost();
    await first.service.addPhotos('p1');
    const kept = (await readyAndKept(first.service, 'p1')).items[0]!.localCopies!;
    await stopHost();

    fake.setImageFault('off');
    const before = fake.requests.filter((r) => r.path.startsWith('/images/')).length;
    const second = await startHost();
    await second.service.results.idle();
    const item = (await second.service.getSnapshot()).items[0]!;
    expect(item.localCopies).toEqual(kept);
    expect(fake.requests.filter((r) => r.path.startsWith('/images/')).length).toBe(before);
    expect((await fetch(dataUrl(second.server, kept.files[3]!))).status).toBe(200);
  });

  it('the local copies switch is kept: off after a restart, nothing fetched', async () => {
    const first = await startHost();
    expect(await first.service.updateSettings({ localCopies: false })).toMatchObject({ ok: true, value: { localCopies: false } });
    expect((await first.service.getSnapshot()).localCopies?.enabled).toBe(false);
    await stopHost();
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 0 });
    const second = await startHost();
    await second.service.addPhotos('p1');
    const snapshot = await readyAndKept(second.service, 'p1');
    expect(snapshot.items[0]!.localCopies?.state).toBe('off');
    expect(snapshot.localCopies?.enabled).toBe(false);
    expect(fake.requests.filter((r) => r.path.startsWith('/images/'))).toEqual([]);
  });
});

describe('removing a photo', () => {
  it('files of a photo removed before a restart are counted, then deleted by "Delete files of removed photos"', async () => {
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 0 });
    const first = await startHost();
    await first.service.addPhotos('p1');
    const kept = (await readyAndKept(first.service, 'p1')).items[0]!.localCopies!;
    await first.service.removePhoto('p1');
    // While an undo may still bring it back (until a restart), nothing goes.
    expect(await first.service.deleteUnlistedResultFiles()).toEqual({ files: 0, bytes: 0 });
    await stopHost();

    const second = await startHost();
    await second.service.results.idle();
    expect((await second.service.getSnapshot()).localCopies).toMatchObject({ usedBytes: kept.bytes, unlistedBytes: kept.bytes });
    expect(await second.service.deleteUnlistedResultFiles()).toEqual({ files: 4, bytes: kept.bytes });
    expect((await second.service.getSnapshot()).localCopies).toMatchObject({ usedBytes: 0, unlistedBytes: 0 });
  });

  it('keeps its files while it could come back; deletes them when asked, over the preview socket too', async () => {
    fake.setPhoto('p1', { kind: 'ready', afterChecks: 0 });
    const { service, server } = await startHost();
    await service.addPhotos('p1');
    const kept = (await readyAndKept(service, 'p1')).items[0]!.localCopies!;
    const folder = join(dataDir, 'files', kept.files[0]!, '..');

    const ws = await openSocket(server.url);
    try {
      expect(await call(ws, { type: 'call', id: 1, method: 'deleteResultFiles', args: [['p1']] })).toMatchObject({ ok: true, value: { files: 0, bytes: 0 } });
      await service.removePhoto('p1');
      expect(await call(ws, { type: 'call', id: 2, method: 'resultFilesOf', args: [['p1']] })).toMatchObject({ ok: true, value: { files: 4, bytes: kept.bytes } });
      expect((await service.getSnapshot()).localCopies?.unlistedBytes).toBe(kept.bytes);
      expect(await call(ws, { type: 'call', id: 3, method: 'deleteResultFiles', args: ['p1'] })).toMatchObject({ ok: false });
      expect(await call(ws, { type: 'call', id: 4, method: 'deleteResultFiles', args: [['p1']] })).toMatchObject({ ok: true, value: { files: 4, bytes: kept.bytes } });
      await expect(readdir(folder)).rejects.toThrow();
      expect((await service.getSnapshot()).localCopies).toMatchObject({ usedBytes: 0, unlistedBytes: 0 });
    } finally {
      ws.close();
    }
  });
});
