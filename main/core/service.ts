// The core's front door: one object both hosts (Electron shell, web preview) drive.
// It wires the JoggAI client, the secret store, the tracker and the watchlist file together
// and answers every command of the contract except opening URLs, which is the host's job.
import type {
  Account,
  AccountState,
  KeyPlace,
  KeyStatus,
  AddPhotosResult,
  AppError,
  AvatarWatchCommands,
  CoreCommand,
  Notice,
  PauseReason,
  Result,
  SaveProblem,
  Snapshot,
  StatePatch,
  WatchItem,
} from '../../preload/api';
import { MAX_WATCHED_PHOTOS, PHOTO_ID_MAX_LENGTH, PHOTO_ID_SEPARATORS } from '../../preload/api';
import { DEFAULT_BUDGET, type Budget } from './budget';
import { MAX_KEY_CHARS } from './command-args';
import { resolveApiBaseUrl } from './jogg/base-url';
import { createJoggClient, type JoggClient, type PhotoAnswer } from './jogg/client';
import { consoleLogger, systemClock, type Clock, type KeyCipher, type Logger, type Notifier, type SecretStore } from './ports';
import { KeyVault, keyHint } from './account/key-vault';
import { KeyVerification } from './account/key-verification';
import { learnedSchedule, type Schedule } from './tracker/schedule';
import { Tracker } from './tracker/tracker';
import { CoalescedSave } from './watchlist/coalesced-save';
import { desktopPlatform } from './platform';
import { parsePhotoIds } from './watchlist/photo-ids';
import { WatchlistFile, type LoadResult } from './watchlist/watchlist-file';
import { saveProblemOf } from './watchlist/save-problem';
import { PatchBatcher } from './patch-batcher';
import { SettingsFile } from './settings/settings-file';
import { UserSettings } from './settings/user-settings';
import { finishedNotification } from './notification-text';
import { NotificationBatch, type NotificationWaits } from './notification-batch';
import { makeFolderPrivate } from './private-files';
import type { ImageUrlPolicy } from './safe-url';
import { Removal } from './watchlist/removal';
import { checkLabels, labelError, withLabels } from './labels/label-rules';
import { applyImportLabels, planImport } from './labels/import-entries';
import type { ParsedPhotoIds } from './watchlist/photo-ids';
import { createResultsRoom, type ResultsRoom } from './results/results-room';

/** Every notice main raises has a code, so the window can word it in the user's language. */
type NoticeCode = NonNullable<Notice['code']>;
type CodedNotice = Pick<Notice, 'level' | 'message'> & { code: NoticeCode };

export interface ServiceOptions {
  /** Folder for watchlist.json (Electron: userData; preview: --data-dir). */
  dataDir: string;
  /** JoggAI base URL; defaults to https://api.jogg.ai. Plain http only for loopback. */
  apiBaseUrl?: string;
  /** The keychain (or the preview's memory stand-in): where keys go unless the user chooses otherwise. */
  secretStore: SecretStore;
  /** Encryption for the key file the user may choose when there is no keychain (Electron's safeStorage). */
  keyCipher?: KeyCipher;
  /** Told the key in use whenever it changes (null: none), so the host's log can scrub it. */
  onKeyInUse?: (key: string | null) => void;
  notifier: Notifier;
  clock?: Clock;
  logger?: Logger;
  /** Replaces the learned schedule (tests). */
  schedule?: Schedule;
  /**
   * The global request budget (default: 2 a second, bursts of 5, 4 at once). A rate or burst
   * given here (start options, tests) wins over the Settings page's.
   */
  budget?: Partial<Budget>;
  /** Milliseconds over which state changes are gathered into one patch. */
  patchIntervalMs?: number;
  /** How long finished photos wait to be told of together (notification-batch.ts). */
  notificationWaits?: NotificationWaits;
  /**
   * How requests to JoggAI go out. Electron passes `net.fetch` (system proxy, PAC, the OS
   * certificate store); the preview and tests keep Node's fetch.
   */
  fetch?: typeof fetch;
  /** What the host must tell the user from the start (e.g. the preview's key is not kept). */
  startupNotices?: readonly CodedNotice[];
}

/**
 * The commands the core answers in both hosts (`runsIn: 'core'` in preload/api.ts CONTRACT); the
 * hosts answer the rest (opening a URL, a test notification, login items, dialogs, the clipboard).
 */
export type ServiceCommands = Pick<AvatarWatchCommands, CoreCommand>;

export interface AvatarWatchService extends ServiceCommands {
  /** Loads the watchlist, reads the saved key and starts checking. */
  start(): Promise<void>;
  /** Stops timers and flushes pending writes; safe to call twice. */
  stop(): Promise<void>;
  /**
   * Writes unsaved watchlist changes before it returns, for the moment the OS ends the session
   * (Windows `session-end`), when no promise is sure to settle. Checking goes on: the OS may
   * still cancel the shutdown.
   */
  flushSync(): void;
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
  /** The user's settings (settings.json in the data folder); loaded by start(). */
  readonly settings: SettingsFile;
  /** What the Settings page changes, checked (e.g. `userSettings.current().localCopies`). */
  readonly userSettings: UserSettings;
  /**
   * Settles once start() has read the settings file: the shell waits for it (not for the
   * keychain) to open the window where it was and to know whether to start hidden.
   */
  readonly settingsLoaded: Promise<void>;
  /** The host's own message for the window (e.g. no tray icons on this desktop), shown until dismissed. */
  addHostNotice(notice: CodedNotice): void;
  /**
   * Whether JoggAI sent this exact link as a watched photo's result: "open image" opens only
   * those, so a compromised or confused window cannot make the app open any https page.
   */
  isResultImage(url: string): boolean;
  /** The computer is going to sleep (Electron powerMonitor): hold every check. */
  suspend(): void;
  /** Back from sleep: every unfinished item is checked soon, spread over a few seconds. */
  wake(): void;
  /** The host's own view of the network (Electron `net.isOnline()`); false holds checks like sleep. */
  setNetworkAvailable(available: boolean): void;
  /** Local copies of results: the kept file of a result link, for the host's copy and save. */
  readonly results: Pick<ResultsRoom, 'imagesOf' | 'readImage' | 'idle'>;
}

const NO_KEY: PauseReason = { kind: 'no-key', message: 'Add your JoggAI API key to start checking.' };
const KEY_UNREACHABLE: PauseReason = { kind: 'key-unreachable', message: 'The saved API key cannot be read right now.' };

/** An older save overtaken by a newer save or removal; the newer one's answer is the one shown. */
function superseded(): Result<AccountState> {
  return { ok: false, error: { kind: 'invalid-input', message: 'A newer change to the API key was made meanwhile.', input: { code: 'key-changed-meanwhile' } } };
}

/** JoggAI refused the key itself (10105, 18025, HTTP 401); every other failure says nothing against it. */
function isKeyRejection(error: AppError): boolean {
  return error.kind === 'invalid-key' || error.kind === 'no-permission';
}

function isKeychainError(error: AppError | null): boolean {
  return error !== null && (error.kind === 'keychain-locked' || error.kind === 'keychain-missing' || error.kind === 'keychain-unavailable');
}

/** Thrown by createAvatarWatchService for a setting the user must fix before anything runs. */
export class ConfigurationError extends Error {}

export function createAvatarWatchService(options: ServiceOptions): AvatarWatchService {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const baseUrl = resolveApiBaseUrl(options.apiBaseUrl);
  if (!baseUrl.ok) throw new ConfigurationError(baseUrl.error.message);
  // Plain-http images only from a local stand-in of JoggAI, which is then plain http itself
  // (resolveApiBaseUrl allows http for loopback only); the real service's images must be https.
  const imagePolicy: ImageUrlPolicy = { loopbackHttp: baseUrl.value.protocol === 'http:' };
  const client: JoggClient = createJoggClient({
    baseUrl: baseUrl.value,
    imagePolicy,
    // Any answer saying no request is left holds every request, account calls included.
    onRequestsExhausted: (untilMs) => tracker.holdRequestsUntil(untilMs),
    ...(options.clock ? { now: () => clock.now() } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const file = new WatchlistFile(options.dataDir, { imagePolicy });
  const settings = new SettingsFile(options.dataDir);
  let settingsRead: () => void = () => {};
  const settingsLoaded = new Promise<void>((resolve) => (settingsRead = resolve));
  const vault = new KeyVault({
    keychain: options.secretStore,
    ...(options.keyCipher ? { cipher: options.keyCipher } : {}),
    settings,
    dataDir: options.dataDir,
    logger,
    now: () => clock.now(),
  });
  const listeners = new Set<(patch: StatePatch) => void>();
  const batcher = new PatchBatcher(clock, options.patchIntervalMs ?? 100, (patch) => {
    for (const listener of listeners) listener(patch);
  });

  let key: string | null = null;
  /**
   * Bumped by every save and removal: a keychain read that started before (an Unlock waiting up to
   * two minutes at a prompt) or an older save that answers late must not replace what the user did
   * since.
   */
  let keyGeneration = 0;
  /** The key in use changes only here, so the host can keep it out of its log. */
  function useKey(next: string | null): void {
    key = next;
    options.onKeyInUse?.(next);
  }
  let keyStatus: KeyStatus = { place: null, unreachable: null, forgottenSessionKey: null, fallback: 'unavailable', os: desktopPlatform() };
  let account: AccountState = { account: null, hasKey: false, error: null, key: keyStatus };
  const notices: Notice[] = [];
  let started = false;
  let stopped = false;

  // What the schedule learned is loaded with the watchlist; until start() it knows only the docs.
  let schedule: Schedule = options.schedule ?? learnedSchedule();
  // On disk before on screen: a photo told of must come back finished after a crash, or the next
  // run would tell of it again. A failed write still tells (the user learns of it once now).
  const notifications = new NotificationBatch(
    clock,
    (notification) => void saver.saveNow().then(() => options.notifier.notify({ ...notification, ...userSettings.delivery() })),
    options.notificationWaits,
  );
  const tracker = new Tracker(
    {
      clock,
      get schedule() {
        return schedule;
      },
      ...DEFAULT_BUDGET,
      ...options.budget,
      check: checkWithCurrentKey,
    },
    {
      changed: (items) => {
        batcher.upsert(items.map(results.decorate));
        results.track(items);
        if (items.some(changesWhatIsKept)) saver.request();
        else saver.requestLazy();
      },
      // A kind the user turned off is never told, not even later when it is turned on again.
      finished: (item) => {
        if (userSettings.notifies(item.status)) notifications.finished(finishedNotification(item, imagePolicy));
        // A burst of finishes asks the model once (each answer would rebuild its belief).
        durationsTimer ??= clock.setTimeout(() => {
          durationsTimer = null;
          sendDurations();
        }, 1_000);
      },
      pauseChanged: (pause) => batcher.set({ pause }),
      userPauseChanged: (checkingPaused) => batcher.set({ checkingPaused }),
      connectionChanged: (connection) => batcher.set({ connection }),
    },
    NO_KEY,
  );

  const userSettings = new UserSettings({
    file: settings,
    fixedBudget: { ...(options.budget?.ratePerS !== undefined ? { ratePerS: options.budget.ratePerS } : {}), ...(options.budget?.burst !== undefined ? { burst: options.budget.burst } : {}) },
    onBudget: ({ ratePerS, burst }) => tracker.setBudget(ratePerS, burst),
    onChange: (current) => batcher.set({ settings: current }),
  });

  /**
   * A check answered for a key that has been replaced or removed since it went out says nothing
   * about the current key: ask again with the current one (or report that there is none).
   */
  async function checkWithCurrentKey(photoId: string): Promise<Result<PhotoAnswer>> {
    for (;;) {
      const used = key;
      if (used === null) return { ok: false, error: { kind: 'no-key', message: NO_KEY.message } };
      const answer = await client.photoStatus(used, photoId);
      // JoggAI answers again: a key saved while it could not be confirmed is confirmed now.
      if (answer.ok && key === used) verification.nudge();
      if (key === used || answer.ok || (answer.error.kind !== 'invalid-key' && answer.error.kind !== 'no-permission')) return answer;
    }
  }

  const results = createResultsRoom({
    dataDir: options.dataDir,
    imagePolicy,
    clock,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    settings,
    item: (photoId) => tracker.get(photoId),
    isWatched: (photoId) => tracker.has(photoId),
    upsert: (items) => batcher.upsert(items),
    usageChanged: (localCopies) => batcher.set({ localCopies }),
  });
  // timeleft: the learned durations reach the window as data when they change (a finish may move them).
  let sentDurations = '';
  let durationsTimer: unknown = null;
  function sendDurations(): void {
    const durations = schedule.durations?.() ?? null;
    const key = JSON.stringify(durations);
    if (key === sentDurations) return;
    sentDurations = key;
    batcher.set({ durations });
  }

  /** Per photo, what was last seen of its kept part: tells "finished" from "checked again". */
  const kept = new Map<string, string>();
  function changesWhatIsKept(item: WatchItem): boolean {
    const part = keptPart(item);
    if (kept.get(item.photoId) === part) return false;
    kept.set(item.photoId, part);
    return true;
  }

  /** After a load that found a newer app's file, nothing may overwrite it. */
  let saveBlocked = false;
  let saveFailure: Notice | null = null;
  const savedState = () => ({ items: tracker.items(), history: schedule.history?.() ?? [] });
  const saver = new CoalescedSave(
    clock,
    async () => {
      if (saveBlocked) return;
      await file.save(savedState());
      if (saveFailure) {
        dismissNotice(saveFailure.id);
        saveFailure = null;
      }
    },
    (error) => {
      // A code with its reason: the window words it, and it stays until a save succeeds.
      const problem = saveProblemOf(error, file.path);
      const message = `Your watchlist could not be saved to ${file.path} (${(error as Error).message}). Recent changes will be lost if the app stops now; it keeps trying.`;
      logger.error(message);
      saveFailure ??= addNotice('error', message, 'save-failed', { ...problem });
    },
  );

  /**
   * "Added N photos" promises they survive a kill: the add is written before it is answered.
   * An awaited save of the whole (atomic, fsync'd) file rather than a journal: it is the one
   * format already proven against kills, a journal would need its own replay and truncation
   * rules, and at the list cap a save takes about 0.1 s (bench/scale.ts). Adds made while a write
   * runs share the next one. A failed write keeps the photos watched and says so in the answer.
   */
  async function saveAdded(): Promise<SaveProblem | null> {
    if (saveBlocked) return { reason: 'newer-version', detail: '', path: file.path };
    const outcome = await saver.saveNow();
    return outcome.ok ? null : saveProblemOf(outcome.error, file.path);
  }

  const removal = new Removal({
    clock,
    list: tracker,
    removed: (photoIds) => {
      for (const photoId of photoIds) {
        kept.delete(photoId);
        results.forget(photoId);
        batcher.remove(photoId);
      }
    },
    save: saveAdded,
  });

  /** `key` is optional: where the key lives only changes when it is read, saved or removed. */
  function setAccount(next: Omit<AccountState, 'key'> & { key?: Partial<KeyStatus> }): AccountState {
    keyStatus = { ...keyStatus, ...next.key };
    account = { ...next, key: keyStatus };
    batcher.set({ account });
    return account;
  }

  let noticeCount = 0;
  // A code is required: the window words a notice from it; `message` is the log's English only.
  function addNotice(level: Notice['level'], message: string, code: NoticeCode, params?: Notice['params']): Notice {
    const notice: Notice = { id: `notice-${++noticeCount}`, level, message, code, ...(params ? { params } : {}) };
    notices.push(notice);
    batcher.set({ notices: [...notices] });
    return notice;
  }

  function dismissNotice(noticeId: string): void {
    const index = notices.findIndex((n) => n.id === noticeId);
    if (index < 0) return;
    notices.splice(index, 1);
    batcher.set({ notices: [...notices] });
  }

  /**
   * whoami names the account; remaining credits are a bonus that may fail on its own. Both go
   * through the tracker's one request budget, ahead of every queued photo check.
   */
  async function describeAccount(candidate: string): Promise<Result<Account>> {
    const who = await tracker.request(() => client.whoami(candidate));
    if (!who.ok) return who;
    const quota = await tracker.request(() => client.remainingQuota(candidate));
    if (!quota.ok) logger.warn(`Could not read the remaining credits: ${quota.error.message}`);
    return {
      ok: true,
      value: {
        username: who.value.username,
        email: who.value.email,
        keyHint: keyHint(candidate),
        remainingQuota: quota.ok ? quota.value : null,
      },
    };
  }

  /** Key errors stop every check; anything else (offline, 50000) leaves checking to the tracker. */
  function pauseIfKeyRejected(error: AppError): void {
    if (isKeyRejection(error)) tracker.pauseAll({ kind: error.kind as PauseReason['kind'], message: error.message });
  }

  /** A key saved or read but not yet confirmed by JoggAI is confirmed again later, by itself. */
  const verification = new KeyVerification(clock, async () => {
    await refreshAccount();
  });
  /** Schedules the next try, never inside a rate limit's wait; answers when. */
  function retryVerification(error: AppError): number {
    return verification.failed((error.retryAfterS ?? 0) * 1000);
  }

  /**
   * Finds the saved key. `interactive`: the user pressed Unlock / Try again, so the read may wait
   * for an unlock prompt they are answering.
   */
  async function readSavedKey(interactive = false): Promise<void> {
    const generation = keyGeneration;
    const found = await vault.read(interactive);
    if (generation !== keyGeneration) return; // the user saved or removed a key meanwhile
    if (found.kind === 'none') {
      useKey(null);
      setAccount({
        account: null,
        hasKey: false,
        error: found.keychainError ?? null,
        key: { place: null, unreachable: null, forgottenSessionKey: found.forgottenSessionKey ?? null },
      });
      return;
    }
    if (found.kind === 'unreachable') {
      useKey(null);
      setAccount({ account: null, hasKey: false, error: found.error, key: { place: null, unreachable: { place: found.place, hint: found.hint } } });
      if (tracker.pauseReason()?.kind === 'no-key') tracker.pauseAll(KEY_UNREACHABLE);
      return;
    }
    useKey(found.key);
    setAccount({ account: null, hasKey: true, error: null, key: { place: found.place, unreachable: null } });
    tracker.resume();
    // Who the key belongs to is learned in the background; checks do not wait for it.
    void refreshAccount();
  }

  /** A key kept in the encrypted file moves into the keychain as soon as one works. */
  async function moveKeyToKeychain(): Promise<void> {
    const moving = key;
    if (moving === null || keyStatus.place !== 'encrypted-file') return;
    if ((await vault.moveToKeychain(moving)) && key === moving) setAccount({ ...account, key: { place: 'keychain' } });
  }

  async function refreshAccount(): Promise<AccountState> {
    // A saved key could not be read (locked or missing keychain): "Unlock" / "Try again" reads it again.
    if (key === null) {
      if (keyStatus.unreachable !== null || isKeychainError(account.error)) await readSavedKey(true);
      return account;
    }
    await moveKeyToKeychain();
    // Removed while the key was moving: nothing to describe.
    if (key === null) return account;
    const asked = key;
    const described = await describeAccount(asked);
    // The key changed while we asked: this answer is about a key the user no longer has.
    if (key !== asked) return account;
    if (!described.ok) {
      pauseIfKeyRejected(described.error);
      // Never confirmed and not refused (JoggAI unreachable, a 5xx, a 404…): ask again later.
      if (!isKeyRejection(described.error) && account.account === null) {
        return setAccount({ account: null, hasKey: true, error: described.error, unverified: { retryAt: retryVerification(described.error) } });
      }
      verification.settled();
      return setAccount({ account: account.account, hasKey: true, error: described.error });
    }
    verification.settled();
    // The same key works again (API access restored to the plan): checking resumes.
    const pause = tracker.pauseReason()?.kind;
    if (pause !== 'no-key' && pause !== 'key-unreachable') tracker.resume();
    return setAccount({ account: described.value, hasKey: true, error: null });
  }

  /**
   * The one add path of a paste and an import. The key pasted into the wrong box would be sent as
   * a photo ID on every check (into URLs, proxy logs, JoggAI's logs) and kept in watchlist.json in
   * plain text: it is refused, and the rejected line never quotes it (only its last characters,
   * as the account panel does). `beforeSave` applies what came with the IDs (an import's labels).
   */
  async function addParsed(parsed: ParsedPhotoIds, positionOfKey: (id: string) => number, beforeSave?: () => void): Promise<AddPhotosResult> {
    const saved = key;
    if (saved !== null && parsed.added.includes(saved)) {
      parsed.added = parsed.added.filter((id) => id !== saved);
      const position = positionOfKey(saved);
      parsed.rejected = [...parsed.rejected, { position, value: `…${keyHint(saved)}`, reason: 'looks-like-key' as const }].sort((a, b) => a.position - b.position);
    }
    tracker.add(parsed.added);
    beforeSave?.();
    if (parsed.added.length === 0 && !beforeSave) return parsed;
    // The user is waiting to see them: their rows go out now, not at the next patch interval.
    batcher.flush();
    const notSaved = await saveAdded();
    return notSaved ? { ...parsed, notSaved } : parsed;
  }

  const service: AvatarWatchService = {
    settings,
    userSettings,
    settingsLoaded,
    getSettings: async () => userSettings.current(),
    updateSettings: (patch) => userSettings.update(patch),
    results,

    async start() {
      if (started) return;
      started = true;
      for (const notice of options.startupNotices ?? []) addNotice(notice.level, notice.message, notice.code);
      await makeFolderPrivate(options.dataDir);
      const settingsLoad = await settings.load();
      settingsRead();
      const budget = userSettings.budget();
      tracker.setBudget(budget.ratePerS, budget.burst);
      if (settingsLoad.problem) logger.warn(`Settings in ${settings.path} could not be read (${settingsLoad.problem}); using the defaults.`);
      const loaded = await file.load();
      const problem = describeLoadProblem(loaded);
      for (const found of [problem, describeDropped(loaded)]) {
        if (!found) continue;
        logger.warn(found.message);
        addNotice(found.level, found.message, found.code, found.params);
      }
      const overCap = 'overCap' in loaded ? loaded.overCap : undefined;
      if (overCap) {
        const message = `Your saved watchlist held ${overCap.total} photos; only the first ${MAX_WATCHED_PHOTOS} are watched. The file as it was is kept at ${overCap.copy}.`;
        logger.warn(message);
        addNotice('warning', message, 'list-over-cap', { ...overCap, max: MAX_WATCHED_PHOTOS });
      }
      saveBlocked = loaded.kind === 'too-new';
      if (!options.schedule) schedule = learnedSchedule(loaded.state.history);
      // Before the list is loaded, so a restart while paused sends nothing at all.
      tracker.setUserPaused(settings.get().checkingPaused);
      notifications.alreadyTold(loaded.state.items.filter((item) => item.status === 'ready' || item.status === 'failed').map((item) => item.photoId));
      tracker.load(loaded.state.items);
      for (const item of loaded.state.items) kept.set(item.photoId, keptPart(item));
      // Reading back kept files takes a while at 50,000 photos: checking does not wait for it.
      void results.start(loaded.state.items).catch((error: unknown) => logger.warn(`Could not read the kept result images: ${(error as Error).message}`));
      setAccount({ ...account, key: { fallback: await vault.protection() } });
      await readSavedKey();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      verification.stop();
      tracker.stop();
      results.stop();
      notifications.flush();
      if (durationsTimer !== null) clock.clearTimeout(durationsTimer);
      batcher.stop();
      await saver.flush();
    },

    flushSync() {
      if (!started || saveBlocked) return;
      saver.flushSync(() => file.saveSync(savedState()));
    },

    onStateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async getSnapshot(): Promise<Snapshot> {
      return {
        items: tracker.items().map(results.decorate),
        pause: tracker.pauseReason(),
        checkingPaused: tracker.isUserPaused(),
        connection: tracker.connectionState(),
        account,
        notices: [...notices],
        settings: userSettings.current(),
        localCopies: results.usage(),
        durations: schedule.durations?.() ?? null,
      };
    },

    addHostNotice: (notice) => {
      addNotice(notice.level, notice.message, notice.code);
    },
    // A scan, not an index: it runs on a click, and 50,000 items hold at most a few hundred thousand links.
    isResultImage: (url) => tracker.items().some((item) => item.imageUrls.includes(url)),
    suspend: () => tracker.hold('asleep'),
    wake: () => tracker.release('asleep'),
    setNetworkAvailable: (available) => (available ? tracker.release('no-network') : tracker.hold('no-network')),

    async saveApiKey(raw, place: KeyPlace = 'keychain') {
      const candidate = typeof raw === 'string' ? raw.trim() : '';
      const invalid = checkKeyShape(candidate);
      if (invalid) return { ok: false, error: invalid };
      const generation = ++keyGeneration;
      const described = await describeAccount(candidate);
      // A rejected key is never stored. Any other failure says nothing against the key: it is
      // kept and confirmed later (see KeyVerification), and the account panel says so.
      if (!described.ok && isKeyRejection(described.error)) return described;
      if (generation !== keyGeneration) return superseded();
      const kept = await vault.save(candidate, place);
      if (!kept.ok) return kept; // the key stays in the form; the window offers what can be done
      // A later save or removal ran its vault step after this one: it is what the user wants now.
      if (generation !== keyGeneration) return superseded();
      useKey(candidate);
      verification.settled();
      const key = { place: kept.value, unreachable: null, forgottenSessionKey: null };
      const state = described.ok
        ? setAccount({ account: described.value, hasKey: true, error: null, key })
        : setAccount({ account: null, hasKey: true, error: described.error, unverified: { retryAt: retryVerification(described.error) }, key });
      tracker.resume();
      return { ok: true, value: state };
    },

    async removeApiKey() {
      keyGeneration += 1;
      const removed = await vault.remove(keyStatus.place);
      if (!removed.ok) return removed;
      useKey(null);
      verification.settled();
      tracker.pauseAll(NO_KEY);
      return { ok: true, value: setAccount({ account: null, hasKey: false, error: null, key: { place: null, unreachable: null, forgottenSessionKey: null } }) };
    },

    refreshAccount,

    async addPhotos(text): Promise<AddPhotosResult> {
      const pasted = typeof text === 'string' ? text : '';
      const parsed = parsePhotoIds(pasted, (id) => tracker.has(id), MAX_WATCHED_PHOTOS - tracker.size);
      return addParsed(parsed, (id) => positionOf(pasted, id));
    },

    // labels
    async importPhotos(entries): Promise<AddPhotosResult> {
      const plan = planImport(entries, (id) => tracker.has(id), MAX_WATCHED_PHOTOS - tracker.size);
      return addParsed(plan.parsed, plan.positionOf, () => applyImportLabels(plan, (id, change) => tracker.relabel(id, change)));
    },

    async setLabel(photoId, labels) {
      const checked = checkLabels(labels);
      if (!checked.ok) return labelError(checked.problem);
      if (!tracker.relabel(photoId, (item) => withLabels(item, checked.value))) return labelError({ code: 'not-watched', photoId });
      // What the user typed is on disk when they are told it is saved; a failed write is the
      // save-failed notice's to tell, and the label stays in memory while the save is retried.
      await saveAdded();
      return { ok: true, value: null };
    },

    async removePhoto(photoId) {
      await removal.removePhotos([photoId]);
    },

    async checkAll() {
      tracker.checkAll();
    },

    async setCheckingPaused(paused) {
      tracker.setUserPaused(paused);
      // Checking follows the choice at once; a settings write that fails only loses it for the next start.
      await settings.update({ checkingPaused: paused }).catch((error: unknown) => {
        logger.warn(`Could not remember the pause in ${settings.path}: ${(error as Error).message}`);
      });
    },

    async checkNow(photoId) {
      tracker.checkNow(photoId);
    },

    async dismissNotice(noticeId) {
      dismissNotice(noticeId);
    },

    // selection
    removePhotos: (photoIds) => removal.removePhotos(photoIds),
    restorePhotos: (undo) => removal.restorePhotos(undo),
    async checkPhotos(photoIds) {
      for (const photoId of new Set(photoIds)) tracker.checkNow(photoId);
    },
    // results
    resultFilesOf: (photoIds) => results.resultFilesOf(photoIds),
    deleteResultFiles: (photoIds) => results.deleteResultFiles(photoIds),
    setLocalCopies: (enabled) => results.setLocalCopies(enabled),
    deleteUnlistedResultFiles: () => results.deleteUnlistedResultFiles(),
  };
  return service;
}

/** The part of an item a restart needs; the rest (last checked, check count) can lag a minute. */
function keptPart(item: WatchItem): string {
  return `${item.status}|${item.lateness}|${item.finishedAt}|${item.imageUrls.join(' ')}|${item.failureMessage}|${item.rawStatus}`;
}

/** The 1-based entry position of `id` in a paste, counted as parsePhotoIds counts entries. */
function positionOf(text: string, id: string): number {
  let position = 0;
  for (const raw of text.split(PHOTO_ID_SEPARATORS)) {
    if (raw === '') continue;
    position += 1;
    // Quotes are stripped as the parser strips them (IDs copied out of JSON keep theirs).
    if ((/^(["'`])(.*)\1$/su.exec(raw)?.[2] ?? raw) === id) return position;
  }
  return 1;
}

/** Items or image links the loaded file held that the app will not use. */
/** A notice about loading, as the window's code with its parameters and the log's English line. */
type LoadNotice = CodedNotice & Pick<Notice, 'params'>;

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

/** No real API key is shorter; a stray paste (one word, a number) is caught before any request. */
const MIN_KEY_CHARS = 8;

function checkKeyShape(candidate: string): AppError | null {
  // `message` is the log's English; the window words `input` from its catalogue.
  const length = candidate.length;
  if (candidate === '') return { kind: 'invalid-input', message: 'Paste your API key first.', input: { code: 'key-empty' } };
  if (length < MIN_KEY_CHARS) {
    return { kind: 'invalid-input', message: `This is too short to be an API key (${length} characters).`, input: { code: 'key-too-short', length } };
  }
  if (length > MAX_KEY_CHARS) {
    return { kind: 'invalid-input', message: `This is too long to be an API key (${length} characters).`, input: { code: 'key-too-long', length } };
  }
  if (/[\s\p{Cc}]/u.test(candidate)) {
    return { kind: 'invalid-input', message: 'An API key has no spaces or line breaks inside.', input: { code: 'key-has-spaces' } };
  }
  return null;
}


export type { WatchItem };
