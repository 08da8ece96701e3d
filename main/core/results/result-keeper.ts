// Keeps local copies of every ready photo's result images. JoggAI's links expire and its own
// tooling says to download results at once: when a photo becomes ready its images are fetched in
// the background (two at a time, retried a few times with growing waits), checked, and written
// into the data folder, within a total disk cap the user can see. Restart-safe: at start the
// folder is read back, what is missing is fetched again, and the files of photos no longer in the
// list are kept (and counted) until the user deletes them.
import type { CopyProblem, LocalCopies, LocalCopiesUsage, ResultFilesSize, WatchItem } from '../../../preload/api';
import { LOCAL_COPIES_CAP_BYTES, MAX_RESULT_IMAGE_BYTES } from '../../../preload/api';
import type { Clock, Logger } from '../ports';
import type { ImageUrlPolicy } from '../safe-url';
import { readFile } from 'node:fs/promises';
import type { ImageActionProblem } from '../../../preload/api';
import { downloadImage } from './download-image';
import { sniffImage, type ImageKind } from './image-kind';
import { DiskTally } from './disk-tally';
import { photoFolderName, ResultFolder, writeProblemOf, type KeptFile } from './result-folder';

export interface ResultKeeperOptions {
  /** The data folder's `files/`. */
  filesDir: string;
  policy: ImageUrlPolicy;
  clock: Clock;
  logger: Logger;
  /** Electron's net.fetch (proxy, certificates); Node's fetch elsewhere. */
  fetch?: typeof fetch;
  capBytes?: number;
  maxImageBytes?: number;
  /** Downloads at once; a CDN is not JoggAI's API, but the user's connection is shared. */
  concurrency?: number;
  /** Tries after the first, for failures that may pass (network, timeout, 5xx). */
  retries?: number;
  /** The wait before the first retry; doubles each time. */
  backoffMs?: number;
  timeoutMs?: number;
  /** These photos' local copies changed (the window's rows show them). */
  copiesChanged(photoIds: string[]): void;
  usageChanged(usage: LocalCopiesUsage): void;
  /** Whether the photo is still in the list (start() reads the folder before it takes photos in). */
  isWatched?(photoId: string): boolean;
}

/** A ready photo's result link with its kept file: absolute (`file`) and below `files/` (`path`). */
export type KeptImage = { url: string; file: string; path: string } | { url: string; file: null; path: null };

/** One result image's bytes for copying or saving, or why there are none. */
export type ReadImage = { ok: true; bytes: Uint8Array; kind: ImageKind } | { ok: false; problem: ImageActionProblem; detail?: string };

interface PhotoCopies {
  folder: string;
  urls: readonly string[];
  files: (KeptFile | null)[];
  problems: (CopyProblem | null)[];
  /** Images queued, downloading or waiting for a retry. */
  pending: Set<number>;
  overCap: boolean;
}

interface Job {
  photoId: string;
  index: number;
  attempt: number;
}

export class ResultKeeper {
  private readonly folder: ResultFolder;
  private readonly photos = new Map<string, PhotoCopies>();
  /** Bytes on disk per photo folder, the unlisted ones included: what the cap counts. */
  private readonly tally = new DiskTally();
  /** Photos put back whose folder is being read (their downloads are not queued yet). */
  private scans = 0;
  private readonly queue: Job[] = [];
  private readonly retryTimers = new Set<unknown>();
  private running = 0;
  /** A download did not fit under the cap: full until room is made. */
  private capHit = false;
  /** Bytes being written right now, not yet in the tally. */
  private reserved = 0;
  private enabled = true;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly cap: number;
  private readonly concurrency: number;

  constructor(private readonly options: ResultKeeperOptions) {
    this.folder = new ResultFolder(options.filesDir);
    this.cap = options.capBytes ?? LOCAL_COPIES_CAP_BYTES;
    this.concurrency = options.concurrency ?? 2;
  }

  /**
   * Reads back what is on disk and fetches what the ready photos still miss. Settles once the
   * folder is read (at 50,000 photos that is many file system calls, so the service does not wait).
   */
  start(items: readonly WatchItem[], enabled: boolean): Promise<void> {
    this.starting = this.readBack(items, enabled);
    return this.starting;
  }

  private starting: Promise<void> = Promise.resolve();

  private async readBack(items: readonly WatchItem[], enabled: boolean): Promise<void> {
    this.enabled = enabled;
    const onDisk = await this.folder.folders();
    for (const [name, files] of onDisk) this.tally.set(name, sum(files));
    for (const item of items) {
      if (item.status !== 'ready' || item.imageUrls.length === 0) continue;
      // While the folder was read, a photo may have been removed, or become ready and been taken in.
      if (this.photos.has(item.photoId) || !(this.options.isWatched?.(item.photoId) ?? true)) continue;
      this.adopt(item, onDisk.get(photoFolderName(item.photoId)) ?? []);
    }
    this.options.usageChanged(this.usage());
    this.pump();
  }

  /** Every item the tracker changed: a photo that became ready starts its downloads. */
  track(item: WatchItem): void {
    if (this.stopped || item.status !== 'ready' || item.imageUrls.length === 0) return;
    const known = this.photos.get(item.photoId);
    if (known && sameUrls(known.urls, item.imageUrls)) return;
    // A photo put back (an undone removal) finds its files again instead of fetching them.
    const record = this.adopt(item, [], false);
    record.pending = new Set(item.imageUrls.map((_, i) => i));
    this.scans += 1;
    void this.folder.filesOf(item.photoId).then((files) => {
      this.scans -= 1;
      if (this.photos.get(item.photoId) !== record) {
        if (this.isIdle()) this.settleIdle();
        return;
      }
      record.pending.clear();
      for (const file of files) if (file.index < record.files.length) record.files[file.index] = file;
      this.tally.set(record.folder, sum(files));
      this.enqueueMissing(item.photoId, record);
      this.changed(item.photoId);
      this.options.usageChanged(this.usage());
      this.pump();
    });
  }

  /** The photo left the list: its state goes, its files stay until deleteFiles. */
  forget(photoId: string): void {
    const record = this.photos.get(photoId);
    if (!record) return;
    this.photos.delete(photoId);
    this.tally.unlist(record.folder);
    this.forgottenAt.set(record.folder, this.options.clock.now());
    this.options.usageChanged(this.usage());
  }

  copiesOf(photoId: string): LocalCopies | undefined {
    const record = this.photos.get(photoId);
    if (!record) return undefined;
    const files = record.files.map((file) => file?.path ?? null);
    const bytes = record.files.reduce((total, file) => total + (file?.bytes ?? 0), 0);
    const state = stateOf(record, this.enabled);
    const problem = record.problems.find((p) => p !== null);
    return { state, files, bytes, ...(state === 'failed' && problem ? { problem } : {}) };
  }

  usage(): LocalCopiesUsage {
    const usedBytes = this.tally.used;
    return { enabled: this.enabled, usedBytes, capBytes: this.cap, full: usedBytes >= this.cap || this.capHit, unlistedBytes: this.tally.unlisted };
  }

  /** Off: nothing new is fetched (kept files stay shown). On: whatever is missing is fetched. */
  setEnabled(enabled: boolean): void {
    if (this.enabled === enabled) return;
    this.enabled = enabled;
    if (!enabled) this.queue.length = 0;
    for (const [photoId, record] of this.photos) {
      if (!enabled) for (const index of [...record.pending]) if (!this.isRunning(photoId, index)) record.pending.delete(index);
      if (enabled) this.enqueueMissing(photoId, record);
    }
    this.changed(...this.photos.keys());
    this.options.usageChanged(this.usage());
    this.pump();
  }

  /** A ready photo's result links with their kept files (absolute paths, null when not on disk). */
  imagesOf(photoId: string): KeptImage[] {
    const record = this.photos.get(photoId);
    if (!record) return [];
    return record.urls.map((url, i) => {
      const file = record.files[i];
      return file ? { url, file: this.folder.absolutePath(file.path), path: file.path } : { url, file: null, path: null };
    });
  }

  /** The bytes of one result image: the kept file, else fetched now (same checks as a download). */
  async readImage(photoId: string, url: string): Promise<ReadImage> {
    const image = this.imagesOf(photoId).find((candidate) => candidate.url === url);
    if (!image) return { ok: false, problem: 'not-result' };
    if (image.file !== null) {
      const bytes = await readFile(image.file).catch(() => null);
      const kind = bytes ? sniffImage(bytes) : null;
      if (bytes && kind) return { ok: true, bytes, kind };
    }
    const got = await downloadImage(url, {
      policy: this.options.policy,
      maxBytes: this.options.maxImageBytes ?? MAX_RESULT_IMAGE_BYTES,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    return got.ok ? got : { ok: false, problem: 'not-downloaded', detail: got.problem };
  }

  /** The kept file of one result image, by its https link; null when it is not on disk. */
  localFileOf(photoId: string, url: string): string | null {
    const record = this.photos.get(photoId);
    const file = record?.files[record.urls.indexOf(url)];
    return file ? this.folder.absolutePath(file.path) : null;
  }

  async filesOf(photoIds: readonly string[]): Promise<ResultFilesSize> {
    let files = 0;
    let bytes = 0;
    for (const photoId of photoIds) {
      const kept = await this.folder.filesOf(photoId);
      files += kept.length;
      bytes += sum(kept);
    }
    return { files, bytes };
  }

  /** Deletes the files of photos that are not in the list (`isWatched` false). */
  async deleteFiles(photoIds: readonly string[], isWatched: (photoId: string) => boolean): Promise<ResultFilesSize> {
    const folders = [...new Set(photoIds)].filter((id) => !isWatched(id) && !this.photos.has(id)).map(photoFolderName);
    return this.deleteFolders(folders);
  }

  /**
   * Deletes the files of photos no longer in the list ("Delete files of removed photos"), except
   * those removed within `graceMs`: their removal may still be undone.
   */
  async deleteUnlistedFiles(graceMs: number): Promise<ResultFilesSize> {
    const now = this.options.clock.now();
    const folders = this.tally.unlistedFolders().filter((folder) => now - (this.forgottenAt.get(folder) ?? -Infinity) >= graceMs);
    return this.deleteFolders(folders);
  }

  private async deleteFolders(folders: readonly string[]): Promise<ResultFilesSize> {
    let files = 0;
    let bytes = 0;
    for (const folder of folders) {
      const deleted = await this.folder.delete(folder);
      this.tally.set(folder, 0);
      this.forgottenAt.delete(folder);
      files += deleted.files;
      bytes += deleted.bytes;
    }
    if (files > 0) this.roomMade();
    this.options.usageChanged(this.usage());
    return { files, bytes };
  }

  /** When each photo left the list this session (folder name), for deleteUnlistedFiles' grace. */
  private readonly forgottenAt = new Map<string, number>();

  /** Settles once nothing is queued, downloading or waiting to be retried (tests, shutdown). */
  async idle(): Promise<void> {
    await this.starting;
    if (this.isIdle()) return;
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    for (const timer of this.retryTimers) this.options.clock.clearTimeout(timer);
    this.retryTimers.clear();
    for (const record of this.photos.values()) record.pending.clear();
    this.settleIdle();
  }

  private adopt(item: WatchItem, onDisk: readonly KeptFile[], enqueue = true): PhotoCopies {
    const record: PhotoCopies = {
      folder: photoFolderName(item.photoId),
      urls: [...item.imageUrls],
      files: item.imageUrls.map((_, i) => onDisk.find((file) => file.index === i) ?? null),
      problems: item.imageUrls.map(() => null),
      pending: new Set(),
      overCap: false,
    };
    this.photos.set(item.photoId, record);
    this.tally.list(record.folder);
    if (enqueue) this.enqueueMissing(item.photoId, record);
    return record;
  }

  private enqueueMissing(photoId: string, record: PhotoCopies): void {
    if (!this.enabled || this.stopped) return;
    record.files.forEach((file, index) => {
      if (file !== null || record.pending.has(index)) return;
      record.pending.add(index);
      record.problems[index] = null;
      this.queue.push({ photoId, index, attempt: 0 });
    });
  }

  private readonly runningJobs = new Set<string>();
  private isRunning(photoId: string, index: number): boolean {
    return this.runningJobs.has(`${index}:${photoId}`);
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const record = this.photos.get(job.photoId);
      if (!record || !record.pending.has(job.index)) continue;
      if (this.usage().full) {
        this.overCap(job.photoId, record);
        continue;
      }
      this.running += 1;
      this.runningJobs.add(`${job.index}:${job.photoId}`);
      void this.run(job, record).finally(() => {
        this.running -= 1;
        this.runningJobs.delete(`${job.index}:${job.photoId}`);
        this.pump();
        if (this.isIdle()) this.settleIdle();
      });
    }
    if (this.isIdle()) this.settleIdle();
  }

  private async run(job: Job, record: PhotoCopies): Promise<void> {
    const url = record.urls[job.index]!;
    const got = await downloadImage(url, {
      policy: this.options.policy,
      maxBytes: this.options.maxImageBytes ?? MAX_RESULT_IMAGE_BYTES,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    if (this.stopped || this.photos.get(job.photoId) !== record || !record.pending.has(job.index)) return;
    if (!got.ok) {
      if (got.retry && job.attempt < (this.options.retries ?? 3)) {
        this.retryLater({ ...job, attempt: job.attempt + 1 });
        return;
      }
      this.options.logger.warn(`Could not keep result image ${job.index + 1} of a photo: ${got.problem} ${got.detail}`.trim());
      this.settle(job, record, null, got.problem);
      return;
    }
    // Downloads finish two at a time: what the other one is writing counts already.
    if (this.usage().usedBytes + this.reserved + got.bytes.byteLength > this.cap) {
      this.overCap(job.photoId, record);
      return;
    }
    this.reserved += got.bytes.byteLength;
    try {
      const path = await this.folder.write(job.photoId, job.index, got.kind, got.bytes);
      const file = { index: job.index, path, bytes: got.bytes.byteLength };
      this.tally.add(record.folder, file.bytes - (record.files[job.index]?.bytes ?? 0));
      this.settle(job, record, file, null);
      this.options.usageChanged(this.usage());
    } catch (error) {
      this.options.logger.warn(`Could not write a result image: ${(error as Error).message}`);
      this.settle(job, record, null, writeProblemOf(error));
    } finally {
      this.reserved -= got.bytes.byteLength;
    }
  }

  private settle(job: Job, record: PhotoCopies, file: KeptFile | null, problem: CopyProblem | null): void {
    record.pending.delete(job.index);
    if (file) record.files[job.index] = file;
    record.problems[job.index] = problem;
    this.changed(job.photoId);
  }

  private retryLater(job: Job): void {
    const wait = (this.options.backoffMs ?? 5_000) * 2 ** (job.attempt - 1);
    const timer = this.options.clock.setTimeout(() => {
      this.retryTimers.delete(timer);
      this.queue.push(job);
      this.pump();
    }, wait);
    this.retryTimers.add(timer);
  }

  private overCap(photoId: string, record: PhotoCopies): void {
    record.pending.clear();
    if (!record.overCap) this.options.logger.warn('Local copies of results reached their disk cap; new results are not downloaded.');
    record.overCap = true;
    this.capHit = true;
    this.changed(photoId);
    this.options.usageChanged(this.usage());
  }

  /** Files were deleted: photos held back by the cap try again. */
  private roomMade(): void {
    this.capHit = false;
    for (const [photoId, record] of this.photos) {
      if (!record.overCap) continue;
      record.overCap = false;
      this.enqueueMissing(photoId, record);
      this.changed(photoId);
    }
    this.pump();
  }

  private changed(...photoIds: string[]): void {
    if (photoIds.length > 0) this.options.copiesChanged(photoIds);
  }

  private isIdle(): boolean {
    // Every pending image is queued, running or waiting for a retry, or its photo's folder is being read.
    return this.running === 0 && this.queue.length === 0 && this.retryTimers.size === 0 && this.scans === 0;
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function stateOf(record: PhotoCopies, enabled: boolean): LocalCopies['state'] {
  if (record.files.every((file) => file !== null)) return 'kept';
  if (record.pending.size > 0) return 'downloading';
  if (record.overCap) return 'over-cap';
  if (record.problems.some((p) => p !== null)) return 'failed';
  return enabled ? 'downloading' : 'off';
}

function sum(files: readonly KeptFile[]): number {
  return files.reduce((total, file) => total + file.bytes, 0);
}

function sameUrls(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((url, i) => url === b[i]);
}
