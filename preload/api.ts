// The one contract between the renderer and the main process (or the web preview host).
// Types flow outward from this file: main implements it, preload exposes it as
// `window.avatarWatch`, the renderer consumes it, the web host carries it over a WebSocket.
// It holds types and constant tables only, so every process can import it without pulling code.

/** What JoggAI (or the tracker) last said about one photo. */
export type PhotoStatus =
  | 'checking' // added, first answer not in yet (the window says "Waiting for first check")
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
  /**
   * One line for the log (and the English fallback of a host without the catalogue). The window
   * words JoggAI and network errors from `kind`, `code` and `detail`, never from this text.
   */
  message: string;
  /** The business code when JoggAI sent one. */
  code?: number;
  /** Seconds to wait, when the server said so (429). */
  retryAfterS?: number;
  /** What a person helping the user needs; shown behind "Details", never as the main sentence. */
  detail?: ErrorDetail;
  /** Why main refused what the user gave it (kind `invalid-input`), for the window to word. */
  input?: InputProblem;
}

/** A refused input as a code with its parameters; the window words it from its catalogue. */
export type InputProblem =
  | { code: 'key-empty' }
  | { code: 'key-too-short'; length: number }
  | { code: 'key-too-long'; length: number }
  | { code: 'key-has-spaces' }
  /** Characters an HTTP header cannot carry (non-ASCII), so the key could not be sent at all. */
  | { code: 'key-not-sendable' }
  /** Another change to the key was made while this one was being checked. */
  | { code: 'key-changed-meanwhile' }
  | { code: 'key-file-unavailable' }
  | { code: 'link-invalid' }
  | { code: 'link-not-https'; scheme: string }
  | { code: 'link-not-opened' }
  /** The link is not one JoggAI sent as a result of a watched photo. */
  | { code: 'link-not-result' }
  | { code: 'host-cannot-notify' }
  | { code: 'host-has-no-settings' }
  // settings
  /** A settings change named an unknown setting, or a value out of its range (`min`/`max` for numbers). */
  | { code: 'setting-invalid'; setting: string; min?: number; max?: number }
  /** The change applies now but the settings file could not be written: it is lost at a restart. */
  | { code: 'settings-not-saved' }
  // labels
  | { code: 'label-too-long'; field: LabelField; length: number; max: number }
  | { code: 'label-bad-characters'; field: LabelField }
  | { code: 'not-watched'; photoId: string }
  /** The export file could not be written (`reason`: the system's code, e.g. EACCES). */
  | { code: 'export-not-saved'; reason: string };

/**
 * The technical facts behind an error, each optional. Every text was redacted of the key and
 * stripped of control characters in main before it got here.
 */
export interface ErrorDetail {
  /** The HTTP status of the answer, when one came. */
  httpStatus?: number;
  /** JoggAI's own words (`msg`), or the start of a body that was not a JoggAI answer. */
  excerpt?: string;
  /** JoggAI's request ID (`rid`), when the answer carried one. */
  rid?: string;
  /** The network's error code, e.g. `UND_ERR_SOCKET` or `ECONNREFUSED`. */
  networkCode?: string;
  /** Where an answer broke the spec, e.g. `data.status: expected string`. */
  schemaPath?: string;
  /** The address that was asked (host only), for network errors and redirects. */
  host?: string;
  /**
   * Which way an answer was malformed or an HTTP error happened, so the window can say it in one
   * sentence: `other-photo` (about another photo ID), `not-json`, `empty`, `too-large`,
   * `schema` (did not match the spec), `redirect` (a 3xx, not followed).
   */
  reason?: 'other-photo' | 'not-json' | 'empty' | 'too-large' | 'schema' | 'redirect';
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
  /**
   * The last check's problem, cleared by the next good answer. On an unfinished item with
   * `nextCheckAt` null it is one that waiting cannot change (40000, 18020…, see
   * main/core/tracker/lasting-problem.ts): the photo needs the user, and only Check now asks again.
   */
  problem: AppError | null;
  /** A request about this photo is out right now (set when it goes out, cleared by its answer). */
  requestInFlight?: boolean;
  /**
   * `taking-long`: unfinished past what is usual (learned from recent photos), checked ever more rarely.
   * `stale`: unfinished past 24 hours; no longer checked on its own (Check now still works).
   */
  lateness: Lateness;
  /**
   * True when JoggAI's last answer said nothing about the photo (code 0 without `data` or a
   * status, as its spec allows): the photo keeps its status and is checked again at nextCheckAt.
   */
  noNews?: boolean;
  // labels
  /** The user's short tag for the photo (a customer, a campaign): one line, at most MAX_LABEL_CHARS. */
  label?: string;
  /** The user's longer note: line breaks allowed, at most MAX_NOTE_CHARS. */
  note?: string;
  // results
  /** Local copies of a ready photo's images (main/core/results/); absent before it is ready. */
  localCopies?: LocalCopies;
  // timeleft
  /**
   * What the app saw of JoggAI's work (it never sees its start): when a check first found the
   * photo in progress, and the last check that found it unfinished. Absent on items saved by
   * older versions and on photos never seen unfinished (ready at the first check).
   */
  firstSeenInProgressAt?: number | null;
  lastSeenUnfinishedAt?: number | null;
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
  os: DesktopPlatform;
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
  /**
   * Set while the key in use is saved but JoggAI has not confirmed it yet: whoami failed for a
   * reason that is not a rejection (`error` says which: unreachable, a 5xx, a 404, a timeout…).
   * The app asks again by itself at `retryAt`, or sooner after the next good photo answer.
   */
  unverified?: { retryAt: number | null };
}

/** Something the user must be told once (a corrupt watchlist kept aside, a key not kept…). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  /**
   * When set, the window words the notice from its catalogue in the user's language and `message`
   * is only the English fallback (for the log). `no-tray`: this desktop shows no tray icons, so
   * closing the window minimizes it instead of hiding it. `save-failed`: the watchlist could not
   * be written (`params` is a SaveProblem); cleared once a save succeeds. `list-over-cap`: the saved
   * file held more than MAX_WATCHED_PHOTOS (`params`: total, kept, aside, copy). How the saved
   * list was loaded: `list-restored` (unreadable, the backup restored; `params.keptAt` when the bad
   * file was kept), `list-unreadable` (no usable backup either; `params.keptAt`), `list-too-new`
   * (saved by a newer version), `list-dropped` (entries or image links left out: `params.items`,
   * `params.imageUrls`, `params.maxLength`).
   */
  code?: 'no-tray' | 'save-failed' | 'list-over-cap' | 'list-restored' | 'list-unreadable' | 'list-too-new' | 'list-dropped'
    // i18n: the preview keeps the API key in memory only (--secret-store memory).
    | 'key-memory-only';
  /** What a coded notice's words need (numbers, a path, a reason code). */
  params?: Readonly<Record<string, string | number>>;
}

/** Why the watchlist could not be written, as a code the window words. */
export interface SaveProblem {
  /**
   * `disk-full` (ENOSPC, EDQUOT), `read-only` (EROFS), `no-permission` (EACCES, EPERM, or a file
   * where the folder should be), `newer-version` (the file belongs to a newer app and is left as
   * it is), `other` (see `detail`).
   */
  reason: 'disk-full' | 'read-only' | 'no-permission' | 'newer-version' | 'other';
  /** The system's own code (ENOSPC…) or the error's name, for support; '' when there is none. */
  detail: string;
  /** The watchlist file. */
  path: string;
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
  // settings
  /** The user's settings as they are now (both windows stay in step through `StatePatch.settings`). */
  settings?: AppSettings;
  // results
  /** How much the local copies of results take on disk, against the cap the user can see. */
  localCopies?: LocalCopiesUsage;
  // timeleft
  /** How long photos took, as learned; null until enough have finished to say. */
  durations?: LearnedDurations | null;
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
  // settings
  /** Present when a setting changed: the whole set, as it is now. */
  settings?: AppSettings;
  // results
  localCopies?: LocalCopiesUsage;
  // timeleft
  /** Present when what the app learned of durations changed. */
  durations?: LearnedDurations | null;
}

// timeleft
/**
 * How long photos take from being added to being finished, as the app learned it (ms, quantiles
 * of its belief), and how many finished photos it rests on. The window words estimates from it.
 */
export interface LearnedDurations {
  p25Ms: number;
  p50Ms: number;
  p90Ms: number;
  samples: number;
}
/**
 * A photo whose first sighting in progress came this soon after it was added is taken to have
 * started about when it was added: its time "took about" counts from then, and the schedule
 * learns from it. Later first sightings give only a lower bound ("at least").
 */
export const START_SEEN_WITHIN_MS = 60_000;

/**
 * A photo finished: what a notification says, as data. Main speaks in codes; the shell (Electron)
 * or the page (web preview) words it in the user's language.
 */
export type FinishedNotification = (PhotoFinished | FinishedSummary) & {
  /**
   * Notifications of one group replace one another (the OS permitting): each later one covers
   * everything the earlier ones said, so a burst of finishes leaves one banner, not a stack.
   */
  group: number;
} & NotificationDelivery;

// settings
/**
 * How the host shows a notification, from the user's settings (the core decides, the host only
 * knows its own window): `silent` when sound is off; `quietWhileFocused`: shown only while the
 * window does not have the focus. Absent means sound on, always shown.
 */
export interface NotificationDelivery {
  silent?: boolean;
  quietWhileFocused?: boolean;
}

/** One photo finished, alone in its notification. */
export interface PhotoFinished {
  photoId: string;
  outcome: 'ready' | 'failed';
  /** How many result images JoggAI sent (ready). */
  imageCount: number;
  /** JoggAI's own reason (failed); null when it gave none. */
  failureMessage: string | null;
}

/** Several photos finished within a few seconds: one notification for all of them. */
export interface FinishedSummary {
  outcome: 'summary';
  /** The photo a click brings into view: the first of them to finish. */
  photoId: string;
  /** All of them, in the order they finished (for opening the window filtered to them). */
  photoIds: string[];
  ready: number;
  failed: number;
}

export interface TestNotificationResult {
  shown: boolean;
  /** Which OS's advice the window gives when nothing appeared. */
  platform: DesktopPlatform;
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
  // labels
  /**
   * An imported ID already watched came with a label or note: `applied` when the photo had none
   * (the import's is now its), `kept` when it had its own (which stays; the import's is not used).
   */
  labels?: 'applied' | 'kept';
}

export interface AddPhotosResult {
  added: string[];
  rejected: RejectedLine[];
  /** Entries rejected beyond the ones listed (the list is capped to keep the answer small). */
  rejectedNotListed: number;
  /** Entries after the first MAX_PASTE_IDS of the paste: not read at all, left in the box for the next add. */
  notRead?: number;
  /** Good new IDs that did not fit under MAX_WATCHED_PHOTOS: not added, left in the box. */
  noRoom?: number;
  /**
   * Set when the added photos are watched but could not be written to disk: they are kept in
   * memory and the save is retried. Without it, `added` is on disk when this answer arrives.
   */
  notSaved?: SaveProblem;
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
  // settings
  /** Everything the Settings page may change, as it is now. */
  getSettings(): Promise<AppSettings>;
  /** Changes the named settings at once (saved before it answers); a bad value changes nothing and says which. */
  updateSettings(patch: AppSettingsPatch): Promise<Result<AppSettings>>;
  // selection
  /** Removes these photos at once, written to disk before it answers; `undo` takes it back. */
  removePhotos(photoIds: string[]): Promise<RemovePhotosResult>;
  /** Puts a removal back exactly as it was (see RestorePhotosResult). */
  restorePhotos(undo: string): Promise<RestorePhotosResult>;
  /** Check now for many photos, through the same priority lane as one. */
  checkPhotos(photoIds: string[]): Promise<void>;
  // labels
  /** Sets or clears (empty text) a photo's label and note; a field left out stays as it is. */
  setLabel(photoId: string, labels: PhotoLabels): Promise<Result<null>>;
  /** IDs read from a file, with their labels: added as a paste is (one awaited save, the same report). */
  importPhotos(entries: ImportEntry[]): Promise<AddPhotosResult>;
  /**
   * Saves an export the window built (CSV or JSON text) where the user chooses. `saved` is false
   * when they cancelled. The preview's page downloads it itself.
   */
  saveExport(fileName: string, content: string): Promise<Result<{ saved: boolean }>>;
  // results
  /** Puts a result image on the clipboard (the local copy, else the https image). */
  copyImage(photoId: string, imageUrl: string): Promise<ImageActionResult>;
  /** Asks where to save one result image and writes it there. */
  saveImage(photoId: string, imageUrl: string): Promise<ImageActionResult>;
  /** Asks for a folder and saves every result image of the photo there as `<photo id>-<n>.<ext>`. */
  saveAllImages(photoId: string): Promise<ImageActionResult>;
  /** How many kept files (and bytes) these photos have, so a removal can offer to delete them. */
  resultFilesOf(photoIds: string[]): Promise<ResultFilesSize>;
  /**
   * Deletes the kept files of these photos; only of photos no longer in the list (a removal that
   * can still be undone keeps its photo's files). Answers what was deleted.
   */
  deleteResultFiles(photoIds: string[]): Promise<ResultFilesSize>;
  /**
   * "Delete files of removed photos": the kept files of every photo no longer in the list, except
   * those removed in the last minute (their removal may still be undone). Answers what went.
   */
  deleteUnlistedResultFiles(): Promise<ResultFilesSize>;
}

/** Everything main tells the renderer. Each `on…` returns an unsubscribe function. */
export interface AvatarWatchEvents {
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
  /** A notification was clicked: bring this item into view. */
  onFocusItem(listener: (photoId: string) => void): () => void;
  // settings
  /** A summary notification was clicked: show the list filtered to exactly these photos. */
  onFocusItems(listener: (photoIds: string[]) => void): () => void;
  /** The app menu's Settings item (Electron; Ctrl/Cmd+,): open the Settings dialog. */
  onOpenSettings(listener: () => void): () => void;
  // selection
  /** Electron's Edit menu chose Undo or Select All (its accelerators included): the window decides what it means. */
  onEditCommand(listener: (command: EditCommand) => void): () => void;
}

export type AvatarWatchApi = AvatarWatchCommands & AvatarWatchEvents;

export type CommandName = keyof AvatarWatchCommands;
/** `onStateChanged` is the event `stateChanged`: the names follow the interface, never a hand list. */
export type EventName = { [K in keyof AvatarWatchEvents]: K extends `on${infer Name}` ? Uncapitalize<Name> : never }[keyof AvatarWatchEvents];

/**
 * Who answers a command. `core`: the service, in both hosts. `host`: each host's own code (the
 * Electron shell; the preview server). `page`: the Electron shell, but in the preview the page
 * itself (a browser download, window.open, the browser's Notification), so it never crosses the socket.
 */
export type CommandRunsIn = 'core' | 'host' | 'page';
/**
 * `result`: the answer is a Result, so a refused argument comes back as an error value for the
 * window to word; `value`: anything else, which rejects instead; `nothing`: a bare acknowledgement.
 */
export type CommandAnswers = 'value' | 'result' | 'nothing';
interface CommandEntry {
  channel: `avatar-watch:${string}`;
  runsIn: CommandRunsIn;
  answers: CommandAnswers;
}

/**
 * The one map of the contract: every command and event, its IPC channel, who runs it and how it
 * answers. The channel tables, the hosts' handler tables and the preload are all derived from it,
 * so adding a command means one entry here, its method in AvatarWatchCommands and its handler
 * where the compiler asks for one (see tests/unit/contract.test.ts).
 */
export const CONTRACT = {
  commands: {
    getSnapshot: { channel: 'avatar-watch:get-snapshot', runsIn: 'core', answers: 'value' },
    saveApiKey: { channel: 'avatar-watch:save-api-key', runsIn: 'core', answers: 'result' },
    removeApiKey: { channel: 'avatar-watch:remove-api-key', runsIn: 'core', answers: 'result' },
    refreshAccount: { channel: 'avatar-watch:refresh-account', runsIn: 'core', answers: 'value' },
    addPhotos: { channel: 'avatar-watch:add-photos', runsIn: 'core', answers: 'value' },
    removePhoto: { channel: 'avatar-watch:remove-photo', runsIn: 'core', answers: 'nothing' },
    checkNow: { channel: 'avatar-watch:check-now', runsIn: 'core', answers: 'nothing' },
    dismissNotice: { channel: 'avatar-watch:dismiss-notice', runsIn: 'core', answers: 'nothing' },
    checkAll: { channel: 'avatar-watch:check-all', runsIn: 'core', answers: 'nothing' },
    setCheckingPaused: { channel: 'avatar-watch:set-checking-paused', runsIn: 'core', answers: 'nothing' },
    sendTestNotification: { channel: 'avatar-watch:send-test-notification', runsIn: 'page', answers: 'result' },
    openImage: { channel: 'avatar-watch:open-image', runsIn: 'page', answers: 'result' },
    getDesktopSettings: { channel: 'avatar-watch:get-desktop-settings', runsIn: 'host', answers: 'value' },
    setDesktopSettings: { channel: 'avatar-watch:set-desktop-settings', runsIn: 'host', answers: 'result' },
    // settings
    getSettings: { channel: 'avatar-watch:get-settings', runsIn: 'core', answers: 'value' },
    updateSettings: { channel: 'avatar-watch:update-settings', runsIn: 'core', answers: 'result' },
    // selection
    removePhotos: { channel: 'avatar-watch:remove-photos', runsIn: 'core', answers: 'value' },
    restorePhotos: { channel: 'avatar-watch:restore-photos', runsIn: 'core', answers: 'value' },
    checkPhotos: { channel: 'avatar-watch:check-photos', runsIn: 'core', answers: 'nothing' },
    // labels
    setLabel: { channel: 'avatar-watch:set-label', runsIn: 'core', answers: 'result' },
    importPhotos: { channel: 'avatar-watch:import-photos', runsIn: 'core', answers: 'value' },
    saveExport: { channel: 'avatar-watch:save-export', runsIn: 'page', answers: 'result' },
    // results
    copyImage: { channel: 'avatar-watch:copy-image', runsIn: 'host', answers: 'value' },
    saveImage: { channel: 'avatar-watch:save-image', runsIn: 'host', answers: 'value' },
    saveAllImages: { channel: 'avatar-watch:save-all-images', runsIn: 'host', answers: 'value' },
    resultFilesOf: { channel: 'avatar-watch:result-files-of', runsIn: 'core', answers: 'value' },
    deleteResultFiles: { channel: 'avatar-watch:delete-result-files', runsIn: 'core', answers: 'value' },
    deleteUnlistedResultFiles: { channel: 'avatar-watch:delete-unlisted-result-files', runsIn: 'core', answers: 'value' },
  },
  events: {
    stateChanged: { channel: 'avatar-watch:state-changed' },
    focusItem: { channel: 'avatar-watch:focus-item' },
    // settings
    focusItems: { channel: 'avatar-watch:focus-items' },
    openSettings: { channel: 'avatar-watch:open-settings' },
    // selection
    editCommand: { channel: 'avatar-watch:edit-command' },
  },
} as const satisfies {
  // Exactly the interfaces' members: a missing or a stray entry is a compile error.
  commands: Record<CommandName, CommandEntry>;
  events: Record<EventName, { channel: `avatar-watch:${string}` }>;
};

type Commands = typeof CONTRACT.commands;
/** The commands run by `runsIn`. */
export type CommandsRunIn<Where extends CommandRunsIn> = { [K in CommandName]: Commands[K]['runsIn'] extends Where ? K : never }[CommandName];
export type CoreCommand = CommandsRunIn<'core'>;
export type HostCommand = CommandsRunIn<'host'>;
export type PageCommand = CommandsRunIn<'page'>;
/** One handler per command in `K`, typed as the contract declares it: a missing one does not compile. */
export type CommandHandlers<K extends CommandName> = { [C in K]: (...args: Parameters<AvatarWatchCommands[C]>) => ReturnType<AvatarWatchCommands[C]> };

/** Commands declared `answers: 'result'`. */
export type ResultCommand = { [K in CommandName]: Commands[K]['answers'] extends 'result' ? K : never }[CommandName];
/** The commands whose method answers a Result; a compile-time check keeps `answers` true to it. */
export type ResultAnsweringCommand = { [K in CommandName]: Awaited<ReturnType<AvatarWatchCommands[K]>> extends Result<unknown> ? K : never }[CommandName];
/** Commands declared `answers: 'nothing'`, and those whose method answers Promise<void>. */
export type SilentCommand = { [K in CommandName]: Commands[K]['answers'] extends 'nothing' ? K : never }[CommandName];
export type VoidAnsweringCommand = { [K in CommandName]: Awaited<ReturnType<AvatarWatchCommands[K]>> extends void ? K : never }[CommandName];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** Fails to compile when a command's `answers` says otherwise than its method's return type. */
export type AnswersMatchTypes = [Holds<Same<ResultCommand, ResultAnsweringCommand>>, Holds<Same<SilentCommand, VoidAnsweringCommand>>];

export const COMMAND_NAMES = Object.keys(CONTRACT.commands) as CommandName[];
export const EVENT_NAMES = Object.keys(CONTRACT.events) as EventName[];

/** IPC channel per command (ipcRenderer.invoke / ipcMain.handle). */
export const COMMAND_CHANNELS = Object.fromEntries(COMMAND_NAMES.map((name) => [name, CONTRACT.commands[name].channel])) as {
  readonly [K in CommandName]: Commands[K]['channel'];
};
/** IPC channel per event (webContents.send / ipcRenderer.on). */
export const EVENT_CHANNELS = Object.fromEntries(EVENT_NAMES.map((name) => [name, CONTRACT.events[name].channel])) as {
  readonly [K in EventName]: (typeof CONTRACT.events)[K]['channel'];
};

export function runsIn(command: CommandName): CommandRunsIn {
  return CONTRACT.commands[command].runsIn;
}
export function isCoreCommand(command: CommandName): command is CoreCommand {
  return runsIn(command) === 'core';
}
export function answersWithResult(command: CommandName): command is ResultCommand {
  return CONTRACT.commands[command].answers === 'result';
}
export function answersNothing(command: CommandName): command is SilentCommand {
  return CONTRACT.commands[command].answers === 'nothing';
}
/** The API's method for an event: `stateChanged` -> `onStateChanged`. */
export function eventMethod<E extends EventName>(event: E): `on${Capitalize<E>}` {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as `on${Capitalize<E>}`;
}


/** Limits shared by the input parser and the UI's hints. */
export const PHOTO_ID_MAX_LENGTH = 128;
/**
 * The most entries one paste adds; the rest stay in the box for the next press. 20,000 covers
 * any real batch (a day of an automation's output) while one add stays one fast, durable write.
 */
export const MAX_PASTE_IDS = 20_000;
/**
 * The most photos one list watches. At 50,000 a save takes about 0.1 s and the file about
 * 12 MB (bench/scale.ts), so every add can still be written to disk before it is confirmed.
 */
export const MAX_WATCHED_PHOTOS = 50_000;
/**
 * The largest paste, in UTF-8 bytes: what travels (IPC, the preview's WebSocket) and what is held
 * is bytes, and a character can be up to 3 of them (3,400,000 CJK characters are 10.2 MB), so a
 * limit in characters could not bound a frame. 5 MB is far beyond any real paste (MAX_PASTE_IDS
 * IDs of 128 characters with their line breaks are 2.6 MB).
 */
export const MAX_PASTE_BYTES = 5_000_000;
/**
 * The largest frame the preview host reads and its page sends: the largest legal paste
 * JSON-escaped, where one byte can become six (a control character is written \u00XX), plus the
 * call's envelope.
 */
export const MAX_FRAME_BYTES = 6 * MAX_PASTE_BYTES + 64 * 1024;
/** What separates pasted IDs: line breaks, commas, semicolons, any white space (main's parser and the paste box split alike). */
export const PHOTO_ID_SEPARATORS = /[\s,;]+/u;

// selection
/** What a removal took out; `undo` (null when nothing was removed) puts it back for a while. */
export interface RemovePhotosResult {
  removed: string[];
  undo: string | null;
  /** Removed from the list but not written to disk yet (retried); see AddPhotosResult. */
  notSaved?: SaveProblem;
}
/**
 * How an undo went. `alreadyWatched`: pasted again since, left as they are now. `noRoom`: the list
 * is full; those stay out (and can still be undone once there is room). `expired`: the removal is
 * too old (or the app restarted) and cannot be taken back.
 */
export interface RestorePhotosResult {
  restored: string[];
  alreadyWatched: number;
  noRoom: number;
  expired: boolean;
  notSaved?: SaveProblem;
}
/** An Edit-menu command the window words for the list when no text field has focus. */
export type EditCommand = 'undo' | 'selectAll';
/** The most photo IDs one call (remove, check) names: the whole list. */
export const MAX_IDS_PER_CALL = MAX_WATCHED_PHOTOS;
// labels
export type LabelField = 'label' | 'note';
/** A photo's label and note as the user sets them; empty text clears one, a missing one is left alone. */
export interface PhotoLabels {
  label?: string;
  note?: string;
}
/** One photo ID read from an import file, with its labels and where in the file it was. */
export interface ImportEntry extends PhotoLabels {
  photoId: string;
  /** 1-based line (CSV, text) or array position (JSON) in the file, for the report. */
  position: number;
}
/** A label is a short tag: one line, shown in a row. */
export const MAX_LABEL_CHARS = 80;
/** A note may say more (an order number, a customer's wish), but stays a note. */
export const MAX_NOTE_CHARS = 1_000;
/** What a label may not hold: any control character (it is one line). */
export const LABEL_BAD_CHARACTERS = /\p{Cc}/u;
/** What a note may not hold: control characters other than line breaks and tabs. */
export const NOTE_BAD_CHARACTERS = /(?![\n\t])\p{Cc}/u;
/** The largest export the window hands its host to save (50,000 rows with notes and four links). */
export const MAX_EXPORT_BYTES = 100_000_000;
// results
/**
 * Local copies of one ready photo's result images, kept in the data folder's `files/results/`.
 * `downloading`: some are being fetched or wait their turn (or a retry). `kept`: all are on disk.
 * `failed`: some could not be fetched (`problem` says why). `off`: the user turned local copies
 * off. `over-cap`: the disk cap for local copies is reached, so these were not fetched.
 */
export interface LocalCopies {
  state: 'downloading' | 'kept' | 'failed' | 'off' | 'over-cap';
  /**
   * Per image, in the order of `imageUrls`: its path below the data folder's `files/`
   * (`results/<folder>/<n>.png`), or null while not on disk. The window makes it an `app://data/`
   * URL (Electron) or a `/data/` URL behind the preview's token, never a `file:` URL.
   */
  files: (string | null)[];
  /** Bytes on disk for this photo. */
  bytes: number;
  problem?: CopyProblem;
}

/**
 * Why an image could not be kept: `not-https` (the link or a redirect is not https), `redirect`
 * (too many redirects), `http-error` (the CDN said no, e.g. 403/404), `not-image` (not a PNG,
 * JPEG or WebP, whatever its label), `too-large` (over MAX_RESULT_IMAGE_BYTES), `timeout`,
 * `network`, `disk-full`, `no-permission` (the data folder cannot be written), `write-failed`.
 */
export type CopyProblem =
  | 'not-https'
  | 'redirect'
  | 'http-error'
  | 'not-image'
  | 'too-large'
  | 'timeout'
  | 'network'
  | 'disk-full'
  | 'no-permission'
  | 'write-failed';

export interface LocalCopiesUsage {
  /** The user's setting (on by default). */
  enabled: boolean;
  /** Everything in the results folder, removed photos' files included. */
  usedBytes: number;
  capBytes: number;
  /** The cap is reached: new results are not downloaded until room is made. */
  full: boolean;
  /** Bytes of photos no longer in the list (kept until the user deletes them). */
  unlistedBytes: number;
}

export interface ResultFilesSize {
  files: number;
  bytes: number;
}

/**
 * Why copying or saving an image failed: `not-result` (not an image of that watched photo),
 * `not-downloaded` (no local copy and the image could not be fetched: offline, or JoggAI's link
 * expired), `no-permission`, `disk-full`, `read-only`, `clipboard-refused` (the browser or OS
 * would not take the image), `format-not-supported` (the clipboard cannot hold this image type),
 * `failed` (anything else; `detail` has the system's code).
 */
export type ImageActionProblem =
  | 'not-result'
  | 'not-downloaded'
  | 'no-permission'
  | 'disk-full'
  | 'read-only'
  | 'clipboard-refused'
  | 'format-not-supported'
  | 'failed';

/** `saved`: how many files were written (0 for a copy); `cancelled`: the user closed the dialog. */
export type ImageActionResult =
  | {
      ok: true;
      saved: number;
      cancelled?: boolean;
      where?: string;
      /** The preview host's answer: the kept files the page fetches (copy) or downloads (save) itself. */
      downloads?: { path: string; name: string }[];
    }
  | { ok: false; problem: ImageActionProblem; detail?: string };

/** The largest result image the app keeps or copies (JoggAI's are a few MB at most). */
export const MAX_RESULT_IMAGE_BYTES = 15 * 1024 * 1024;
/** The most the local copies may take on disk. */
export const LOCAL_COPIES_CAP_BYTES = 2 * 1024 * 1024 * 1024;

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
  /** Any event of the contract (CONTRACT.events), with what its listener receives. */
  | EventMessage
  /** The preview host has no desktop: the page words this and shows it through the browser's Notification API. */
  | ({ type: 'notify' } & FinishedNotification);

/** What an event carries: the one argument its `on…` listener receives. */
export type EventPayload<E extends EventName> = Parameters<Parameters<AvatarWatchEvents[`on${Capitalize<E>}`]>[0]>[0];
export type EventMessage = { [E in EventName]: { type: 'event'; name: E; payload: EventPayload<E> } }[EventName];

// ---------------------------------------------------------------------------------------------
// settings

export const LANGUAGE_CHOICES = ['system', 'en', 'zh-CN'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * What the Settings page may set for the request budget. Below 0.2 a second a list of 50 photos
 * would wait minutes for its turn; above 5 a desktop app is no longer polite to JoggAI. The start
 * options (AVATAR_WATCH_RATE/BURST, --rate/--burst) may go beyond, for testing.
 */
export const REQUEST_BUDGET_LIMITS = {
  requestRate: { min: 0.2, max: 5 },
  burst: { min: 1, max: 20 },
} as const;

/** The user's settings (settings.json), as the window shows and changes them. */
export interface AppSettings {
  notifyOnReady: boolean;
  notifyOnFailed: boolean;
  sound: boolean;
  /** No notification while the app's window has the focus (the list shows it already). */
  quietWhileFocused: boolean;
  /** Keep copies of result images in the data folder. */
  localCopies: boolean;
  /** Requests to JoggAI per second on average. */
  requestRate: number;
  /** Requests that may go out at once after a quiet spell. */
  burst: number;
  language: LanguageChoice;
  theme: ThemeChoice;
  /** Set by the app's start options (environment or flags), which win over the saved value. */
  budgetFixed: { requestRate: boolean; burst: boolean };
}

export type AppSettingsPatch = Partial<Omit<AppSettings, 'budgetFixed'>>;
