// Words for what main shows itself (menus, tray, dialogs, notifications), taken from the same
// message catalogues as the window, so a label reads the same everywhere and is translated once.
// @intlify/core-base is the engine under vue-i18n: the same syntax (`{name}`, `a | b` plurals)
// works here without Vue. Main holds every catalogue (they are small next to Electron); the
// window loads only its own.
import {
  compile,
  createCoreContext,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
} from '@intlify/core-base';
import { resolveLocale, type LanguagePreference, type Locale } from '../../renderer/src/i18n/catalogue';
import en from '../../renderer/src/i18n/en';
import zhCN from '../../renderer/src/i18n/zh-CN';

export { pickLocale } from '../../renderer/src/i18n/catalogue';
export type { LanguagePreference, Locale } from '../../renderer/src/i18n/catalogue';

registerMessageCompiler(compile);
registerMessageResolver(resolveValue);

const CATALOGUES = { en, 'zh-CN': zhCN } as const satisfies Record<Locale, unknown>;

/** Dotted paths to every message, so a misspelt key fails the type check, not the user. */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;

export type Translate = (key: MessageKey, named?: Record<string, unknown>, plural?: number) => string;

/**
 * Main's language, switchable while the app runs. `t` always speaks the current language, so
 * whatever is worded after a switch (a notification, a dialog) is in it; what is already on
 * screen (the menu, the tray) is re-worded by the listeners, which rebuild it.
 */
export interface MainText {
  readonly t: Translate;
  locale(): Locale;
  /**
   * Applies the Settings choice ('system' follows the OS's languages). Settings wires here in one
   * line: `text.setLanguage(settings.language)`. Listeners run only when the language changes.
   */
  setLanguage(preference: LanguagePreference): Locale;
  /** Called after every change of language; returns the unsubscribe. */
  onChange(listener: (locale: Locale) => void): () => void;
}

/**
 * @param systemLanguages the OS's languages, most preferred first: in Electron
 *   `app.getPreferredSystemLanguages()` (falling back to `[app.getLocale()]`).
 */
export function createMainText(systemLanguages: readonly string[], preference: LanguagePreference = 'system'): MainText {
  let current = resolveLocale(preference, systemLanguages);
  const context = createCoreContext({
    locale: current as string,
    fallbackLocale: 'en',
    messages: CATALOGUES as unknown as NonNullable<Parameters<typeof createCoreContext>[0]['messages']>,
    missingWarn: false,
    fallbackWarn: false,
  });
  const listeners = new Set<(locale: Locale) => void>();
  const numbers = new Map<string, Intl.NumberFormat>();
  /** Counts as the language groups digits ("1,200 in progress"); the plural still sees the number. */
  const grouped = (named: Record<string, unknown>): Record<string, unknown> => {
    const locale = current;
    let format = numbers.get(locale);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale);
      numbers.set(locale, format);
    }
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(named)) out[name] = typeof value === 'number' ? format.format(value) : value;
    return out;
  };
  const t: Translate = (key, named = {}, plural) => {
    const choice = plural ?? (typeof named.n === 'number' ? named.n : undefined);
    const words = grouped(named);
    const text = choice === undefined ? translate(context, key, words) : translate(context, key, choice, { named: words });
    return typeof text === 'string' ? text : String(text);
  };
  return {
    t,
    locale: () => current,
    setLanguage(next) {
      const locale = resolveLocale(next, systemLanguages);
      if (locale === current) return locale;
      current = locale;
      // The engine reads its context's locale at every call, so the next `t` speaks it.
      (context as { locale: string }).locale = locale;
      for (const listener of listeners) listener(locale);
      return locale;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A fixed-language translator for the OS's languages (or one tag such as `app.getLocale()`). */
export function createTranslator(systemLanguages: string | readonly string[]): Translate {
  return createMainText(typeof systemLanguages === 'string' ? [systemLanguages] : systemLanguages).t;
}
