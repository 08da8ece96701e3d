// Windows shows an app's toast notifications only when a Start-menu shortcut carries the app's
// AppUserModelID. The NSIS installer makes one; the portable exe installs nothing, so without
// this its notifications silently never appear. electron-builder's portable launcher unpacks the
// app to a temp folder and names the real exe in PORTABLE_EXECUTABLE_FILE: the shortcut points
// there (the temp copy is gone after the app quits).
import { existsSync } from 'node:fs';
import { join, win32 } from 'node:path';
import type { Logger } from '../core/ports';

export const SHORTCUT_NAME = 'Avatar Watch.lnk';

/** The parts of Electron's `shell` (Windows only) this uses. */
export interface ShortcutShell {
  readShortcutLink(path: string): { target: string; appUserModelId?: string };
  writeShortcutLink(
    path: string,
    operation: 'create' | 'update' | 'replace',
    options: { target: string; appUserModelId?: string; description?: string; icon?: string; iconIndex?: number },
  ): boolean;
}

export interface PortableShortcutOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** `app.getPath('appData')`: %APPDATA% on Windows. */
  appData: string;
  appUserModelId: string;
  shell: ShortcutShell;
  logger: Logger;
  /** Whether a file exists (tests replace it). */
  exists?: (path: string) => boolean;
}

export type ShortcutOutcome = 'not-portable' | 'created' | 'repaired' | 'kept' | 'failed';

export function shortcutPath(appData: string): string {
  return join(appData, 'Microsoft', 'Windows', 'Start Menu', 'Programs', SHORTCUT_NAME);
}

function samePath(a: string, b: string): boolean {
  return win32.normalize(a).toLowerCase() === win32.normalize(b).toLowerCase();
}

/**
 * Creates the Start-menu shortcut for the portable exe, or repairs one whose AppUserModelID is
 * wrong or whose target is gone (the exe was moved). A shortcut that carries our ID and points to
 * another copy that still exists (an installed Avatar Watch, another portable copy) is left
 * alone: toasts already work through it, and the user's installed app keeps its shortcut.
 */
export function ensurePortableShortcut(options: PortableShortcutOptions): ShortcutOutcome {
  const target = options.env.PORTABLE_EXECUTABLE_FILE;
  if (options.platform !== 'win32' || !target) return 'not-portable';
  const exists = options.exists ?? existsSync;
  const path = shortcutPath(options.appData);
  const details = {
    target,
    appUserModelId: options.appUserModelId,
    description: 'Avatar Watch',
    icon: target,
    iconIndex: 0,
  };

  let current: { target: string; appUserModelId?: string } | null;
  try {
    current = options.shell.readShortcutLink(path);
  } catch {
    current = null; // no shortcut yet (or an unreadable one, which is replaced below)
  }

  try {
    if (current === null) {
      // 'replace' also overwrites an unreadable file of that name.
      if (!options.shell.writeShortcutLink(path, exists(path) ? 'replace' : 'create', details)) return fail(options, path);
      return 'created';
    }
    const idMatches = current.appUserModelId === options.appUserModelId;
    const targetMatches = samePath(current.target, target);
    if (idMatches && (targetMatches || exists(current.target))) return 'kept';
    if (!options.shell.writeShortcutLink(path, 'replace', details)) return fail(options, path);
    return 'repaired';
  } catch (error) {
    return fail(options, path, error);
  }
}

function fail(options: PortableShortcutOptions, path: string, error?: unknown): 'failed' {
  const reason = error instanceof Error ? `: ${error.message}` : '';
  options.logger.warn(`Could not write the Start-menu shortcut ${path}; notifications may not appear${reason}`);
  return 'failed';
}
