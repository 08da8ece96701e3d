// What a finished photo's notification says: which photo, what happened, in plain words.
import type { WatchItem } from '../../preload/api';

/** Long IDs are cut in the middle so both ends stay recognisable. */
export function shortPhotoId(photoId: string, max = 24): string {
  if (photoId.length <= max) return photoId;
  const half = Math.floor((max - 1) / 2);
  return `${photoId.slice(0, half)}…${photoId.slice(-half)}`;
}

export function describeFinished(item: WatchItem): { outcome: 'ready' | 'failed'; title: string; body: string } {
  const id = shortPhotoId(item.photoId);
  if (item.status === 'ready') {
    const count = item.imageUrls.length;
    return {
      outcome: 'ready',
      title: 'Photo avatar ready',
      body: `${id}: ${count === 1 ? '1 image is' : `${count} images are`} ready to view.`,
    };
  }
  return {
    outcome: 'failed',
    title: 'Photo avatar failed',
    body: `${id}: ${item.failureMessage ?? 'JoggAI did not say why.'}`,
  };
}
