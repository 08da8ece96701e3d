// The theme and language chosen in Settings reach what main draws itself, at start and on every change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeTheme, resetElectronFakes } from './fake-electron';
import { createFakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

import en from '../../../renderer/src/i18n/en';
import zhCN from '../../../renderer/src/i18n/zh-CN';

const { followSettings } = await import('../../../main/shell/follow-settings');
const { createMainText } = await import('../../../main/shell/text');

let dir: string;
beforeEach(() => {
  resetElectronFakes();
  dir = mkdtempSync(join(tmpdir(), 'aw-follow-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the native theme', () => {
  it('follows the saved theme at start and each change after, and "system" hands it back', async () => {
    const service = createFakeService(dir);
    await service.settingsLoaded;
    await service.settings.update({ theme: 'dark' });
    const stop = followSettings(service, createMainText(['en-US']));
    await vi.waitFor(() => expect(nativeTheme.themeSource).toBe('dark'));
    service.emit({ settings: { ...service.userSettings.current(), theme: 'light' } });
    expect(nativeTheme.themeSource).toBe('light');
    service.emit({ settings: { ...service.userSettings.current(), theme: 'system' } });
    expect(nativeTheme.themeSource).toBe('system');
    stop();
    service.emit({ settings: { ...service.userSettings.current(), theme: 'dark' } });
    expect(nativeTheme.themeSource).toBe('system');
  });

  it('words main\'s menu, tray and notifications in the language chosen; "system" hands it back to the OS', async () => {
    const service = createFakeService(dir);
    await service.settingsLoaded;
    const text = createMainText(['en-US']);
    let changes = 0;
    text.onChange(() => (changes += 1));
    await service.settings.update({ language: 'zh-CN' });
    const stop = followSettings(service, text);
    await vi.waitFor(() => expect(text.t('tray.quit')).toBe(zhCN.tray.quit));
    service.emit({ settings: { ...service.userSettings.current(), language: 'system' } });
    expect(text.t('tray.quit')).toBe(en.tray.quit);
    expect(changes).toBe(2);
    stop();
    service.emit({ settings: { ...service.userSettings.current(), language: 'zh-CN' } });
    expect(text.t('tray.quit')).toBe(en.tray.quit);
  });
});
