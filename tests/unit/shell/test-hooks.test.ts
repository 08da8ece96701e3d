import { describe, expect, it, vi } from 'vitest';
import { installTestHooks, type AvatarWatchTestHooks } from '../../../main/shell/test-hooks';

describe('the Electron specs’ test hooks', () => {
  it('are installed only with AVATAR_WATCH_TEST_HOOKS=1, and never in a packaged app', () => {
    const target: { __avatarWatchTest?: AvatarWatchTestHooks } = {};
    expect(installTestHooks({ env: {}, isPackaged: false, target })).toBeNull();
    expect(installTestHooks({ env: { AVATAR_WATCH_TEST_HOOKS: 'true' }, isPackaged: false, target })).toBeNull();
    expect(installTestHooks({ env: { AVATAR_WATCH_TEST_HOOKS: '1' }, isPackaged: true, target })).toBeNull();
    expect(target.__avatarWatchTest).toBeUndefined();
  });

  it('record every notification and click the latest one for a photo like a real click', () => {
    const target: { __avatarWatchTest?: AvatarWatchTestHooks } = {};
    const record = installTestHooks({ env: { AVATAR_WATCH_TEST_HOOKS: '1' }, isPackaged: false, target })!;
    const first = vi.fn();
    const second = vi.fn();
    record({ photoId: 'p1', title: 'Photo avatar ready', body: 'p1: 4 images are ready to view.' }, first);
    record({ photoId: 'p1', title: 'Photo avatar ready', body: 'again' }, second);
    const hooks = target.__avatarWatchTest!;
    expect(hooks.notifications).toEqual([
      { photoId: 'p1', title: 'Photo avatar ready', body: 'p1: 4 images are ready to view.' },
      { photoId: 'p1', title: 'Photo avatar ready', body: 'again' },
    ]);
    expect(hooks.clickNotification('p1')).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(hooks.clickNotification('never-shown')).toBe(false);
  });

  it('go on globalThis by default, where the specs evaluate', () => {
    installTestHooks({ env: { AVATAR_WATCH_TEST_HOOKS: '1' }, isPackaged: false });
    expect(globalThis.__avatarWatchTest?.notifications).toEqual([]);
    delete globalThis.__avatarWatchTest;
  });
});
