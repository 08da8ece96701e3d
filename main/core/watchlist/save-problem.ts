// A failed write of the watchlist, as a reason code the window words (never Node's English text).
import type { SaveProblem } from '../../../preload/api';
import { WatchlistTooNewError } from './watchlist-file';

const REASONS: Readonly<Record<string, SaveProblem['reason']>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
  // A file (or a broken link) where the data folder should be: the folder cannot be written.
  ENOTDIR: 'no-permission',
  EEXIST: 'no-permission',
};

export function saveProblemOf(error: unknown, path: string): SaveProblem {
  if (error instanceof WatchlistTooNewError) return { reason: 'newer-version', detail: '', path };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return { reason: REASONS[code] ?? 'other', detail: code, path };
  return { reason: 'other', detail: error instanceof Error ? error.name : '', path };
}
