// Saving an export the window built: the OS's save dialog, then one write. The window makes the
// content (one code path for both hosts); this adapter only asks where and writes it there.
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { Result } from '../../preload/api';
import type { MessageKey, Translate } from './text';

/** Only what the window exports: a name it made up for a CSV or a JSON file. */
const FILTERS: Record<string, { name: MessageKey; extensions: string[] }> = {
  '.csv': { name: 'fileDialogs.csvFiles', extensions: ['csv'] },
  '.json': { name: 'fileDialogs.jsonFiles', extensions: ['json'] },
};

/** `t` words the dialog (title, button, file type) in the user's language: it is the OS's, not the page's. */
export async function saveExport(window: BrowserWindow | null, fileName: string, content: string, t: Translate): Promise<Result<{ saved: boolean }>> {
  // The name is a suggestion for the dialog: never a path, and only the two kinds we write.
  const name = basename(fileName.replace(/\\/gu, '/'));
  const filter = FILTERS[extname(name).toLowerCase()];
  if (filter === undefined || name !== fileName) {
    return { ok: false, error: { kind: 'invalid-input', message: 'An export is saved as a .csv or .json file.', input: { code: 'export-not-saved', reason: 'bad-name' } } };
  }
  const options = {
    title: t('fileDialogs.exportTitle'),
    buttonLabel: t('fileDialogs.exportButton'),
    defaultPath: join(app.getPath('downloads'), name),
    filters: [{ name: t(filter.name), extensions: filter.extensions }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
  try {
    await writeFile(choice.filePath, content, 'utf8');
    return { ok: true, value: { saved: true } };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    return { ok: false, error: { kind: 'invalid-input', message: `The export could not be written (${reason}).`, input: { code: 'export-not-saved', reason } } };
  }
}
