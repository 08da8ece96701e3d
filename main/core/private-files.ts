// The data folder holds the watchlist (what the user is making), the settings (where the key is
// kept, its last characters) and possibly the encrypted key: none of it is other users' business
// on a shared computer. Windows ignores these modes (its ACLs come from the user's profile folder).

/** Owner only: read, write, enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner only: read, write. */
export const PRIVATE_FILE_MODE = 0o600;
