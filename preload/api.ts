// The one contract between the renderer and the main process (or the web preview host).
// Types flow outward from this file: main implements it, preload exposes it as
// `window.avatarWatch`, the renderer consumes it, the web host carries it over a WebSocket.
// It holds types and constant tables only, so every process can import it without pulling code.

/** What JoggAI (or the tracker) last said about one photo. */
export type PhotoStatus =
  | 'checking' // added, first answer not in yet
  | 'in_progress' // JoggAI is generating
  | 'ready' // JoggAI said `success`; imageUrls holds the results
  | 'failed' // JoggAI said `error`; failureMessage holds its reason (may be null)
  | 'not_found' // JoggAI answered 10104: unknown photo ID for this key
  | 'unknown'; // JoggAI answered a status this app does not know (kept in rawStatus)

/** Statuses after which the tracker stops checking on its own. */
export const FINISHED_STATUSES: readonly PhotoStatus[] = ['ready', 'failed', 'not_found'];

/** Every failure the app can explain, as a kind the UI maps to plain words. */
export type ErrorKind =
  | 'invalid-key' // 10105
  | 'no-permission' // 18025
  | 'not-found' // 10104
  | 'rate-limited' // 429 (code or HTTP status)
  | 'server-error' // 50000 or HTTP 5xx
  | 'bad-request' // 40000
  | 'insufficient-credit' // 18020
  | 'unknown-code' // any other non-zero business code
  | 'http-error' // a non-2xx HTTP status without a usable envelope
  | 'malformed-response' // the body did not match the spec
  | 'network' // DNS, refused, reset, offline
  | 'timeout' // no answer in time
  | 'insecure-url' // plain http to a non-loopback address
  | 'keychain-unavailable' // the OS keychain failed in a way not listed below
  | 'keychain-locked' // the keychain is locked, or its unlock prompt was cancelled or not answered
  | 'keychain-missing' // no keychain service on this computer (Linux without a Secret Service or D-Bus)
  | 'key-file-unreadable' // the encrypted key file (the user's fallback) is gone or cannot be decrypted
  | 'no-key' // no API key saved yet
  | 'invalid-input'; // the user's input was rejected before any request

/** Errors that mean JoggAI or the network cannot be reached right now (not that a request was wrong). */
export const CONNECTION_ERROR_KINDS: readonly ErrorKind[] = ['network', 'timeout', 'server-error'];

/** An error as a value: a kind the UI explains, plus the detail behind it (never the key). */
export interface AppError {
  kind: ErrorKind;
  /** Human-readable detail: JoggAI's own `msg`, the code, or the network reason. */
  message: string;
  /** The business code when JoggAI sent one. */
  code?: number;
  /** Seconds to wait, when the server said so (429). */
  retryAfterS?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** One watched photo, as the renderer sees it. Times are epoch milliseconds. */
export interface WatchItem {
  photoId: string;
  status: PhotoStatus;
  addedAt: number;
  lastCheckedAt: number | null;
  /** When the tracker plans the next check; null when finished or paused. */
  nextCheckAt: number | null;
  /** When the photo was seen ready/failed/not found. */
  finishedAt: number | null;
  checks: number;
  imageUrls: string[];
  /** JoggAI's reason on failure (may be null even when failed). */
  failureMessage: string | null;
  /** The raw status string when JoggAI sent one this app does not know. */
  rawStatus: string | null;
  /** The last check's transient problem (network, 50000, 429…), cleared by the next good answer. */
  problem: AppError | null;
  /**
   * `taking-long`: unfinished past what is usual (learned from recent photos), checked ever more rarely.
   * `stale`: unfinished past 24 hours; no longer checked on its own (Check now still works).
   */
  lateness: Lateness;
}

export type Lateness = 'usual' | 'taking-long' | 'stale';

/** Whether checks can go out right now, apart from the user-action pause. */
export interface ConnectionState {
  /**
   * `online`: checking normally. `offline`: JoggAI or the network is unreachable; one probe at a
   * time until it answers. `rate-limited`: JoggAI said 429; everything waits. `asleep`: the
   * computer slept or the host reported no network; checks resume on wake, spread over seconds.
   */
  state: 'online' | 'offline' | 'rate-limited' | 'asleep';
  /** When the next probe or the end of the 429 wait is due; null when online or asleep. */
  retryAt: number | null;
  /** The failure that took the connection down. */
  error: AppError | null;
}

/** Why every check is on hold until the user acts. */
export interface PauseReason {
  /** `key-unreachable`: a key is saved but cannot be read now (locked or missing keychain). */
  kind: 'no-key' | 'key-unreachable' | 'invalid-key' | 'no-permission';
  message: string;
}

/**
 * Where the API key in use is kept. `keychain`: the OS keychain (the normal place).
 * `encrypted-file`: a file in the data folder encrypted with Electron's safeStorage, chosen by the
 * user when there is no keychain. `session`: memory only, forgotten when the app quits.
 */
export type KeyPlace = 'keychain' | 'encrypted-file' | 'session';

/** What an encrypted key file would be worth here (see KeyCipher in main/core/ports.ts). */
export type KeyProtection = 'os' | 'weak' | 'unavailable';

export interface KeyStatus {
  /** Where the key in use lives; null when no key is in use. */
  place: KeyPlace | null;
  /**
   * A key the app saved earlier but cannot read now (the keychain is locked, missing or failing;
   * the key file is unreadable). `hint` is its last characters, as recorded when it was saved.
   */
  unreachable: { place: Exclude<KeyPlace, 'session'>; hint: string } | null;
  /**
   * The last characters of a key the user kept "for this session only" last time: it is gone
   * since the restart, and the window says so instead of greeting them as new.
   */
  forgottenSessionKey: string | null;
  /** What the encrypted-file fallback would be worth on this computer. */
  fallback: KeyProtection;
  /** The OS, so the window can give the right keychain advice. */
  os: 'darwin' | 'win32' | 'linux' | 'other';
}

export interface Account {
  username: string;
  email: string;
  /** Last four characters of the key, for recognising it; the key itself never leaves main. */
  keyHint: string;
  /** Credits left; null when the quota call failed. */
  remainingQuota: number | null;
}

/** The account panel's state. `error` is set when the saved key could not be read or checked. */
export interface AccountState {
  account: Account | null;
  hasKey: boolean;
  error: AppError | null;
  key: KeyStatus;
}

/** Something the user must be told once (a corrupt watchlist kept aside, a key not kept…). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  /**
   * When set, the window words the notice from its catalogue in the user's language and `message`
   * is only the English fallback (for the log). `no-tray`: this desktop shows no tray icons, so
   * closing the window minimizes it instead of hiding it.
   */
  code?: 'no-tray';
}

export interface Snapshot {
  items: WatchItem[];
  pause: PauseReason | null;
  /**
   * The user chose "Pause checking" (kept across restarts). Apart from `pause`, which is the key's
   * state: both can hold at once, and fixing the key does not resume what the user paused.
   */
  checkingPaused: boolean;
  connection: ConnectionState;
  account: AccountState;
  notices: Notice[];
}

/** Only what changed since the last patch; every field optional. */
export interface StatePatch {
  upserted?: WatchItem[];
  removed?: string[];
  /** Present when the pause state changed; null means running again. */
  pause?: PauseReason | null;
  checkingPaused?: boolean;
  connection?: ConnectionState;
  account?: AccountState;
  notices?: Notice[];
  /** When true, `upserted` is the whole list and anything else the mirror holds is gone
   *  (sent after a transport reconnects). */
  replaceAll?: boolean;
}

/**
 * A photo finished: what a notification says, as data. Main speaks in codes; the shell (Electron)
 * or the page (web preview) words it in the user's language.
 */
export interface FinishedNotification {
  photoId: string;
  outcome: 'ready' | 'failed';
  /** How many result images JoggAI sent (ready). */
  imageCount: number;
  /** JoggAI's own reason (failed); null when it gave none. */
  failureMessage: string | null;
}

export interface TestNotificationResult {
  shown: boolean;
  /** Which OS's advice the window gives when nothing appeared. */
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

export type DesktopPlatform = 'darwin' | 'win32' | 'linux' | 'other';

/**
 * What the OS says about our login item. `requires-approval`: macOS registered it but the user
 * must allow it in System Settings > General > Login Items. `not-supported`: this host cannot
 * start at login (the web preview, or the app run from source).
 */
export type LoginItemStatus = 'enabled' | 'disabled' | 'requires-approval' | 'not-supported';

export interface DesktopSettings {
  /** The user's choice (off by default). */
  startAtLogin: boolean;
  /** macOS: every launch starts in the menu bar, window hidden (macOS cannot tell a login launch). */
  startInMenuBar: boolean;
  loginItem: LoginItemStatus;
  platform: DesktopPlatform;
}

export type DesktopSettingsPatch = { startAtLogin?: boolean; startInMenuBar?: boolean };

/** One line of pasted input that was not added, with the reason. */
export interface RejectedLine {
  /** 1-based position of the entry in the pasted text (counting entries, not characters). */
  position: number;
  value: string;
  /** `looks-like-key`: the entry is the saved API key (its value then shows only the key's last characters). */
  reason: 'empty' | 'too-long' | 'bad-characters' | 'duplicate-in-paste' | 'already-watched' | 'looks-like-key';
}

export interface AddPhotosResult {
  added: string[];
  rejected: RejectedLine[];
  /** Entries rejected beyond the ones listed (the list is capped to keep the answer small). */
  rejectedNotListed: number;
}

/** Everything the renderer may ask of main. Every method answers; none throws across IPC. */
export interface AvatarWatchCommands {
  getSnapshot(): Promise<Snapshot>;
  /**
   * Checks the key against whoami before storing it; a rejected key is not stored. `place` is
   * the keychain unless the user chose a fallback after a `keychain-missing`/`keychain-locked`
   * answer ("keep for this session only", "store in an encrypted file").
   */
  saveApiKey(key: string, place?: KeyPlace): Promise<Result<AccountState>>;
  removeApiKey(): Promise<Result<AccountState>>;
  /**
   * Re-reads the account name and remaining credits. With a saved key that could not be read
   * (locked keychain) it reads it again, waiting for an unlock prompt ("Unlock"/"Try again"), and
   * moves a key kept in an encrypted file into the keychain once the keychain works.
   */
  refreshAccount(): Promise<AccountState>;
  /** Pasted text: IDs one per line or separated by commas or spaces. */
  addPhotos(text: string): Promise<AddPhotosResult>;
  removePhoto(photoId: string): Promise<void>;
  checkNow(photoId: string): Promise<void>;
  dismissNotice(noticeId: string): Promise<void>;
  /** Every unfinished photo (those no longer checked after 24 hours too) is checked soon, within the request budget. */
  checkAll(): Promise<void>;
  /** "Pause checking" / "Resume checking"; kept across restarts. */
  setCheckingPaused(paused: boolean): Promise<void>;
  /**
   * Shows a sample notification through the same path as real ones. `shown`: the OS accepted it
   * (it may still be hidden by Do not disturb or the notification settings).
   */
  sendTestNotification(): Promise<Result<TestNotificationResult>>;
  /** Opens a result image in the default browser; https only. */
  openImage(url: string): Promise<Result<null>>;
  /** Start at login and (macOS) start in the menu bar, with what the OS says about the login item. */
  getDesktopSettings(): Promise<DesktopSettings>;
  /** Changes either switch; the answer's `loginItem` says whether the OS took it. */
  setDesktopSettings(patch: DesktopSettingsPatch): Promise<Result<DesktopSettings>>;
}

/** Everything main tells the renderer. Each `on…` returns an unsubscribe function. */
export interface AvatarWatchEvents {
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
  /** A notification was clicked: bring this item into view. */
  onFocusItem(listener: (photoId: string) => void): () => void;
}

export type AvatarWatchApi = AvatarWatchCommands & AvatarWatchEvents;

export type CommandName = keyof AvatarWatchCommands;
export type EventName = 'stateChanged' | 'focusItem';

/** IPC channel per command (ipcRenderer.invoke / ipcMain.handle). */
export const COMMAND_CHANNELS = {
  getSnapshot: 'avatar-watch:get-snapshot',
  saveApiKey: 'avatar-watch:save-api-key',
  removeApiKey: 'avatar-watch:remove-api-key',
  refreshAccount: 'avatar-watch:refresh-account',
  addPhotos: 'avatar-watch:add-photos',
  removePhoto: 'avatar-watch:remove-photo',
  checkNow: 'avatar-watch:check-now',
  dismissNotice: 'avatar-watch:dismiss-notice',
  checkAll: 'avatar-watch:check-all',
  setCheckingPaused: 'avatar-watch:set-checking-paused',
  sendTestNotification: 'avatar-watch:send-test-notification',
  openImage: 'avatar-watch:open-image',
  getDesktopSettings: 'avatar-watch:get-desktop-settings',
  setDesktopSettings: 'avatar-watch:set-desktop-settings',
} as const satisfies Record<CommandName, string>;

/** IPC channel per event (webContents.send / ipcRenderer.on). */
export const EVENT_CHANNELS = {
  stateChanged: 'avatar-watch:state-changed',
  focusItem: 'avatar-watch:focus-item',
} as const satisfies Record<EventName, string>;

export const COMMAND_NAMES = Object.keys(COMMAND_CHANNELS) as CommandName[];


/** Limits shared by the input parser and the UI's hints. */
export const PHOTO_ID_MAX_LENGTH = 128;
/** What separates pasted IDs: line breaks, commas, semicolons, any white space (main's parser and the paste box split alike). */
export const PHOTO_ID_SEPARATORS = /[\s,;]+/u;

declare global {
  interface Window {
    /** Present in Electron (set by the preload) and in the web preview (set by the web bridge). */
    avatarWatch: AvatarWatchApi;
  }
}

// ---------------------------------------------------------------------------------------------
// Web preview transport. The preview host carries the same contract over a loopback WebSocket
// (`ws://127.0.0.1:<port>/ws?token=<token>`); these are its messages, nothing more.

export type ClientMessage = { type: 'call'; id: number; method: CommandName; args: unknown[] };

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'event'; name: 'stateChanged'; payload: StatePatch }
  | { type: 'event'; name: 'focusItem'; payload: string }
  /** The preview host has no desktop: the page words this and shows it through the browser's Notification API. */
  | ({ type: 'notify' } & FinishedNotification);
