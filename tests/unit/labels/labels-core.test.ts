// Labels and notes in the core: the file keeps them (and drops only a bad field), setLabel
// checks them, and an import adds IDs with their labels through the paste's own add path.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LABEL_CHARS, MAX_NOTE_CHARS, MAX_PASTE_IDS } from '../../../preload/api';
import { checkCommandArgs } from '../../../main/core/command-args';
import { createMemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService, type AvatarWatchService } from '../../../main/core/service';
import { WatchlistFile } from '../../../main/core/watchlist/watchlist-file';
import { startFakeJogg, type FakeJogg } from '../../fake-jogg/server';
import { makeHistory, makeItems } from '../../support/items';
import { firstCheckAtOnce } from '../../support/first-check-at-once';

let fake: FakeJogg;
let dir: string;
let services: AvatarWatchService[] = [];
beforeAll(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key-1'] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), 'aw-labels-'));
});
afterEach(async () => {
  for (const s of services) await s.stop();
  services = [];
  await rm(dir, { recursive: true, force: true });
});

async function started(key: string | null = null): Promise<AvatarWatchService> {
  const service = createAvatarWatchService({
    dataDir: dir,
    apiBaseUrl: fake.url,
    secretStore: createMemorySecretStore(key),
    notifier: { notify: () => {} },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    patchIntervalMs: 20,
    schedule: firstCheckAtOnce(),
  });
  services.push(service);
  await service.start();
  return service;
}

async function savedItems(): Promise<Record<string, unknown>[]> {
  return (JSON.parse(await readFile(join(dir, 'watchlist.json'), 'utf8')) as { items: Record<string, unknown>[] }).items;
}

describe('labels in the watchlist file', () => {
  it('keeps a label and a note (with line breaks) across a save and a load', async () => {
    const file = new WatchlistFile(dir);
    const [a, b] = makeItems(2, 'lab');
    const items = [{ ...a!, label: 'Acme · spring', note: 'order 12\nrush' }, b!];
    await file.save({ items, history: makeHistory(0) });
    const loaded = await file.load();
    expect(loaded.state.items.map((item) => [item.photoId, item.label, item.note])).toEqual([
      [a!.photoId, 'Acme · spring', 'order 12\nrush'],
      [b!.photoId, undefined, undefined],
    ]);
    expect('label' in loaded.state.items[1]!).toBe(false);
  });

  it('drops a bad label or note in the file and keeps the rest of the item', async () => {
    const file = new WatchlistFile(dir);
    const [a, b, c] = makeItems(3, 'bad');
    await file.save({ items: [a!, b!, c!], history: [] });
    const raw = JSON.parse(await readFile(file.path, 'utf8')) as { items: Record<string, unknown>[] };
    Object.assign(raw.items[0]!, { label: 'x'.repeat(MAX_LABEL_CHARS + 1), note: 'fine note' });
    Object.assign(raw.items[1]!, { label: 'bell\u0007', note: 42 });
    Object.assign(raw.items[2]!, { label: 'ok', note: 'y'.repeat(MAX_NOTE_CHARS + 1) });
    await writeFile(file.path, JSON.stringify(raw));
    const loaded = await file.load();
    expect(loaded.kind).toBe('loaded');
    // Counted, so the window can say what was left out.
    expect(loaded.kind === 'loaded' && loaded.dropped).toEqual({ items: 0, imageUrls: 0, labels: 4 });
    expect(loaded.state.items.map((item) => [item.photoId, item.label, item.note, item.status])).toEqual([
      [a!.photoId, undefined, 'fine note', a!.status],
      [b!.photoId, undefined, undefined, b!.status],
      [c!.photoId, 'ok', undefined, c!.status],
    ]);
  });
});

describe('a bad label in the saved list', () => {
  it('is told once at start, as the list-dropped notice with the count', async () => {
    const file = new WatchlistFile(dir);
    const [a] = makeItems(1, 'told');
    await file.save({ items: [a!], history: [] });
    const raw = JSON.parse(await readFile(file.path, 'utf8')) as { items: Record<string, unknown>[] };
    raw.items[0]!.label = 'two\nlines';
    await writeFile(file.path, JSON.stringify(raw));
    const service = await started();
    const snapshot = await service.getSnapshot();
    expect(snapshot.items[0]!.photoId).toBe(a!.photoId);
    expect(snapshot.notices).toMatchObject([{ code: 'list-dropped', params: { items: 0, imageUrls: 0, labels: 1 } }]);
  });
});

describe('setLabel', () => {
  it('sets, tidies and clears a label and a note, and has them on disk when it answers', async () => {
    const service = await started();
    await service.addPhotos('p-one');
    expect(await service.setLabel('p-one', { label: '  Acme  ', note: 'line 1\r\nline 2' })).toEqual({ ok: true, value: null });
    expect((await service.getSnapshot()).items[0]).toMatchObject({ label: 'Acme', note: 'line 1\nline 2' });
    expect((await savedItems())[0]).toMatchObject({ label: 'Acme', note: 'line 1\nline 2' });

    // Only the field given changes; empty text clears it.
    await service.setLabel('p-one', { label: '' });
    const item = (await service.getSnapshot()).items[0]!;
    expect(item.label).toBeUndefined();
    expect(item.note).toBe('line 1\nline 2');
    expect((await savedItems())[0]!.label).toBeUndefined();
  });

  it('refuses a label too long, a label with a line break, and a photo not watched, each with its code', async () => {
    const service = await started();
    await service.addPhotos('p-two');
    expect(await service.setLabel('p-two', { label: 'x'.repeat(MAX_LABEL_CHARS + 1) })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', input: { code: 'label-too-long', field: 'label', length: MAX_LABEL_CHARS + 1, max: MAX_LABEL_CHARS } },
    });
    expect(await service.setLabel('p-two', { note: 'n'.repeat(MAX_NOTE_CHARS + 1) })).toMatchObject({
      ok: false,
      error: { input: { code: 'label-too-long', field: 'note', max: MAX_NOTE_CHARS } },
    });
    expect(await service.setLabel('p-two', { label: 'two\nlines' })).toMatchObject({ ok: false, error: { input: { code: 'label-bad-characters', field: 'label' } } });
    expect(await service.setLabel('nobody', { label: 'x' })).toMatchObject({ ok: false, error: { input: { code: 'not-watched', photoId: 'nobody' } } });
    expect((await service.getSnapshot()).items[0]!.label).toBeUndefined();
  });

  it('is checked at the door: only a label and a note, each text', () => {
    expect(checkCommandArgs('setLabel', ['p', { label: 'a', note: 'b' }])).toEqual({ ok: true, value: ['p', { label: 'a', note: 'b' }] });
    expect(checkCommandArgs('setLabel', ['p', { label: 3 }]).ok).toBe(false);
    expect(checkCommandArgs('setLabel', ['p', { colour: 'red' }]).ok).toBe(false);
    expect(checkCommandArgs('setLabel', ['p', 'Acme']).ok).toBe(false);
  });
});

describe('importPhotos', () => {
  it('adds IDs with their labels, reports bad ones by their line, and saves before it answers', async () => {
    const service = await started();
    const result = await service.importPhotos([
      { photoId: 'imp-1', position: 2, label: 'Acme', note: 'rush' },
      { photoId: 'bad id', position: 3, label: 'Lost' },
      { photoId: 'imp-2', position: 5 },
      { photoId: 'imp-1', position: 6, label: 'Other' },
    ]);
    expect(result.added).toEqual(['imp-1', 'imp-2']);
    expect(result.rejected).toEqual([
      { position: 3, value: 'bad\\u{20}id', reason: 'bad-characters' },
      { position: 6, value: 'imp-1', reason: 'duplicate-in-paste' },
    ]);
    const items = await savedItems();
    expect(items.find((item) => item.photoId === 'imp-1')).toMatchObject({ label: 'Acme', note: 'rush' });
    expect(items.find((item) => item.photoId === 'imp-2')!.label).toBeUndefined();
  });

  it('keeps the label an already watched photo has, fills an empty one, and says which', async () => {
    const service = await started();
    await service.addPhotos('has-label, no-label');
    await service.setLabel('has-label', { label: 'Mine' });
    const result = await service.importPhotos([
      { photoId: 'has-label', position: 2, label: 'Theirs' },
      { photoId: 'no-label', position: 3, label: 'Filled', note: 'from the file' },
    ]);
    expect(result.rejected).toEqual([
      { position: 2, value: 'has-label', reason: 'already-watched', labels: 'kept' },
      { position: 3, value: 'no-label', reason: 'already-watched', labels: 'applied' },
    ]);
    const items = (await service.getSnapshot()).items;
    expect(items.find((item) => item.photoId === 'has-label')!.label).toBe('Mine');
    expect(items.find((item) => item.photoId === 'no-label')).toMatchObject({ label: 'Filled', note: 'from the file' });
  });

  it('refuses the saved API key by its line, never quoting it', async () => {
    const service = await started('good-key-1');
    const result = await service.importPhotos([
      { photoId: 'fine-1', position: 2 },
      { photoId: 'good-key-1', position: 7, label: 'oops' },
    ]);
    expect(result.added).toEqual(['fine-1']);
    expect(result.rejected).toEqual([{ position: 7, value: '…-1', reason: 'looks-like-key' }]);
  });

  it('is checked at the door: entries with a position, labels within their limits, no more than a paste', () => {
    const good = [{ photoId: 'a', position: 1, label: 'L' }];
    expect(checkCommandArgs('importPhotos', [good])).toEqual({ ok: true, value: [good] });
    expect(checkCommandArgs('importPhotos', [[{ photoId: 'a' }]]).ok).toBe(false);
    expect(checkCommandArgs('importPhotos', [[{ photoId: 'a', position: 1, label: 'x'.repeat(MAX_LABEL_CHARS + 1) }]]).ok).toBe(false);
    expect(checkCommandArgs('importPhotos', [Array.from({ length: MAX_PASTE_IDS + 1 }, (_, i) => ({ photoId: `p${i}`, position: i + 1 }))]).ok).toBe(false);
    expect(checkCommandArgs('importPhotos', ['a,b']).ok).toBe(false);
  });
});
