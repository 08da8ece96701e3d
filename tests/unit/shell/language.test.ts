// A Chinese OS gets Chinese in everything main shows itself (menu, tray, notifications), from the
// same catalogue as the window, and a change of language re-words what is already on screen.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot, WatchItem } from '../../../preload/api';
import { createMainText } from '../../../main/shell/text';
import zhCN from '../../../renderer/src/i18n/zh-CN';
import en from '../../../renderer/src/i18n/en';
import { Menu, Notification, Tray, app, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createAppTray } = await import('../../../main/shell/tray');
const { installAppMenu } = await import('../../../main/shell/menu');
const { createElectronNotifier } = await import('../../../main/shell/notifier');

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), tail: () => [], filePath: () => '/l/main.log', folder: () => '/l' };
const ONLINE = { state: 'online', retryAt: null, error: null } as const;

function item(photoId: string, status: WatchItem['status']): WatchItem {
  return {
    photoId, status, addedAt: 0, lastCheckedAt: null, nextCheckAt: null, finishedAt: status === 'ready' ? 1 : null, checks: 0,
    imageUrls: [], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual',
  };
}
function snapshot(items: WatchItem[]): Snapshot {
  return { items, pause: null, checkingPaused: false, connection: ONLINE, account: {} as Snapshot['account'], notices: [] };
}

function menuLabels(): string[] {
  const template = (Menu.applicationMenu?.template ?? []) as Array<{ label?: string }>;
  return template.map((entry) => entry.label ?? '');
}

beforeEach(() => {
  resetElectronFakes();
  app.isPackaged = true;
});

describe('main speaks the OS language', () => {
  it('picks Chinese for a Chinese OS, English for any other, and simplified Chinese for zh variants', () => {
    expect(createMainText(['zh-CN', 'en-US']).locale()).toBe('zh-CN');
    expect(createMainText(['zh-Hans-SG']).locale()).toBe('zh-CN');
    expect(createMainText(['de-DE', 'zh-CN']).locale()).toBe('zh-CN');
    expect(createMainText(['en-GB', 'zh-CN']).locale()).toBe('en');
    expect(createMainText(['fr-FR']).locale()).toBe('en');
  });

  it('words the tray in Chinese on a Chinese OS and again in English after a switch', () => {
    const text = createMainText(['zh-CN']);
    const handlers = { onShow: vi.fn(), onShowItem: vi.fn(), onCheckAll: vi.fn(), onSetPaused: vi.fn(), onQuit: vi.fn() };
    const appTray = createAppTray({ translate: text.t, platform: 'linux', ...handlers });
    text.onChange(() => appTray.reword());
    const items = Array.from({ length: 1200 }, (_, i) => item(`p${i}`, 'in_progress'));
    appTray.reset(snapshot(items));
    const tray = Tray.instances.at(-1)!;
    expect(tray.tooltip).toBe('Avatar Watch — 1,200 张生成中');
    const labels = () => tray.menu!.template.map((entry) => entry.label).filter(Boolean);
    expect(labels()).toContain(zhCN.tray.checkAll);
    expect(labels()).toContain('1,200 张照片生成中');

    text.setLanguage('en');
    expect(tray.tooltip).toBe('Avatar Watch — 1,200 in progress');
    expect(labels()).toContain(en.tray.checkAll);
    expect(labels()).not.toContain(zhCN.tray.checkAll);
  });

  it('builds the application menu in Chinese and rebuilds it when the language changes', () => {
    const text = createMainText(['zh-CN']);
    installAppMenu({ log: log as never, text, keyStore: () => 'memory', trayStatus: () => '', getWindow: () => null, beforeQuitForUpdate: () => {} });
    expect(menuLabels()).toEqual(expect.arrayContaining([zhCN.menu.edit, zhCN.menu.help]));
    text.setLanguage('en');
    expect(menuLabels()).toEqual(expect.arrayContaining([en.menu.edit, en.menu.help]));
    expect(menuLabels()).not.toContain(zhCN.menu.help);
  });

  it('words notifications in the language current when they are shown', () => {
    const text = createMainText(['zh-CN']);
    const notifier = createElectronNotifier({ showItem: vi.fn(), logger: log, translate: text.t });
    notifier.notify({ photoId: 'photo-1', outcome: 'ready', imageCount: 4, failureMessage: null, group: 1 });
    notifier.notify({ outcome: 'summary', ready: 1200, failed: 1, group: 2 } as never);
    text.setLanguage('en');
    notifier.notify({ photoId: 'photo-3', outcome: 'failed', imageCount: 0, failureMessage: null, group: 3 });
    expect(Notification.shown.map((n) => [n.title, n.body])).toEqual([
      ['照片数字人已就绪', 'photo-1：4 张图片可以查看了。'],
      ['照片数字人已完成', '1,200 个照片数字人已就绪 · 1 个失败'],
      ['Photo avatar failed', 'photo-3: JoggAI did not say why.'],
    ]);
  });
});
