// The Electron host: one instance, one window, a tray icon, and the core service behind IPC.
// Closing the window keeps the app watching from the tray; Quit flushes the watchlist, then exits.
import { app, dialog, screen, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { SecretStore } from '../core/ports';
import { createKeychainSecretStore } from '../core/secrets/keychain-secret-store';
import { createMemorySecretStore } from '../core/secrets/memory-secret-store';
import { parseGivenBudget } from '../core/budget';
import { ConfigurationError, createAvatarWatchService, type AvatarWatchService } from '../core/service';
import { watchConnectivity } from './connectivity';
import { registerIpc } from './ipc';
import { createAppLog, logUncaughtExceptions, setSecretsToScrub } from './log';
import { installAppMenu } from './menu';
import { followSettings } from './follow-settings';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createPresence, type Presence } from './presence';
import { createMainText } from './text';
import { APP_ICON_PATH } from './tray';
import { applySessionPolicy, createMainWindow, showSettings, showWindow, type RendererLocation } from './window';
import { DATA_FILES_DIR, handleAppProtocol, registerAppScheme } from './app-protocol';
import { createDesktopSettingsControl, electronLoginItemHost, HIDDEN_ARG, startsHidden, stayInMenuBarUntilShown } from './login-item';
import { electronFetch } from './net-fetch';
import { ensurePortableShortcut } from './portable-shortcut';
import { saveOnSessionEnd } from './session-end';
import { placeWindow, trackWindowState } from './window-state';

const APP_USER_MODEL_ID = 'com.avatarwatch.app';
/** Quitting never waits longer than this for the watchlist to be written. */
const STOP_TIMEOUT_MS = 5_000;

// The log file, <userData>/logs/main.log (its folder is read at the first line, so the test data
// folder set below counts), and the console when running from source. The key is scrubbed (log.ts).
const logger = createAppLog({ folder: () => join(app.getPath('userData'), 'logs'), console: !app.isPackaged });
logUncaughtExceptions(logger);

// Test hooks, honoured only when running from source (never in an installed app): a throwaway
// data folder, and a key kept in memory for machines without a keychain.
const testDataDir = app.isPackaged ? undefined : process.env.AVATAR_WATCH_DATA_DIR;
const useMemoryKeyStore = !app.isPackaged && process.env.AVATAR_WATCH_SECRET_STORE === 'memory';
// The userData folder also holds the single-instance lock, so it must be set before asking for it.
if (testDataDir) app.setPath('userData', testDataDir);

const renderer: RendererLocation =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? { kind: 'dev', url: process.env.ELECTRON_RENDERER_URL }
    : { kind: 'app' };
/** A login launch (or macOS "start in the menu bar"): the first window is made but not shown. */
let launchHidden = false;

let mainWindow: BrowserWindow | null = null;
/** Notifier, tray, close behaviour and test hooks (presence.ts). */
let presence: Presence | null = null;
let service: AvatarWatchService | null = null;
let stopConnectivity: (() => void) | null = null;
let quitting = false;
/**
 * Set once settings.json is read: a window made before then (a second launch or a Dock click
 * during start-up) would ignore where it was left and whether to start hidden.
 */
let windowAllowed = false;
/** A request to show the window that came before then: honoured as soon as the window exists. */
let showWhenAllowed = false;

function requestShow(): void {
  if (windowAllowed) showWindow(ensureWindow());
  else showWhenAllowed = true;
}

function ensureWindow(): BrowserWindow {
  if (mainWindow === null || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({
      renderer,
      preloadPath: join(__dirname, '../preload/index.js'),
      iconPath: APP_ICON_PATH,
      isQuitting: () => quitting,
      closeBehaviour: () => presence?.closeBehaviour() ?? 'hide',
      devTools: !app.isPackaged,
      // Where it was left (settings.json), on a display that still exists.
      bounds: placeWindow(
        service?.settings.get().window ?? null,
        screen.getAllDisplays().map((display) => display.workArea),
        screen.getPrimaryDisplay().workArea,
      ),
      startHidden: launchHidden,
      logger,
    });
    if (launchHidden && process.platform === 'darwin') stayInMenuBarUntilShown(app.dock, mainWindow, logger);
    launchHidden = false;
    if (service !== null) {
      const current = service;
      const windowState = trackWindowState(mainWindow, current.settings, logger);
      saveOnSessionEnd(mainWindow, { flushWatchlist: () => current.flushSync(), saveWindowState: () => windowState.saveSync() }, logger);
    }
    presence?.watchWindow(mainWindow);
  }
  return mainWindow;
}

function chooseSecretStore(): SecretStore {
  if (!useMemoryKeyStore) return createKeychainSecretStore();
  logger.warn('AVATAR_WATCH_SECRET_STORE=memory: the API key is kept in memory only and forgotten on quit.');
  return createMemorySecretStore();
}

/**
 * Main's language, for the menu, tray, notifications and dialogs: the OS's until Settings says
 * otherwise (`mainText.setLanguage(settings.language)` re-words all of them).
 */
function systemLanguages(): string[] {
  const preferred = app.getPreferredSystemLanguages();
  return preferred.length > 0 ? preferred : [app.getLocale()];
}
let mainText: ReturnType<typeof createMainText> | null = null;
function text(): ReturnType<typeof createMainText> {
  mainText ??= createMainText(systemLanguages());
  return mainText;
}

async function start(): Promise<void> {
  applySessionPolicy(session.defaultSession, renderer);

  const secretStore = chooseSecretStore();
  installAppMenu({
    log: logger,
    text: text(),
    // Where the key is kept (never the key): the recorded place, or the store in use.
    keyStore: () => `${service?.settings.get().key?.location ?? 'no saved key recorded'} (${secretStore.description})`,
    trayStatus: () => (presence?.closeBehaviour() === 'minimize' ? 'no tray icons here: closing minimizes' : 'tray icon: closing hides to it'),
    getWindow: () => mainWindow,
    beforeQuitForUpdate: () => {
      quitting = true;
    },
    openSettings: () => showSettings(ensureWindow()),
  });
  const dataDir = app.getPath('userData');
  // The built renderer, and the app's own files (never the whole data folder: see app-protocol.ts).
  handleAppProtocol({ renderer: join(__dirname, '../renderer'), data: join(dataDir, DATA_FILES_DIR) });
  const desktop = createPresence({
    translate: text().t,
    onLanguageChange: (listener) => text().onChange(listener),
    logger,
    isPackaged: app.isPackaged,
    iconPath: APP_ICON_PATH,
    ensureWindow,
    isQuitting: () => quitting,
    quit: () => app.quit(),
  });
  presence = desktop;
  const notifier = desktop.notifier;
  // Only what the environment sets: it wins over the Settings page, which fills in the rest.
  const budget = parseGivenBudget({
    ratePerS: { name: 'AVATAR_WATCH_RATE', value: process.env.AVATAR_WATCH_RATE },
    burst: { name: 'AVATAR_WATCH_BURST', value: process.env.AVATAR_WATCH_BURST },
    maxInFlight: { name: 'AVATAR_WATCH_MAX_IN_FLIGHT', value: process.env.AVATAR_WATCH_MAX_IN_FLIGHT },
  });
  if (!budget.ok) throw new ConfigurationError(budget.error.message);
  const created = createAvatarWatchService({
    dataDir,
    budget: budget.value,
    apiBaseUrl: process.env.AVATAR_WATCH_API_BASE_URL,
    secretStore,
    // Offered only when the user opts in after being told the keychain is missing.
    keyCipher: createSafeStorageCipher(),
    // Whatever reaches the log file, the key in use never does.
    onKeyInUse: (key) => setSecretsToScrub(key === null ? [] : [key]),
    notifier,
    logger,
    // Chromium's network stack: system proxy, PAC and certificate store (net-fetch.ts).
    fetch: electronFetch,
  });
  service = created;
  logger.info(`Data folder: ${dataDir}; key store: ${secretStore.description}`);

  // Commands wait for the saved watchlist and key, so the first snapshot is already complete.
  const started = created.start();
  const desktopSettings = createDesktopSettingsControl(created.settings, electronLoginItemHost(app), logger);
  registerIpc({ service: created, renderer, getWindow: () => mainWindow, ready: started, logger, sendTestNotification: () => notifier.sendTest(), desktopSettings, translate: text().t });

  // The window opens where it was left and knows whether to stay hidden: it waits for
  // settings.json, never for the keychain.
  await Promise.race([created.settingsLoaded, started]);
  followSettings(created, text());
  launchHidden = startsHidden({ platform: process.platform, argv: process.argv, startInMenuBar: created.settings.get().startInMenuBar });
  windowAllowed = true;
  ensureWindow();
  if (showWhenAllowed) showWindow(ensureWindow());
  void desktopSettings.repair();
  // Portable exe on Windows: toasts need a Start-menu shortcut with our AppUserModelID.
  ensurePortableShortcut({ platform: process.platform, env: process.env, appData: app.getPath('appData'), appUserModelId: APP_USER_MODEL_ID, shell, logger });
  desktop.attach(created);

  await started;
  await desktop.started();
  // Only once the service runs: sleep and network changes before that have nothing to hold.
  if (!quitting) stopConnectivity = watchConnectivity(created, { logger });
}

/** Writes what is pending exactly once, bounded in time, whatever asked to quit. */
let flushed = false;
let flushing = false;
function onBeforeQuit(event: Electron.Event): void {
  quitting = true;
  if (flushed) return;
  event.preventDefault();
  if (flushing) return;
  flushing = true;
  stopConnectivity?.();
  stopConnectivity = null;
  void flushService().finally(() => {
    flushed = true;
    presence?.destroy();
    app.quit();
  });
}

async function flushService(): Promise<void> {
  if (service === null) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([service.stop().then(() => 'stopped' as const), timeout]);
    if (outcome === 'timeout') logger.warn(`Gave up waiting for the watchlist to be saved after ${STOP_TIMEOUT_MS} ms.`);
  } catch (error) {
    logger.error(`Could not save the watchlist on quit: ${errorText(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function failToStart(error: unknown): void {
  logger.error(`Could not start: ${errorText(error)}`);
  const { t } = text();
  const reason = errorText(error);
  dialog.showErrorBox(
    t('app.startFailedTitle'),
    error instanceof ConfigurationError ? t('app.startMisconfigured', { reason }) : t('app.startFailed', { reason }),
  );
  app.exit(1);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (!app.requestSingleInstanceLock()) {
  // Another Avatar Watch is running: it shows its window (second-instance below) and we leave.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('second-instance', (_event, argv) => {
    // A login launch while we already run (the user started us by hand first) changes nothing.
    if (!argv.includes(HIDDEN_ARG)) requestShow();
  });
  // macOS: clicking the Dock icon brings the window back.
  app.on('activate', () => {
    // macOS also sends this at the first launch: before start-up is done it is not a request to
    // show (a "start in the menu bar" launch must stay hidden).
    if (windowAllowed) showWindow(ensureWindow());
  });
  // Without this listener Electron would quit when the last window closes; we live in the tray.
  app.on('window-all-closed', () => {});
  app.on('before-quit', onBeforeQuit);
  // Ctrl+C in a terminal, or a system shutdown signal: quit the normal way so the list is saved.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  // Before ready, or Chromium will not treat app:// as a standard, secure origin.
  registerAppScheme();
  app.whenReady().then(start).catch(failToStart);
}
