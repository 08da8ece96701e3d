// A stand-in for the core service: every command is a spy with a plausible answer, and
// emit() plays a state patch to whoever subscribed.
import { vi } from 'vitest';
import type { AccountState, ConnectionState, Snapshot, StatePatch } from '../../../preload/api';
import type { AvatarWatchService } from '../../../main/core/service';
import { SettingsFile } from '../../../main/core/settings/settings-file';
import { UserSettings } from '../../../main/core/settings/user-settings';

const account: AccountState = {
  account: null,
  hasKey: false,
  error: null,
  key: { place: null, unreachable: null, forgottenSessionKey: null, fallback: 'unavailable', os: 'linux' },
};
export const online: ConnectionState = { state: 'online', retryAt: null, error: null };
export const emptySnapshot: Snapshot = { items: [], pause: null, checkingPaused: false, connection: online, account, notices: [] };

export type FakeService = AvatarWatchService & {
  emit(patch: StatePatch): void;
  listenerCount(): number;
};

/** `settingsDir`: where its settings.json goes; nothing is written unless a test updates it. */
export function createFakeService(settingsDir = '/nonexistent/avatar-watch-fake'): FakeService {
  const listeners = new Set<(patch: StatePatch) => void>();
  const settings = new SettingsFile(settingsDir);
  const settingsLoaded = settings.load().then(() => undefined);
  const userSettings = new UserSettings({ file: settings, onBudget: () => {}, onChange: () => {} });
  return {
    settings,
    userSettings,
    getSettings: vi.fn(async () => userSettings.current()),
    updateSettings: vi.fn((patch) => userSettings.update(patch)),
    // Read at once, like the real service's start: tests that write settings await this first.
    settingsLoaded,
    start: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    flushSync: vi.fn(),
    onStateChanged: vi.fn((listener: (patch: StatePatch) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    }),
    getSnapshot: vi.fn(async () => emptySnapshot),
    saveApiKey: vi.fn(async () => ({ ok: true as const, value: { ...account, hasKey: true } })),
    removeApiKey: vi.fn(async () => ({ ok: true as const, value: account })),
    refreshAccount: vi.fn(async () => account),
    addPhotos: vi.fn(async () => ({ added: [], rejected: [], rejectedNotListed: 0 })),
    removePhoto: vi.fn(async () => {}),
    checkNow: vi.fn(async () => {}),
    checkAll: vi.fn(async () => {}),
    setCheckingPaused: vi.fn(async () => {}),
    dismissNotice: vi.fn(async () => {}),
    addHostNotice: vi.fn(),
    isResultImage: vi.fn(() => true),
    suspend: vi.fn(),
    wake: vi.fn(),
    setNetworkAvailable: vi.fn(),
    // selection
    removePhotos: vi.fn(async (photoIds: string[]) => ({ removed: photoIds, undo: 'undo-1' })),
    restorePhotos: vi.fn(async () => ({ restored: [], alreadyWatched: 0, noRoom: 0, expired: false })),
    checkPhotos: vi.fn(async () => {}),
    setLabel: vi.fn(async () => ({ ok: true as const, value: null })),
    importPhotos: vi.fn(async () => ({ added: [], rejected: [], rejectedNotListed: 0 })),
    // results
    results: {
      imagesOf: vi.fn(() => []),
      readImage: vi.fn(async () => ({ ok: false as const, problem: 'not-result' as const })),
      idle: vi.fn(async () => {}),
    },
    resultFilesOf: vi.fn(async () => ({ files: 0, bytes: 0 })),
    deleteResultFiles: vi.fn(async () => ({ files: 0, bytes: 0 })),
    deleteUnlistedResultFiles: vi.fn(async () => ({ files: 0, bytes: 0 })),
    emit(patch) {
      for (const listener of listeners) listener(patch);
    },
    listenerCount: () => listeners.size,
  };
}
