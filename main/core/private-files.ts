// The data folder holds the watchlist (what the user is making), the settings (where the key is
// kept, its last characters) and possibly the encrypted key: none of it is other users' business
// on a shared computer. Windows ignores these modes (its ACLs come from the user's profile folder).
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner only: read, write, enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner only: read, write. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Our files in the data folder: the watchlist, its backup and the copies kept aside, the settings,
 * the encrypted key. In Electron the folder is also Chromium's (userData), whose files are its own.
 */
const OUR_FILES = /^(watchlist\.|settings\.json|api-key\.enc)/;

/**
 * A folder made by an older version (0755, files 0644) is closed at start: creating it private
 * and writing files private (as this version does) never changes what already exists. Best
 * effort: a folder not there yet, or a file the OS will not change, is left as it is.
 */
export async function makeFolderPrivate(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    await chmod(dir, PRIVATE_DIR_MODE);
    const ours = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && OUR_FILES.test(e.name));
    await Promise.all(ours.map((e) => chmod(join(dir, e.name), PRIVATE_FILE_MODE).catch(() => undefined)));
  } catch {
    // No folder yet: it is created private on the first save.
  }
}
