import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhotoStatus, Snapshot, WatchItem } from '../../../preload/api';
import { createTranslator } from '../../../main/shell/text';
import { Tray, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { APP_ICON_PATH, createAppTray, trayIconPath } = await import('../../../main/shell/tray');

const t = createTranslator('en-GB');
const ONLINE = { state: 'online', retryAt: null, error: null } as const;

function item(photoId: string, status: PhotoStatus, finishedAt: number | null = null): WatchItem {
  return {
    photoId, status, addedAt: 0, lastCheckedAt: null, nextCheckAt: null, finishedAt, checks: 0,
    imageUrls: [], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual',
  };
}

function snapshot(items: WatchItem[], extra: Partial<Snapshot> = {}): Snapshot {
  return { items, pause: null, checkingPaused: false, connection: ONLINE, account: {} as Snapshot['account'], notices: [], ...extra };
}

function setUp(platform: NodeJS.Platform = 'linux') {
  const handlers = { onShow: vi.fn(), onShowItem: vi.fn(), onCheckAll: vi.fn(), onSetPaused: vi.fn(), onQuit: vi.fn() };
  const appTray = createAppTray({ translate: t, platform, ...handlers });
  const tray = Tray.instances.at(-1)!;
  const labels = () => tray.menu!.template.map((entry) => entry.label).filter(Boolean);
  const entry = (label: string) => tray.menu!.template.find((e) => e.label === label);
  const iconPath = () => (tray.image as { path: string }).path;
  return { appTray, tray, handlers, labels, entry, iconPath };
}

beforeEach(() => resetElectronFakes());

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the tray icon', () => {
  it('has an idle, an attention and an offline picture at 1x and 2x, with template images for macOS', () => {
    for (const state of ['idle', 'attention', 'offline'] as const) {
      for (const platform of ['linux', 'darwin'] as const) {
        const path = trayIconPath(state, platform);
        expect(pngSize(path)).toEqual([16, 16]);
        expect(pngSize(path.replace('.png', '@2x.png'))).toEqual([32, 32]);
      }
      expect(trayIconPath(state, 'darwin')).toMatch(new RegExp(`tray-${state}Template\\.png$`));
      expect(trayIconPath(state, 'win32')).toMatch(new RegExp(`tray-${state}\\.png$`));
    }
    expect(pngSize(APP_ICON_PATH)).toEqual([512, 512]);
  });

  it('marks macOS images as templates, so the menu bar recolours them', () => {
    const { tray } = setUp('darwin');
    expect(tray.image).toMatchObject({ template: true, path: trayIconPath('idle', 'darwin') });
    setUp('win32');
    expect(Tray.instances.at(-1)!.image).toMatchObject({ template: false });
  });

  it('needs attention for what finished since the window was last open, and for a key problem; offline otherwise', () => {
    const { appTray, iconPath } = setUp();
    appTray.markSeen(1_000);
    appTray.reset(snapshot([item('old', 'ready', 500), item('run', 'in_progress')]));
    expect(iconPath()).toBe(trayIconPath('idle', 'linux'));

    appTray.apply({ upserted: [item('run', 'failed', 2_000)] });
    expect(iconPath()).toBe(trayIconPath('attention', 'linux'));
    appTray.markSeen(3_000); // the window was shown
    expect(iconPath()).toBe(trayIconPath('idle', 'linux'));

    appTray.apply({ connection: { state: 'offline', retryAt: 1, error: null } });
    expect(iconPath()).toBe(trayIconPath('offline', 'linux'));
    appTray.apply({ connection: ONLINE, pause: { kind: 'invalid-key', message: 'no' } });
    expect(iconPath()).toBe(trayIconPath('attention', 'linux'));
    // "Checking" is not a state of the icon: requests coming and going change nothing.
    appTray.apply({ pause: null, upserted: [item('new', 'checking')] });
    expect(iconPath()).toBe(trayIconPath('idle', 'linux'));
  });
});

describe('the tray menu', () => {
  it('counts what is in progress and what finished since the window was last open', () => {
    const { appTray, labels } = setUp();
    expect(labels().slice(0, 2)).toEqual(['Nothing in progress', 'Nothing new since you last looked']);
    appTray.markSeen(1_000);
    appTray.reset(snapshot([item('a', 'in_progress'), item('b', 'checking'), item('c', 'ready', 500), item('d', 'ready', 1_500), item('e', 'not_found', 1_600)]));
    expect(labels().slice(0, 2)).toEqual(['2 photos in progress', '1 finished since you last looked']);
    appTray.apply({ upserted: [item('a', 'failed', 2_000)] });
    expect(labels().slice(0, 2)).toEqual(['1 photo in progress', '2 finished since you last looked']);
  });

  it('lists the five most recently finished photos, newest first, and opens the window on one when clicked', () => {
    const { appTray, labels, handlers, tray } = setUp();
    const items = Array.from({ length: 8 }, (_, i) => item(`photo-${i}`, i % 3 === 0 ? 'failed' : 'ready', 1_000 + i));
    appTray.reset(snapshot([...items, item('running', 'in_progress')]));
    const recent = labels().filter((l) => l!.startsWith('photo-'));
    expect(recent).toEqual(['photo-7 — ready', 'photo-6 — failed', 'photo-5 — ready', 'photo-4 — ready', 'photo-3 — failed']);
    tray.clickMenu('photo-6 — failed');
    expect(handlers.onShowItem).toHaveBeenCalledWith('photo-6');

    // One of them removed: the next one moves up.
    appTray.apply({ removed: ['photo-5'] });
    expect(labels().filter((l) => l!.startsWith('photo-'))).toEqual(['photo-7 — ready', 'photo-6 — failed', 'photo-4 — ready', 'photo-3 — failed', 'photo-2 — ready']);
    appTray.apply({ upserted: [item('running', 'ready', 5_000)] });
    expect(labels().find((l) => l!.startsWith('running'))).toBe('running — ready');
  });

  it('shortens long IDs and keeps an ampersand visible on Windows and Linux', () => {
    const { appTray, labels } = setUp('win32');
    appTray.reset(snapshot([item('a&b', 'ready', 1), item('x'.repeat(60), 'ready', 2)]));
    expect(labels()).toContain('a&&b — ready');
    expect(labels()).toContain(`${'x'.repeat(11)}…${'x'.repeat(11)} — ready`);
  });

  it('checks all, and pauses or resumes checking with a tick that follows the core', () => {
    const { appTray, handlers, tray, entry } = setUp();
    tray.clickMenu('Check all now');
    expect(handlers.onCheckAll).toHaveBeenCalledTimes(1);
    expect(entry('Pause checking')).toMatchObject({ type: 'checkbox', checked: false });
    tray.clickMenu('Pause checking');
    expect(handlers.onSetPaused).toHaveBeenLastCalledWith(true);

    appTray.apply({ checkingPaused: true });
    expect(entry('Pause checking')).toMatchObject({ checked: true });
    // Nothing would go out while paused.
    expect(entry('Check all now')).toMatchObject({ enabled: false });
    tray.clickMenu('Pause checking');
    expect(handlers.onSetPaused).toHaveBeenLastCalledWith(false);
  });

  it('says why checking stopped: the key, or JoggAI out of reach', () => {
    const { appTray, labels, entry } = setUp();
    appTray.reset(snapshot([], { pause: { kind: 'no-key', message: 'x' } }));
    expect(labels()).toContain('Paused: the API key needs attention');
    expect(entry('Check all now')).toMatchObject({ enabled: false });
    appTray.apply({ pause: null, connection: { state: 'offline', retryAt: 1, error: null } });
    expect(labels()).toContain('Can’t reach JoggAI: checking again soon');
    expect(labels()).not.toContain('Paused: the API key needs attention');
  });

  it('offers Show and Quit, and shows the window on a click on the icon', () => {
    const { tray, handlers } = setUp();
    tray.clickMenu('Show Avatar Watch');
    tray.emit('click');
    expect(handlers.onShow).toHaveBeenCalledTimes(2);
    tray.clickMenu('Quit');
    expect(handlers.onQuit).toHaveBeenCalledTimes(1);
  });

  it('is rebuilt only when something it shows changed, however many photos are checked', () => {
    const { appTray, tray } = setUp();
    const items = Array.from({ length: 10_000 }, (_, i) => item(`p${i}`, 'in_progress'));
    appTray.reset(snapshot(items));
    const builds = tray.menuBuilds;
    // A round of "still running" answers: new check counts, same statuses.
    appTray.apply({ upserted: items.slice(0, 500).map((i) => ({ ...i, checks: 3, lastCheckedAt: 9 })) });
    appTray.apply({ connection: { state: 'rate-limited', retryAt: 5, error: null } });
    expect(tray.menuBuilds).toBe(builds);
    appTray.apply({ upserted: [item('p1', 'ready', 10)] });
    expect(tray.menuBuilds).toBe(builds + 1);
  });
});

describe('the tray tooltip', () => {
  it('counts what is in progress, ready and failed', () => {
    const { appTray, tray } = setUp();
    expect(tray.tooltip).toBe('Avatar Watch — nothing watched yet');
    appTray.reset(snapshot([item('a', 'in_progress'), item('b', 'checking'), item('c', 'in_progress'), item('d', 'ready', 1), item('e', 'ready', 2)]));
    expect(tray.tooltip).toBe('Avatar Watch — 3 in progress, 2 ready');
    appTray.apply({ upserted: [item('a', 'failed', 3)], removed: ['d'] });
    expect(tray.tooltip).toBe('Avatar Watch — 2 in progress, 1 ready, 1 failed');
    appTray.apply({ replaceAll: true, upserted: [item('z', 'ready', 4)] });
    expect(tray.tooltip).toBe('Avatar Watch — 1 ready');
  });

  it('says so while JoggAI cannot be reached or checking is paused', () => {
    const { appTray, tray } = setUp();
    appTray.reset(snapshot([item('a', 'in_progress')], { connection: { state: 'offline', retryAt: 1, error: null } }));
    expect(tray.tooltip).toBe('Avatar Watch — can’t reach JoggAI');
    appTray.apply({ connection: ONLINE, checkingPaused: true });
    expect(tray.tooltip).toBe('Avatar Watch — checking paused, 1 in progress');
    // Asleep or slowed down is not worth a word in the tray: nothing is wrong.
    appTray.apply({ checkingPaused: false, connection: { state: 'rate-limited', retryAt: 1, error: null } });
    expect(tray.tooltip).toBe('Avatar Watch — 1 in progress');
  });

  it('goes away on destroy', () => {
    const { appTray, tray } = setUp();
    appTray.destroy();
    expect(tray.isDestroyed()).toBe(true);
  });
});
