import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, type PhotoFinished } from '../../../preload/api';
import { createTranslator, type Translate } from '../../../main/shell/text';
import { BrowserWindow, Notification, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createElectronNotifier, MAX_KEPT_NOTIFICATIONS } = await import('../../../main/shell/notifier');
const { showItem, showItems, showSettings } = await import('../../../main/shell/window');

const translate = createTranslator('en-US');
// Each its own group (burst), as separate finishes minutes apart would be.
const ready: PhotoFinished & { group: number } = { photoId: 'photo-1', outcome: 'ready', imageCount: 4, failureMessage: null, group: 1 };
const failed: PhotoFinished & { group: number } = { photoId: 'photo-2', outcome: 'failed', imageCount: 0, failureMessage: 'Face not detected', group: 2 };
const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function make(extra: Partial<Parameters<typeof createElectronNotifier>[0]> = {}) {
  return createElectronNotifier({ showItem: vi.fn(), logger, translate, ...extra });
}

/** Shows each through one notifier, and reads back the title and body of every banner. */
function shownWords(...messages: Parameters<ReturnType<typeof make>['notify']>[0][]): string[][] {
  const notifier = make();
  for (const message of messages) notifier.notify(message);
  return Notification.shown.map((n) => [n.title, n.body]);
}

beforeEach(() => {
  resetElectronFakes();
  logger.warn.mockClear();
});

describe('desktop notifications', () => {
  it('word what the core reported from the catalogue', () => {
    expect(
      shownWords(
        ready,
        { ...ready, photoId: 'one-image', imageCount: 1, group: 3 },
        failed,
        { ...failed, photoId: 'quiet', failureMessage: null, group: 4 },
      ),
    ).toEqual([
      ['Photo avatar ready', 'photo-1: 4 images are ready to view.'],
      ['Photo avatar ready', 'one-image: 1 image is ready to view.'],
      ['Photo avatar failed', 'photo-2: Face not detected'],
      ['Photo avatar failed', 'quiet: JoggAI did not say why.'],
    ]);
  });

  it('take their words from the translator they are given (the OS language)', () => {
    const shouty: Translate = (key, named, plural) => translate(key, named, plural).toUpperCase();
    make({ translate: shouty }).notify(ready);
    expect(Notification.shown[0]?.title).toBe('PHOTO AVATAR READY');
  });

  it('cut a long photo ID in the middle so both ends stay recognisable', () => {
    make().notify({ ...ready, photoId: `${'a'.repeat(30)}${'b'.repeat(30)}` });
    expect(Notification.shown[0]?.body).toBe(`${'a'.repeat(11)}…${'b'.repeat(11)}: 4 images are ready to view.`);
  });

  it('bring the window up on that photo when clicked', () => {
    const window = new BrowserWindow({});
    const notifier = make({ showItem: (photoId) => showItem(window as never, photoId) });
    notifier.notify(ready);
    notifier.notify(failed);

    Notification.shown[1]?.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNELS.focusItem, 'photo-2']]);
  });

  it('say once in the log that the desktop has none, and show nothing', () => {
    Notification.supported = false;
    const notifier = make();
    notifier.notify(ready);
    notifier.notify(ready);
    expect(Notification.shown).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('log a notification that failed to show', () => {
    make().notify(ready);
    Notification.shown[0]?.emit('failed', {}, 'no notification server');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('no notification server'));
  });

  it('keep every shown notification reachable until it is clicked or closed', () => {
    // Held references are what keep click handlers alive on Windows and macOS; with a cap.
    const notifier = make();
    for (let i = 0; i < MAX_KEPT_NOTIFICATIONS + 5; i++) notifier.notify({ ...ready, photoId: `p${i}`, group: i });
    expect(Notification.shown).toHaveLength(MAX_KEPT_NOTIFICATIONS + 5);
    expect(Notification.shown.at(-1)?.listenerCount('click')).toBe(1);
  });

  it('tell the test hooks what was shown, with the click a real click runs', () => {
    const onShown = vi.fn();
    const showItemSpy = vi.fn();
    make({ onShown, showItem: showItemSpy }).notify(failed);
    expect(onShown).toHaveBeenCalledWith({ photoId: 'photo-2', title: 'Photo avatar failed', body: 'photo-2: Face not detected' }, expect.any(Function));
    (onShown.mock.calls[0]![1] as () => void)();
    expect(showItemSpy).toHaveBeenCalledWith('photo-2');
  });
});

describe('summaries of photos finishing together', () => {
  const summary = (photoIds: string[], ready: number, failed: number, group: number) =>
    ({ outcome: 'summary', photoId: photoIds[0]!, photoIds, ready, failed, group }) as const;

  it('say how many are ready and how many failed, leaving out a side with none', () => {
    expect(shownWords(summary(['a', 'b', 'c', 'd', 'e', 'f'], 5, 1, 1), summary(['a', 'b'], 2, 0, 2), summary(['a', 'b', 'c'], 0, 3, 3), summary(['a', 'b'], 1, 1, 4))).toEqual([
      ['Photo avatars finished', '5 photo avatars are ready · 1 failed'],
      ['Photo avatars finished', '2 photo avatars are ready'],
      ['Photo avatars finished', '3 photo avatars failed'],
      ['Photo avatars finished', '1 photo avatar is ready · 1 failed'],
    ]);
  });

  it('replace the banner of their burst rather than stack on it, and leave other bursts alone', () => {
    const notifier = make();
    notifier.notify({ ...ready, group: 7 }); // the first of a burst, alone at first
    notifier.notify(summary(['photo-1', 'b', 'c'], 3, 0, 7)); // more of the same burst
    notifier.notify(summary(['photo-1', 'b', 'c', 'd', 'e'], 4, 1, 7));
    const [first, second, third] = Notification.shown;
    expect(first?.closed).toBe(true);
    expect(second?.closed).toBe(true);
    expect(third?.closed).toBe(false);
    expect(third?.body).toBe('4 photo avatars are ready · 1 failed');

    notifier.notify({ ...failed, group: 8 }); // a later burst: a banner of its own
    expect(third?.closed).toBe(false);
    expect(Notification.shown.filter((n) => !n.closed)).toHaveLength(2);
  });

  it('open the window on the first photo of the summary when clicked', () => {
    const showItemSpy = vi.fn();
    make({ showItem: showItemSpy }).notify(summary(['first', 'second'], 2, 0, 1));
    Notification.shown[0]?.emit('click');
    expect(showItemSpy).toHaveBeenCalledWith('first');
  });

  it('bring the window up with the list filtered to its photos, through the contract event', () => {
    const window = new BrowserWindow({});
    make({ showItem: vi.fn(), showItems: (ids) => showItems(window as never, ids) }).notify(summary(['first', 'second'], 1, 1, 1));
    Notification.shown[0]?.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNELS.focusItems, ['first', 'second']]]);
    // The menu's Settings item takes the same way to the window.
    showSettings(window as never);
    expect(window.webContents.sent.at(-1)).toEqual([EVENT_CHANNELS.openSettings, null]);
  });

  it('open the window filtered to exactly its photos when the host can filter', () => {
    const showItemSpy = vi.fn();
    const showItems = vi.fn();
    make({ showItem: showItemSpy, showItems }).notify(summary(['first', 'second', 'third'], 2, 1, 1));
    Notification.shown[0]?.emit('click');
    expect(showItems).toHaveBeenCalledWith(['first', 'second', 'third']);
    expect(showItemSpy).not.toHaveBeenCalled();
  });
});

describe('the notification settings', () => {
  it('make the banner silent when sound is off, and sounding otherwise', () => {
    const notifier = make();
    notifier.notify({ ...ready, silent: true });
    notifier.notify({ ...failed, silent: false });
    notifier.notify({ ...ready, photoId: 'no-setting', group: 9 });
    expect(Notification.shown.map((n) => n.options.silent)).toEqual([true, false, false]);
  });

  it('show nothing while the window has the focus when "quiet while focused" is on', () => {
    let focused = true;
    const notifier = make({ isWindowFocused: () => focused });
    notifier.notify({ ...ready, quietWhileFocused: true });
    expect(Notification.shown).toHaveLength(0);
    notifier.notify({ ...failed, quietWhileFocused: false }); // the setting off: shown though focused
    focused = false;
    notifier.notify({ ...ready, photoId: 'away', group: 9, quietWhileFocused: true }); // window in the background
    expect(Notification.shown.map((n) => n.body)).toEqual(['photo-2: Face not detected', 'away: 4 images are ready to view.']);
  });
});

describe('the test notification', () => {
  it('is shown through the same path and reports that the OS put it up', async () => {
    const showWindow = vi.fn();
    const pending = make({ platform: 'darwin', showWindow }).sendTest();
    const shown = Notification.shown[0]!;
    expect(shown.title).toBe('Avatar Watch notifications work');
    shown.emit('show');
    await expect(pending).resolves.toEqual({ ok: true, value: { shown: true, platform: 'darwin' } });
    shown.emit('click');
    expect(showWindow).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal, and silence past the wait, as not shown', async () => {
    const notifier = make({ platform: 'win32', testWaitMs: 20 });
    const refused = notifier.sendTest();
    Notification.shown[0]!.emit('failed', {}, 'toasts are off');
    await expect(refused).resolves.toEqual({ ok: true, value: { shown: false, platform: 'win32' } });
    await expect(notifier.sendTest()).resolves.toEqual({ ok: true, value: { shown: false, platform: 'win32' } });
  });

  it('reports not shown where the desktop has no notifications, naming other systems "other"', async () => {
    Notification.supported = false;
    await expect(make({ platform: 'freebsd' }).sendTest()).resolves.toEqual({ ok: true, value: { shown: false, platform: 'other' } });
    expect(Notification.shown).toHaveLength(0);
  });
});
