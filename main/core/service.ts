// The core's front door: one object both hosts (Electron shell, web preview) drive.
// It wires the JoggAI client, the secret store, the tracker and the watchlist file together
// and answers every command of the contract except opening URLs, which is the host's job.
import type {
  Account,
  AccountState,
  AddPhotosResult,
  AppError,
  AvatarWatchCommands,
  Notice,
  PauseReason,
  Result,
  Snapshot,
  StatePatch,
  WatchItem,
} from '../../preload/api';
import { resolveApiBaseUrl } from './jogg/base-url';
import { createJoggClient, type JoggClient } from './jogg/client';
import { consoleLogger, systemClock, type Clock, type Logger, type Notifier, type SecretStore } from './ports';
import { KeychainUnavailableError } from './secrets/keychain-error';
import { docsSchedule, type Schedule } from './tracker/schedule';
import { Tracker } from './tracker/tracker';
import { CoalescedSave } from './watchlist/coalesced-save';
import { parsePhotoIds } from './watchlist/photo-ids';
import { WatchlistFile } from './watchlist/watchlist-file';
import { PatchBatcher } from './patch-batcher';
import { describeFinished } from './notification-text';

export interface ServiceOptions {
  /** Folder for watchlist.json (Electron: userData; preview: --data-dir). */
  dataDir: string;
  /** JoggAI base URL; defaults to https://api.jogg.ai. Plain http only for loopback. */
  apiBaseUrl?: string;
  secretStore: SecretStore;
  notifier: Notifier;
  clock?: Clock;
  logger?: Logger;
  schedule?: Schedule;
  /** Milliseconds over which state changes are gathered into one patch. */
  patchIntervalMs?: number;
}

export type ServiceCommands = Omit<AvatarWatchCommands, 'openImage'>;

export interface AvatarWatchService extends ServiceCommands {
  /** Loads the watchlist, reads the saved key and starts checking. */
  start(): Promise<void>;
  /** Stops timers and flushes pending writes; safe to call twice. */
  stop(): Promise<void>;
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
}

const MAX_KEY_LENGTH = 512;
const NO_KEY: PauseReason = { kind: 'no-key', message: 'Add your JoggAI API key to start checking.' };

/** Thrown by createAvatarWatchService for a setting the user must fix before anything runs. */
export class ConfigurationError extends Error {}

export function createAvatarWatchService(options: ServiceOptions): AvatarWatchService {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const baseUrl = resolveApiBaseUrl(options.apiBaseUrl);
  if (!baseUrl.ok) throw new ConfigurationError(baseUrl.error.message);
  const client: JoggClient = createJoggClient({ baseUrl: baseUrl.value });
  const file = new WatchlistFile(options.dataDir);
  const listeners = new Set<(patch: StatePatch) => void>();
  const batcher = new PatchBatcher(clock, options.patchIntervalMs ?? 100, (patch) => {
    for (const listener of listeners) listener(patch);
  });

  let key: string | null = null;
  let account: AccountState = { account: null, hasKey: false, error: null };
  const notices: Notice[] = [];
  let started = false;
  let stopped = false;

  const tracker = new Tracker(
    {
      clock,
      schedule: options.schedule ?? docsSchedule,
      check: (photoId) =>
        key === null
          ? Promise.resolve({ ok: false, error: { kind: 'invalid-key', message: NO_KEY.message } })
          : client.photoStatus(key, photoId),
    },
    {
      changed: (items) => {
        batcher.upsert(items);
        saver.request();
      },
      finished: (item) => options.notifier.notify({ photoId: item.photoId, ...describeFinished(item) }),
      pauseChanged: (pause) => batcher.set({ pause }),
    },
    NO_KEY,
  );

  const saver = new CoalescedSave(
    clock,
    () => file.save(tracker.items()),
    (error) => logger.error(`Could not save the watchlist to ${file.path}: ${(error as Error).message}`),
  );

  function setAccount(next: AccountState): AccountState {
    account = next;
    batcher.set({ account });
    return account;
  }

  function addNotice(level: Notice['level'], message: string): void {
    notices.push({ id: `${clock.now()}-${notices.length}`, level, message });
    batcher.set({ notices: [...notices] });
  }

  /** whoami names the account; remaining credits are a bonus that may fail on its own. */
  async function describeAccount(candidate: string): Promise<Result<Account>> {
    const who = await client.whoami(candidate);
    if (!who.ok) return who;
    const quota = await client.remainingQuota(candidate);
    if (!quota.ok) logger.warn(`Could not read the remaining credits: ${quota.error.message}`);
    return {
      ok: true,
      value: {
        username: who.value.username,
        email: who.value.email,
        keyHint: candidate.slice(-4),
        remainingQuota: quota.ok ? quota.value : null,
      },
    };
  }

  /** Key errors stop every check; anything else (offline, 50000) leaves checking to the tracker. */
  function pauseIfKeyRejected(error: AppError): void {
    if (error.kind === 'invalid-key' || error.kind === 'no-permission') {
      tracker.pauseAll({ kind: error.kind, message: error.message });
    }
  }

  async function readSavedKey(): Promise<void> {
    try {
      key = await options.secretStore.get();
    } catch (error) {
      const appError = toAppError(error);
      logger.warn(appError.message);
      setAccount({ account: null, hasKey: false, error: appError });
      return;
    }
    if (key === null) return;
    setAccount({ account: null, hasKey: true, error: null });
    tracker.resume();
    // Who the key belongs to is learned in the background; checks do not wait for it.
    void refreshAccount();
  }

  async function refreshAccount(): Promise<AccountState> {
    if (key === null) return account;
    const described = await describeAccount(key);
    if (!described.ok) {
      pauseIfKeyRejected(described.error);
      return setAccount({ account: account.account, hasKey: true, error: described.error });
    }
    return setAccount({ account: described.value, hasKey: true, error: null });
  }

  const service: AvatarWatchService = {
    async start() {
      if (started) return;
      started = true;
      const loaded = await file.load();
      if (loaded.kind === 'corrupt') {
        const message = `Your saved watchlist could not be read (${loaded.reason}). It was kept at ${loaded.keptAt} and a new, empty list was started.`;
        logger.warn(message);
        addNotice('warning', message);
      }
      tracker.load(loaded.items);
      await readSavedKey();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      tracker.stop();
      batcher.stop();
      await saver.flush();
    },

    onStateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async getSnapshot(): Promise<Snapshot> {
      return { items: tracker.items(), pause: tracker.pauseReason(), account, notices: [...notices] };
    },

    async saveApiKey(raw) {
      const candidate = typeof raw === 'string' ? raw.trim() : '';
      const invalid = checkKeyShape(candidate);
      if (invalid) return { ok: false, error: invalid };
      const described = await describeAccount(candidate);
      if (!described.ok) return described; // a rejected key is never stored
      try {
        await options.secretStore.set(candidate);
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
      key = candidate;
      const state = setAccount({ account: described.value, hasKey: true, error: null });
      tracker.resume();
      return { ok: true, value: state };
    },

    async removeApiKey() {
      try {
        await options.secretStore.delete();
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
      key = null;
      tracker.pauseAll(NO_KEY);
      return { ok: true, value: setAccount({ account: null, hasKey: false, error: null }) };
    },

    refreshAccount,

    async addPhotos(text): Promise<AddPhotosResult> {
      const parsed = parsePhotoIds(typeof text === 'string' ? text : '', (id) => tracker.has(id));
      tracker.add(parsed.added);
      return parsed;
    },

    async removePhoto(photoId) {
      if (tracker.remove(photoId)) {
        batcher.remove(photoId);
        saver.request();
      }
    },

    async checkNow(photoId) {
      tracker.checkNow(photoId);
    },

    async dismissNotice(noticeId) {
      const index = notices.findIndex((n) => n.id === noticeId);
      if (index < 0) return;
      notices.splice(index, 1);
      batcher.set({ notices: [...notices] });
    },
  };
  return service;
}

function checkKeyShape(candidate: string): AppError | null {
  if (candidate === '') return { kind: 'invalid-input', message: 'Paste your API key first.' };
  if (candidate.length > MAX_KEY_LENGTH) {
    return { kind: 'invalid-input', message: `This is too long to be an API key (${candidate.length} characters).` };
  }
  if (/[\s\p{Cc}]/u.test(candidate)) {
    return { kind: 'invalid-input', message: 'An API key has no spaces or line breaks inside. Copy it again.' };
  }
  return null;
}

function toAppError(error: unknown): AppError {
  if (error instanceof KeychainUnavailableError) return error.appError;
  return { kind: 'keychain-unavailable', message: new KeychainUnavailableError(error).message };
}

export type { WatchItem };
