// The API key's whole life in one room: checking its shape, confirming it with JoggAI (whoami and
// credits) before it is kept, keeping it (KeyVault), reading it back at start or on Unlock,
// confirming later a key JoggAI could not answer for (KeyVerification), and pausing every check
// while there is no usable key. The service only connects it to the tracker and the window.
import type { Account, AccountState, AppError, KeyPlace, KeyStatus, PauseReason, Result } from '../../../preload/api';
import type { JoggClient, PhotoAnswer } from '../jogg/client';
import { desktopPlatform } from '../platform';
import type { Clock, KeyCipher, Logger, SecretStore } from '../ports';
import type { SettingsFile } from '../settings/settings-file';
import type { Tracker } from '../tracker/tracker';
import { KeyVault, keyHint } from './key-vault';
import { KeyVerification } from './key-verification';
import { checkKeyShape, isKeyRejection, isKeychainError } from './key-shape';

export const NO_KEY: PauseReason = { kind: 'no-key', message: 'Add your JoggAI API key to start checking.' };
const KEY_UNREACHABLE: PauseReason = { kind: 'key-unreachable', message: 'The saved API key cannot be read right now.' };

/** What the room needs of the tracker: its one request budget and the pause every check obeys. */
export type AccountTracker = Pick<Tracker, 'request' | 'pauseAll' | 'resume' | 'pauseReason'>;

export interface AccountRoomOptions {
  client: Pick<JoggClient, 'whoami' | 'remainingQuota' | 'photoStatus'>;
  tracker: AccountTracker;
  secretStore: SecretStore;
  keyCipher?: KeyCipher;
  settings: SettingsFile;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** Told the key in use whenever it changes (null: none), so the host's log can scrub it. */
  onKeyInUse?: (key: string | null) => void;
  /** The account panel's state changed. */
  changed: (account: AccountState) => void;
}

export interface AccountRoom {
  /** Reads the saved key (start): checking resumes once one is found. */
  start(): Promise<void>;
  stop(): void;
  state(): AccountState;
  /** The key in use, for the paste's looks-like-key guard; null when none. */
  currentKey(): string | null;
  /** A photo check with the key in use (asked again when the key changed while it was out). */
  photoStatus(photoId: string): Promise<Result<PhotoAnswer>>;
  saveApiKey(raw: string, place?: KeyPlace): Promise<Result<AccountState>>;
  removeApiKey(): Promise<Result<AccountState>>;
  refreshAccount(): Promise<AccountState>;
}

/** An older save overtaken by a newer save or removal; the newer one's answer is the one shown. */
function superseded(): Result<AccountState> {
  return { ok: false, error: { kind: 'invalid-input', message: 'A newer change to the API key was made meanwhile.', input: { code: 'key-changed-meanwhile' } } };
}

export function createAccountRoom(options: AccountRoomOptions): AccountRoom {
  const { client, tracker, clock, logger } = options;
  const vault = new KeyVault({
    keychain: options.secretStore,
    ...(options.keyCipher ? { cipher: options.keyCipher } : {}),
    settings: options.settings,
    dataDir: options.dataDir,
    logger,
    now: () => clock.now(),
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

  /** `key` is optional: where the key lives only changes when it is read, saved or removed. */
  function setAccount(next: Omit<AccountState, 'key'> & { key?: Partial<KeyStatus> }): AccountState {
    keyStatus = { ...keyStatus, ...next.key };
    account = { ...next, key: keyStatus };
    options.changed(account);
    return account;
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

  return {
    async start() {
      setAccount({ ...account, key: { fallback: await vault.protection() } });
      await readSavedKey();
    },
    stop: () => verification.stop(),
    state: () => account,
    currentKey: () => key,

    /**
     * A check answered for a key that has been replaced or removed since it went out says nothing
     * about the current key: ask again with the current one (or report that there is none).
     */
    async photoStatus(photoId) {
      for (;;) {
        const used = key;
        if (used === null) return { ok: false, error: { kind: 'no-key', message: NO_KEY.message } };
        const answer = await client.photoStatus(used, photoId);
        // JoggAI answers again: a key saved while it could not be confirmed is confirmed now.
        if (answer.ok && key === used) verification.nudge();
        if (key === used || answer.ok || !isKeyRejection(answer.error)) return answer;
      }
    },

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
      const where = { place: kept.value, unreachable: null, forgottenSessionKey: null };
      const state = described.ok
        ? setAccount({ account: described.value, hasKey: true, error: null, key: where })
        : setAccount({ account: null, hasKey: true, error: described.error, unverified: { retryAt: retryVerification(described.error) }, key: where });
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
  };
}
