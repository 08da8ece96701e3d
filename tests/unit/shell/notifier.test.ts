import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS } from '../../../preload/api';
import type { PhotoNotification } from '../../../main/core/ports';
import { BrowserWindow, Notification, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createElectronNotifier, MAX_KEPT_NOTIFICATIONS } = await import('../../../main/shell/notifier');
const { showItem } = await import('../../../main/shell/window');

const ready: PhotoNotification = { photoId: 'photo-1', outcome: 'ready', title: 'Your avatar is ready', body: 'photo-1 has 4 images.' };
const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(() => {
  resetElectronFakes();
  logger.warn.mockClear();
});

describe('desktop notifications', () => {
  it('show the title and body the core wrote', () => {
    createElectronNotifier({ showItem: vi.fn(), logger }).notify(ready);
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.shown[0]).toMatchObject({ title: 'Your avatar is ready', body: 'photo-1 has 4 images.' });
  });

  it('bring the window up on that photo when clicked', () => {
    const window = new BrowserWindow({});
    const notifier = createElectronNotifier({ showItem: (photoId) => showItem(window as never, photoId), logger });
    notifier.notify(ready);
    notifier.notify({ ...ready, photoId: 'photo-2', outcome: 'failed', title: 'Failed' });

    Notification.shown[1]?.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNELS.focusItem, 'photo-2']]);
  });

  it('say once in the log that the desktop has none, and show nothing', () => {
    Notification.supported = false;
    const notifier = createElectronNotifier({ showItem: vi.fn(), logger });
    notifier.notify(ready);
    notifier.notify(ready);
    expect(Notification.shown).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('log a notification that failed to show', () => {
    createElectronNotifier({ showItem: vi.fn(), logger }).notify(ready);
    Notification.shown[0]?.emit('failed', {}, 'no notification server');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('no notification server'));
  });

  it('keep every shown notification reachable until it is clicked or closed', () => {
    // Held references are what keep click handlers alive on Windows and macOS; with a cap.
    const notifier = createElectronNotifier({ showItem: vi.fn(), logger });
    for (let i = 0; i < MAX_KEPT_NOTIFICATIONS + 5; i++) notifier.notify({ ...ready, photoId: `p${i}` });
    expect(Notification.shown).toHaveLength(MAX_KEPT_NOTIFICATIONS + 5);
    const last = Notification.shown.at(-1);
    expect(last?.listenerCount('click')).toBe(1);
  });
});
