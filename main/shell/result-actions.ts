// Copy and save for result images in the Electron app: the OS clipboard and the native save and
// folder dialogs. The bytes come from the results room (the kept copy, else fetched now with the
// same checks); this file only talks to the desktop, and says every failure as a code.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clipboard, ClipboardItem, dialog, nativeImage, type BrowserWindow } from 'electron';
import type { ImageActionProblem, ImageActionResult } from '../../preload/api';
import type { ImageKind } from '../core/results/image-kind';
import { EXTENSIONS } from '../core/results/image-kind';
import type { ResultsRoom } from '../core/results/results-room';
import { resultFileName } from '../core/results/file-name';
import { createMainText, type Translate } from './text';

export interface ResultActions {
  copyImage(photoId: string, url: string): Promise<ImageActionResult>;
  saveImage(photoId: string, url: string): Promise<ImageActionResult>;
  saveAllImages(photoId: string): Promise<ImageActionResult>;
}

/** The parts of Electron used here, so tests can hand in stand-ins. */
export interface DesktopParts {
  clipboard: Pick<typeof clipboard, 'write'>;
  ClipboardItem: new (items: Record<string, Blob>) => ClipboardItem;
  dialog: Pick<typeof dialog, 'showSaveDialog' | 'showOpenDialog'>;
  nativeImage: Pick<typeof nativeImage, 'createFromBuffer'>;
  writeFile: (path: string, data: Uint8Array, options: { flag: string; mode: number }) => Promise<void>;
}

const ELECTRON: DesktopParts = { clipboard, ClipboardItem, dialog, nativeImage, writeFile };

/** How many "<name> (n)" variants are tried before a folder's existing files win. */
const MAX_NAME_TRIES = 50;

export function createResultActions(
  results: Pick<ResultsRoom, 'imagesOf' | 'readImage'>,
  getWindow: () => BrowserWindow | null,
  parts: DesktopParts = ELECTRON,
  // The native dialogs' words, in the user's language (text.ts); English when none is given.
  t: Translate = createMainText(['en']).t,
): ResultActions {
  /** Dialogs hang off the window when there is one (modal on macOS), else stand alone. */
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };

  return {
    async copyImage(photoId, url) {
      const image = await results.readImage(photoId, url);
      if (!image.ok) return failure(image.problem, image.detail);
      // The clipboard is given PNG, which every desktop pastes; a JPEG is converted on the way.
      let png: Uint8Array = image.bytes;
      if (image.kind !== 'png') {
        const native = parts.nativeImage.createFromBuffer(Buffer.from(image.bytes));
        if (native.isEmpty()) return failure('format-not-supported', image.kind);
        png = native.toPNG();
      }
      try {
        await parts.clipboard.write([new parts.ClipboardItem({ 'image/png': new Blob([png], { type: 'image/png' }) })]);
      } catch (error) {
        return failure('clipboard-refused', codeOf(error));
      }
      return { ok: true, saved: 0 };
    },

    async saveImage(photoId, url) {
      const images = results.imagesOf(photoId);
      const index = images.findIndex((image) => image.url === url);
      if (index < 0) return failure('not-result');
      // Read first: the file name's extension is what the bytes are, and a failure is said before any dialog.
      const image = await results.readImage(photoId, url);
      if (!image.ok) return failure(image.problem, image.detail);
      const options = {
        title: t('fileDialogs.saveImageTitle', { n: index + 1, id: photoId }),
        defaultPath: fileName(photoId, index, image.kind),
        filters: [{ name: t('fileDialogs.imageFiles', { kind: image.kind.toUpperCase() }), extensions: [EXTENSIONS[image.kind]] }],
      };
      const window = parent();
      const chosen = window ? await parts.dialog.showSaveDialog(window, options) : await parts.dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { ok: true, saved: 0, cancelled: true };
      // The save dialog asked about replacing an existing file itself.
      const written = await write(chosen.filePath, image.bytes, 'w');
      return written ?? { ok: true, saved: 1, where: chosen.filePath };
    },

    async saveAllImages(photoId) {
      const images = results.imagesOf(photoId);
      if (images.length === 0) return failure('not-result');
      // macOS shows `message` where other systems show the title.
      const title = t('fileDialogs.saveAllTitle', { id: photoId });
      const options = { title, message: title, buttonLabel: t('fileDialogs.saveAllButton'), properties: ['openDirectory' as const, 'createDirectory' as const] };
      const window = parent();
      const chosen = window ? await parts.dialog.showOpenDialog(window, options) : await parts.dialog.showOpenDialog(options);
      const folder = chosen.filePaths[0];
      if (chosen.canceled || folder === undefined) return { ok: true, saved: 0, cancelled: true };
      let saved = 0;
      for (const [index, { url }] of images.entries()) {
        const image = await results.readImage(photoId, url);
        if (!image.ok) return failure(image.problem, `${saved}/${images.length}`);
        const problem = await writeNew(folder, fileName(photoId, index, image.kind), image.bytes);
        if (problem) return problem;
        saved += 1;
      }
      return { ok: true, saved, where: folder };
    },
  };

  /** Writes without replacing what the folder already holds: `name (2).png` and so on. */
  async function writeNew(folder: string, name: string, bytes: Uint8Array): Promise<ImageActionResult | null> {
    const dot = name.lastIndexOf('.');
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const candidate = n === 1 ? name : `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
      const problem = await write(join(folder, candidate), bytes, 'wx');
      if (problem?.ok === false && problem.detail === 'EEXIST') continue;
      return problem;
    }
    return failure('failed', 'EEXIST');
  }

  async function write(path: string, bytes: Uint8Array, flag: 'w' | 'wx'): Promise<(ImageActionResult & { ok: false }) | null> {
    try {
      await parts.writeFile(path, bytes, { flag, mode: 0o644 });
      return null;
    } catch (error) {
      return failure(problemOf(error), codeOf(error));
    }
  }
}

/** `<photo id>-<n>.<ext>`, named after what the bytes are. */
export function fileName(photoId: string, index: number, kind: ImageKind): string {
  return resultFileName(photoId, index, EXTENSIONS[kind]);
}

function problemOf(error: unknown): ImageActionProblem {
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'no-permission';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full';
    case 'EROFS':
      return 'read-only';
    default:
      return 'failed';
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : '';
}

function failure(problem: ImageActionProblem, detail?: string): ImageActionResult & { ok: false } {
  return detail ? { ok: false, problem, detail } : { ok: false, problem };
}
