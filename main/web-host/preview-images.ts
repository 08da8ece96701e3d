// Copy and save of result images in the preview, the host's half: it has no clipboard or
// dialogs, so it answers with the kept files (their /data/ paths and the names to save them
// under) and the page fetches or downloads them itself. Only kept copies: JoggAI's CDN is another
// origin the page may not read (CSP connect-src 'self').
import type { HostCommand, ImageActionResult } from '../../preload/api';
import { resultFileName } from '../core/results/file-name';
import type { AvatarWatchService } from '../core/service';

/** The contract's image commands, which the preview host answers here. */
export type HostImageCommand = Extract<HostCommand, 'copyImage' | 'saveImage' | 'saveAllImages'>;

export function previewImageAction(service: Pick<AvatarWatchService, 'results'>, command: HostImageCommand, photoId: string, url?: string): ImageActionResult {
  const images = service.results.imagesOf(photoId);
  const chosen = command === 'saveAllImages' ? images : images.filter((image) => image.url === url);
  if (chosen.length === 0) return { ok: false, problem: 'not-result' };
  // All or nothing: a folder with three of four images would look complete.
  if (chosen.some((image) => image.path === null)) return { ok: false, problem: 'not-downloaded' };
  const downloads = chosen.map((image) => ({
    path: image.path!,
    name: resultFileName(photoId, images.indexOf(image), image.path!.slice(image.path!.lastIndexOf('.') + 1)),
  }));
  return { ok: true, saved: command === 'copyImage' ? 0 : downloads.length, downloads };
}
