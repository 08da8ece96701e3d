// The synchronous save for the moment Windows ends the session: the saver, the watchlist file
// and the service each write before returning, and only what needs writing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createAvatarWatchService } from '../../main/core/service';
import { CoalescedSave } from '../../main/core/watchlist/coalesced-save';
import { WatchlistFile, WatchlistTooNewError } from '../../main/core/watchlist/watchlist-file';
import { makeHistory, makeItems } from '../support/items';
import { VirtualClock } from '../support/virtual-clock';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-flush-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('CoalescedSave.flushSync', () => {
  it('writes pending changes before returning, and nothing when nothing is pending', async () => {
    const clock = new VirtualClock();
    let asyncWrites = 0;
    const save = new CoalescedSave(clock, async () => void asyncWrites++, () => {});
    const writeSync = vi.fn();
    save.flushSync(writeSync);
    expect(writeSync).not.toHaveBeenCalled();

    save.requestLazy();
    save.flushSync(writeSync);
    expect(writeSync).toHaveBeenCalledTimes(1);
    // The planned async write has nothing left to do.
    await clock.advance(120_000);
    expect(asyncWrites).toBe(0);
    save.flushSync(writeSync);
    expect(writeSync).toHaveBeenCalledTimes(1);
  });

  it('writes even when nothing changed since an async write that has not landed, then writes again after it', async () => {
    const clock = new VirtualClock();
    let release: () => void = () => {};
    let asyncWrites = 0;
    const save = new CoalescedSave(
      clock,
      () => {
        asyncWrites++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => {},
    );
    save.request();
    await clock.advance(500);
    expect(asyncWrites).toBe(1); // under way, not landed
    const writeSync = vi.fn();
    save.flushSync(writeSync);
    expect(writeSync).toHaveBeenCalledTimes(1);
    // The slow write carries older state: once it lands, the current state is written again.
    release();
    await clock.advance(500);
    expect(asyncWrites).toBe(2);
  });

  it('reports a failed synchronous write and leaves the changes pending', async () => {
    const clock = new VirtualClock();
    let asyncWrites = 0;
    const onError = vi.fn();
    const save = new CoalescedSave(clock, async () => void asyncWrites++, onError);
    save.request();
    save.flushSync(() => {
      throw new Error('disk full');
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
    await clock.advance(5_000);
    expect(asyncWrites).toBe(1);
  });
});

describe('WatchlistFile.saveSync', () => {
  it('writes the list before returning and keeps the previous one as the backup', async () => {
    const file = new WatchlistFile(dir);
    await file.load();
    await file.save({ items: makeItems(2), history: [] });
    file.saveSync({ items: makeItems(3), history: makeHistory(2) });
    const main = JSON.parse(await readFile(file.path, 'utf8')) as { items: unknown[]; history: unknown[] };
    const backup = JSON.parse(await readFile(file.backupPath, 'utf8')) as { items: unknown[] };
    expect(main.items).toHaveLength(3);
    expect(main.history).toHaveLength(2);
    expect(backup.items).toHaveLength(2);
    const reloaded = await new WatchlistFile(dir).load();
    expect(reloaded.kind).toBe('loaded');
    expect(reloaded.state.items).toHaveLength(3);
  });

  it('never overwrites a newer app version\'s file', async () => {
    await writeFile(join(dir, 'watchlist.json'), JSON.stringify({ version: 999, items: [] }));
    const file = new WatchlistFile(dir);
    expect((await file.load()).kind).toBe('too-new');
    expect(() => file.saveSync({ items: makeItems(1), history: [] })).toThrow(WatchlistTooNewError);
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toEqual({ version: 999, items: [] });
  });

  it('writes nothing for a file never loaded (nothing of ours to keep yet)', async () => {
    const file = new WatchlistFile(dir);
    file.saveSync({ items: makeItems(1), history: [] });
    await expect(readFile(file.path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('service.flushSync', () => {
  it('writes a just-added photo before returning (the lazy and the 500 ms saves have not run)', async () => {
    const service = createAvatarWatchService({
      dataDir: dir,
      secretStore: createMemorySecretStore(null),
      notifier: { notify: () => {} },
      logger: quiet,
      clock: new VirtualClock(),
    });
    service.flushSync(); // before start: nothing loaded, nothing written
    await expect(readFile(join(dir, 'watchlist.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await service.start();
    await service.addPhotos('photo-sync-1');
    service.flushSync();
    const saved = JSON.parse(await readFile(join(dir, 'watchlist.json'), 'utf8')) as { items: { photoId: string }[] };
    expect(saved.items.map((item) => item.photoId)).toEqual(['photo-sync-1']);
    await service.stop();
  });

  it('sends JoggAI requests through the fetch the host gives', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ code: 10105, msg: 'bad key' }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const service = createAvatarWatchService({
      dataDir: dir,
      secretStore: createMemorySecretStore(null),
      notifier: { notify: () => {} },
      logger: quiet,
      fetch,
    });
    await service.start();
    const answer = await service.saveApiKey('a-key-of-decent-length');
    expect(fetch).toHaveBeenCalled();
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain('api.jogg.ai');
    expect(answer.ok).toBe(false);
    await service.stop();
  });
});
