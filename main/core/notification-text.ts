// What a finished photo's notification is about, as data: which photo, what happened, what
// JoggAI said. The words come later, from the catalogue in the user's language (the Electron
// shell's notifier, or the page in the web preview), so the core stays free of sentences.
import type { FinishedNotification, WatchItem } from '../../preload/api';

export function finishedNotification(item: WatchItem): FinishedNotification {
  return item.status === 'ready'
    ? { photoId: item.photoId, outcome: 'ready', imageCount: item.imageUrls.length, failureMessage: null }
    : { photoId: item.photoId, outcome: 'failed', imageCount: 0, failureMessage: item.failureMessage };
}
