// The settings room: the Settings page's fields in settings.json (each bad value falls back
// alone), a patch checked before anything changes, the start options' budget winning, and a
// budget change handed on at once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_FILE, SettingsFile } from '../../../main/core/settings/settings-file';
import { checkSettingsPatch, UserSettings } from '../../../main/core/settings/user-settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'avatar-watch-user-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function open(fixedBudget = {}) {
  const file = new SettingsFile(dir);
  await file.load();
  const onBudget = vi.fn();
  const onChange = vi.fn();
  return { file, onBudget, onChange, settings: new UserSettings({ file, fixedBudget, onBudget, onChange }) };
}

describe('the Settings page fields in settings.json', () => {
  it('start as a new user expects: notify on ready and failed with sound, not quiet, local copies on, 2 a second, bursts of 5', async () => {
    const { settings } = await open();
    expect(settings.current()).toEqual({
      notifyOnReady: true,
      notifyOnFailed: true,
      sound: true,
      quietWhileFocused: false,
      localCopies: true,
      requestRate: 2,
      burst: 5,
      language: 'system',
      theme: 'system',
      budgetFixed: { requestRate: false, burst: false },
    });
  });

  it.each([
    ['notifyOnReady', 'no', true],
    ['notifyOnFailed', 0, true],
    ['sound', null, true],
    ['quietWhileFocused', 'true', false],
    ['localCopies', {}, true],
    ['requestRate', 50, 2],
    ['requestRate', 0.05, 2],
    ['burst', 2.5, 5],
    ['burst', 100, 5],
    ['language', 'fr', 'system'],
    ['theme', 'sepia', 'system'],
  ] as const)('fall back alone when %s holds %j, keeping every other field', async (field, bad, fallback) => {
    writeFileSync(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ version: 1, notifyOnFailed: false, sound: false, theme: 'dark', requestRate: 0.5, burst: 3, language: 'zh-CN', [field]: bad }),
    );
    const { settings } = await open();
    const current = settings.current();
    expect(current[field]).toBe(fallback);
    const others = { notifyOnFailed: false, sound: false, theme: 'dark', requestRate: 0.5, burst: 3, language: 'zh-CN' } as Record<string, unknown>;
    for (const [name, value] of Object.entries(others)) if (name !== field) expect(current[name as keyof typeof current]).toBe(value);
  });

  it("keep a newer version's number and fields when they write", async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ version: 3, sound: false, futureThing: { a: 1 } }));
    const { settings } = await open();
    await settings.update({ theme: 'light' });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ version: 3, sound: false, theme: 'light', futureThing: { a: 1 } });
  });

  it('survive a restart', async () => {
    const first = await open();
    await first.settings.update({ notifyOnFailed: false, theme: 'dark', requestRate: 0.5, language: 'zh-CN' });
    const second = await open();
    expect(second.settings.current()).toMatchObject({ notifyOnFailed: false, theme: 'dark', requestRate: 0.5, language: 'zh-CN' });
  });
});

describe('a settings change', () => {
  it.each([
    [{ sound: 'off' }, 'sound', {}],
    [{ requestRate: 6 }, 'requestRate', { min: 0.2, max: 5 }],
    [{ requestRate: Number.NaN }, 'requestRate', { min: 0.2, max: 5 }],
    [{ burst: 0 }, 'burst', { min: 1, max: 20 }],
    [{ burst: 1.5 }, 'burst', { min: 1, max: 20 }],
    [{ theme: 'blue' }, 'theme', {}],
    [{ language: 'de' }, 'language', {}],
    [{ budgetFixed: { requestRate: false } }, 'budgetFixed', {}],
    [{ key: null }, 'key', {}],
  ])('is refused whole for %j, naming the setting and its limits', async (patch, setting, limits) => {
    const { settings, file, onChange } = await open();
    const answer = await settings.update({ notifyOnReady: false, ...patch });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid-input', input: { code: 'setting-invalid', setting, ...limits } } });
    expect(file.get().notifyOnReady).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses what is not a plain object', () => {
    const crafted = new (class {
      sound = false;
    })();
    for (const value of [null, 'sound', [true], 3, crafted]) expect(checkSettingsPatch(value).ok).toBe(false);
  });

  it('is saved before it answers, and every window is told', async () => {
    const { settings, onChange } = await open();
    const answer = await settings.update({ quietWhileFocused: true });
    expect(answer).toMatchObject({ ok: true, value: { quietWhileFocused: true } });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).quietWhileFocused).toBe(true);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ quietWhileFocused: true }));
  });

  it('hands a new request budget on at once, and only when it changed', async () => {
    const { settings, onBudget } = await open();
    await settings.update({ sound: false });
    expect(onBudget).not.toHaveBeenCalled();
    await settings.update({ requestRate: 0.5, burst: 2 });
    expect(onBudget).toHaveBeenCalledWith({ ratePerS: 0.5, burst: 2 });
  });

  it('leaves a budget the start options fixed as it is, and says it is fixed', async () => {
    const { settings, onBudget } = await open({ ratePerS: 10 });
    await settings.update({ requestRate: 1, burst: 3 });
    expect(settings.current()).toMatchObject({ requestRate: 10, burst: 3, budgetFixed: { requestRate: true, burst: false } });
    expect(onBudget).toHaveBeenCalledWith({ ratePerS: 10, burst: 3 });
  });
});

describe('what the settings say about notifications', () => {
  it('tell ready and failed apart, and carry sound and quiet to the host', async () => {
    const { settings } = await open();
    expect([settings.notifies('ready'), settings.notifies('failed')]).toEqual([true, true]);
    expect(settings.delivery()).toEqual({ silent: false, quietWhileFocused: false });
    await settings.update({ notifyOnFailed: false, sound: false, quietWhileFocused: true });
    expect([settings.notifies('ready'), settings.notifies('failed'), settings.notifies('not_found')]).toEqual([true, false, false]);
    expect(settings.delivery()).toEqual({ silent: true, quietWhileFocused: true });
  });
});
