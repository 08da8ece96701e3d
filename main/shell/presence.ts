// How the app stays present on the desktop while its window is closed: the notifier, the tray
// (fed by the core's patches), what closing the window does (hide to the tray, or minimize where
// no tray icon would be seen), when the window counts as seen, and the test hooks. index.ts
// wires it in a few lines; this module is what the unit tests drive.
import type { BrowserWindow } from 'electron';
import type { Notice } from '../../preload/api';
import type { Logger } from '../core/ports';
import type { AvatarWatchService } from '../core/service';
import { createElectronNotifier, type ElectronNotifier } from './notifier';
import { installTestHooks } from './test-hooks';
import type { Translate } from './text';
import { createAppTray, type AppTray } from './tray';
import { detectTraySupport } from './tray-support';
import { showItem, showItems, showWindow } from './window';

export interface PresenceOptions {
  /** Speaks the current language at every call (text.ts `MainText.t`). */
  translate: Translate;
  /** Subscribes to language changes (text.ts `MainText.onChange`): the tray is worded again. */
  onLanguageChange?: (listener: () => void) => void;
  logger: Logger;
  platform?: NodeJS.Platform;
  /** `process.env` and `app.isPackaged`, for the test hooks. */
  env?: NodeJS.ProcessEnv;
  isPackaged: boolean;
  iconPath?: string;
  /** The app window, created if there is none. */
  ensureWindow: () => BrowserWindow;
  /** True once the user chose Quit: closing the window then is no "close to the tray". */
  isQuitting?: () => boolean;
  quit: () => void;
  now?: () => number;
  /** Whether tray icons are seen here (tray-support.ts); replaced in tests. */
  detectTray?: () => Promise<boolean>;
}

export interface Presence {
  notifier: ElectronNotifier;
  /** For the window's close handler (window.ts `closeBehaviour`); asking has no side effect. */
  closeBehaviour(): 'hide' | 'minimize';
  /**
   * Call for every window created: showing or focusing it marks what finished as seen, and the
   * first close that minimizes (no tray here) says why, once per run.
   */
  watchWindow(window: BrowserWindow): void;
  /** Call once the service exists: the tray appears and follows its patches. */
  attach(service: AvatarWatchService): AppTray;
  /** Call once the service has started (the settings and the list are loaded). */
  started(): Promise<void>;
  destroy(): void;
}

/**
 * Focusing the window marks what finished as seen at once (the tray's count drops), but is kept in
 * settings at most this often: at worst a restart counts a minute's photos as new again.
 */
const SEEN_WRITE_INTERVAL_MS = 60_000;

/** How often showing the window may ask D-Bus again whether tray icons are shown. */
const REDETECT_INTERVAL_MS = 60_000;

/** The English fallback of the `no-tray` notice (the window shows the catalogue's words). */
const NO_TRAY_MESSAGE =
  'Your desktop shows no tray icons, so Avatar Watch stays in the taskbar when you close it. On GNOME, install the AppIndicator extension.';

export function createPresence(options: PresenceOptions): Presence {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const { logger } = options;
  let service: AvatarWatchService | null = null;
  let tray: AppTray | null = null;
  let serviceStarted = false;
  let window: BrowserWindow | null = null;

  const notifier = createElectronNotifier({
    showItem: (photoId) => showItem(options.ensureWindow(), photoId),
    showItems: (photoIds) => showItems(options.ensureWindow(), photoIds),
    isWindowFocused: () => window !== null && !window.isDestroyed() && window.isFocused(),
    showWindow: () => showWindow(options.ensureWindow()),
    logger,
    translate: options.translate,
    platform,
    ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    ...withRecorder(installTestHooks({ env: options.env ?? process.env, isPackaged: options.isPackaged })),
  });

  // Until D-Bus has answered, a Linux desktop is taken to have no tray: a minimized window is
  // never lost, a hidden one can be.
  let trayVisible = platform !== 'linux';
  const detect = options.detectTray ?? (() => detectTraySupport({ platform }));
  let detected = false;
  let detectedAt = -Infinity;
  /**
   * Asked at start, and again when the window is shown (at most once a minute): the user may
   * install the GNOME extension, or the shell that owns the watcher may restart, while we run.
   */
  function redetect(): void {
    const at = now();
    // Off Linux the answer never changes.
    if (detected && (platform !== 'linux' || at - detectedAt < REDETECT_INTERVAL_MS)) return;
    const first = !detected;
    detected = true;
    detectedAt = at;
    void detect()
      .catch(() => false)
      .then((visible) => {
        if (first || visible !== trayVisible) {
          logger.info(
            visible
              ? 'Tray icons are shown here: closing the window hides it to the tray.'
              : 'No StatusNotifierWatcher on the session bus: closing the window minimizes it instead of hiding it to the tray.',
          );
        }
        trayVisible = visible;
      });
  }
  redetect();
  let toldNoTray = false;

  /** When lastOpenedAt was last written; focus changes come often, and each write is fsynced. */
  let writtenAt = -Infinity;
  function seen(how: 'shown' | 'focused'): void {
    const at = now();
    tray?.markSeen(at);
    if (how === 'focused' && at - writtenAt < SEEN_WRITE_INTERVAL_MS) return;
    // Before the settings are loaded a write would replace the user's file with defaults.
    if (serviceStarted && service) {
      writtenAt = at;
      service.settings.update({ lastOpenedAt: at }).catch((error: unknown) => {
        logger.warn(`Could not remember when the window was last open: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  return {
    notifier,

    closeBehaviour() {
      return trayVisible ? 'hide' : 'minimize';
    },

    watchWindow(next) {
      window = next;
      next.on('show', () => {
        seen('shown');
        redetect();
      });
      next.on('focus', () => seen('focused'));
      next.on('close', () => {
        if (trayVisible || options.isQuitting?.() || toldNoTray || !service) return;
        // Once per run, when it first matters: the window just went to the taskbar, not away.
        toldNoTray = true;
        const notice = { level: 'info', message: NO_TRAY_MESSAGE, code: 'no-tray' } as const satisfies Pick<Notice, 'level' | 'message' | 'code'>;
        service.addHostNotice(notice);
      });
    },

    attach(created) {
      service = created;
      const appTray = createAppTray({
        translate: options.translate,
        platform,
        onShow: () => showWindow(options.ensureWindow()),
        onShowItem: (photoId) => showItem(options.ensureWindow(), photoId),
        onCheckAll: () => void created.checkAll(),
        onSetPaused: (paused) => void created.setCheckingPaused(paused),
        onQuit: options.quit,
      });
      tray = appTray;
      options.onLanguageChange?.(() => appTray.reword());
      created.onStateChanged((patch) => appTray.apply(patch));
      return appTray;
    },

    async started() {
      if (!service || !tray) return;
      serviceStarted = true;
      tray.markSeen(service.settings.get().lastOpenedAt);
      tray.reset(await service.getSnapshot());
      // The window showed while the list was loading: that showing counts, and is now saved.
      if (window && !window.isDestroyed() && window.isVisible()) seen('shown');
    },

    destroy() {
      tray?.destroy();
    },
  };
}

function withRecorder(recorder: ReturnType<typeof installTestHooks>): { onShown?: NonNullable<typeof recorder> } {
  return recorder ? { onShown: recorder } : {};
}
