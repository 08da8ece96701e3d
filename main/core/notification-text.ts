// What a finished photo's notification is about, as data: which photo, what happened, what
// JoggAI said. The words come later, from the catalogue in the user's language (the Electron
// shell's notifier, or the page in the web preview), so the core stays free of sentences.
import type { PhotoFinished, WatchItem } from '../../preload/api';
import { plainExcerpt } from './jogg/excerpt';
import { isKeepableImageUrl, STRICT_IMAGE_URLS, type ImageUrlPolicy } from './safe-url';

/**
 * `policy`: the same image rule the answer and the file were read with. The count is filtered
 * again here so "4 images are ready" can only name images the window will actually show.
 * JoggAI's failure reason goes into a small OS banner: one plain line, no control or direction
 * characters, cut like the row's Details; nothing left means "JoggAI did not say why".
 */
export function finishedNotification(item: WatchItem, policy: ImageUrlPolicy = STRICT_IMAGE_URLS): PhotoFinished {
  return item.status === 'ready'
    ? { photoId: item.photoId, outcome: 'ready', imageCount: item.imageUrls.filter((url) => isKeepableImageUrl(url, policy)).length, failureMessage: null }
    : { photoId: item.photoId, outcome: 'failed', imageCount: 0, failureMessage: plainExcerpt(item.failureMessage) };
}
