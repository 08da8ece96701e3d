// The user's settings: one small versioned JSON file beside the watchlist (settings.json).
// It never holds the API key, only where the key was put, so a locked keychain is never taken
// for "no key saved". Every field is read on its own: one bad value falls back to its default
// instead of wiping the others, and fields written by a newer app version are kept as they are.
import { mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { z } from 'zod';

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_VERSION = 1;

/**
 * Where the API key was put. `session`: it was kept in memory only, so the next start must ask
 * for it again, and says why instead of looking like a first run.
 */
export const KEY_LOCATIONS = ['keychain', 'encrypted-file', 'session'] as const;
export type SavedKeyLocation = (typeof KEY_LOCATIONS)[number];

const windowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof windowBounds>;

const savedKey = z.object({
  location: z.enum(KEY_LOCATIONS),
  /** The last characters of the key, to name it in messages ("the key ending in …"). */
  hint: z.string().max(8),
  savedAt: z.number(),
});
export type SavedKeyRecord = z.infer<typeof savedKey>;

// Each field catches its own bad value, so the rest of the file survives one mistake.
const settingsSchema = z.object({
  key: savedKey.nullable().catch(null),
  startAtLogin: z.boolean().catch(false),
  /** macOS cannot tell a login launch: the user chooses to start in the menu bar. */
  startInMenuBar: z.boolean().catch(false),
  /** "Pause checking" from the tray or the window; survives a restart like CCMenu's mute. */
  checkingPaused: z.boolean().catch(false),
  window: windowBounds.nullable().catch(null),
  /** When the window was last shown: the tray counts what finished since. */
  lastOpenedAt: z.number().nullable().catch(null),
  // results
  /** Keep local copies of result images in the data folder (on by default). */
  localCopies: z.boolean().catch(true),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export interface SettingsLoad {
  settings: Settings;
  /** Set when the file existed but could not be read as JSON; it is then started afresh. */
  problem: string | null;
}

export class SettingsNotLoadedError extends Error {
  constructor(path: string) {
    super(`${path} has not been read yet; nothing was written`);
    this.name = 'SettingsNotLoadedError';
  }
}

export class SettingsFile {
  readonly path: string;
  private current: Settings = DEFAULT_SETTINGS;
  /** What the file held beyond our fields (a newer version's), written back untouched. */
  private extra: Record<string, unknown> = {};
  private writing: Promise<void> = Promise.resolve();
  /** Until the file was read, a write would replace the user's settings (the key's record) with defaults. */
  private loaded = false;

  constructor(dir: string) {
    this.path = join(dir, SETTINGS_FILE);
  }

  async load(): Promise<SettingsLoad> {
    try {
      return await this.read();
    } finally {
      // Whatever was found (or not), what is in memory is now what the app goes on with.
      this.loaded = true;
    }
  }

  private async read(): Promise<SettingsLoad> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: this.current, problem: null };
      return { settings: this.current, problem: (error as Error).message };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { settings: this.current, problem: `not valid JSON (${(error as Error).message})` };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { settings: this.current, problem: 'not a JSON object' };
    }
    const { version: _version, ...rest } = raw as Record<string, unknown>;
    this.current = settingsSchema.parse(rest);
    this.extra = Object.fromEntries(Object.entries(rest).filter(([name]) => !(name in settingsSchema.shape)));
    return { settings: this.current, problem: null };
  }

  get(): Settings {
    return this.current;
  }

  /** Applies at once in memory; writes are atomic and made one after another, in order. */
  update(patch: Partial<Settings>): Promise<void> {
    if (!this.loaded) return Promise.reject(new SettingsNotLoadedError(this.path));
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    // The text is taken when the write runs, so a write queued behind a synchronous one never puts
    // older settings back. The data folder may not exist yet on a first run.
    const write = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true, mode: PRIVATE_DIR_MODE });
        // The mode is set on every write: write-file-atomic would otherwise keep an older file's.
        await writeFileAtomic(this.path, this.serialise(), { fsync: true, mode: PRIVATE_FILE_MODE });
      });
    this.writing = write;
    return write;
  }

  /**
   * For the moment the OS is ending the session (Windows `session-end`): nothing after this line
   * is guaranteed to run, so the write happens before it returns.
   */
  updateSync(patch: Partial<Settings>): void {
    if (!this.loaded) throw new SettingsNotLoadedError(this.path);
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR_MODE });
    writeFileAtomic.sync(this.path, this.serialise(), { fsync: true, mode: PRIVATE_FILE_MODE });
  }

  private serialise(): string {
    return `${JSON.stringify({ ...this.extra, version: SETTINGS_VERSION, ...this.current }, null, 2)}\n`;
  }
}
