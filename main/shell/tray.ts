// The tray icon that keeps the app reachable while its window is closed: counts, what finished
// since the window was last open, the last few finished photos (a click opens the window on that
// photo), Check all now, Pause checking, Show and Quit. Its icon says idle / needs attention /
// offline. Every word comes from the window's catalogue; the menu is rebuilt only when something
// it shows changed (a list of 10,000 photos checked every few seconds must not rebuild it each time).
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { Snapshot, StatePatch } from '../../preload/api';
import { shortPhotoId } from '../../renderer/src/i18n/notification-words';
import type { Translate } from './text';
import { TrayModel, iconStateFor, type TrayIconState, type TrayView } from './tray-model';

/** The icons ship in `resources/` next to `out/` (in the asar when packaged). */
export const RESOURCES_DIR = join(__dirname, '../../resources');
export const TRAY_ICON_DIR = join(RESOURCES_DIR, 'tray');
export const APP_ICON_PATH = join(RESOURCES_DIR, 'icon.png');

/**
 * The icon file for a state. macOS gets its `…Template` images (black and clear, recoloured by
 * the menu bar for light and dark); elsewhere small monochrome PNGs. Electron picks `@2x` itself.
 */
export function trayIconPath(state: TrayIconState, platform: NodeJS.Platform): string {
  return join(TRAY_ICON_DIR, `tray-${state}${platform === 'darwin' ? 'Template' : ''}.png`);
}

export interface AppTray {
  /** Starts over from a whole picture (the snapshot after start). */
  reset(snapshot: Pick<Snapshot, 'items' | 'pause' | 'connection'> & { checkingPaused?: boolean }): void;
  /** Follows one state patch from the core. */
  apply(patch: StatePatch): void;
  /** The window was shown at `at`: what finished before has been seen. */
  markSeen(at: number | null): void;
  /** The language changed: the tooltip and menu are worded again. */
  reword(): void;
  destroy(): void;
}

export interface AppTrayOptions {
  translate: Translate;
  platform?: NodeJS.Platform;
  onShow: () => void;
  onShowItem: (photoId: string) => void;
  onCheckAll: () => void;
  onSetPaused: (paused: boolean) => void;
  onQuit: () => void;
}

/** The tooltip: counts, and the one state that matters at a glance (offline, paused). */
export function tooltipFor(view: TrayView, t: Translate): string {
  if (view.connection === 'offline') return t('tray.tooltip', { details: t('tray.tooltipOffline') });
  const parts: string[] = [];
  if (view.keyPause !== null) parts.push(t('tray.tooltipKey'));
  else if (view.userPaused) parts.push(t('tray.tooltipPaused'));
  if (view.needsAttention > 0) parts.push(t('tray.countAttention', { n: view.needsAttention }));
  if (view.inProgress > 0) parts.push(t('tray.countInProgress', { n: view.inProgress }));
  if (view.ready > 0) parts.push(t('tray.countReady', { n: view.ready }));
  if (view.failed > 0) parts.push(t('tray.countFailed', { n: view.failed }));
  const details = parts.length > 0 ? parts.join(t('tray.listSeparator')) : t('tray.tooltipEmpty');
  return t('tray.tooltip', { details });
}

/**
 * On Windows and Linux a single `&` in a menu label marks a keyboard mnemonic and vanishes; a photo
 * ID may hold one, so it is doubled there.
 */
function menuText(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&');
}

export function menuTemplateFor(view: TrayView, t: Translate, options: AppTrayOptions): MenuItemConstructorOptions[] {
  const platform = options.platform ?? process.platform;
  const status = (label: string): MenuItemConstructorOptions => ({ label, enabled: false });
  const template: MenuItemConstructorOptions[] = [
    status(t('tray.menuInProgress', { n: view.inProgress }, view.inProgress)),
    status(t('tray.menuFinishedSince', { n: view.finishedSinceSeen }, view.finishedSinceSeen)),
  ];
  if (view.needsAttention > 0) template.push(status(t('tray.menuAttention', { n: view.needsAttention }, view.needsAttention)));
  if (view.keyPause !== null) template.push(status(t('tray.menuKeyPaused')));
  else if (view.connection === 'offline') template.push(status(t('tray.menuOffline')));

  if (view.recent.length > 0) {
    template.push({ type: 'separator' }, status(t('tray.recentHeading')));
    for (const photo of view.recent) {
      const id = shortPhotoId(photo.photoId);
      template.push({
        label: menuText(t(photo.outcome === 'ready' ? 'tray.recentReady' : 'tray.recentFailed', { id }), platform),
        click: () => options.onShowItem(photo.photoId),
      });
    }
  }

  template.push(
    { type: 'separator' },
    // Nothing would go out while paused; the item says so by being unavailable.
    { label: t('tray.checkAll'), enabled: !view.userPaused && view.keyPause === null, click: () => options.onCheckAll() },
    { label: t('tray.pause'), type: 'checkbox', checked: view.userPaused, click: () => options.onSetPaused(!view.userPaused) },
    { type: 'separator' },
    { label: t('tray.show'), click: () => options.onShow() },
    { label: t('tray.quit'), click: () => options.onQuit() },
  );
  return template;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const t = options.translate;
  const platform = options.platform ?? process.platform;
  const model = new TrayModel();
  const icons = new Map<TrayIconState, NativeImage>();
  const iconFor = (state: TrayIconState): NativeImage => {
    let image = icons.get(state);
    if (!image) {
      image = nativeImage.createFromPath(trayIconPath(state, platform));
      // The file name already says Template; this makes it explicit for macOS.
      if (platform === 'darwin') image.setTemplateImage(true);
      icons.set(state, image);
    }
    return image;
  };

  let iconState: TrayIconState = 'idle';
  const tray = new Tray(iconFor(iconState));
  // Windows and most Linux desktops open the app on a plain click; macOS shows the menu.
  tray.on('click', () => options.onShow());

  let shownMenu = '';
  let shownTooltip = '';
  /** Applies the model to the tray, touching only what changed. */
  const refresh = () => {
    const view = model.view();
    const nextIcon = iconStateFor(view);
    if (nextIcon !== iconState) {
      iconState = nextIcon;
      tray.setImage(iconFor(nextIcon));
    }
    const tooltip = tooltipFor(view, t);
    if (tooltip !== shownTooltip) {
      shownTooltip = tooltip;
      tray.setToolTip(tooltip);
    }
    // Exactly what the menu shows (a handful of numbers, at most five photos): cheap to compare.
    const menuKey = JSON.stringify([
      view.inProgress,
      view.needsAttention,
      view.finishedSinceSeen,
      view.recent,
      view.connection === 'offline',
      view.keyPause !== null,
      view.userPaused,
    ]);
    if (menuKey !== shownMenu) {
      shownMenu = menuKey;
      tray.setContextMenu(Menu.buildFromTemplate(menuTemplateFor(view, t, options)));
    }
  };
  refresh();

  return {
    reset(snapshot) {
      model.reset(snapshot);
      refresh();
    },
    apply(patch) {
      model.apply(patch);
      refresh();
    },
    markSeen(at) {
      model.markSeen(at);
      refresh();
    },
    reword() {
      shownTooltip = '';
      shownMenu = '';
      refresh();
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
