// The ports the core needs from its host. Each host (Electron shell, web preview, tests,
// benchmark) plugs in its own adapter; the core never reaches for a platform API itself.
import type { KeyProtection } from '../../preload/api';
import type { FinishedNotification } from '../../preload/api';

/** Time and timers, injected so the tracker can run under a virtual clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending check must never keep a quitting process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A finished photo, told to the user by the host's native notification mechanism. Data only:
 * each host words it in the user's language (the core has no words of its own for it).
 */
export type PhotoNotification = FinishedNotification;

export interface Notifier {
  notify(notification: PhotoNotification): void;
}

/**
 * Where the API key lives. Implementations must bound every call in time and throw a
 * KeychainError (secrets/keychain-error.ts) whose kind says what the user can do.
 */
export interface SecretStore {
  /** A short name for the log ("system keychain", "memory"). */
  readonly description: string;
  /** `memory`: the preview's and tests' stand-in, forgotten when the process ends. */
  readonly kind: 'keychain' | 'memory';
  get(): Promise<string | null>;
  /** A read the user asked for: it may wait for an unlock prompt they are answering. */
  getInteractive(): Promise<string | null>;
  set(key: string): Promise<void>;
  delete(): Promise<void>;
}

/**
 * Encryption for the key file the user may choose when there is no keychain (Electron's
 * safeStorage in the app). `protection` says what it is worth: `os` when the OS guards the
 * encryption key (DPAPI, macOS Keychain, KWallet, libsecret), `weak` when it is a fixed password
 * (Linux `basic_text`), `unavailable` when there is no such encryption at all.
 */
export interface KeyCipher {
  protection(): Promise<KeyProtection>;
  encrypt(text: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<string>;
}

/** Log lines for the developer console. Callers never pass the API key. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[avatar-watch] ${m}`),
  warn: (m) => console.warn(`[avatar-watch] ${m}`),
  error: (m) => console.error(`[avatar-watch] ${m}`),
};
