// The shape every locale's catalogue must have: English's keys, with any text as the value. A
// locale typed as `Catalogue` fails the type check on a missing or an extra key; the unit test
// catalogue-parity.test.ts also checks plural cases and placeholders, which types cannot see.
import type en from './en';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Catalogue = Widen<typeof en>;

/** The languages the app speaks, by BCP 47 tag; English is the fallback and always loaded. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The user's choice in Settings: follow the OS, or one language. */
export type LanguagePreference = 'system' | Locale;

/**
 * The catalogue closest to a list of preferred languages (navigator.languages,
 * app.getPreferredSystemLanguages()): the first one we speak wins; any Chinese written in
 * simplified script (zh, zh-CN, zh-SG, zh-Hans-*) gets zh-CN; English when none fits.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const parts = tag.toLowerCase().replace(/_/g, '-').split('-');
    if (parts[0] === 'en') return 'en';
    if (parts[0] === 'zh') {
      // Traditional script (zh-TW, zh-HK, zh-Hant) is not what zh-CN is written in: keep looking.
      if (parts.includes('hant') || parts.includes('tw') || parts.includes('hk') || parts.includes('mo')) continue;
      return 'zh-CN';
    }
  }
  // A reader of traditional Chinese with no other language we speak still reads simplified
  // Chinese more easily than English.
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The locale a preference means on a system whose languages are `preferred`. */
export function resolveLocale(preference: LanguagePreference, preferred: readonly string[]): Locale {
  return preference === 'system' ? pickLocale(preferred) : preference;
}
