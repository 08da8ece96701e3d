// A fake window.avatarWatch for renderer tests (main is tested on its own), and a mount helper
// with the app's real Pinia and i18n.
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import type { AccountState, AppSettings, AppSettingsPatch, AvatarWatchApi, KeyStatus, ConnectionState, EditCommand, Snapshot, StatePatch, WatchItem } from '../../../preload/api';
import { createAppI18n } from '../../../renderer/src/i18n';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';

export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

export function makeItem(photoId: string, overrides: Partial<WatchItem> = {}): WatchItem {
  return {
    photoId,
    status: 'in_progress',
    addedAt: NOW - 3 * 60_000,
    lastCheckedAt: NOW - 20_000,
    nextCheckAt: NOW + 10_000,
    finishedAt: null,
    checks: 1,
    imageUrls: [],
    failureMessage: null,
    rawStatus: null,
    problem: null,
    lateness: 'usual',
    ...overrides,
  };
}

/** No key in use, on Linux, where an encrypted key file would be no real protection. */
export const NO_KEY_STATUS: KeyStatus = { place: null, unreachable: null, forgottenSessionKey: null, fallback: 'weak', os: 'linux' };
export const NO_KEY: AccountState = { account: null, hasKey: false, error: null, key: NO_KEY_STATUS };
export const CONNECTED: AccountState = {
  account: { username: 'Mia Novak', email: 'mia@example.com', keyHint: 'abcd', remainingQuota: 42.5 },
  hasKey: true,
  error: null,
  key: { ...NO_KEY_STATUS, place: 'keychain' },
};

/** Start at login off, on Linux: what getDesktopSettings answers unless a test says otherwise. */
export const DESKTOP_SETTINGS = { startAtLogin: false, startInMenuBar: false, loginItem: 'disabled', platform: 'linux' } as const;

/** What a new user's settings are (main/core/settings/user-settings.ts). */
export const APP_SETTINGS: AppSettings = {
  notifyOnReady: true,
  notifyOnFailed: true,
  sound: true,
  quietWhileFocused: false,
  localCopies: true,
  requestRate: 2,
  burst: 5,
  language: 'system',
  theme: 'system',
  budgetFixed: { requestRate: false, burst: false },
};

export const ONLINE: ConnectionState = { state: 'online', retryAt: null, error: null };

export function snapshotOf(partial: Partial<Snapshot> = {}): Snapshot {
  return { items: [], pause: null, checkingPaused: false, connection: ONLINE, account: NO_KEY, notices: [], ...partial };
}

export type FakeApi = { [K in keyof AvatarWatchApi]: ReturnType<typeof vi.fn> & AvatarWatchApi[K] } & {
  emitState(patch: StatePatch): void;
  emitFocus(photoId: string): void;
  emitFocusItems(photoIds: string[]): void;
  emitEdit(command: EditCommand): void;
};

export function createFakeApi(snapshot: Snapshot = snapshotOf()): FakeApi {
  const stateListeners = new Set<(patch: StatePatch) => void>();
  const focusListeners = new Set<(photoId: string) => void>();
  const focusItemsListeners = new Set<(photoIds: string[]) => void>();
  const editListeners = new Set<(command: EditCommand) => void>();
  const api = {
    getSnapshot: vi.fn(async () => structuredClone(snapshot)),
    saveApiKey: vi.fn(async () => ({ ok: true as const, value: CONNECTED })),
    removeApiKey: vi.fn(async () => ({ ok: true as const, value: NO_KEY })),
    refreshAccount: vi.fn(async () => CONNECTED),
    addPhotos: vi.fn(async () => ({ added: [], rejected: [], rejectedNotListed: 0 })),
    removePhoto: vi.fn(async () => undefined),
    checkNow: vi.fn(async () => undefined),
    dismissNotice: vi.fn(async () => undefined),
    openImage: vi.fn(async () => ({ ok: true as const, value: null })),
    getDesktopSettings: vi.fn(async () => ({ ...DESKTOP_SETTINGS })),
    setDesktopSettings: vi.fn(async (patch: { startAtLogin?: boolean; startInMenuBar?: boolean }) => ({
      ok: true as const,
      value: { ...DESKTOP_SETTINGS, ...patch, loginItem: patch.startAtLogin ? ('enabled' as const) : ('disabled' as const) },
    })),
    checkAll: vi.fn(async () => undefined),
    setCheckingPaused: vi.fn(async () => undefined),
    sendTestNotification: vi.fn(async () => ({ ok: true as const, value: { shown: true, platform: 'linux' as const } })),
    // labels
    setLabel: vi.fn(async () => ({ ok: true as const, value: null })),
    importPhotos: vi.fn(async () => ({ added: [], rejected: [], rejectedNotListed: 0 })),
    saveExport: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    // results
    copyImage: vi.fn(async () => ({ ok: true as const, saved: 0 })),
    saveImage: vi.fn(async () => ({ ok: true as const, saved: 1 })),
    saveAllImages: vi.fn(async () => ({ ok: true as const, saved: 4 })),
    resultFilesOf: vi.fn(async () => ({ files: 0, bytes: 0 })),
    deleteResultFiles: vi.fn(async () => ({ files: 0, bytes: 0 })),
    deleteUnlistedResultFiles: vi.fn(async () => ({ files: 4, bytes: 4096 })),
    onStateChanged: vi.fn((listener: (patch: StatePatch) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    }),
    onFocusItem: vi.fn((listener: (photoId: string) => void) => {
      focusListeners.add(listener);
      return () => focusListeners.delete(listener);
    }),
    // settings
    getSettings: vi.fn(async () => ({ ...APP_SETTINGS })),
    updateSettings: vi.fn(async (patch: AppSettingsPatch) => ({ ok: true as const, value: { ...APP_SETTINGS, ...patch } })),
    onFocusItems: vi.fn((listener: (photoIds: string[]) => void) => {
      focusItemsListeners.add(listener);
      return () => focusItemsListeners.delete(listener);
    }),
    onOpenSettings: vi.fn(() => () => undefined),
    emitFocusItems(photoIds: string[]) {
      for (const listener of focusItemsListeners) listener(photoIds);
    },
    // selection
    removePhotos: vi.fn(async (photoIds: string[]) => ({ removed: photoIds, undo: `undo-${photoIds.join(',')}` })),
    restorePhotos: vi.fn(async () => ({ restored: [], alreadyWatched: 0, noRoom: 0, expired: false })),
    checkPhotos: vi.fn(async () => undefined),
    onEditCommand: vi.fn((listener: (command: EditCommand) => void) => {
      editListeners.add(listener);
      return () => editListeners.delete(listener);
    }),
    emitEdit(command: EditCommand) {
      for (const listener of editListeners) listener(command);
    },
    emitState(patch: StatePatch) {
      for (const listener of stateListeners) listener(patch);
    },
    emitFocus(photoId: string) {
      for (const listener of focusListeners) listener(photoId);
    },
  };
  return api as unknown as FakeApi;
}

export function installApi(api: FakeApi): void {
  window.avatarWatch = api;
}

export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** Mounts a component with a fresh Pinia and the app's i18n (the given Pinia if passed). */
export function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { pinia?: Pinia } = {},
) {
  const pinia = options.pinia ?? freshPinia();
  const { pinia: _pinia, ...rest } = options;
  return mount(component, {
    attachTo: document.body,
    ...rest,
    global: { plugins: [pinia, createAppI18n()], ...(rest.global ?? {}) },
  } as ComponentMountingOptions<C>);
}

/** Lets pending promises (fake API answers) settle and Vue re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * happy-dom does no layout, so every element measures 0 and a virtual list shows nothing.
 * This gives scroll containers a height and rows a size; call the returned function to undo.
 */
export function fakeLayout(viewport = 600, row = 100): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
    scrollHeight: Object.getOwnPropertyDescriptor(proto, 'scrollHeight'),
  };
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => viewport });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(proto, 'offsetHeight', { configurable: true, get: () => row });
  Object.defineProperty(proto, 'scrollHeight', { configurable: true, get: () => 100_000_000 });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}

/** A fresh Pinia whose watchlist store has started on a snapshot holding `items`. */
export async function startWithItems(items: WatchItem[]): Promise<Pinia> {
  installApi(createFakeApi(snapshotOf({ items })));
  const pinia = freshPinia();
  await useWatchlistStore().start();
  return pinia;
}
