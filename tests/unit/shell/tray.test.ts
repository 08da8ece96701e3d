import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhotoStatus, WatchItem } from '../../../preload/api';
import { Tray, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { APP_ICON_PATH, TRAY_ICON_PATH, createAppTray, tooltipFor } = await import('../../../main/shell/tray');

function item(photoId: string, status: PhotoStatus): WatchItem {
  return {
    photoId, status, addedAt: 0, lastCheckedAt: null, nextCheckAt: null, finishedAt: null, checks: 0,
    imageUrls: [], failureMessage: null, rawStatus: null, problem: null, lateness: 'usual',
  };
}

beforeEach(() => resetElectronFakes());

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the tray', () => {
  it('uses the PNG icons shipped in resources/', () => {
    createAppTray({ onShow: vi.fn(), onQuit: vi.fn() });
    expect(Tray.instances[0]?.image).toEqual({ path: TRAY_ICON_PATH });
    expect(pngSize(TRAY_ICON_PATH)).toEqual([16, 16]);
    expect(pngSize(TRAY_ICON_PATH.replace('tray.png', 'tray@2x.png'))).toEqual([32, 32]);
    expect(pngSize(APP_ICON_PATH)).toEqual([512, 512]);
    expect(existsSync(APP_ICON_PATH)).toBe(true);
  });

  it('offers Show and Quit', () => {
    const onShow = vi.fn();
    const onQuit = vi.fn();
    createAppTray({ onShow, onQuit });
    const tray = Tray.instances[0];
    expect(tray?.menu?.template.map((entry) => entry.label).filter(Boolean)).toEqual(['Show Avatar Watch', 'Quit']);
    tray?.clickMenu('Show Avatar Watch');
    expect(onShow).toHaveBeenCalledTimes(1);
    tray?.clickMenu('Quit');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('counts what is in progress and what is ready in its tooltip', () => {
    const appTray = createAppTray({ onShow: vi.fn(), onQuit: vi.fn() });
    const tray = Tray.instances[0];
    expect(tray?.tooltip).toBe('Avatar Watch — nothing watched yet');

    appTray.reset([item('a', 'in_progress'), item('b', 'checking'), item('c', 'in_progress'), item('d', 'ready'), item('e', 'ready')]);
    expect(tray?.tooltip).toBe('Avatar Watch — 3 in progress, 2 ready');

    appTray.apply({ upserted: [item('a', 'failed')], removed: ['d'] });
    expect(tray?.tooltip).toBe('Avatar Watch — 2 in progress, 1 ready, 1 failed');

    appTray.apply({ replaceAll: true, upserted: [item('z', 'ready')] });
    expect(tray?.tooltip).toBe('Avatar Watch — 1 ready');
  });

  it('does not count photos JoggAI does not know', () => {
    expect(tooltipFor({ inProgress: 0, ready: 0, failed: 0 })).toBe('Avatar Watch — nothing watched yet');
    const appTray = createAppTray({ onShow: vi.fn(), onQuit: vi.fn() });
    appTray.reset([item('x', 'not_found'), item('y', 'unknown')]);
    expect(Tray.instances[0]?.tooltip).toBe('Avatar Watch — 1 in progress');
  });

  it('says so in its tooltip while JoggAI cannot be reached, and counts again once it can', () => {
    const appTray = createAppTray({ onShow: vi.fn(), onQuit: vi.fn() });
    const tray = Tray.instances[0];
    appTray.reset([item('a', 'in_progress')], { state: 'offline', retryAt: 1, error: null });
    expect(tray?.tooltip).toBe('Avatar Watch — can’t reach JoggAI');

    appTray.apply({ upserted: [item('b', 'ready')] }); // still offline
    expect(tray?.tooltip).toBe('Avatar Watch — can’t reach JoggAI');

    appTray.apply({ connection: { state: 'online', retryAt: null, error: null } });
    expect(tray?.tooltip).toBe('Avatar Watch — 1 in progress, 1 ready');

    // Asleep or slowed down is not worth a word in the tray: nothing is wrong.
    appTray.apply({ connection: { state: 'rate-limited', retryAt: 1, error: null } });
    expect(tray?.tooltip).toBe('Avatar Watch — 1 in progress, 1 ready');
    appTray.apply({ connection: { state: 'offline', retryAt: 1, error: null } });
    expect(tray?.tooltip).toBe('Avatar Watch — can’t reach JoggAI');
  });

  it('goes away on destroy', () => {
    createAppTray({ onShow: vi.fn(), onQuit: vi.fn() }).destroy();
    expect(Tray.instances[0]?.isDestroyed()).toBe(true);
  });
});
