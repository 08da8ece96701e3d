// The results room as the service sees it: one keeper wired to the settings and to the state
// patches, the contract's commands about kept files, and what the hosts need to copy or save an
// image (the kept file of a result link). The service only forwards to it.
import { join } from 'node:path';
import type { LocalCopiesUsage, ResultFilesSize, WatchItem } from '../../../preload/api';
import type { Clock, Logger } from '../ports';
import type { ImageUrlPolicy } from '../safe-url';
import type { SettingsFile } from '../settings/settings-file';
import { UNDO_KEEP_MS } from '../watchlist/removal';
import { ResultKeeper, type KeptImage, type ReadImage } from './result-keeper';

/** The folder below the data folder that the hosts serve (app://data/, the preview's /data/). */
export const DATA_FILES_DIR = 'files';
/**
 * As long as a removal can be undone (watchlist/removal.ts): files of a photo removed since then are
 * not deleted in bulk, so an Undo brings the photo back with its images.
 */
export const REMOVAL_UNDO_GRACE_MS = UNDO_KEEP_MS;

export interface ResultsRoomOptions {
  dataDir: string;
  imagePolicy: ImageUrlPolicy;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  settings: SettingsFile;
  /** The tracker's current item, to send again with its changed copies. */
  item(photoId: string): WatchItem | undefined;
  isWatched(photoId: string): boolean;
  upsert(items: WatchItem[]): void;
  usageChanged(usage: LocalCopiesUsage): void;
}

export interface ResultsRoom {
  /** Reads back the kept files and fetches what ready photos miss; after the list is loaded. */
  start(items: readonly WatchItem[]): Promise<void>;
  stop(): void;
  /** The item as the window sees it: with its local copies, when it has any. */
  decorate(item: WatchItem): WatchItem;
  /** The tracker changed these items: ready ones start their downloads. */
  track(items: readonly WatchItem[]): void;
  /** The photo left the list (its files stay until deleteResultFiles). */
  forget(photoId: string): void;
  usage(): LocalCopiesUsage;
  /** The kept file of one result link of a watched photo, or null. */
  localFileOf(photoId: string, url: string): string | null;
  /** A ready photo's result links with their kept files; empty for any other photo. */
  imagesOf(photoId: string): KeptImage[];
  /** One result image's bytes (kept, else fetched now), for the host's copy and save. */
  readImage(photoId: string, url: string): Promise<ReadImage>;
  resultFilesOf(photoIds: string[]): Promise<ResultFilesSize>;
  deleteResultFiles(photoIds: string[]): Promise<ResultFilesSize>;
  /** The Settings page's switch (settings' `localCopies`, the one place it is changed and saved). */
  follow(enabled: boolean): void;
  deleteUnlistedResultFiles(): Promise<ResultFilesSize>;
  /** Settles when no download is queued or running (tests). */
  idle(): Promise<void>;
}

export function createResultsRoom(options: ResultsRoomOptions): ResultsRoom {
  const keeper = new ResultKeeper({
    filesDir: join(options.dataDir, DATA_FILES_DIR),
    policy: options.imagePolicy,
    clock: options.clock,
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    copiesChanged: (photoIds) => {
      const items = photoIds.map((id) => options.item(id)).filter((item): item is WatchItem => item !== undefined);
      options.upsert(items.map(decorate));
    },
    usageChanged: options.usageChanged,
    isWatched: options.isWatched,
  });

  function decorate(item: WatchItem): WatchItem {
    const localCopies = keeper.copiesOf(item.photoId);
    return localCopies ? { ...item, localCopies } : item;
  }

  return {
    start: (items) => keeper.start(items, options.settings.get().localCopies),
    stop: () => keeper.stop(),
    decorate,
    track: (items) => {
      for (const item of items) keeper.track(item);
    },
    forget: (photoId) => keeper.forget(photoId),
    usage: () => keeper.usage(),
    localFileOf: (photoId, url) => keeper.localFileOf(photoId, url),
    imagesOf: (photoId) => keeper.imagesOf(photoId),
    readImage: (photoId, url) => keeper.readImage(photoId, url),
    resultFilesOf: (photoIds) => keeper.filesOf(photoIds),
    deleteResultFiles: (photoIds) => keeper.deleteFiles(photoIds, options.isWatched),
    deleteUnlistedResultFiles: () => keeper.deleteUnlistedFiles(REMOVAL_UNDO_GRACE_MS),
    follow: (enabled) => keeper.setEnabled(enabled),
    idle: () => keeper.idle(),
  };
}
