// The Settings page's theme for what Electron draws itself (title bar, scroll bars, menus, the
// page's prefers-color-scheme): nativeTheme follows the user's choice, and 'system' hands it back.
import { nativeTheme } from 'electron';
import type { AppSettings, StatePatch } from '../../preload/api';

export interface ThemeSource {
  getSettings(): Promise<AppSettings>;
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
}

/** Applies the saved theme now and every change after; returns the unsubscribe. */
export function followThemeSetting(source: ThemeSource): () => void {
  const stop = source.onStateChanged((patch) => {
    if (patch.settings) nativeTheme.themeSource = patch.settings.theme;
  });
  void source.getSettings().then((settings) => {
    nativeTheme.themeSource = settings.theme;
  });
  return stop;
}
