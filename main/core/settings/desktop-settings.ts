// The desktop switches (start at login, start in the menu bar) as both hosts answer them: the
// user's choice lives in settings.json; what the OS made of it is the host's to say.
import type { DesktopPlatform, DesktopSettings, DesktopSettingsPatch, LoginItemStatus } from '../../../preload/api';
import type { Settings, SettingsFile } from './settings-file';

export function desktopSettingsOf(
  settings: Pick<Settings, 'startAtLogin' | 'startInMenuBar'>,
  loginItem: LoginItemStatus,
  platform: DesktopPlatform,
): DesktopSettings {
  return { startAtLogin: settings.startAtLogin, startInMenuBar: settings.startInMenuBar, loginItem, platform };
}

/** Only the switches the patch names change; the write is atomic and awaited. */
export async function saveDesktopPatch(file: Pick<SettingsFile, 'update'>, patch: DesktopSettingsPatch): Promise<void> {
  const change: Partial<Settings> = {};
  if (patch.startAtLogin !== undefined) change.startAtLogin = patch.startAtLogin;
  if (patch.startInMenuBar !== undefined) change.startInMenuBar = patch.startInMenuBar;
  if (Object.keys(change).length === 0) return;
  await file.update(change);
}
