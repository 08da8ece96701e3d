// The one way counts are written in the window: digits grouped as the user's language does
// ("20,050"), so "Added 20,000 photos" and "2,974th in line" read alike on one screen.
import { formatLocale } from './locale';

const FORMATS = new Map<string, Intl.NumberFormat>();

/** A count as the window's language groups digits. One formatter per locale: 10,000 rows may ask. */
export function count(value: number): string {
  const locale = formatLocale();
  let format = FORMATS.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale);
    FORMATS.set(locale, format);
  }
  return format.format(value);
}
