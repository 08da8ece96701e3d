// What the user must hear about how the saved watchlist was loaded: unreadable and restored from
// the backup, unreadable with no backup, saved by a newer version, over the list's cap, or holding
// entries this app does not use. Each is a coded notice (the window words it) with the log's English.
import type { Notice } from '../../../preload/api';
import { MAX_WATCHED_PHOTOS, PHOTO_ID_MAX_LENGTH } from '../../../preload/api';
import type { CodedNotice } from '../notices';
import type { LoadResult } from './watchlist-file';

/** A notice about loading, as the window's code with its parameters and the log's English line. */
export type LoadNotice = CodedNotice & Pick<Notice, 'params'>;

/** Every notice a load calls for, in the order the user should read them. */
export function loadNotices(loaded: LoadResult): LoadNotice[] {
  const found = [describeLoadProblem(loaded), describeDropped(loaded)].filter((notice) => notice !== null);
  const overCap = 'overCap' in loaded ? loaded.overCap : undefined;
  if (overCap) {
    found.push({
      level: 'warning',
      message: `Your saved watchlist held ${overCap.total} photos; only the first ${MAX_WATCHED_PHOTOS} are watched. The file as it was is kept at ${overCap.copy}.`,
      code: 'list-over-cap',
      params: { ...overCap, max: MAX_WATCHED_PHOTOS },
    });
  }
  return found;
}

/** Items or image links the loaded file held that the app will not use. */
function describeDropped(loaded: LoadResult): LoadNotice | null {
  if (loaded.kind !== 'loaded' && loaded.kind !== 'restored') return null;
  const { items, imageUrls } = loaded.dropped;
  const parts: string[] = [];
  if (items > 0) {
    parts.push(
      `${items === 1 ? '1 entry was' : `${items} entries were`} left out because ${items === 1 ? 'its photo ID is' : 'their photo IDs are'} not valid (longer than ${PHOTO_ID_MAX_LENGTH} characters, or with spaces or control characters)`,
    );
  }
  if (imageUrls > 0) {
    parts.push(`${imageUrls === 1 ? '1 image link was' : `${imageUrls} image links were`} left out because only https links are shown`);
  }
  // labels
  const labels = loaded.dropped.labels ?? 0;
  if (labels > 0) parts.push(`${labels} label(s) or note(s) were left out because they are too long or hold control characters`);
  if (parts.length === 0) return null;
  return {
    level: 'warning',
    message: `Your saved watchlist held things this app does not use: ${parts.join('; ')}. The rest of the list is as it was.`,
    code: 'list-dropped',
    params: { items, imageUrls, maxLength: PHOTO_ID_MAX_LENGTH, ...(labels > 0 ? { labels } : {}) },
  };
}

/** What the user must hear about how the watchlist was loaded, if anything. */
function describeLoadProblem(loaded: LoadResult): LoadNotice | null {
  // The reason (a parser's or the system's words) stays in the log line; the window words the code.
  switch (loaded.kind) {
    case 'restored':
      return {
        level: 'warning',
        code: 'list-restored',
        params: loaded.keptAt ? { keptAt: loaded.keptAt } : {},
        message: `Your saved watchlist could not be read (${loaded.reason}), so the previous copy was restored; changes from the last moments before may be missing.${loaded.keptAt ? ` The unreadable file was kept at ${loaded.keptAt}.` : ''}`,
      };
    case 'corrupt':
      return {
        level: 'error',
        code: 'list-unreadable',
        params: { keptAt: loaded.keptAt },
        message: `Your saved watchlist could not be read (${loaded.reason}) and no usable backup was found. It was kept at ${loaded.keptAt} and a new, empty list was started.`,
      };
    case 'too-new':
      return {
        level: 'error',
        code: 'list-too-new',
        message: `Your watchlist was saved by a newer version of Avatar Watch (${loaded.reason}). Update the app to see it; until then nothing is saved, so the newer file stays as it is.`,
      };
    default:
      return null;
  }
}
