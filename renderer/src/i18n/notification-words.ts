// A finished photo's notification in words, from the catalogue. Used by the Electron shell
// (main/shell/notifier.ts, through main/shell/text.ts) and by the web preview's page, so both
// hosts say the same thing in the user's language while the core sends only data.
import type { FinishedNotification } from '../../../preload/api';
import { count } from '../format/numbers';

type NotificationKey =
  | 'notifications.readyTitle'
  | 'notifications.readyBody'
  | 'notifications.failedTitle'
  | 'notifications.failedBody'
  | 'notifications.failedNoReason'
  | 'notifications.summaryTitle'
  | 'notifications.summaryReady'
  | 'notifications.summaryFailed'
  | 'notifications.summaryBoth'
  | 'notifications.testTitle'
  | 'notifications.testBody';

/** Any translator that knows these keys: the shell's createTranslator or vue-i18n's `t`. */
export type NotificationTranslate = (key: NotificationKey, named: Record<string, unknown>, plural?: number) => string;

export interface NotificationWords {
  title: string;
  body: string;
}

/** Long IDs are cut in the middle so both ends stay recognisable in a small banner or menu. */
export function shortPhotoId(photoId: string, max = 24): string {
  if (photoId.length <= max) return photoId;
  const half = Math.floor((max - 1) / 2);
  return `${photoId.slice(0, half)}…${photoId.slice(-half)}`;
}

export function wordNotification(t: NotificationTranslate, n: FinishedNotification): NotificationWords {
  if (n.outcome === 'summary') return { title: t('notifications.summaryTitle', {}), body: summaryBody(t, n.ready, n.failed) };
  const id = shortPhotoId(n.photoId);
  if (n.outcome === 'ready') {
    return {
      title: t('notifications.readyTitle', {}),
      body: t('notifications.readyBody', { id, n: n.imageCount }, n.imageCount),
    };
  }
  const reason = n.failureMessage ?? t('notifications.failedNoReason', {});
  return { title: t('notifications.failedTitle', {}), body: t('notifications.failedBody', { id, reason }) };
}

export function wordTestNotification(t: NotificationTranslate): NotificationWords {
  return { title: t('notifications.testTitle', {}), body: t('notifications.testBody', {}) };
}

/** "5 photo avatars are ready · 1 failed"; a side with none is left out. */
function summaryBody(t: NotificationTranslate, ready: number, failed: number): string {
  if (ready === 0) return t('notifications.summaryFailed', { n: count(failed) }, failed);
  const readyWords = t('notifications.summaryReady', { n: count(ready) }, ready);
  return failed === 0 ? readyWords : t('notifications.summaryBoth', { ready: readyWords, n: count(failed) }, failed);
}
