// What the app saw of each photo's run (for an honest "took") survives a restart, and lists saved
// before these fields existed still load.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatchlistFile } from '../../main/core/watchlist/watchlist-file';
import { makeItems } from '../support/items';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-timeleft-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sightings in the watchlist file', () => {
  it('keeps when a photo was first seen in progress and last seen unfinished', async () => {
    const file = new WatchlistFile(dir);
    const [seen, never] = makeItems(2);
    const sighted = { ...seen!, status: 'ready' as const, finishedAt: 5_000, firstSeenInProgressAt: 1_000, lastSeenUnfinishedAt: 4_000 };
    await file.save({ items: [sighted, never!], history: [] });

    const loaded = await file.load();
    expect(loaded.kind).toBe('loaded');
    const items = loaded.kind === 'loaded' ? loaded.state.items : [];
    expect(items[0]).toMatchObject({ firstSeenInProgressAt: 1_000, lastSeenUnfinishedAt: 4_000 });
    // A photo never seen unfinished has no sighting to claim.
    expect(items[1]!.firstSeenInProgressAt ?? null).toBeNull();
    expect(items[1]!.lastSeenUnfinishedAt ?? null).toBeNull();
  });

  it('loads a list saved before sightings were recorded', async () => {
    const file = new WatchlistFile(dir);
    await file.save({ items: makeItems(3), history: [] });
    const raw = JSON.parse(await readFile(file.path, 'utf8')) as { items: Record<string, unknown>[] };
    expect(raw.items.some((item) => 'firstSeenInProgressAt' in item)).toBe(false);
    await writeFile(file.path, JSON.stringify(raw));

    const loaded = await file.load();
    expect(loaded.kind === 'loaded' && loaded.state.items.length).toBe(3);
  });
});
