// The tray icon that keeps the app reachable while its window is closed: a two-item menu and a
// tooltip that counts what is still being made and what is ready.
import { Menu, Tray, nativeImage } from 'electron';
import { join } from 'node:path';
import type { ConnectionState, PhotoStatus, StatePatch, WatchItem } from '../../preload/api';

/** The icons ship in `resources/` next to `out/` (in the asar when packaged). */
export const RESOURCES_DIR = join(__dirname, '../../resources');
export const TRAY_ICON_PATH = join(RESOURCES_DIR, 'tray.png');
export const APP_ICON_PATH = join(RESOURCES_DIR, 'icon.png');

export interface TrayCounts {
  inProgress: number;
  ready: number;
  failed: number;
}

/** The counts, unless JoggAI cannot be reached: then that is what someone glancing needs to know. */
export function tooltipFor(counts: TrayCounts, connection: ConnectionState['state'] = 'online'): string {
  if (connection === 'offline') return 'Avatar Watch — can’t reach JoggAI';
  const parts: string[] = [];
  if (counts.inProgress > 0) parts.push(`${counts.inProgress} in progress`);
  if (counts.ready > 0) parts.push(`${counts.ready} ready`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  return `Avatar Watch — ${parts.length > 0 ? parts.join(', ') : 'nothing watched yet'}`;
}

function countStatuses(statuses: Iterable<PhotoStatus>): TrayCounts {
  const counts: TrayCounts = { inProgress: 0, ready: 0, failed: 0 };
  for (const status of statuses) {
    if (status === 'ready') counts.ready += 1;
    else if (status === 'failed') counts.failed += 1;
    else if (status !== 'not_found') counts.inProgress += 1;
  }
  return counts;
}

export interface AppTray {
  /** Starts over from a full list (the snapshot after start). */
  reset(items: WatchItem[], connection?: ConnectionState): void;
  /** Follows one state patch from the core. */
  apply(patch: StatePatch): void;
  destroy(): void;
}

export interface AppTrayOptions {
  onShow: () => void;
  onQuit: () => void;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(TRAY_ICON_PATH));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Avatar Watch', click: () => options.onShow() },
      { type: 'separator' },
      { label: 'Quit', click: () => options.onQuit() },
    ]),
  );
  // Windows and most Linux desktops open the app on a plain click; macOS shows the menu.
  tray.on('click', () => options.onShow());

  // A tiny mirror of statuses, enough for the counts.
  const statuses = new Map<string, PhotoStatus>();
  let connection: ConnectionState['state'] = 'online';
  const refresh = () => tray.setToolTip(tooltipFor(countStatuses(statuses.values()), connection));
  refresh();

  return {
    reset(items, nextConnection) {
      statuses.clear();
      for (const item of items) statuses.set(item.photoId, item.status);
      connection = nextConnection?.state ?? 'online';
      refresh();
    },
    apply(patch) {
      if (patch.replaceAll) statuses.clear();
      for (const item of patch.upserted ?? []) statuses.set(item.photoId, item.status);
      for (const photoId of patch.removed ?? []) statuses.delete(photoId);
      if (patch.connection) connection = patch.connection.state;
      if (patch.replaceAll || patch.upserted?.length || patch.removed?.length || patch.connection) refresh();
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
