// The Settings page's theme and language for what main draws itself: nativeTheme follows the theme
// (title bar, scroll bars, menus, the page's prefers-color-scheme; 'system' hands it back), and
// main's words (menu, tray, notifications, dialogs) follow the language, as the window's do.
import { nativeTheme } from 'electron';
import type { AppSettings, StatePatch } from '../../preload/api';
import type { MainText } from './text';

export interface SettingsSource {
  getSettings(): Promise<AppSettings>;
  onStateChanged(listener: (patch: StatePatch) => void): () => void;
}

/** Applies the saved theme and language now and every change after; returns the unsubscribe. */
export function followSettings(source: SettingsSource, text: Pick<MainText, 'setLanguage'>): () => void {
  const apply = (settings: AppSettings): void => {
    nativeTheme.themeSource = settings.theme;
    text.setLanguage(settings.language);
  };
  const stop = source.onStateChanged((patch) => {
    if (patch.settings) apply(patch.settings);
  });
  void source.getSettings().then(apply);
  return stop;
}
