// The OS as the window's advice knows it (keychain, notifications, login items): the three
// desktops, and "other" for whatever else Node reports.
import type { DesktopPlatform } from '../../preload/api';

export function desktopPlatform(platform: NodeJS.Platform = process.platform): DesktopPlatform {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}
