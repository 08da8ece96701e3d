// The settings file: what is saved comes back, one bad field never costs the others, a newer
// version's fields survive our writes, and the key itself is never part of it.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsFile } from '../../../main/core/settings/settings-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'avatar-watch-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsFile', () => {
  it('starts with the defaults when there is no file', async () => {
    const loaded = await new SettingsFile(dir).load();
    expect(loaded).toEqual({ settings: DEFAULT_SETTINGS, problem: null });
    expect(DEFAULT_SETTINGS.startAtLogin).toBe(false);
    expect(DEFAULT_SETTINGS.key).toBeNull();
  });

  it('keeps what was saved across a restart', async () => {
    const first = new SettingsFile(dir);
    await first.load();
    await first.update({ startAtLogin: true, key: { location: 'keychain', hint: 'wxyz', savedAt: 5 } });
    await first.update({ window: { x: 10, y: 20, width: 800, height: 600, maximized: false } });
    const second = new SettingsFile(dir);
    const { settings } = await second.load();
    expect(settings.startAtLogin).toBe(true);
    expect(settings.key).toEqual({ location: 'keychain', hint: 'wxyz', savedAt: 5 });
    expect(settings.window).toEqual({ x: 10, y: 20, width: 800, height: 600, maximized: false });
  });

  it('falls back field by field: one bad value does not wipe the others', async () => {
    writeFileSync(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ version: 1, startAtLogin: 'yes', checkingPaused: true, window: { x: 'left' } }),
    );
    const { settings, problem } = await new SettingsFile(dir).load();
    expect(problem).toBeNull();
    expect(settings.startAtLogin).toBe(false);
    expect(settings.checkingPaused).toBe(true);
    expect(settings.window).toBeNull();
  });

  it('says what is wrong with a file that is not JSON, and starts from the defaults', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), '{"startAtLogin": tru');
    const { settings, problem } = await new SettingsFile(dir).load();
    expect(problem).toMatch(/not valid JSON/);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('writes nothing before the file was read, so the saved settings are never replaced by defaults', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, key: { location: 'keychain', hint: 'wxyz', savedAt: 1 } }));
    const file = new SettingsFile(dir);
    await expect(file.update({ startAtLogin: true })).rejects.toThrow(/has not been read yet/);
    expect(() => file.updateSync({ startAtLogin: true })).toThrow(/has not been read yet/);
    expect((await file.load()).settings.key?.hint).toBe('wxyz');
  });

  it('a write queued behind a synchronous one never puts older settings back', async () => {
    const file = new SettingsFile(dir);
    await file.load();
    const queued = file.update({ startAtLogin: true });
    file.updateSync({ lastOpenedAt: 7 });
    await queued;
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ startAtLogin: true, lastOpenedAt: 7 });
  });

  it('creates its folder on the first write', async () => {
    const file = new SettingsFile(join(dir, 'not', 'yet'));
    await file.load();
    await file.update({ startAtLogin: true });
    expect(JSON.parse(readFileSync(join(dir, 'not', 'yet', SETTINGS_FILE), 'utf8')).startAtLogin).toBe(true);
  });

  it("keeps a newer version's fields when it writes", async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ version: 7, theme: 'dark', startInMenuBar: true }));
    const file = new SettingsFile(dir);
    await file.load();
    await file.update({ startAtLogin: true });
    const written = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'));
    expect(written).toMatchObject({ theme: 'dark', startInMenuBar: true, startAtLogin: true });
  });

  it('writes in order, the last change wins, and a synchronous write lands before it returns', async () => {
    const file = new SettingsFile(dir);
    await file.load();
    const writes = [true, false, true, false].map((checkingPaused) => file.update({ checkingPaused }));
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).checkingPaused).toBe(false);
    file.updateSync({ lastOpenedAt: 42 });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).lastOpenedAt).toBe(42);
  });

  describe.runIf(process.platform !== 'win32')('permissions (Windows ignores POSIX modes)', () => {
    const modeOf = (path: string) => statSync(path).mode & 0o777;

    it('creates the data folder for the owner only and writes settings.json 0600, on both write paths', async () => {
      const folder = join(dir, 'new', 'data');
      const file = new SettingsFile(folder);
      await file.load();
      await file.update({ startAtLogin: true });
      expect(modeOf(join(dir, 'new'))).toBe(0o700);
      expect(modeOf(folder)).toBe(0o700);
      expect(modeOf(join(folder, SETTINGS_FILE))).toBe(0o600);

      const other = join(dir, 'sync');
      const syncFile = new SettingsFile(other);
      await syncFile.load();
      syncFile.updateSync({ lastOpenedAt: 1 });
      expect(modeOf(other)).toBe(0o700);
      expect(modeOf(join(other, SETTINGS_FILE))).toBe(0o600);
    });

    it('tightens a settings.json an older version left readable to all', async () => {
      writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1 }));
      chmodSync(join(dir, SETTINGS_FILE), 0o644);
      const file = new SettingsFile(dir);
      await file.load();
      await file.update({ checkingPaused: true });
      expect(modeOf(join(dir, SETTINGS_FILE))).toBe(0o600);
    });
  });
});
