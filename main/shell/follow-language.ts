// The Settings page's language for what main says itself (menu, tray, notifications, dialogs).
// The window follows the setting on its own; main's translator has to be told, at start and on
// every change, or someone who picks 简体中文 on an English system still gets English menus.
import type { MainText } from './text';
import type { ThemeSource as SettingsSource } from './native-theme';

/** Applies the saved language now and every change after; returns the unsubscribe. */
export function followLanguageSetting(source: SettingsSource, text: Pick<MainText, 'setLanguage'>): () => void {
  const stop = source.onStateChanged((patch) => {
    if (patch.settings) text.setLanguage(patch.settings.language);
  });
  void source.getSettings().then((settings) => text.setLanguage(settings.language));
  return stop;
}
