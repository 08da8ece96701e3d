// Where kept result images live: `<data folder>/files/results/<photo folder>/<n>.<ext>`. Only
// `files/` is ever served to the window (app://data/ in Electron, /data/ in the preview), so
// nothing else of the data folder can be reached through an image URL. Files are written
// private (0600 in 0700 folders) and atomically: a temporary name, fsync, then rename, so a
// crash or a cut download never leaves a half image under its final name.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopyProblem } from '../../../preload/api';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { EXTENSIONS, type ImageKind } from './image-kind';

export const RESULTS_DIR = 'results';
/** Temporary files end so; any left by a crash are removed at start. */
const PART = '.part';
const IMAGE_FILE = /^([1-9]\d{0,2})\.(png|jpg|webp)$/;

/**
 * The folder name of a photo: a readable part of its ID plus a hash of the whole ID. Photo IDs
 * may hold characters no file system takes (`/`, `:`), names Windows reserves (`con`), or differ
 * only in case, which macOS and Windows folders do not tell apart; the hash keeps them apart.
 */
export function photoFolderName(photoId: string): string {
  const readable = photoId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40).toLowerCase();
  const hash = createHash('sha256').update(photoId, 'utf8').digest('hex').slice(0, 16);
  return `${readable}-${hash}`;
}

/** One kept image as found on disk. */
export interface KeptFile {
  /** 0-based position in the photo's imageUrls. */
  index: number;
  /** Below `files/`, with forward slashes: `results/<folder>/<n>.<ext>`. */
  path: string;
  bytes: number;
}

export class ResultFolder {
  readonly root: string;

  /** `filesDir`: the data folder's `files/` (what app://data/ serves). */
  constructor(readonly filesDir: string) {
    this.root = join(filesDir, RESULTS_DIR);
  }

  relativePath(photoId: string, index: number, kind: ImageKind): string {
    return `${RESULTS_DIR}/${photoFolderName(photoId)}/${index + 1}.${EXTENSIONS[kind]}`;
  }

  absolutePath(relative: string): string {
    return join(this.filesDir, ...relative.split('/'));
  }

  /** Writes one image under its final name, all or nothing. Answers its relative path. */
  async write(photoId: string, index: number, kind: ImageKind, bytes: Uint8Array): Promise<string> {
    const dir = join(this.root, photoFolderName(photoId));
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const relative = this.relativePath(photoId, index, kind);
    const final = this.absolutePath(relative);
    const temp = `${final}.${randomBytes(6).toString('hex')}${PART}`;
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      await rename(temp, final);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return relative;
  }

  /** The kept images of one photo (leftover temporary files are deleted on the way). */
  async filesOf(photoId: string): Promise<KeptFile[]> {
    return this.scanFolder(photoFolderName(photoId));
  }

  /** Every photo folder with its files: what the cap counts, the removed photos' files included. */
  async folders(): Promise<Map<string, KeptFile[]>> {
    const found = new Map<string, KeptFile[]>();
    let names: string[];
    try {
      names = (await readdir(this.root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return found;
    }
    for (const name of names) found.set(name, await this.scanFolder(name));
    return found;
  }

  /** Deletes a photo's folder (by its name, see photoFolderName); answers what it held. */
  async delete(folder: string): Promise<{ files: number; bytes: number }> {
    const files = await this.scanFolder(folder);
    await rm(join(this.root, folder), { recursive: true, force: true });
    return { files: files.length, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
  }

  private async scanFolder(folder: string): Promise<KeptFile[]> {
    const dir = join(this.root, folder);
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return [];
    }
    const found: KeptFile[] = [];
    for (const name of entries) {
      if (name.endsWith(PART)) {
        await unlink(join(dir, name)).catch(() => undefined);
        continue;
      }
      const match = IMAGE_FILE.exec(name);
      if (!match) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (!info?.isFile()) continue;
      found.push({ index: Number(match[1]) - 1, path: `${RESULTS_DIR}/${folder}/${name}`, bytes: info.size });
    }
    return found.sort((a, b) => a.index - b.index);
  }
}

/** A failed write as the window's code. */
export function writeProblemOf(error: unknown): CopyProblem {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') return 'no-permission';
  return 'write-failed';
}
