// The language chosen in Settings reaches what main says itself (menu, tray, notifications,
// dialogs), at start and on every change; "As the system" hands it back to the OS's language.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronFakes } from './fake-electron';
import { createFakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const { followLanguageSetting } = await import('../../../main/shell/follow-language');
const { createMainText } = await import('../../../main/shell/text');

let dir: string;
beforeEach(() => {
  resetElectronFakes();
  dir = mkdtempSync(join(tmpdir(), 'aw-follow-language-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('main’s language', () => {
  it('follows the saved language at start and each change after, on an English system', async () => {
    const service = createFakeService(dir);
    await service.settingsLoaded;
    await service.settings.update({ language: 'zh-CN' });
    const text = createMainText(['en-US']);
    const reworded = vi.fn();
    text.onChange(reworded);
    const stop = followLanguageSetting(service, text);
    await vi.waitFor(() => expect(text.t('fileDialogs.exportTitle')).toBe('导出监视列表'));
    expect(reworded).toHaveBeenCalledWith('zh-CN');

    service.emit({ settings: { ...service.userSettings.current(), language: 'system' } });
    expect(text.t('menu.file')).toBe('File');
    service.emit({ settings: { ...service.userSettings.current(), language: 'zh-CN' } });
    expect(text.t('menu.file')).toBe('文件');
    stop();
    service.emit({ settings: { ...service.userSettings.current(), language: 'en' } });
    expect(text.locale()).toBe('zh-CN');
  });
});
