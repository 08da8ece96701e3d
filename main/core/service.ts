// The core's front door: one object both hosts (Electron shell, web preview) drive. A composition
// root: it creates the rooms (account, watchlist store, results, settings, notices, removal) and
// the tracker, connects their events, and answers the contract's `core` commands by handing each
// to its room; the hosts answer the rest (preload/api.ts CONTRACT says which).
import type { AddPhotosResult, AvatarWatchCommands, CoreCommand, Snapshot, StatePatch, WatchItem } from '../../preload/api';
import { MAX_WATCHED_PHOTOS, PHOTO_ID_SEPARATORS } from '../../preload/api';
import { DEFAULT_BUDGET, type Budget } from './budget';
import { resolveApiBaseUrl } from './jogg/base-url';
import { createJoggClient, type JoggClient } from './jogg/client';
import { consoleLogger, systemClock, type Clock, type KeyCipher, type Logger, type Notifier, type SecretStore } from './ports';
import { keyHint } from './account/key-vault';
import { createAccountRoom, NO_KEY } from './account/account-room';
import { learnedSchedule, type Schedule } from './tracker/schedule';
import { Tracker } from './tracker/tracker';
import { parsePhotoIds } from './watchlist/photo-ids';
import { WatchlistStore } from './watchlist/watchlist-store';
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
import { Notices, type CodedNotice } from './notices';

export type { CodedNotice } from './notices';

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

/** Thrown by createAvatarWatchService for a setting the user must fix before anything runs. */
export class ConfigurationError extends Error {}

/**
 * The composition root: creates the rooms (account, watchlist on disk, results, settings,
 * notices, removal), connects their events to the tracker and the window's patches, and answers
 * the contract's core commands by handing each to its room.
 */
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
  const settings = new SettingsFile(options.dataDir);
  let settingsRead: () => void = () => {};
  const settingsLoaded = new Promise<void>((resolve) => (settingsRead = resolve));
  const listeners = new Set<(patch: StatePatch) => void>();
  const batcher = new PatchBatcher(clock, options.patchIntervalMs ?? 100, (patch) => {
    for (const listener of listeners) listener(patch);
  });
  const notices = new Notices((list) => batcher.set({ notices: list }));
  let started = false;
  let stopped = false;

  // What the schedule learned is loaded with the watchlist; until start() it knows only the docs.
  let schedule: Schedule = options.schedule ?? learnedSchedule();
  const store = new WatchlistStore({
    dataDir: options.dataDir,
    imagePolicy,
    clock,
    logger,
    notices,
    state: () => ({ items: tracker.items(), history: schedule.history?.() ?? [] }),
  });
  // On disk before on screen: a photo told of must come back finished after a crash, or the next
  // run would tell of it again. A failed write still tells (the user learns of it once now).
  const notifications = new NotificationBatch(
    clock,
    (notification) => void store.saveNow().then(() => options.notifier.notify({ ...notification, ...userSettings.delivery() })),
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
      check: (photoId) => account.photoStatus(photoId),
    },
    {
      changed: (items) => {
        batcher.upsert(items.map(results.decorate));
        results.track(items);
        store.changed(items);
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

  const account = createAccountRoom({
    client,
    tracker,
    secretStore: options.secretStore,
    ...(options.keyCipher ? { keyCipher: options.keyCipher } : {}),
    settings,
    dataDir: options.dataDir,
    clock,
    logger,
    ...(options.onKeyInUse ? { onKeyInUse: options.onKeyInUse } : {}),
    changed: (state) => batcher.set({ account: state }),
  });

  const userSettings = new UserSettings({
    file: settings,
    fixedBudget: { ...(options.budget?.ratePerS !== undefined ? { ratePerS: options.budget.ratePerS } : {}), ...(options.budget?.burst !== undefined ? { burst: options.budget.burst } : {}) },
    onBudget: ({ ratePerS, burst }) => tracker.setBudget(ratePerS, burst),
    onChange: (current) => {
      results.follow(current.localCopies);
      batcher.set({ settings: current });
    },
  });

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
    const sent = JSON.stringify(durations);
    if (sent === sentDurations) return;
    sentDurations = sent;
    batcher.set({ durations });
  }

  const removal = new Removal({
    clock,
    list: tracker,
    removed: (photoIds) => {
      for (const photoId of photoIds) {
        store.forget(photoId);
        results.forget(photoId);
        batcher.remove(photoId);
      }
    },
    save: () => store.saveAdded(),
  });

  /**
   * The one add path of a paste and an import. The key pasted into the wrong box would be sent as
   * a photo ID on every check (into URLs, proxy logs, JoggAI's logs) and kept in watchlist.json in
   * plain text: it is refused, and the rejected line never quotes it (only its last characters,
   * as the account panel does). `beforeSave` applies what came with the IDs (an import's labels).
   */
  async function addParsed(parsed: ParsedPhotoIds, positionOfKey: (id: string) => number, beforeSave?: () => void): Promise<AddPhotosResult> {
    const saved = account.currentKey();
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
    const notSaved = await store.saveAdded();
    return notSaved ? { ...parsed, notSaved } : parsed;
  }

  /** The contract's core commands (ServiceCommands), each handed to its room. */
  const commands: ServiceCommands = {
    async getSnapshot(): Promise<Snapshot> {
      return {
        items: tracker.items().map(results.decorate),
        pause: tracker.pauseReason(),
        checkingPaused: tracker.isUserPaused(),
        connection: tracker.connectionState(),
        account: account.state(),
        notices: notices.all(),
        settings: userSettings.current(),
        localCopies: results.usage(),
        durations: schedule.durations?.() ?? null,
      };
    },
    saveApiKey: (raw, place) => account.saveApiKey(raw, place),
    removeApiKey: () => account.removeApiKey(),
    refreshAccount: () => account.refreshAccount(),

    async addPhotos(text): Promise<AddPhotosResult> {
      const pasted = typeof text === 'string' ? text : '';
      const parsed = parsePhotoIds(pasted, (id) => tracker.has(id), MAX_WATCHED_PHOTOS - tracker.size);
      return addParsed(parsed, (id) => positionOf(pasted, id));
    },
    async removePhoto(photoId) {
      await removal.removePhotos([photoId]);
    },
    async checkNow(photoId) {
      tracker.checkNow(photoId);
    },
    async dismissNotice(noticeId) {
      notices.dismiss(noticeId);
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
    // settings
    getSettings: async () => userSettings.current(),
    updateSettings: (patch) => userSettings.update(patch),
    // selection
    removePhotos: (photoIds) => removal.removePhotos(photoIds),
    restorePhotos: (undo) => removal.restorePhotos(undo),
    async checkPhotos(photoIds) {
      for (const photoId of new Set(photoIds)) tracker.checkNow(photoId);
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
      await store.saveAdded();
      return { ok: true, value: null };
    },
    // results
    resultFilesOf: (photoIds) => results.resultFilesOf(photoIds),
    deleteResultFiles: (photoIds) => results.deleteResultFiles(photoIds),
    deleteUnlistedResultFiles: () => results.deleteUnlistedResultFiles(),
  };

  return {
    ...commands,
    settings,
    userSettings,
    settingsLoaded,
    results,

    async start() {
      if (started) return;
      started = true;
      for (const notice of options.startupNotices ?? []) notices.add(notice.level, notice.message, notice.code);
      await makeFolderPrivate(options.dataDir);
      const settingsLoad = await settings.load();
      settingsRead();
      const budget = userSettings.budget();
      tracker.setBudget(budget.ratePerS, budget.burst);
      if (settingsLoad.problem) logger.warn(`Settings in ${settings.path} could not be read (${settingsLoad.problem}); using the defaults.`);
      const loaded = await store.load();
      if (!options.schedule) schedule = learnedSchedule(loaded.state.history);
      // Before the list is loaded, so a restart while paused sends nothing at all.
      tracker.setUserPaused(settings.get().checkingPaused);
      notifications.alreadyTold(loaded.state.items.filter((item) => item.status === 'ready' || item.status === 'failed').map((item) => item.photoId));
      tracker.load(loaded.state.items);
      // Reading back kept files takes a while at 50,000 photos: checking does not wait for it.
      void results.start(loaded.state.items).catch((error: unknown) => logger.warn(`Could not read the kept result images: ${(error as Error).message}`));
      await account.start();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      account.stop();
      tracker.stop();
      results.stop();
      notifications.flush();
      if (durationsTimer !== null) clock.clearTimeout(durationsTimer);
      batcher.stop();
      await store.flush();
    },

    flushSync() {
      if (!started) return;
      store.flushSync();
    },

    onStateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    addHostNotice: (notice) => {
      notices.add(notice.level, notice.message, notice.code);
    },
    // A scan, not an index: it runs on a click, and 50,000 items hold at most a few hundred thousand links.
    isResultImage: (url) => tracker.items().some((item) => item.imageUrls.includes(url)),
    suspend: () => tracker.hold('asleep'),
    wake: () => tracker.release('asleep'),
    setNetworkAvailable: (available) => (available ? tracker.release('no-network') : tracker.hold('no-network')),
  };
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

export type { WatchItem };
