// The settings room: what the Settings page may change, checked, saved and handed to the parts
// that act on it (the request budget, the notifications). Both hosts answer getSettings and
// updateSettings through this one object, so the Electron window and the preview agree.
import type { AppError, AppSettings, AppSettingsPatch, NotificationDelivery, PhotoStatus, Result } from '../../../preload/api';
import { LANGUAGE_CHOICES, REQUEST_BUDGET_LIMITS, THEME_CHOICES } from '../../../preload/api';
import type { Budget } from '../budget';
import type { Settings, SettingsFile } from './settings-file';

type PatchKey = keyof AppSettingsPatch;

/** Each setting's check: a message for the log and the limits the window words. */
const CHECKS: { [K in PatchKey]-?: (value: unknown) => value is NonNullable<AppSettingsPatch[K]> } = {
  notifyOnReady: isBoolean,
  notifyOnFailed: isBoolean,
  sound: isBoolean,
  quietWhileFocused: isBoolean,
  localCopies: isBoolean,
  requestRate: (value): value is number => inRange(value, REQUEST_BUDGET_LIMITS.requestRate, false),
  burst: (value): value is number => inRange(value, REQUEST_BUDGET_LIMITS.burst, true),
  language: (value): value is AppSettings['language'] => (LANGUAGE_CHOICES as readonly unknown[]).includes(value),
  theme: (value): value is AppSettings['theme'] => (THEME_CHOICES as readonly unknown[]).includes(value),
};

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function inRange(value: unknown, limits: { min: number; max: number }, whole: boolean): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= limits.min && value <= limits.max && (!whole || Number.isInteger(value));
}

function refused(setting: string): AppError {
  const limits = setting in REQUEST_BUDGET_LIMITS ? REQUEST_BUDGET_LIMITS[setting as keyof typeof REQUEST_BUDGET_LIMITS] : undefined;
  const range = limits ? ` (from ${limits.min} to ${limits.max})` : '';
  return {
    kind: 'invalid-input',
    message: `The setting "${setting.slice(0, 40)}" cannot take that value${range}; nothing was changed.`,
    input: { code: 'setting-invalid', setting: setting.slice(0, 40), ...(limits ? { min: limits.min, max: limits.max } : {}) },
  };
}

/**
 * A patch from a renderer the host does not fully trust: a plain object naming known settings
 * only, each with a value it can take. The first problem refuses the whole patch (nothing half-applied).
 */
export function checkSettingsPatch(value: unknown): Result<AppSettingsPatch> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: refused('settings change') };
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { ok: false, error: refused('settings change') };
  const patch: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(value)) {
    const check = Object.hasOwn(CHECKS, name) ? CHECKS[name as PatchKey] : undefined;
    if (!check?.(setting)) return { ok: false, error: refused(name) };
    patch[name] = setting;
  }
  return { ok: true, value: patch as AppSettingsPatch };
}

/** The request budget fields a host fixed at start (environment, flags, tests): they win. */
export type FixedBudget = Partial<Pick<Budget, 'ratePerS' | 'burst'>>;

export interface UserSettingsOptions {
  file: Pick<SettingsFile, 'get' | 'update'>;
  fixedBudget?: FixedBudget;
  /** The budget in force changed: apply it to the running tracker. */
  onBudget: (budget: Pick<Budget, 'ratePerS' | 'burst'>) => void;
  /** Any setting changed: tell every window. */
  onChange: (settings: AppSettings) => void;
}

export class UserSettings {
  constructor(private readonly options: UserSettingsOptions) {}

  /** The settings now; `localCopies` here is what the result downloads follow. */
  current(): AppSettings {
    const saved: Settings = this.options.file.get();
    const fixed = this.options.fixedBudget ?? {};
    return {
      notifyOnReady: saved.notifyOnReady,
      notifyOnFailed: saved.notifyOnFailed,
      sound: saved.sound,
      quietWhileFocused: saved.quietWhileFocused,
      localCopies: saved.localCopies,
      requestRate: fixed.ratePerS ?? saved.requestRate,
      burst: fixed.burst ?? saved.burst,
      language: saved.language,
      theme: saved.theme,
      budgetFixed: { requestRate: fixed.ratePerS !== undefined, burst: fixed.burst !== undefined },
    };
  }

  /** The budget in force: the start options' values where given, else the user's. */
  budget(): Pick<Budget, 'ratePerS' | 'burst'> {
    const { requestRate, burst } = this.current();
    return { ratePerS: requestRate, burst };
  }

  /** Whether a photo that finished so should be told of at all. */
  notifies(status: PhotoStatus): boolean {
    const { notifyOnReady, notifyOnFailed } = this.current();
    if (status === 'ready') return notifyOnReady;
    if (status === 'failed') return notifyOnFailed;
    return false;
  }

  /** How the host shows what is told. */
  delivery(): NotificationDelivery {
    const { sound, quietWhileFocused } = this.current();
    return { silent: !sound, quietWhileFocused };
  }

  /**
   * Checked, applied and saved before it answers. A write that fails still leaves the change in
   * force until the app quits (the file keeps it in memory), and the answer says it was not kept.
   */
  async update(raw: unknown): Promise<Result<AppSettings>> {
    const checked = checkSettingsPatch(raw);
    if (!checked.ok) return checked;
    const before = this.budget();
    let notSaved: Error | null = null;
    await this.options.file.update(checked.value).catch((error: unknown) => {
      notSaved = error instanceof Error ? error : new Error(String(error));
    });
    const after = this.budget();
    if (after.ratePerS !== before.ratePerS || after.burst !== before.burst) this.options.onBudget(after);
    const settings = this.current();
    this.options.onChange(settings);
    if (notSaved !== null) {
      const reason = (notSaved as Error).message;
      return { ok: false, error: { kind: 'invalid-input', message: `The settings apply now but could not be saved: ${reason}`, input: { code: 'settings-not-saved' } } };
    }
    return { ok: true, value: settings };
  }
}
