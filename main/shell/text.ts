// Words for what main shows itself (menus, tray, dialogs, notifications), taken from the same
// message catalogue as the window, so a label reads the same everywhere and is translated once.
// @intlify/core-base is the engine under vue-i18n: the same syntax (`{name}`, `a | b` plurals)
// works here without Vue.
import {
  compile,
  createCoreContext,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
} from '@intlify/core-base';
import en from '../../renderer/src/i18n/en';

registerMessageCompiler(compile);
registerMessageResolver(resolveValue);

const CATALOGUES = { en } as const;
type Locale = keyof typeof CATALOGUES;

/** Dotted paths to every message, so a misspelt key fails the type check, not the user. */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;

export type Translate = (key: MessageKey, named?: Record<string, unknown>, plural?: number) => string;

/** The catalogue closest to the OS language (`app.getLocale()`), English when there is none. */
export function pickLocale(osLocale: string): Locale {
  const language = osLocale.toLowerCase().split(/[-_]/)[0] ?? '';
  return (Object.keys(CATALOGUES) as Locale[]).find((locale) => locale === language) ?? 'en';
}

export function createTranslator(osLocale: string): Translate {
  const locale = pickLocale(osLocale);
  const context = createCoreContext({
    locale,
    fallbackLocale: 'en',
    messages: CATALOGUES as unknown as NonNullable<Parameters<typeof createCoreContext>[0]['messages']>,
    missingWarn: false,
    fallbackWarn: false,
  });
  return (key, named = {}, plural) => {
    const text = plural === undefined ? translate(context, key, named) : translate(context, key, plural, { named });
    return typeof text === 'string' ? text : String(text);
  };
}
