// The core's Notifier port, told through the desktop's own notifications, worded here in the
// user's language (the core sends only what happened). Clicking one brings the window up on that
// photo (a summary: the list filtered to its photos). A summary replaces the banner it grew from.
// The user's settings come with each message: silent when sound is off, none at all while the
// window has the focus when they chose "quiet while focused".
// Also "Send a test notification", through the very same path.
import { Notification } from 'electron';
import type { Result, TestNotificationResult } from '../../preload/api';
import { wordNotification, wordTestNotification, type NotificationWords } from '../../renderer/src/i18n/notification-words';
import type { Logger, Notifier, PhotoNotification } from '../core/ports';
import type { Translate } from './text';
import { desktopPlatform } from '../core/platform';

/** A notification as shown, for the test hooks (test-hooks.ts). */
export interface ShownNotification {
  photoId: string;
  title: string;
  body: string;
}

export interface ElectronNotifierOptions {
  showItem: (photoId: string) => void;
  /** Shows the window filtered to these photos (a click on a summary); without it, the first one. */
  showItems?: (photoIds: readonly string[]) => void;
  /** Whether the app's window has the focus now (for "quiet while the window is focused"). */
  isWindowFocused?: () => boolean;
  /** Brings the window up (a click on the test notification). */
  showWindow?: () => void;
  logger: Logger;
  translate: Translate;
  iconPath?: string;
  /** `process.platform`, for which OS's advice the window gives after a test. */
  platform?: NodeJS.Platform;
  /** Told of every photo notification shown, with the click it runs (test hooks only). */
  onShown?: (shown: ShownNotification, click: () => void) => void;
  /** How long a test waits for the OS to confirm it showed the notification. */
  testWaitMs?: number;
}

export interface ElectronNotifier extends Notifier {
  sendTest(): Promise<Result<TestNotificationResult>>;
}

/**
 * How many shown notifications we hold on to. A notification object that gets garbage
 * collected loses its click handler on Windows and macOS, so we keep each one until it is
 * clicked or closed; the cap only guards against desktops that never report a close.
 */
export const MAX_KEPT_NOTIFICATIONS = 100;
const TEST_WAIT_MS = 3_000;

export function createElectronNotifier(options: ElectronNotifierOptions): ElectronNotifier {
  const kept = new Set<Notification>();
  let toldUnsupported = false;
  const t = options.translate;

  const release = (notification: Notification) => {
    kept.delete(notification);
  };

  function keep(notification: Notification): void {
    kept.add(notification);
    if (kept.size > MAX_KEPT_NOTIFICATIONS) {
      const oldest = kept.values().next().value;
      if (oldest) kept.delete(oldest);
    }
  }

  function create(words: NotificationWords, silent = false): Notification {
    const notification = new Notification({
      title: words.title,
      body: words.body,
      silent,
      ...(options.iconPath ? { icon: options.iconPath } : {}),
    });
    notification.on('close', () => release(notification));
    notification.on('failed', (_event, error) => {
      release(notification);
      options.logger.warn(`A notification could not be shown: ${error}`);
    });
    keep(notification);
    return notification;
  }

  function supported(): boolean {
    if (Notification.isSupported()) return true;
    if (!toldUnsupported) {
      toldUnsupported = true;
      options.logger.warn('This desktop does not support notifications; finished photos are shown in the window only.');
    }
    return false;
  }

  /**
   * The latest banner of each group: a later one of the same group says all it said, so it
   * replaces it (Electron has no tag; closing the old one is how it does not stack).
   */
  const latestOfGroup = new Map<number, Notification>();

  function replaceInGroup(group: number, notification: Notification): void {
    const previous = latestOfGroup.get(group);
    // Only one group is ever live in practice; older ones need no replacing any more.
    latestOfGroup.clear();
    latestOfGroup.set(group, notification);
    if (previous) {
      release(previous);
      previous.close();
    }
  }

  return {
    notify(message: PhotoNotification): void {
      if (message.quietWhileFocused && options.isWindowFocused?.()) return;
      if (!supported()) return;
      const words = wordNotification(t, message);
      const notification = create(words, message.silent ?? false);
      replaceInGroup(message.group, notification);
      const click = () => {
        release(notification);
        if (message.outcome === 'summary' && options.showItems) options.showItems(message.photoIds);
        else options.showItem(message.photoId);
      };
      notification.on('click', click);
      options.onShown?.({ photoId: message.photoId, ...words }, click);
      notification.show();
    },

    async sendTest() {
      const platform = desktopPlatform(options.platform ?? process.platform);
      if (!supported()) return { ok: true, value: { shown: false, platform } };
      const notification = create(wordTestNotification(t));
      notification.on('click', () => {
        release(notification);
        options.showWindow?.();
      });
      // The OS says 'show' once it put the notification up, 'failed' when it refused (Windows,
      // Linux without a notification service); some say nothing, which counts as not confirmed.
      const shown = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.testWaitMs ?? TEST_WAIT_MS);
        notification.once('show', () => {
          clearTimeout(timer);
          resolve(true);
        });
        notification.once('failed', () => {
          clearTimeout(timer);
          resolve(false);
        });
        try {
          notification.show();
        } catch (error) {
          options.logger.warn(`The test notification could not be shown: ${error instanceof Error ? error.message : String(error)}`);
          clearTimeout(timer);
          resolve(false);
        }
      });
      return { ok: true, value: { shown, platform } };
    },
  };
}
