// Headless Chromium has no desktop to show notifications on: this records every one the page
// raises instead, and reads them back.
import type { BrowserContext, Page } from '@playwright/test';

export interface Shown {
  title: string;
  body: string;
  /** A later notification with the same tag replaces the earlier one in the browser. */
  tag: string;
}

/** Call before the page loads: grants the permission and swaps in a recording Notification. */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const shown: { title: string; body: string; tag: string }[] = [];
    /** Each one as made, so a test can click it (clickNotification). */
    const made: { onclick: (() => void) | null }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string; tag?: string }) {
        shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        made.push(this);
      }
      close() {}
      addEventListener() {}
    }
    Object.assign(window, { __shown: shown, __made: made, Notification: RecordingNotification });
  });
}

export function shownNotifications(page: Page): Promise<Shown[]> {
  return page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
}

/** Clicks the notification shown `index`-th (0 is the first), as the user clicks the banner. */
export function clickNotification(page: Page, index: number): Promise<void> {
  return page.evaluate((at) => {
    (window as unknown as { __made: { onclick: (() => void) | null }[] }).__made[at]?.onclick?.();
  }, index);
}
