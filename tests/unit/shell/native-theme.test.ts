// The theme chosen in Settings reaches what Electron draws itself, at start and on every change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeTheme, resetElectronFakes } from './fake-electron';
import { createFakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const { followThemeSetting } = await import('../../../main/shell/native-theme');

let dir: string;
beforeEach(() => {
  resetElectronFakes();
  dir = mkdtempSync(join(tmpdir(), 'aw-native-theme-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the native theme', () => {
  it('follows the saved theme at start and each change after, and "system" hands it back', async () => {
    const service = createFakeService(dir);
    await service.settingsLoaded;
    await service.settings.update({ theme: 'dark' });
    const stop = followThemeSetting(service);
    await vi.waitFor(() => expect(nativeTheme.themeSource).toBe('dark'));
    service.emit({ settings: { ...service.userSettings.current(), theme: 'light' } });
    expect(nativeTheme.themeSource).toBe('light');
    service.emit({ settings: { ...service.userSettings.current(), theme: 'system' } });
    expect(nativeTheme.themeSource).toBe('system');
    stop();
    service.emit({ settings: { ...service.userSettings.current(), theme: 'dark' } });
    expect(nativeTheme.themeSource).toBe('system');
  });
});
