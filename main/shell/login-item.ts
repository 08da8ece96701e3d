// Start at login. macOS and Windows keep login items themselves (`app.setLoginItemSettings`);
// Linux desktops start what the XDG autostart folder lists, so there we write a .desktop file.
// The program to start must be the one the user installed: the AppImage itself ($APPIMAGE) and
// the portable exe (PORTABLE_EXECUTABLE_FILE), not the copies they unpack to a temp folder.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { App, BrowserWindow, Dock } from 'electron';
import type { DesktopSettings, DesktopSettingsPatch, LoginItemStatus, Result } from '../../preload/api';
import type { Logger } from '../core/ports';
import { desktopSettingsOf, saveDesktopPatch } from '../core/settings/desktop-settings';
import type { SettingsFile } from '../core/settings/settings-file';
import { desktopPlatform } from '../core/platform';

/** Passed by login launches on Windows and Linux: start in the tray, window hidden. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'avatar-watch.desktop';

export interface LoginItemHost {
  platform: NodeJS.Platform;
  /** False when running from source: a login launch of a bare Electron binary would open nothing. */
  isPackaged: boolean;
  execPath: string;
  env: NodeJS.ProcessEnv;
  home: string;
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
}

/** The program a login launch must start. */
export function loginExecutable(host: Pick<LoginItemHost, 'platform' | 'env' | 'execPath'>): string {
  if (host.platform === 'linux' && host.env.APPIMAGE) return host.env.APPIMAGE;
  if (host.platform === 'win32' && host.env.PORTABLE_EXECUTABLE_FILE) return host.env.PORTABLE_EXECUTABLE_FILE;
  return host.execPath;
}

/** `$XDG_CONFIG_HOME/autostart` (an absolute XDG_CONFIG_HOME only, per the spec), else ~/.config/autostart. */
export function autostartPath(host: Pick<LoginItemHost, 'env' | 'home'>): string {
  const configHome = host.env.XDG_CONFIG_HOME;
  const base = configHome && configHome.startsWith('/') ? configHome : join(host.home, '.config');
  return join(base, 'autostart', AUTOSTART_FILE);
}

// Desktop Entry spec, "The Exec key": these characters make an argument need double quotes, and
// inside the quotes ", `, $ and \ take a backslash.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an `Exec=` line: quoted when needed, `%` doubled (it starts field codes), and
 * then every backslash doubled by the string-value escape rule, so a literal `\` becomes `\\\\`
 * and a `$` becomes `\\$`, as the spec spells out.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('An autostart argument cannot hold a line break.');
  const quoted = arg === '' || RESERVED.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

/** The autostart entry that starts `exec` hidden at login. */
export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Avatar Watch',
    'Comment=Tells you the moment your JoggAI photo avatars are ready.',
    `Exec=${[exec, HIDDEN_ARG].map(quoteExecArg).join(' ')}`,
    'Icon=avatar-watch',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Registers (or removes) the login item; on Linux writes (or deletes) the autostart file. */
export async function setLoginItem(host: LoginItemHost, openAtLogin: boolean): Promise<void> {
  if (!host.isPackaged) return;
  if (host.platform === 'linux') {
    const path = autostartPath(host);
    if (openAtLogin) {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFileAtomic(path, autostartEntry(loginExecutable(host)), { mode: 0o644 });
    } else {
      await rm(path, { force: true });
    }
    return;
  }
  if (host.platform === 'win32') {
    host.app.setLoginItemSettings({ openAtLogin, path: loginExecutable(host), args: [HIDDEN_ARG] });
    return;
  }
  if (host.platform === 'darwin') host.app.setLoginItemSettings({ openAtLogin });
}

/** What the OS says now, which can differ from the setting (macOS approval, Task Manager). */
export async function readLoginItemStatus(host: LoginItemHost): Promise<LoginItemStatus> {
  if (!host.isPackaged) return 'not-supported';
  if (host.platform === 'linux') {
    try {
      const text = await readFile(autostartPath(host), 'utf8');
      return /^X-GNOME-Autostart-enabled=false$/m.test(text) || /^Hidden=true$/m.test(text) ? 'disabled' : 'enabled';
    } catch {
      return 'disabled';
    }
  }
  if (host.platform === 'win32') {
    const state = host.app.getLoginItemSettings({ path: loginExecutable(host), args: [HIDDEN_ARG] });
    // Turned off in Task Manager's Startup tab: registered, but Windows will not start it.
    return state.openAtLogin && state.executableWillLaunchAtLogin !== false ? 'enabled' : 'disabled';
  }
  if (host.platform === 'darwin') {
    const state = host.app.getLoginItemSettings();
    // macOS 13+ (SMAppService) reports a status; the user may have to approve the item first.
    if (state.status === 'requires-approval') return 'requires-approval';
    if (state.status === 'enabled') return 'enabled';
    return state.openAtLogin ? 'enabled' : 'disabled';
  }
  return 'not-supported';
}

/**
 * Whether this launch starts in the tray with the window hidden: a login launch on Windows and
 * Linux (our `--hidden` argument), or on macOS, which cannot tell a login launch reliably, when
 * the user chose "start in the menu bar".
 */
export function startsHidden(options: { platform: NodeJS.Platform; argv: readonly string[]; startInMenuBar: boolean }): boolean {
  if (options.platform === 'darwin') return options.startInMenuBar;
  return options.argv.includes(HIDDEN_ARG);
}

export interface DesktopSettingsControl {
  get(): Promise<DesktopSettings>;
  set(patch: DesktopSettingsPatch): Promise<Result<DesktopSettings>>;
  /**
   * At start, with start at login on: writes the login item again on Windows and Linux, so it
   * follows an AppImage or portable exe the user moved. (macOS keeps the bundle's own item.)
   */
  repair(): Promise<void>;
}

/** getDesktopSettings / setDesktopSettings for the Electron host. */
export function createDesktopSettingsControl(settings: SettingsFile, host: LoginItemHost, logger: Logger): DesktopSettingsControl {
  const get = async (): Promise<DesktopSettings> =>
    desktopSettingsOf(settings.get(), await readLoginItemStatus(host), desktopPlatform(host.platform));

  const apply = async (openAtLogin: boolean): Promise<void> => {
    try {
      await setLoginItem(host, openAtLogin);
    } catch (error) {
      // The answer's loginItem then shows what the OS has; the window says it did not take.
      logger.warn(`Could not ${openAtLogin ? 'add' : 'remove'} the login item: ${(error as Error).message}`);
    }
  };

  return {
    get,
    async set(patch) {
      try {
        await saveDesktopPatch(settings, patch);
      } catch (error) {
        logger.warn(`Could not save the desktop settings in ${settings.path}: ${(error as Error).message}`);
      }
      if (patch.startAtLogin !== undefined) await apply(patch.startAtLogin);
      return { ok: true, value: await get() };
    },
    async repair() {
      if (settings.get().startAtLogin && host.platform !== 'darwin') await apply(true);
    },
  };
}

/**
 * macOS "start in the menu bar": no Dock icon while the window has not been shown, so the app
 * lives in the menu bar as the setting says; the icon comes back the first time the window opens
 * (from the tray, a notification, or a second launch).
 */
export function stayInMenuBarUntilShown(dock: Pick<Dock, 'hide' | 'show'> | undefined, window: Pick<BrowserWindow, 'once'>, logger: Logger): void {
  if (dock === undefined) return;
  dock.hide();
  window.once('show', () => {
    dock.show().catch((error: unknown) => logger.warn(`Could not show the Dock icon again: ${(error as Error).message}`));
  });
}

/** The real host, for the shell. */
export function electronLoginItemHost(app: LoginItemHost['app'] & Pick<App, 'isPackaged'>): LoginItemHost {
  return { platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, env: process.env, home: homedir(), app };
}
