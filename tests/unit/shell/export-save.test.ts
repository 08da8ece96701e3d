// The Electron end of an export: the OS's save dialog (mocked), then the file as the window built it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS } from '../../../preload/api';
import { BrowserWindow, dialog, ipcMain, resetElectronFakes } from './fake-electron';
import { createFakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const { registerIpc } = await import('../../../main/shell/ipc');
const { createMainText } = await import('../../../main/shell/text');

let dir: string;
let window: BrowserWindow;
let dispose: () => void;
beforeEach(async () => {
  resetElectronFakes();
  dir = await mkdtemp(join(tmpdir(), 'aw-export-'));
  window = new BrowserWindow({});
  dispose = registerIpc({ service: createFakeService(), renderer: { kind: 'app' }, getWindow: () => window as never, logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } });
});
afterEach(async () => {
  dispose();
  await rm(dir, { recursive: true, force: true });
});

function saveExport(...args: unknown[]) {
  const senderFrame = { url: 'app://avatar-watch/index.html', parent: null };
  return Promise.resolve(ipcMain.handlers.get(COMMAND_CHANNELS.saveExport)!({ senderFrame, sender: window.webContents }, ...args));
}

const CSV = 'photo_id,label\r\np1,"Acme, Inc"\r\n';

describe('saving an export in Electron', () => {
  it('asks where with the OS save dialog over the window, suggesting the name in Downloads, and writes the text as it is', async () => {
    const target = join(dir, 'chosen.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await saveExport('avatar-watch-photos.csv', CSV)).toEqual({ ok: true, value: { saved: true } });
    const [parent, options] = dialog.showSaveDialog.mock.calls[0]! as [unknown, { defaultPath: string; filters: unknown[]; title: string }];
    expect(parent).toBe(window);
    expect(options.defaultPath).toBe(join('/fake/downloads', 'avatar-watch-photos.csv'));
    expect(options.filters).toEqual([{ name: 'CSV files', extensions: ['csv'] }]);
    expect(options.title).toBe('Export the watchlist');
    expect(await readFile(target, 'utf8')).toBe(CSV);
  });

  it('words the dialog in the user’s language: a Chinese user gets a Chinese title, button and file type', async () => {
    dispose();
    dispose = registerIpc({
      service: createFakeService(),
      renderer: { kind: 'app' },
      getWindow: () => window as never,
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      translate: createMainText(['zh-CN']).t,
    });
    await saveExport('photos.json', '[]');
    expect(dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({ title: '导出监视列表', buttonLabel: '导出', filters: [{ name: 'JSON 文件', extensions: ['json'] }] });
  });

  it('answers "not saved" when the user cancels, and writes nothing', async () => {
    expect(await saveExport('photos.json', '[]')).toEqual({ ok: true, value: { saved: false } });
  });

  it('says the file could not be written, with the system code, as a code the window words', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'no-such-folder', 'x.csv') });
    expect(await saveExport('photos.csv', CSV)).toMatchObject({ ok: false, error: { kind: 'invalid-input', input: { code: 'export-not-saved', reason: 'ENOENT' } } });
  });

  it('never takes a path or another kind of file from the window', async () => {
    for (const name of ['../../.bashrc', 'photos.exe', 'sub/photos.csv']) {
      expect(await saveExport(name, CSV)).toMatchObject({ ok: false, error: { input: { code: 'export-not-saved', reason: 'bad-name' } } });
    }
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
