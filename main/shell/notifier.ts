// The core's Notifier port, told through the desktop's own notifications. Clicking one brings
// the window up on that photo.
import { Notification } from 'electron';
import type { Logger, Notifier, PhotoNotification } from '../core/ports';

export interface ElectronNotifierOptions {
  showItem: (photoId: string) => void;
  logger: Logger;
  iconPath?: string;
}

/**
 * How many shown notifications we hold on to. A notification object that gets garbage
 * collected loses its click handler on Windows and macOS, so we keep each one until it is
 * clicked or closed; the cap only guards against desktops that never report a close.
 */
export const MAX_KEPT_NOTIFICATIONS = 100;

export function createElectronNotifier(options: ElectronNotifierOptions): Notifier {
  const kept = new Set<Notification>();
  let toldUnsupported = false;

  const release = (notification: Notification) => {
    kept.delete(notification);
  };

  return {
    notify(message: PhotoNotification): void {
      if (!Notification.isSupported()) {
        if (!toldUnsupported) {
          toldUnsupported = true;
          options.logger.warn('This desktop does not support notifications; finished photos are shown in the window only.');
        }
        return;
      }
      const notification = new Notification({
        title: message.title,
        body: message.body,
        ...(options.iconPath ? { icon: options.iconPath } : {}),
      });
      notification.on('click', () => {
        release(notification);
        options.showItem(message.photoId);
      });
      notification.on('close', () => release(notification));
      notification.on('failed', (_event, error) => {
        release(notification);
        options.logger.warn(`A notification could not be shown: ${error}`);
      });

      kept.add(notification);
      if (kept.size > MAX_KEPT_NOTIFICATIONS) {
        const oldest = kept.values().next().value;
        if (oldest) kept.delete(oldest);
      }
      notification.show();
    },
  };
}
