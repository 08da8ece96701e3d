import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS, EVENT_CHANNELS, type CommandName } from '../../../preload/api';
import { BrowserWindow, ipcMain, resetElectronFakes, shell } from './fake-electron';
import { createFakeService, type FakeService } from './fake-service';
import type { ServiceCommands } from '../../../main/core/service';

vi.mock('electron', () => import('./fake-electron'));

const { registerIpc } = await import('../../../main/shell/ipc');

const OUR_URL = 'app://avatar-watch/index.html';
const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

let service: FakeService;
let window: BrowserWindow | null;
let dispose: () => void;

function setUp(renderer: Parameters<typeof registerIpc>[0]['renderer'] = { kind: 'app' }) {
  service = createFakeService();
  window = new BrowserWindow({});
  dispose = registerIpc({ service, renderer, getWindow: () => window as never, logger });
}

interface Frame {
  url: string;
  /** null for a window's top frame, as in Electron's WebFrameMain. */
  parent?: Frame | null;
}

/** Calls a command the way ipcMain would, from a frame at `url` (null: no frame) of `sender`. */
function call(name: CommandName, args: unknown[], senderFrame: Frame | null = { url: OUR_URL }, sender: unknown = window?.webContents) {
  const handler = ipcMain.handlers.get(COMMAND_CHANNELS[name]);
  if (!handler) throw new Error(`no handler for ${name}`);
  // A top frame unless the test says otherwise (without reading the frame's other properties).
  if (senderFrame && !('parent' in senderFrame)) Object.defineProperty(senderFrame, 'parent', { value: null });
  return Promise.resolve(handler({ senderFrame, sender }, ...args));
}

const SERVICE_CALLS: [CommandName, unknown[]][] = [
  ['getSnapshot', []],
  ['saveApiKey', ['good-key', 'session']],
  ['removeApiKey', []],
  ['refreshAccount', []],
  ['addPhotos', ['p1\np2']],
  ['removePhoto', ['p1']],
  ['checkNow', ['p1']],
  ['dismissNotice', ['n1']],
  ['checkAll', []],
  ['setCheckingPaused', [true]],
  ['getSettings', []],
  ['updateSettings', [{ sound: false }]],
  // selection
  ['removePhotos', [['p1', 'p2']]],
  ['restorePhotos', ['undo-1']],
  ['checkPhotos', [['p1']]],
];

beforeEach(() => {
  resetElectronFakes();
  logger.warn.mockClear();
  setUp();
});

describe('IPC handlers', () => {
  it('registers exactly one handler per command channel, and removes them all on dispose', () => {
    expect(new Set(ipcMain.handlers.keys())).toEqual(new Set(Object.values(COMMAND_CHANNELS)));
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(service.listenerCount()).toBe(0);
  });

  it.each(SERVICE_CALLS)('%s from our window reaches the service with its arguments', async (name, args) => {
    await call(name, args);
    expect(service[name as keyof ServiceCommands]).toHaveBeenCalledExactlyOnceWith(...args);
  });

  it('takes only a real true/false for the pause switch', async () => {
    await expect(call('setCheckingPaused', ['false'])).rejects.toThrow(/true or false/);
    await expect(call('setCheckingPaused', [0])).rejects.toThrow(/true or false/);
    expect(service.setCheckingPaused).not.toHaveBeenCalled();
  });

  it('answers with what the service answered', async () => {
    await expect(call('addPhotos', ['p1'])).resolves.toEqual({ added: [], rejected: [], rejectedNotListed: 0 });
  });

  describe('refuse callers that are not our page, without calling the service', () => {
    const foreign: [string, Frame | null][] = [
      ['an iframe inside our page', { url: OUR_URL, parent: { url: OUR_URL } }],
      ['another website', { url: 'https://evil.example/' }],
      ['a local file', { url: 'file:///tmp/evil.html' }],
      ['our old file:// page', { url: 'file:///app/out/renderer/index.html' }],
      ['another page of our scheme', { url: 'app://avatar-watch/other.html' }],
      ['the data host', { url: 'app://data/index.html' }],
      ['a blank frame', { url: 'about:blank' }],
      ['no frame at all (navigated or destroyed)', null],
    ];
    it.each(foreign)('%s', async (_label, frame) => {
      for (const [name, args] of SERVICE_CALLS) {
        await expect(call(name, args, frame)).rejects.toThrow(/did not come from the Avatar Watch window/);
        expect(service[name as keyof ServiceCommands]).not.toHaveBeenCalled();
      }
      await expect(call('openImage', ['https://cdn.example/a.png'], frame)).rejects.toThrow();
      expect(shell.openExternal).not.toHaveBeenCalled();
    });

    it('our page loaded in another window (not the app window)', async () => {
      const other = new BrowserWindow({});
      for (const [name, args] of SERVICE_CALLS) {
        await expect(call(name, args, { url: OUR_URL }, other.webContents)).rejects.toThrow(/did not come from the Avatar Watch window/);
      }
      expect(service.getSnapshot).not.toHaveBeenCalled();
    });

    it('a frame that throws when asked for its URL', async () => {
      const broken = {
        get url(): string {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      };
      await expect(call('getSnapshot', [], broken)).rejects.toThrow(/did not come from/);
      expect(service.getSnapshot).not.toHaveBeenCalled();
    });
  });

  it('in development trusts the dev server origin only', async () => {
    dispose();
    setUp({ kind: 'dev', url: 'http://localhost:5173' });
    await call('getSnapshot', [], { url: 'http://localhost:5173/' });
    expect(service.getSnapshot).toHaveBeenCalledTimes(1);
    await expect(call('getSnapshot', [], { url: 'http://localhost:5174/' })).rejects.toThrow();
    await expect(call('getSnapshot', [], { url: OUR_URL })).rejects.toThrow();
    expect(service.getSnapshot).toHaveBeenCalledTimes(1);
  });

  describe('reject bad arguments with a clear message, before the service sees them', () => {
    it('an API key over 512 characters is an invalid-input result', async () => {
      const answer = await call('saveApiKey', ['k'.repeat(513)]);
      expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/too long/) } });
      expect(service.saveApiKey).not.toHaveBeenCalled();
      // The message never repeats what was sent: it could be a real key.
      expect(JSON.stringify(answer)).not.toContain('kkkk');
      expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('kkkk');
    });

    it('a settings change naming an unknown setting or a value out of range is an invalid-input result naming it', async () => {
      await expect(call('updateSettings', [{ requestRate: 99 }])).resolves.toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', input: { code: 'setting-invalid', setting: 'requestRate', min: 0.2, max: 5 } },
      });
      await expect(call('updateSettings', [{ checkingPaused: true }])).resolves.toMatchObject({ ok: false, error: { input: { setting: 'checkingPaused' } } });
      await expect(call('updateSettings', ['dark'])).resolves.toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(service.updateSettings).not.toHaveBeenCalled();
    });

    it('a key that is not text', async () => {
      await expect(call('saveApiKey', [{ toString: () => 'x' }])).resolves.toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(service.saveApiKey).not.toHaveBeenCalled();
    });

    it('a place for the key that is not one the app knows; a missing one means the keychain', async () => {
      await expect(call('saveApiKey', ['good-key', 'clipboard'])).resolves.toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringMatching(/keychain, session, encrypted-file/) },
      });
      expect(service.saveApiKey).not.toHaveBeenCalled();
      await call('saveApiKey', ['good-key']);
      expect(service.saveApiKey).toHaveBeenCalledWith('good-key', 'keychain');
      await call('saveApiKey', ['good-key', 'encrypted-file']);
      expect(service.saveApiKey).toHaveBeenLastCalledWith('good-key', 'encrypted-file');
    });

    it('pasted text over 5 MB, measured in UTF-8 bytes, refused in the window\'s words', async () => {
      await expect(call('addPhotos', ['a'.repeat(5_000_001)])).rejects.toThrow(
        'The pasted text is 5.1 MB; one paste can hold at most 5 MB. Add the photo IDs in smaller parts.',
      );
      // 1,700,000 CJK characters: far fewer characters than the limit, but 5.1 MB as UTF-8.
      await expect(call('addPhotos', ['\u4e00'.repeat(1_700_000)])).rejects.toThrow(/is 5\.1 MB; one paste can hold at most 5 MB/);
      expect(service.addPhotos).not.toHaveBeenCalled();
      // At the limit exactly it goes through.
      await call('addPhotos', ['\u4e00'.repeat(1_666_666) + 'ab']);
      expect(service.addPhotos).toHaveBeenCalledTimes(1);
    });

    it('a photo ID over 128 characters, or not text', async () => {
      await expect(call('removePhoto', ['p'.repeat(129)])).rejects.toThrow(/too long/);
      await expect(call('checkNow', [42])).rejects.toThrow(/must be text/);
      await expect(call('checkNow', [])).rejects.toThrow();
      expect(service.removePhoto).not.toHaveBeenCalled();
      expect(service.checkNow).not.toHaveBeenCalled();
    });

    // selection
    it('a list of photo IDs that is not a list of short texts', async () => {
      await expect(call('removePhotos', ['p1'])).rejects.toThrow(/list of at most/);
      await expect(call('checkPhotos', [['p1', { id: 'p2' }]])).rejects.toThrow(/list of at most/);
      expect(service.removePhotos).not.toHaveBeenCalled();
      expect(service.checkPhotos).not.toHaveBeenCalled();
    });

    it('extra arguments', async () => {
      await expect(call('getSnapshot', ['surprise'])).rejects.toThrow();
      expect(service.getSnapshot).not.toHaveBeenCalled();
    });
  });

  it('hides core failures behind a plain message', async () => {
    vi.mocked(service.refreshAccount).mockRejectedValueOnce(new Error('socket hang up'));
    await expect(call('refreshAccount', [])).rejects.toThrow(/could not finish "refreshAccount"/);
  });

  it('waits for the service to start before answering', async () => {
    dispose();
    resetElectronFakes();
    service = createFakeService();
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    window = new BrowserWindow({});
    registerIpc({ service, renderer: { kind: 'app' }, getWindow: () => window as never, ready, logger });
    const answer = call('getSnapshot', []);
    await Promise.resolve();
    expect(service.getSnapshot).not.toHaveBeenCalled();
    started();
    await answer;
    expect(service.getSnapshot).toHaveBeenCalledTimes(1);
  });
});

describe('openImage', () => {
  it('opens an https image in the default browser', async () => {
    await expect(call('openImage', ['https://cdn.jogg.ai/photo/1.png'])).resolves.toEqual({ ok: true, value: null });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://cdn.jogg.ai/photo/1.png');
  });

  it.each(['http://cdn.jogg.ai/1.png', 'javascript:alert(1)', 'file:///etc/passwd', 'ms-settings:', 'not a url'])(
    'refuses %s',
    async (url) => {
      await expect(call('openImage', [url])).resolves.toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('opens only links JoggAI sent as a watched photo\'s result', async () => {
    vi.mocked(service.isResultImage).mockReturnValue(false);
    await expect(call('openImage', ['https://evil.example/phish'])).resolves.toMatchObject({ ok: false, error: { input: { code: 'link-not-result' } } });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(service.isResultImage).toHaveBeenCalledWith('https://evil.example/phish');
  });

  it('says so when the browser could not be opened', async () => {
    shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    await expect(call('openImage', ['https://cdn.jogg.ai/1.png'])).resolves.toMatchObject({ ok: false });
  });
});

describe('state patches', () => {
  it('are forwarded to the window', () => {
    service.emit({ removed: ['p1'] });
    expect(window?.webContents.sent).toEqual([[EVENT_CHANNELS.stateChanged, { removed: ['p1'] }]]);
  });

  it('are dropped while there is no live window', () => {
    const first = window;
    window = null;
    service.emit({ removed: ['p1'] });
    window = first;
    if (window) window.destroyed = true;
    service.emit({ removed: ['p2'] });
    expect(first?.webContents.sent).toEqual([]);
  });

  it('stop after dispose', () => {
    dispose();
    service.emit({ removed: ['p1'] });
    expect(window?.webContents.sent).toEqual([]);
  });
});
