// The one locale every number, clock time and ordinal in the window is written in. The i18n
// module sets it together with the catalogue's language, so "10,000 photos" and "10,000 张照片"
// group digits as the words around them expect, and a clock reads as the user's system writes it.
import type { Locale } from '../i18n/catalogue';

let current = 'en';

/**
 * Formats follow the catalogue's language, refined by the system's own tag when it speaks that
 * language (en-GB gets "14:05", en-US "2:05 PM"); any other system tag would mix two languages.
 */
export function setFormatLocale(locale: Locale, systemLanguages: readonly string[] = []): void {
  const language = locale.split('-')[0] ?? locale;
  const refined = systemLanguages.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language);
  current = refined !== undefined && isSupported(refined) ? refined : locale;
}

export function formatLocale(): string {
  return current;
}

function isSupported(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}
