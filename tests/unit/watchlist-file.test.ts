import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lateness, WatchItem } from '../../preload/api';
import { realFileOps, WatchlistFile, WatchlistTooNewError, type SavedState } from '../../main/core/watchlist/watchlist-file';
import { makeHistory, makeItems } from '../support/items';

const NOTHING_DROPPED = { items: 0, imageUrls: 0 };
/** POSIX modes; Windows ignores them (its ACLs come from the profile folder), so it is not asked there. */
const onPosix = process.platform !== 'win32';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LATENESS: Lateness[] = ['usual', 'taking-long', 'stale'];

/** Every status with every lateness (statuses cycle by 6, lateness by 18). */
function itemsInEveryState(count = 36, prefix = 'photo'): WatchItem[] {
  return makeItems(count, prefix).map((item, i) => ({ ...item, lateness: LATENESS[Math.floor(i / 6) % 3]! }));
}

function state(items: WatchItem[], historyCount = 5): SavedState {
  return { items, history: makeHistory(historyCount) };
}

/** What a load gives back: schedules and transient problems are rebuilt, not stored. */
function asLoaded(saved: SavedState): SavedState {
  return { items: saved.items.map((item) => ({ ...item, nextCheckAt: null, problem: null })), history: saved.history };
}

async function filesLike(prefix: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith(prefix));
}

/** A file that has been loaded, so its next save keeps the current one as the backup. */
async function loadedFile(): Promise<WatchlistFile> {
  const file = new WatchlistFile(dir);
  await file.load();
  return file;
}

describe('the watchlist file', () => {
  it('starts empty when there is no file yet', async () => {
    expect(await new WatchlistFile(join(dir, 'new-folder')).load()).toEqual({ kind: 'missing', state: { items: [], history: [] } });
  });

  it('gives back every item in every state and the history after a save, without schedules or transient problems', async () => {
    const items = itemsInEveryState(60).map((item, i) => (i === 0 ? { ...item, nextCheckAt: 5, problem: { kind: 'network' as const, message: 'x' } } : item));
    const saved = state(items, 40);
    const file = await loadedFile();
    await file.save(saved);
    expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(saved), droppedHistory: 0, dropped: NOTHING_DROPPED });
  });

  it('keeps a problem waiting cannot change across a restart ("Needs attention"), and only such a one', async () => {
    const [a, b, c] = makeItems(3, 'p').map((item) => ({ ...item, status: 'in_progress' as const, finishedAt: null }));
    const lasting = { kind: 'bad-request' as const, message: 'JoggAI answered code 40000.', code: 40000, detail: { httpStatus: 200, excerpt: 'photo_id invalid', rid: 'r-1' } };
    const file = await loadedFile();
    await file.save(state([{ ...a!, problem: lasting }, { ...b!, problem: { kind: 'server-error', message: 'x', code: 50000 } }, c!]));
    const loaded = await new WatchlistFile(dir).load();
    expect(loaded.state.items.map((i) => i.problem)).toEqual([lasting, null, null]);
  });

  it('reads a damaged saved problem as none, and the rest of the list as it was', async () => {
    const items = makeItems(2, 'p').map((item) => ({ ...item, status: 'in_progress' as const, finishedAt: null }));
    const file = await loadedFile();
    await file.save(state(items));
    const json = JSON.parse(await readFile(file.path, 'utf8')) as { items: Array<Record<string, unknown>> };
    json.items[0]!.attention = { kind: 'network', message: 'not a lasting kind' };
    json.items[1]!.attention = { kind: 'bad-request', message: 42 };
    await writeFile(file.path, JSON.stringify(json));
    const loaded = await new WatchlistFile(dir).load();
    expect(loaded.kind).toBe('loaded');
    expect(loaded.state.items.map((i) => [i.photoId, i.problem])).toEqual(items.map((i) => [i.photoId, null]));
  });

  it('writes version 2 on one line, with only what must survive a restart', async () => {
    const file = new WatchlistFile(dir, { now: () => 1_234 });
    await file.load();
    const item = { ...itemsInEveryState(1)[0]!, nextCheckAt: 99, problem: { kind: 'timeout' as const, message: 'slow' } };
    await file.save({ items: [item], history: [{ lowMs: 1, highMs: 2, at: 3 }] });
    const text = await readFile(file.path, 'utf8');
    expect(text).not.toContain('\n');
    expect(JSON.parse(text)).toEqual({
      version: 2,
      savedAt: 1_234,
      items: [
        {
          photoId: item.photoId,
          status: item.status,
          addedAt: item.addedAt,
          lastCheckedAt: item.lastCheckedAt,
          finishedAt: item.finishedAt,
          checks: item.checks,
          imageUrls: item.imageUrls,
          failureMessage: item.failureMessage,
          rawStatus: item.rawStatus,
          lateness: item.lateness,
        },
      ],
      history: [{ lowMs: 1, highMs: 2, at: 3 }],
    });
  });

  it('reads a version 1 file as version 2, says it migrated it, and keeps the version 1 file as the backup', async () => {
    const v1 =
      '{"version":1,"items":[' +
      '{"photoId":"abc","status":"ready","addedAt":1000,"lastCheckedAt":2000,"finishedAt":2000,"checks":3,"imageUrls":["https://cdn.example.com/a.png"],"failureMessage":null,"rawStatus":null},' +
      '{"photoId":"def","status":"unknown","addedAt":1500,"lastCheckedAt":null,"finishedAt":null,"checks":0,"imageUrls":[],"failureMessage":null,"rawStatus":"queued"}]}';
    const file = new WatchlistFile(dir);
    await writeFile(file.path, v1);
    const loaded = await file.load();
    expect(loaded).toEqual({
      kind: 'loaded',
      migratedFrom: 1,
      droppedHistory: 0,
      dropped: NOTHING_DROPPED,
      state: {
        items: [
          { photoId: 'abc', status: 'ready', addedAt: 1000, lastCheckedAt: 2000, nextCheckAt: null, finishedAt: 2000, checks: 3, imageUrls: ['https://cdn.example.com/a.png'], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual' },
          { photoId: 'def', status: 'unknown', addedAt: 1500, lastCheckedAt: null, nextCheckAt: null, finishedAt: null, checks: 0, imageUrls: [], failureMessage: null, rawStatus: 'queued', problem: null, lateness: 'usual' },
        ],
        history: [],
      },
    });
    await file.save(loaded.state);
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toMatchObject({ version: 2 });
    expect(await readFile(file.backupPath, 'utf8')).toBe(v1);
    expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: loaded.state, droppedHistory: 0, dropped: NOTHING_DROPPED });
  });

  it('names the field when a version 1 file has the wrong shape', async () => {
    const file = new WatchlistFile(dir);
    await writeFile(file.path, JSON.stringify({ version: 1, items: [{ photoId: 'a', status: 'exploded' }] }));
    const loaded = await file.load();
    expect(loaded.kind).toBe('corrupt');
    if (loaded.kind === 'corrupt') expect(loaded.reason).toMatch(/items\.0\.status/);
  });

  describe('a file from a newer version of the app', () => {
    const newer = JSON.stringify({ version: 3, savedAt: 1, things: [{ photoId: 'abc', colour: 'blue' }] });

    it('is reported as too new, left untouched, and never overwritten by save', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, newer);
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'too-new', version: 3, state: { items: [], history: [] } });
      if (loaded.kind === 'too-new') expect(loaded.reason).toMatch(/newer version of Avatar Watch.*version 3/);
      await expect(file.save(state(makeItems(3)))).rejects.toThrow(WatchlistTooNewError);
      await expect(file.save(state(makeItems(3)))).rejects.toThrow(/newer version of Avatar Watch.*Update the app/);
      expect(await readFile(file.path, 'utf8')).toBe(newer);
      expect(await readdir(dir)).toEqual(['watchlist.json']);
    });

    it('is not overwritten by a save that was never preceded by a load', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, newer);
      await expect(file.save(state(makeItems(3)))).rejects.toThrow(WatchlistTooNewError);
      expect(await readFile(file.path, 'utf8')).toBe(newer);
    });

    it('is replaced only when the caller says so, and then kept as the backup', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, newer);
      await file.load();
      const saved = state(makeItems(3));
      await file.save(saved, { overwriteNewer: true });
      expect(await readFile(file.backupPath, 'utf8')).toBe(newer);
      expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(saved), droppedHistory: 0, dropped: NOTHING_DROPPED });
    });

    it('is not restored over when it is the backup behind an unreadable main file', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, '{"version":2,"items":[');
      await writeFile(file.backupPath, newer);
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'too-new', version: 3 });
      if (loaded.kind === 'too-new') expect(await readFile(loaded.keptAt!, 'utf8')).toBe('{"version":2,"items":[');
      await expect(file.save(state(makeItems(1)))).rejects.toThrow(WatchlistTooNewError);
      expect(await readFile(file.backupPath, 'utf8')).toBe(newer);
      await file.save(state(makeItems(1)), { overwriteNewer: true });
      expect(await readFile(file.backupPath, 'utf8')).toBe(newer);
    });
  });

  describe('a damaged main file', () => {
    const torn = '{"version":2,"savedAt":1,"items":[{"photoId":"abc","sta';

    it('is kept aside byte for byte and the list comes back from the backup, which becomes the main file again', async () => {
      const good = state(itemsInEveryState(12));
      const file = await loadedFile();
      await file.save(good);
      await file.save(state(makeItems(20, 'newer')));
      await writeFile(file.path, torn); // the newest generation is lost; the backup holds the one before

      const loaded = await new WatchlistFile(dir).load();
      expect(loaded).toMatchObject({ kind: 'restored', state: asLoaded(good), droppedHistory: 0, dropped: NOTHING_DROPPED });
      if (loaded.kind !== 'restored') return;
      expect(loaded.reason).toMatch(/not valid JSON/);
      expect(await readFile(loaded.keptAt!, 'utf8')).toBe(torn);
      expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'loaded', state: asLoaded(good), droppedHistory: 0, dropped: NOTHING_DROPPED });
    });

    it('comes back from the backup when the main file is gone', async () => {
      const good = state(itemsInEveryState(6));
      const file = await loadedFile();
      await file.save(good);
      await file.save(state(makeItems(2)));
      await rm(file.path);
      expect(await new WatchlistFile(dir).load()).toEqual({ kind: 'restored', state: asLoaded(good), reason: 'the watchlist file was missing', droppedHistory: 0, dropped: NOTHING_DROPPED });
    });

    it('without a backup, is kept aside, reported with its reason, never overwritten, and never becomes the backup', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, torn);
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'corrupt', state: { items: [], history: [] } });
      if (loaded.kind !== 'corrupt') return;
      expect(loaded.reason).toMatch(/not valid JSON/);
      expect(await readFile(loaded.keptAt, 'utf8')).toBe(torn);
      await file.save(state(makeItems(1)));
      expect(await filesLike('watchlist.json.bak')).toEqual([]);
      await file.save(state(makeItems(2)));
      expect(await readFile(loaded.keptAt, 'utf8')).toBe(torn);
      expect(JSON.parse(await readFile(file.backupPath, 'utf8')).items).toHaveLength(1);
    });

    it('with an unreadable backup as well, keeps both aside and starts empty', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, torn);
      await writeFile(file.backupPath, '{"version":2,"savedAt":1,"items":[],"history":"none"}');
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'corrupt', state: { items: [], history: [] } });
      if (loaded.kind !== 'corrupt') return;
      expect(loaded.reason).toMatch(/not valid JSON.*backup could not be read either.*history/);
      expect(await readFile(loaded.keptAt, 'utf8')).toBe(torn);
      expect(await readFile(loaded.backupKeptAt!, 'utf8')).toMatch(/"history":"none"/);
      expect((await readdir(dir)).sort()).toHaveLength(2);
    });

    it('is moved aside, not lost, by a save that was never preceded by a load', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, torn);
      await file.save(state(makeItems(1)));
      const kept = await filesLike('watchlist.corrupt-');
      expect(kept).toHaveLength(1);
      expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(torn);
    });

    it('is treated as corrupt, naming the field, when it is valid JSON of the wrong shape', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, JSON.stringify({ version: 2, savedAt: 1, items: [{ ...makeItems(1)[0], checks: -1 }], history: [] }));
      const loaded = await file.load();
      expect(loaded.kind).toBe('corrupt');
      if (loaded.kind === 'corrupt') expect(loaded.reason).toMatch(/^unexpected content at items\.0\.checks: /);
    });

    it('never overwrites an earlier file kept aside in the same millisecond', async () => {
      const file = new WatchlistFile(dir, { now: () => Date.UTC(2026, 0, 1) });
      await writeFile(file.path, 'first');
      await file.load();
      await writeFile(file.path, 'second');
      await file.load();
      const kept = await filesLike('watchlist.corrupt-');
      expect(kept.sort()).toEqual(['watchlist.corrupt-2026-01-01T00-00-00-000Z-2.json', 'watchlist.corrupt-2026-01-01T00-00-00-000Z.json']);
      expect(await Promise.all(kept.map((name) => readFile(join(dir, name), 'utf8')))).toEqual(['second', 'first']);
    });
  });

  it('drops and counts unreadable history entries but keeps the list', async () => {
    const file = new WatchlistFile(dir);
    const items = makeItems(2);
    const good = { lowMs: 10, highMs: 20, at: 30 };
    await writeFile(file.path, JSON.stringify({ version: 2, savedAt: 1, items, history: [good, { lowMs: 30, highMs: 20, at: 1 }, { lowMs: '1', highMs: 2, at: 3 }, null, { ...good, at: 31 }] }));
    expect(await file.load()).toEqual({ kind: 'loaded', state: { items, history: [good, { ...good, at: 31 }] }, droppedHistory: 3, dropped: NOTHING_DROPPED });
  });

  describe('a file edited by hand (or by another program)', () => {
    /** A v2 file whose items are makeItems' with the given changes. */
    async function writeEdited(edit: (items: Record<string, unknown>[]) => Record<string, unknown>[]): Promise<WatchlistFile> {
      const file = new WatchlistFile(dir);
      const items = makeItems(6).map((item) => ({ ...item }) as Record<string, unknown>);
      await writeFile(file.path, JSON.stringify({ version: 2, savedAt: 1, items: edit(items), history: [] }));
      return file;
    }

    it('leaves out items whose photo ID the paste box would refuse, counts them, and keeps the rest', async () => {
      const file = await writeEdited((items) => [
        ...items,
        { ...items[0], photoId: 'x'.repeat(5_000) },
        { ...items[0], photoId: 'two words' },
        { ...items[0], photoId: 'line\nbreak' },
        { ...items[0], photoId: 'zero\u200bwidth' },
        { ...items[0], photoId: 'y'.repeat(128) },
      ]);
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'loaded', dropped: { items: 4, imageUrls: 0 } });
      expect(loaded.state.items.map((i) => i.photoId)).toEqual([...makeItems(6).map((i) => i.photoId), 'y'.repeat(128)]);
    });

    it('keeps only https image links: no javascript:, file:, http:, data:, relative, credentialed or over-long ones', async () => {
      const good = 'https://cdn.example.com/a/1.png';
      const bad = [
        'javascript:alert(1)',
        'file:///etc/passwd',
        'http://cdn.example.com/a/2.png',
        'data:image/svg+xml,<svg onload=alert(1)>',
        '/images/3.png',
        'cdn.example.com/4.png',
        'https://api.jogg.ai@evil.example/5.png',
        ` https://cdn.example.com/6.png`,
        `https://cdn.example.com/${'7'.repeat(2_100)}.png`,
        'HTTPS://',
      ];
      const file = await writeEdited((items) => items.map((item) => (item.status === 'ready' ? { ...item, imageUrls: [good, ...bad] } : item)));
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'loaded', dropped: { items: 0, imageUrls: bad.length } });
      const ready = loaded.state.items.find((i) => i.status === 'ready')!;
      expect(ready.imageUrls).toEqual([good]);
    });

    it('applies the same rules to a list restored from the backup', async () => {
      const file = new WatchlistFile(dir);
      const items = makeItems(2).map((item) => ({ ...item, imageUrls: ['javascript:alert(1)'] }));
      await writeFile(file.backupPath, JSON.stringify({ version: 2, savedAt: 1, items: [...items, { ...items[0], photoId: 'a b' }], history: [] }));
      const loaded = await file.load();
      expect(loaded).toMatchObject({ kind: 'restored', dropped: { items: 1, imageUrls: 2 } });
      expect(loaded.state.items.flatMap((i) => i.imageUrls)).toEqual([]);
    });

    it('lets plain-http image links to this machine through only when asked (a local stand-in of JoggAI)', async () => {
      const local = 'http://127.0.0.1:4010/images/p/1.svg';
      const remote = 'http://cdn.example.com/1.png';
      const text = JSON.stringify({ version: 2, savedAt: 1, items: [{ ...makeItems(1)[0], status: 'ready', imageUrls: [local, remote] }], history: [] });
      await writeFile(join(dir, 'watchlist.json'), text);
      expect((await new WatchlistFile(dir, { imagePolicy: { loopbackHttp: true } }).load()).state.items[0]?.imageUrls).toEqual([local]);
      expect((await new WatchlistFile(dir).load()).state.items[0]?.imageUrls).toEqual([]);
    });
  });

  describe.runIf(onPosix)('permissions', () => {
    const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

    it('creates the data folder for the owner only and writes the list and its backup 0600', async () => {
      const folder = join(dir, 'nested', 'data');
      const file = new WatchlistFile(folder);
      await file.load();
      await file.save(state(makeItems(2)));
      await file.save(state(makeItems(3)));
      expect(await modeOf(join(dir, 'nested'))).toBe(0o700);
      expect(await modeOf(folder)).toBe(0o700);
      expect(await modeOf(file.path)).toBe(0o600);
      expect(await modeOf(file.backupPath)).toBe(0o600);
    });

    it('tightens a list an older version left readable to all, and its backup, on the next save', async () => {
      const file = new WatchlistFile(dir);
      await writeFile(file.path, JSON.stringify({ version: 2, savedAt: 1, items: makeItems(1), history: [] }), { mode: 0o644 });
      await chmod(file.path, 0o644);
      await file.load();
      await file.save(state(makeItems(2)));
      expect(await modeOf(file.path)).toBe(0o600);
      expect(await modeOf(file.backupPath)).toBe(0o600);
    });

    it('writes 0600 on the session-end path too, and a copied backup as well', async () => {
      const noLinks = { ...realFileOps, link: () => Promise.reject(Object.assign(new Error('cross-device link'), { code: 'EXDEV' })) };
      const file = new WatchlistFile(join(dir, 'fresh'), { ops: noLinks });
      await file.load();
      file.saveSync(state(makeItems(1)));
      expect(await modeOf(join(dir, 'fresh'))).toBe(0o700);
      expect(await modeOf(file.path)).toBe(0o600);
      await chmod(file.path, 0o644);
      await file.save(state(makeItems(2)));
      expect(await modeOf(file.backupPath)).toBe(0o600);
      expect(await modeOf(file.path)).toBe(0o600);
    });
  });

  it('watches the first 50,000 photos of a file holding more, counting the rest and copying the file as it was', async () => {
    const file = await loadedFile();
    await file.save(state(makeItems(50_003, 'many'), 0));
    const original = await readFile(join(dir, 'watchlist.json'), 'utf8');
    const loaded = await new WatchlistFile(dir).load();
    expect(loaded.kind).toBe('loaded');
    if (loaded.kind !== 'loaded') return;
    expect(loaded.state.items).toHaveLength(50_000);
    expect(loaded.state.items.at(-1)?.photoId).toBe(makeItems(50_000, 'many').at(-1)?.photoId);
    expect(loaded.overCap).toMatchObject({ total: 50_003, aside: 3 });
    expect(await readFile(loaded.overCap!.copy, 'utf8')).toBe(original);
    if (onPosix) expect(((await stat(loaded.overCap!.copy)).mode & 0o777).toString(8)).toBe('600');
  }, 30_000);

  it('copies an over-cap backup as it was before it becomes the main file again', async () => {
    const file = await loadedFile();
    await file.save(state(makeItems(50_001, 'bk'), 0));
    await file.save(state(makeItems(1, 'newer'), 0)); // the over-cap list is now the backup
    const backup = await readFile(join(dir, 'watchlist.json.bak'), 'utf8');
    await writeFile(join(dir, 'watchlist.json'), '{"version":2,'); // the main file torn
    const loaded = await new WatchlistFile(dir).load();
    expect(loaded).toMatchObject({ kind: 'restored', overCap: { total: 50_001, aside: 1 } });
    if (loaded.kind !== 'restored') return;
    expect(loaded.state.items).toHaveLength(50_000);
    expect(await readFile(loaded.overCap!.copy, 'utf8')).toBe(backup);
  }, 30_000);

  it('keeps the previous generation as the backup after each save', async () => {
    const file = await loadedFile();
    await file.save(state(makeItems(1, 'first')));
    const first = await readFile(file.path, 'utf8');
    await file.save(state(makeItems(2, 'second')));
    const second = await readFile(file.path, 'utf8');
    expect(await readFile(file.backupPath, 'utf8')).toBe(first);
    await file.save(state(makeItems(3, 'third')));
    expect(await readFile(file.backupPath, 'utf8')).toBe(second);
  });

  it('copies the backup where the file system cannot hard-link', async () => {
    const noLinks = { ...realFileOps, link: () => Promise.reject(Object.assign(new Error('cross-device link'), { code: 'EXDEV' })) };
    const file = new WatchlistFile(dir, { ops: noLinks });
    await file.load();
    await file.save(state(makeItems(1, 'first')));
    const first = await readFile(file.path, 'utf8');
    await file.save(state(makeItems(2, 'second')));
    expect(await readFile(file.backupPath, 'utf8')).toBe(first);
  });

  it('refuses to save a list JSON cannot carry, and leaves the file as it was', async () => {
    const file = await loadedFile();
    const saved = state(makeItems(3));
    await file.save(saved);
    const before = await readFile(file.path, 'utf8');
    const broken = saved.items.map((item, i) => (i === 2 ? { ...item, addedAt: Number.NaN } : item));
    await expect(file.save({ ...saved, items: broken })).rejects.toThrow(/item 2 \("photo-000002"\) has an invalid addedAt \(NaN\)/);
    expect(await readFile(file.path, 'utf8')).toBe(before);
  });

  it('clears away temp files left by a killed write', async () => {
    const file = await loadedFile();
    await file.save(state(makeItems(2)));
    await writeFile(join(dir, 'watchlist.json.3735928559'), '{"version":2,"ite');
    expect((await file.load()).kind).toBe('loaded');
    expect((await readdir(dir)).sort()).toEqual(['watchlist.json']);
  });

  it('leaves the old or the new list, never a torn one, when the process dies in the middle of saving', async () => {
    const a = new Set(makeItems(2_000, 'a').map((i) => i.photoId));
    const b = new Set(makeItems(3_000, 'b').map((i) => i.photoId));
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/save-forever.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 30 + round * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const loaded = await new WatchlistFile(dir).load();
      if (loaded.kind === 'missing') continue; // killed before the first rename
      expect(loaded.kind).toBe('loaded'); // never restored: the main file itself is always whole
      if (loaded.kind !== 'loaded') return;
      const ids = new Set(loaded.state.items.map((i) => i.photoId));
      const which = ids.size === a.size && [...a].every((id) => ids.has(id)) ? 'a' : 'b';
      if (which === 'b') expect([...b].every((id) => ids.has(id)) && ids.size === b.size).toBe(true);
      expect(loaded.state.history).toHaveLength(which === 'a' ? 100 : 200);
      seen.add(which);
    }
    expect(seen.size).toBeGreaterThan(0);
    // Leftover temp files from killed writes must not be mistaken for the list, and are cleared on load.
    expect(await filesLike('watchlist.corrupt')).toEqual([]);
    expect((await readdir(dir)).filter((name) => /^watchlist\.json\.\d+$/.test(name))).toEqual([]);
  }, 30_000);
});
