// The user's settings as the window shows them: read once, then kept in step with main (a change
// made in another window, or by the tray, arrives as StatePatch.settings). Every change is sent at
// once and the answer says "Saved" or why not. The theme is applied here, on <html>.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AppError, AppSettings, AppSettingsPatch, ThemeChoice } from '../../../preload/api';

/** What the page says after the last change: nothing yet, being saved, saved, or refused. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: AppError | string };

/** `system` leaves the choice to prefers-color-scheme (base.css); the others pin it. */
export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export const useSettingsStore = defineStore('settings', () => {
  const current = ref<AppSettings | null>(null);
  const save = ref<SaveState>({ kind: 'idle' });
  const loadError = ref<string | null>(null);
  let unsubscribe: (() => void) | null = null;

  watch(
    () => current.value?.theme,
    (theme) => {
      if (theme) applyTheme(theme);
    },
  );

  async function start(): Promise<void> {
    if (unsubscribe) return;
    const api = window.avatarWatch;
    unsubscribe = api.onStateChanged((patch) => {
      if (patch.settings) current.value = patch.settings;
    });
    try {
      current.value = await api.getSettings();
      loadError.value = null;
    } catch (cause) {
      loadError.value = cause instanceof Error ? cause.message : String(cause);
    }
  }

  async function update(patch: AppSettingsPatch): Promise<boolean> {
    save.value = { kind: 'saving' };
    try {
      const result = await window.avatarWatch.updateSettings(patch);
      if (!result.ok) {
        save.value = { kind: 'failed', error: result.error };
        // A refused change leaves main's settings as they were: show those, not what was tried.
        current.value = await window.avatarWatch.getSettings();
        return false;
      }
      current.value = result.value;
      save.value = { kind: 'saved' };
      return true;
    } catch (cause) {
      save.value = { kind: 'failed', error: cause instanceof Error ? cause.message : String(cause) };
      return false;
    }
  }

  return { current, save, loadError, start, update };
});
