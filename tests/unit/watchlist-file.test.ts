import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatchlistFile } from '../../main/core/watchlist/watchlist-file';
import { makeItems } from '../support/items';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the watchlist file', () => {
  it('starts empty when there is no file yet', async () => {
    expect(await new WatchlistFile(join(dir, 'new-folder')).load()).toEqual({ kind: 'missing', items: [] });
  });

  it('gives back every item in every state after a save, without schedules or transient problems', async () => {
    const items = makeItems(60).map((item, i) => (i === 0 ? { ...item, nextCheckAt: 5, problem: { kind: 'network' as const, message: 'x' } } : item));
    const file = new WatchlistFile(dir);
    await file.save(items);
    const loaded = await file.load();
    expect(loaded.kind).toBe('loaded');
    expect(loaded.items).toEqual(items.map((item) => ({ ...item, nextCheckAt: null, problem: null })));
  });

  it('keeps a corrupt file aside under a new name, reports why, and never overwrites it', async () => {
    const file = new WatchlistFile(dir);
    const torn = '{"version":1,"items":[{"photoId":"abc","sta';
    await writeFile(file.path, torn);
    const loaded = await file.load();
    expect(loaded.kind).toBe('corrupt');
    if (loaded.kind !== 'corrupt') return;
    expect(loaded.reason).toMatch(/not valid JSON/);
    expect(await readFile(loaded.keptAt, 'utf8')).toBe(torn);
    await file.save(makeItems(1));
    expect(await readFile(loaded.keptAt, 'utf8')).toBe(torn);
  });

  it('treats valid JSON of the wrong shape as corrupt and names the field', async () => {
    const file = new WatchlistFile(dir);
    await writeFile(file.path, JSON.stringify({ version: 1, items: [{ photoId: 'a', status: 'exploded' }] }));
    const loaded = await file.load();
    expect(loaded.kind).toBe('corrupt');
    if (loaded.kind === 'corrupt') expect(loaded.reason).toMatch(/items\.0\.status/);
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
      expect(loaded.kind).toBe('loaded');
      const ids = new Set(loaded.items.map((i) => i.photoId));
      const which = ids.size === a.size && [...a].every((id) => ids.has(id)) ? 'a' : 'b';
      if (which === 'b') expect([...b].every((id) => ids.has(id)) && ids.size === b.size).toBe(true);
      seen.add(which);
    }
    expect(seen.size).toBeGreaterThan(0);
    // Leftover temp files from killed writes must not be mistaken for the list.
    expect((await readdir(dir)).filter((f) => f.startsWith('watchlist.corrupt'))).toEqual([]);
  }, 30_000);
});
