// The application menu. Electron's default one goes: its Help menu links to electronjs.org and
// its View menu offers DevTools in what users install. Ours has Edit (on macOS, copy and paste
// in text fields only work through Edit menu roles), View, Window, and a Help menu that leads to
// JoggAI's docs, our README, diagnostics, the log folder and update checks. Every label comes
// from the window's catalogue (text.ts). The window keeps `autoHideMenuBar`: on Windows and
// Linux the bar appears with Alt.
import { Menu, app, clipboard, dialog, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { mkdirSync, readFileSync } from 'node:fs';
import { release, type as osType, version as osVersion } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/ports';
import { buildDiagnostics, DIAGNOSTICS_LOG_LINES } from './diagnostics';
import { editMenuItems, windowEditActions, type EditActions } from './edit-menu';
import type { AppLog } from './log';
import type { MainText, Translate } from './text';
import { createElectronUpdateFlow, describeRoute, type UpdateFlow } from './updates';

/** JoggAI's documentation site (the docs pages this app is built from live there). */
export const JOGG_API_DOCS_URL = 'https://docs.jogg.ai/';

export interface HelpActions {
  openLink(url: string): void;
  copyDiagnostics(): void;
  openLogFolder(): void;
  checkForUpdates(): void;
}

export interface MenuTemplateOptions {
  t: Translate;
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds keep Reload and the developer tools; installed ones have neither. */
  isPackaged: boolean;
  /** package.json `homepage`; without a valid https one, the README item is left out. */
  homepage: string | null;
  actions: HelpActions;
  /** The Settings item (Preferences on macOS), with the usual Ctrl/Cmd+, shortcut. */
  openSettings?: () => void;
  // selection
  /** Routes Undo and Select All through the window (see edit-menu.ts); without it, plain roles. */
  edit?: EditActions;
}

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { t, platform, appName, isPackaged, homepage, actions, edit } = options;
  const mac = platform === 'darwin';
  const named = { app: appName };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const settingsItems: MenuItemConstructorOptions[] = options.openSettings
    ? [{ label: t('settingsPage.menuItem'), accelerator: 'CmdOrCtrl+,', click: options.openSettings }, separator]
    : [];

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: t('menu.about', named) },
      separator,
      ...settingsItems,
      { role: 'services', label: t('menu.services') },
      separator,
      { role: 'hide', label: t('menu.hide', named) },
      { role: 'hideOthers', label: t('menu.hideOthers') },
      { role: 'unhide', label: t('menu.showAll') },
      separator,
      { role: 'quit', label: t('menu.quit', named) },
    ],
  };
  // Windows and Linux have no app menu: Quit lives in File, as people there expect (closing the
  // window only hides it to the tray).
  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [...settingsItems, { role: 'quit', label: t('menu.quit', named) }],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: editMenuItems(t, edit),
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      // A reload in an installed app only loses what the user typed; the list is kept in main.
      ...(isPackaged
        ? []
        : ([
            { role: 'reload', label: t('menu.reload') },
            { role: 'toggleDevTools', label: t('menu.toggleDevTools') },
            separator,
          ] satisfies MenuItemConstructorOptions[])),
      { role: 'resetZoom', label: t('menu.actualSize') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('menu.toggleFullScreen') },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('menu.window'),
    role: 'window',
    submenu: [
      { role: 'minimize', label: t('menu.minimize') },
      ...(mac
        ? ([
            { role: 'zoom', label: t('menu.zoom') },
            separator,
            { role: 'front', label: t('menu.front') },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'close', label: t('menu.close') },
    ],
  };
  const readme = readmeUrl(homepage);
  const helpMenu: MenuItemConstructorOptions = {
    label: t('menu.help'),
    role: 'help',
    submenu: [
      { label: t('menu.apiDocs'), click: () => actions.openLink(JOGG_API_DOCS_URL) },
      ...(readme ? [{ label: t('menu.readme'), click: () => actions.openLink(readme) }] : []),
      separator,
      { label: t('menu.copyDiagnostics'), click: () => actions.copyDiagnostics() },
      { label: t('menu.openLogFolder'), click: () => actions.openLogFolder() },
      separator,
      { label: t('menu.checkForUpdates'), click: () => actions.checkForUpdates() },
    ],
  };
  return [mac ? appMenu : fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** `<homepage>#readme` when the homepage is an https address, else null. */
export function readmeUrl(homepage: string | null): string | null {
  return homepage !== null && isHttps(homepage) ? `${homepage.replace(/#.*$/, '')}#readme` : null;
}

/** `<homepage>/releases`: where each version's installers are, for builds that cannot update themselves. */
export function downloadPageUrl(homepage: string | null): string | null {
  return homepage !== null && isHttps(homepage) ? `${homepage.replace(/#.*$/, '').replace(/\/+$/, '')}/releases` : null;
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The app's own package.json (inside app.asar when installed): the one source of its homepage. */
export function readHomepage(appPath: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { homepage?: unknown };
    return typeof parsed.homepage === 'string' ? parsed.homepage : null;
  } catch {
    return null;
  }
}

/** Only https links leave the app, and only to the user's default browser. */
export function openHttpsLink(url: string, logger: Logger): void {
  if (!isHttps(url)) {
    logger.warn(`Refused to open a non-https link from the menu: ${url}`);
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn(`Could not open ${url}: ${errorText(error)}`));
}

export interface AppMenuOptions {
  log: AppLog;
  /** Main's language: the menu is built in it and rebuilt when it changes. */
  text: MainText;
  /** Where the API key is kept, by kind ("system keychain", "memory"): asked at the moment of copying. */
  keyStore: () => string;
  /** Whether the tray icon is there, for diagnostics. */
  trayStatus: () => string;
  /** The app window, to attach dialogs to when it is showing. */
  getWindow: () => BrowserWindow | null;
  /** Called right before an update is installed: from then on closing the window must not hide it. */
  beforeQuitForUpdate: () => void;
  /** Shows the window with Settings open. */
  openSettings?: () => void;
}

/** Builds the menu with its Help actions and makes it the application menu. */
export function installAppMenu(options: AppMenuOptions): void {
  const { log } = options;
  const { t } = options.text;
  const homepage = readHomepage(app.getAppPath());
  const downloadPage = downloadPageUrl(homepage);
  const parentWindow = (): BrowserWindow | null => {
    const window = options.getWindow();
    return window !== null && !window.isDestroyed() && window.isVisible() ? window : null;
  };
  const updates: UpdateFlow = createElectronUpdateFlow({
    t,
    logger: log,
    openDownloadPage: () => {
      if (downloadPage !== null) openHttpsLink(downloadPage, log);
    },
    parentWindow,
    beforeQuitForUpdate: options.beforeQuitForUpdate,
  });

  const actions: HelpActions = {
    openLink: (url) => openHttpsLink(url, log),
    copyDiagnostics: () => {
      void (async () => {
        const text = buildDiagnostics({
          appVersion: app.getVersion(),
          versions: process.versions,
          os: `${osType()} ${release()} (${osVersion()})`,
          arch: process.arch,
          locale: app.getLocale(),
          packaged: app.isPackaged,
          updates: describeRoute(await updates.route()),
          dataFolder: app.getPath('userData'),
          logFile: log.filePath(),
          keyStore: options.keyStore(),
          tray: options.trayStatus(),
          logLines: log.tail(DIAGNOSTICS_LOG_LINES),
          generatedAt: new Date().toISOString(),
        });
        clipboard.writeText(text);
        await showMessage(parentWindow(), {
          type: 'info',
          message: t('diagnostics.copied'),
          detail: t('diagnostics.copiedDetail'),
          buttons: [t('diagnostics.ok')],
        });
      })().catch((error: unknown) => log.error(`Could not copy diagnostics: ${errorText(error)}`));
    },
    openLogFolder: () => {
      const folder = log.folder();
      // Nothing may have been written yet (a fresh data folder): open an empty folder, not an error.
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        // openPath below reports it.
      }
      // shell.openPath answers with an error text ('' on success) rather than rejecting.
      void shell.openPath(folder).then(async (failure) => {
        if (failure === '') return;
        log.warn(`Could not open the log folder ${folder}: ${failure}`);
        await showMessage(parentWindow(), {
          type: 'warning',
          message: t('diagnostics.openFolderFailed', { message: failure, path: folder }),
          buttons: [t('diagnostics.ok')],
        });
      });
    },
    checkForUpdates: () => {
      void updates.check().catch((error: unknown) => log.error(`Update check failed: ${errorText(error)}`));
    },
  };

  const build = (): void => {
    const template = buildMenuTemplate({
      t,
      platform: process.platform,
      appName: app.getName(),
      isPackaged: app.isPackaged,
      homepage,
      actions,
      ...(options.openSettings ? { openSettings: options.openSettings } : {}),
      edit: windowEditActions(options.getWindow),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build();
  options.text.onChange(build);
}

function showMessage(
  parent: BrowserWindow | null,
  options: Electron.MessageBoxOptions,
): Promise<Electron.MessageBoxReturnValue> {
  return parent === null ? dialog.showMessageBox(options) : dialog.showMessageBox(parent, options);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
