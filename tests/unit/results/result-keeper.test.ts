// The local copies of results against the real fake JoggAI server on loopback: real PNGs over
// HTTP, real files in a temporary data folder, every fault the image route can show.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCopiesUsage, WatchItem } from '../../../preload/api';
import { systemClock } from '../../../main/core/ports';
import { ResultKeeper, type ResultKeeperOptions } from '../../../main/core/results/result-keeper';
import { photoFolderName } from '../../../main/core/results/result-folder';
import { startFakeJogg, type FakeJogg } from '../../fake-jogg/server';
import { VirtualClock } from '../../support/virtual-clock';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let fake: FakeJogg;
let dataDir: string;
let filesDir: string;
let keepers: ResultKeeper[] = [];
let usage: LocalCopiesUsage | null;

beforeAll(async () => {
  fake = await startFakeJogg();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'aw-results-'));
  filesDir = join(dataDir, 'files');
  usage = null;
});
afterEach(async () => {
  for (const keeper of keepers) keeper.stop();
  keepers = [];
  await rm(dataDir, { recursive: true, force: true });
});

function keeper(options: Partial<ResultKeeperOptions> = {}): ResultKeeper {
  const made = new ResultKeeper({
    filesDir,
    policy: { loopbackHttp: true },
    clock: systemClock,
    logger: quiet,
    retries: 1,
    backoffMs: 10,
    copiesChanged: () => {},
    usageChanged: (next) => (usage = next),
    ...options,
  });
  keepers.push(made);
  return made;
}

function ready(photoId: string, count = 4): WatchItem {
  return {
    photoId,
    status: 'ready',
    addedAt: 0,
    lastCheckedAt: 0,
    nextCheckAt: null,
    finishedAt: 1,
    checks: 3,
    imageUrls: Array.from({ length: count }, (_, i) => `${fake.url}/images/${photoId}/${i + 1}.png`),
    failureMessage: null,
    rawStatus: null,
    problem: null,
    lateness: 'usual',
  };
}

const imageRequests = () => fake.requests.filter((r) => r.path.startsWith('/images/')).length;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('a photo that becomes ready', () => {
  it('has its four images fetched into files/results/<folder>/<n>.png, private, and shown as kept', async () => {
    const k = keeper();
    await k.start([], true);
    k.track(ready('p1'));
    expect(k.copiesOf('p1')?.state).toBe('downloading');
    await k.idle();
    const copies = k.copiesOf('p1')!;
    expect(copies.state).toBe('kept');
    const folder = photoFolderName('p1');
    expect(copies.files).toEqual([1, 2, 3, 4].map((n) => `results/${folder}/${n}.png`));
    const bytes = await readFile(join(filesDir, copies.files[0]!));
    expect([...bytes.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(copies.bytes).toBe((await Promise.all(copies.files.map((f) => stat(join(filesDir, f!))))).reduce((s, i) => s + i.size, 0));
    if (process.platform !== 'win32') {
      expect((await stat(join(filesDir, copies.files[0]!))).mode & 0o777).toBe(0o600);
      expect((await stat(join(filesDir, 'results', folder))).mode & 0o777).toBe(0o700);
    }
    expect(usage).toMatchObject({ enabled: true, usedBytes: copies.bytes, full: false, unlistedBytes: 0 });
    expect(k.localFileOf('p1', ready('p1').imageUrls[1]!)).toBe(join(filesDir, copies.files[1]!));
  });

  it('an ID no file system takes as a name still gets its own folder, apart from one differing in case', () => {
    expect(photoFolderName('../../etc/passwd')).toMatch(/^[a-z0-9_-]+$/);
    expect(photoFolderName('con')).not.toBe('con');
    expect(photoFolderName('ABC')).not.toBe(photoFolderName('abc'));
  });

  it('keeps nothing over plain http in release (only the loopback stand-in of JoggAI may use http)', async () => {
    const k = keeper({ policy: { loopbackHttp: false } });
    await k.start([], true);
    k.track(ready('p1', 1));
    await k.idle();
    expect(k.copiesOf('p1')).toMatchObject({ state: 'failed', problem: 'not-https', files: [null] });
    expect(imageRequests()).toBe(0);
  });
});

describe('what is refused, with nothing left on disk', () => {
  async function keptAfter(fault: Parameters<FakeJogg['setImageFault']>[0]) {
    fake.setImageFault(fault);
    const k = keeper();
    await k.start([], true);
    k.track(ready('p1', 1));
    await k.idle();
    const left = await readdir(join(filesDir, 'results', photoFolderName('p1'))).catch(() => []);
    return { copies: k.copiesOf('p1'), left };
  }

  it('an image over the size cap (the rest of the body is never read)', async () => {
    const { copies, left } = await keptAfter('too-large');
    expect(copies).toMatchObject({ state: 'failed', problem: 'too-large' });
    expect(left).toEqual([]);
  });

  it('a page that is not an image, by its label', async () => {
    expect((await keptAfter('not-image')).copies).toMatchObject({ state: 'failed', problem: 'not-image' });
  });

  it('a page labelled image/png whose bytes are not an image', async () => {
    const { copies, left } = await keptAfter('disguised');
    expect(copies).toMatchObject({ state: 'failed', problem: 'not-image' });
    expect(left).toEqual([]);
  });

  it('a redirect to plain http', async () => {
    expect((await keptAfter('redirect-http')).copies).toMatchObject({ state: 'failed', problem: 'not-https' });
  });

  it('an expired link (404), not retried', async () => {
    expect((await keptAfter('off')).copies).toMatchObject({ state: 'failed', problem: 'http-error' });
    expect(imageRequests()).toBe(1);
  });

  it('a download cut off half way: retried, and never left as a finished (or temporary) file', async () => {
    const { copies, left } = await keptAfter('truncated');
    expect(copies).toMatchObject({ state: 'failed', problem: 'network', files: [null] });
    expect(left).toEqual([]);
    expect(imageRequests()).toBe(2);
  });

  it('a cut download that works on the retry is kept', async () => {
    fake.setImageFault('truncated');
    const k = keeper({ backoffMs: 200 });
    await k.start([], true);
    k.track(ready('p1', 1));
    setTimeout(() => fake.setImageFault(null), 50);
    await k.idle();
    expect(k.copiesOf('p1')?.state).toBe('kept');
  });
});

describe('the disk cap', () => {
  it('stops downloading new results at the cap and says so; deleting a removed photo’s files makes room', async () => {
    const probe = keeper();
    await probe.start([], true);
    probe.track(ready('old', 2));
    await probe.idle();
    const twoImages = probe.copiesOf('old')!.bytes;
    probe.stop();

    // Room for the old photo's two images and one more.
    const k = keeper({ capBytes: twoImages + twoImages / 2 + 10 });
    await k.start([], true);
    k.track(ready('p1', 2));
    await k.idle();
    expect(k.copiesOf('p1')).toMatchObject({ state: 'over-cap', files: [expect.any(String), null] });
    expect(usage).toMatchObject({ full: true, unlistedBytes: twoImages });

    expect(await k.deleteFiles(['old'], () => false)).toEqual({ files: 2, bytes: twoImages });
    await k.idle();
    expect(k.copiesOf('p1')?.state).toBe('kept');
    expect(usage).toMatchObject({ full: false, unlistedBytes: 0 });
  });
});

describe('restart and removal', () => {
  it('a restart fetches only what is missing, clears leftovers, keeps and counts removed photos’ files', async () => {
    const first = keeper();
    await first.start([], true);
    first.track(ready('p1'));
    first.track(ready('gone', 1));
    await first.idle();
    const kept = first.copiesOf('p1')!;
    first.stop();
    const folder = join(filesDir, 'results', photoFolderName('p1'));
    await rm(join(filesDir, kept.files[2]!));
    await writeFile(join(folder, '3.png.abc.part'), 'half');
    const requestsBefore = imageRequests();

    // JoggAI's links have expired since: what is on disk is still shown.
    const second = keeper();
    await second.start([ready('p1')], true);
    await second.idle();
    expect(imageRequests() - requestsBefore).toBe(1);
    expect(second.copiesOf('p1')?.state).toBe('kept');
    expect((await readdir(folder)).sort()).toEqual(['1.png', '2.png', '3.png', '4.png']);
    expect(usage?.unlistedBytes).toBeGreaterThan(0);

    fake.setImageFault('off');
    const third = keeper();
    await third.start([ready('p1')], true);
    await third.idle();
    expect(third.copiesOf('p1')).toMatchObject({ state: 'kept', files: kept.files });
  });

  it('files are deleted only for photos no longer in the list (a removal that can be undone keeps them)', async () => {
    const k = keeper();
    await k.start([], true);
    k.track(ready('p1', 1));
    await k.idle();
    expect(await k.filesOf(['p1'])).toMatchObject({ files: 1 });
    expect(await k.deleteFiles(['p1'], () => true)).toEqual({ files: 0, bytes: 0 });
    k.forget('p1');
    expect(await k.deleteFiles(['p1'], () => false)).toMatchObject({ files: 1 });
    expect(await k.filesOf(['p1'])).toEqual({ files: 0, bytes: 0 });
  });

  it('"Delete files of removed photos" spares a photo removed within the grace (its removal may be undone)', async () => {
    const clock = new VirtualClock();
    const k = keeper({ clock });
    await k.start([], true);
    k.track(ready('early', 1));
    k.track(ready('late', 1));
    await k.idle();
    k.forget('early');
    clock.jump(61_000);
    k.forget('late');
    const early = k.copiesOf('early');
    expect(early).toBeUndefined();
    const deleted = await k.deleteUnlistedFiles(60_000);
    expect(deleted.files).toBe(1);
    expect(await k.filesOf(['early'])).toEqual({ files: 0, bytes: 0 });
    expect(await k.filesOf(['late'])).toMatchObject({ files: 1 });
  });

  it('a photo put back after its removal finds its files again instead of fetching them', async () => {
    const k = keeper();
    await k.start([], true);
    k.track(ready('p1', 2));
    await k.idle();
    k.forget('p1');
    const before = imageRequests();
    k.track(ready('p1', 2));
    await k.idle();
    expect(k.copiesOf('p1')?.state).toBe('kept');
    expect(imageRequests()).toBe(before);
  });
});

describe('the setting', () => {
  it('off: nothing is fetched and the row says so; on again: the missing ones are fetched', async () => {
    const k = keeper();
    await k.start([], false);
    k.track(ready('p1', 2));
    await k.idle();
    expect(k.copiesOf('p1')).toMatchObject({ state: 'off', files: [null, null] });
    expect(imageRequests()).toBe(0);
    k.setEnabled(true);
    await k.idle();
    expect(k.copiesOf('p1')?.state).toBe('kept');
    expect(usage?.enabled).toBe(true);
  });

  it('never more than two downloads at once', async () => {
    const k = keeper();
    await k.start([], true);
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const limited = keeper({ fetch: counting });
    await limited.start([], true);
    for (const id of ['a', 'b', 'c']) limited.track(ready(id));
    await limited.idle();
    expect(most).toBe(2);
    expect(['a', 'b', 'c'].map((id) => limited.copiesOf(id)?.state)).toEqual(['kept', 'kept', 'kept']);
    expect(k.copiesOf('a')).toBeUndefined();
  });
});

