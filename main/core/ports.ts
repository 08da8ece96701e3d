// The ports the core needs from its host. Each host (Electron shell, web preview, tests,
// benchmark) plugs in its own adapter; the core never reaches for a platform API itself.

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

/** A finished photo, told to the user by the host's native notification mechanism. */
export interface PhotoNotification {
  photoId: string;
  outcome: 'ready' | 'failed';
  title: string;
  body: string;
}

export interface Notifier {
  notify(notification: PhotoNotification): void;
}

/** Where the API key lives. Implementations must bound every call in time. */
export interface SecretStore {
  /** A short name for messages ("system keychain", "memory"). */
  readonly description: string;
  get(): Promise<string | null>;
  set(key: string): Promise<void>;
  delete(): Promise<void>;
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
