// The core's front door: one object both hosts (Electron shell, web preview) drive.
// It wires the JoggAI client, the secret store, the tracker and the watchlist store together
// and answers every command of the contract except opening URLs, which is the host's job.
import type { AvatarWatchCommands, StatePatch } from '../../preload/api';
import type { Clock, Logger, Notifier, SecretStore } from './ports';

export interface ServiceOptions {
  /** Folder for watchlist.json (Electron: userData; preview: --data-dir). */
  dataDir: string;
  /** JoggAI base URL; defaults to https://api.jogg.ai. Plain http only for loopback. */
  apiBaseUrl?: string;
  secretStore: SecretStore;
  notifier: Notifier;
  clock?: Clock;
  logger?: Logger;
}

export type ServiceCommands = Omit<AvatarWatchCommands, 'openImage'>;

export interface AvatarWatchService extends ServiceCommands {
  /** Loads the watchlist, reads the saved key and starts checking. */
  start(): Promise<void>;
  /** Stops timers and flushes pending writes; safe to call twice. */
  stop(): Promise<void>;
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
}
