// What the Electron end-to-end specs (tests/electron) need from the main process and cannot
// get otherwise: Playwright cannot see or click an OS notification. Installed only when asked for
// (AVATAR_WATCH_TEST_HOOKS=1) and never in an installed (packaged) app.
import type { ShownNotification } from './notifier';

export interface AvatarWatchTestHooks {
  /** Every photo notification shown since start, in order (they are still shown for real). */
  notifications: ShownNotification[];
  /** Runs the same click path as a real click on the latest notification for this photo; false if none was shown. */
  clickNotification(photoId: string): boolean;
}

declare global {
  var __avatarWatchTest: AvatarWatchTestHooks | undefined;
}

/** The notifier's `onShown`: records a shown notification and the click it would run. */
export type NotificationRecorder = (shown: ShownNotification, click: () => void) => void;

export interface TestHookOptions {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** Where the hooks go; globalThis in the app. */
  target?: { __avatarWatchTest?: AvatarWatchTestHooks };
}

/** Installs the hooks when allowed and returns the recorder for the notifier; else null. */
export function installTestHooks(options: TestHookOptions): NotificationRecorder | null {
  if (options.isPackaged || options.env.AVATAR_WATCH_TEST_HOOKS !== '1') return null;
  const target = options.target ?? globalThis;
  const clicks = new Map<string, () => void>();
  const hooks: AvatarWatchTestHooks = {
    notifications: [],
    clickNotification(photoId) {
      const click = clicks.get(photoId);
      if (!click) return false;
      click();
      return true;
    },
  };
  target.__avatarWatchTest = hooks;
  return (shown, click) => {
    hooks.notifications.push({ photoId: shown.photoId, title: shown.title, body: shown.body });
    clicks.set(shown.photoId, click);
  };
}
