import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS, COMMAND_NAMES, EVENT_CHANNELS, EVENT_NAMES, eventMethod, type AvatarWatchApi, type CommandName } from '../../../preload/api';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

// The preload runs once, at import, like in a real page.
await import('../../../preload/index');
const exposedKeys = [...contextBridge.exposed.keys()];
const api = contextBridge.exposed.get('avatarWatch') as AvatarWatchApi;

beforeEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockReset();
});

const ARGS: Record<CommandName, unknown[]> = {
  getSnapshot: [],
  saveApiKey: ['good-key', 'session'],
  removeApiKey: [],
  refreshAccount: [],
  addPhotos: ['p1, p2'],
  removePhoto: ['p1'],
  checkNow: ['p1'],
  dismissNotice: ['n1'],
  openImage: ['https://cdn.example/1.png'],
  checkAll: [],
  setCheckingPaused: [true],
  sendTestNotification: [],
  getDesktopSettings: [],
  setDesktopSettings: [{ startAtLogin: true }],
  getSettings: [],
  updateSettings: [{ sound: false }],
  // selection
  removePhotos: [['p1', 'p2']],
  restorePhotos: ['undo-1'],
  checkPhotos: [['p1']],
  setLabel: ['p1', { label: 'Acme' }],
  importPhotos: [[{ photoId: 'p1', position: 2, label: 'Acme' }]],
  saveExport: ['photos.csv', 'photo_id\r\np1\r\n'],
  // results
  copyImage: ['p1', 'https://cdn.example/1.png'],
  saveImage: ['p1', 'https://cdn.example/1.png'],
  saveAllImages: ['p1'],
  resultFilesOf: [['p1', 'p2']],
  deleteResultFiles: [['p1']],
  deleteUnlistedResultFiles: [],
};

describe('the preload', () => {
  it('exposes one object, avatarWatch, with exactly the contract’s methods', () => {
    expect(exposedKeys).toEqual(['avatarWatch']);
    expect(new Set(Object.keys(api))).toEqual(new Set([...COMMAND_NAMES, ...EVENT_NAMES.map(eventMethod)]));
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it.each(COMMAND_NAMES)('%s invokes its own channel with its arguments only', async (name) => {
    ipcRenderer.invoke.mockResolvedValueOnce('answer');
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    await expect(method(...ARGS[name])).resolves.toBe('answer');
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(COMMAND_CHANNELS[name], ...ARGS[name]);
  });

  it.each(EVENT_NAMES)('%s is heard on its own channel', (name) => {
    const heard: unknown[][] = [];
    const subscribe = api[eventMethod(name)] as (listener: (...args: unknown[]) => void) => () => void;
    const stop = subscribe((...args) => heard.push(args));
    ipcRenderer.emit(EVENT_CHANNELS[name], { sender: ipcRenderer }, 'payload');
    stop();
    ipcRenderer.emit(EVENT_CHANNELS[name], { sender: ipcRenderer }, 'after');
    expect(heard).toEqual([['payload']]);
  });

  it('hands listeners the payload, never the IPC event', () => {
    const patches: unknown[][] = [];
    const focused: unknown[][] = [];
    api.onStateChanged((...args) => patches.push(args));
    api.onFocusItem((...args) => focused.push(args));
    ipcRenderer.emit(EVENT_CHANNELS.stateChanged, { sender: ipcRenderer }, { removed: ['p1'] });
    ipcRenderer.emit(EVENT_CHANNELS.focusItem, { sender: ipcRenderer }, 'p2');
    expect(patches).toEqual([[{ removed: ['p1'] }]]);
    expect(focused).toEqual([['p2']]);
  });

  it('unsubscribes exactly the listener it was given', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onStateChanged(first);
    api.onStateChanged(second);
    stopFirst();
    expect(ipcRenderer.listenerCount(EVENT_CHANNELS.stateChanged)).toBe(1);
    ipcRenderer.emit(EVENT_CHANNELS.stateChanged, {}, { removed: [] });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);

    const stopFocus = api.onFocusItem(first);
    stopFocus();
    stopFocus();
    expect(ipcRenderer.listenerCount(EVENT_CHANNELS.focusItem)).toBe(0);
  });
});
