// The app's vue-i18n instance, the language switch, and the two translators every part needs: an
// AppError in plain words (chosen by its kind, never by matching message text) and a duration in
// words. Every catalogue, English too, comes in chunks and only the user's language is loaded: each
// is complete (catalogue-parity.test.ts), so none needs another as a fallback. The page's first
// load carries no words at all; the first paint waits for the `start` part only, the rest
// (i18n/parts.ts) follows (npm run size reports each chunk).
import { createI18n, useI18n } from 'vue-i18n';
import type { AppError } from '../../../preload/api';
import { setFormatLocale } from '../format/locale';
import { count } from '../format/numbers';
import type { DurationParts } from '../format/time';
import { resolveLocale, type Catalogue, type LanguagePreference, type Locale } from './catalogue';
import { CATALOGUE_PARTS, mergeParts, type CataloguePart } from './parts';
export { pickLocale, resolveLocale, LOCALES, type LanguagePreference, type Locale } from './catalogue';

/**
 * Words already in memory, by locale: the parts loaded (i18n/parts.ts) and their messages merged.
 * The page fills it part by part; Node-side callers (the unit tests: tests/support/i18n-setup.ts)
 * register a whole catalogue up front, so createAppI18n() is ready to use at once there.
 */
const loaded = new Map<Locale, { parts: Set<CataloguePart>; messages: Record<string, unknown> }>();

export function registerCatalogue(locale: Locale, messages: Catalogue): void {
  loaded.set(locale, { parts: new Set(CATALOGUE_PARTS), messages: { ...messages } });
}

/** Each part of each catalogue a dynamic import, so Vite makes it a chunk of its own. */
const PART_CHUNKS: Record<Locale, Record<CataloguePart, () => Promise<{ default: object }>>> = {
  en: { start: () => import('virtual:catalogue/en/start'), later: () => import('virtual:catalogue/en/later') },
  'zh-CN': { start: () => import('virtual:catalogue/zh-CN/start'), later: () => import('virtual:catalogue/zh-CN/later') },
};

/** The parts the window has asked for so far: a language switch brings them all in the new language. */
const wanted = new Set<CataloguePart>(['start']);

/** Loads the parts not yet in memory for `locale`; resolves to that locale's words so far. */
async function loadParts(locale: Locale, parts: Iterable<CataloguePart>): Promise<Record<string, unknown>> {
  const entry = loaded.get(locale) ?? { parts: new Set<CataloguePart>(), messages: {} };
  loaded.set(locale, entry);
  const missing = [...parts].filter((part) => !entry.parts.has(part));
  const chunks = await Promise.all(missing.map(async (part) => [part, (await PART_CHUNKS[locale][part]()).default] as const));
  for (const [part, messages] of chunks) {
    if (entry.parts.has(part)) continue;
    entry.parts.add(part);
    entry.messages = mergeParts(entry.messages, messages as Record<string, unknown>);
  }
  return entry.messages;
}

function hasParts(i18n: AppI18n, locale: Locale): boolean {
  const entry = loaded.get(locale);
  return entry !== undefined && i18n.global.availableLocales.includes(locale) && [...wanted].every((part) => entry.parts.has(part));
}

export function createAppI18n() {
  const i18n = createI18n({
    legacy: false,
    locale: 'en',
    fallbackLocale: 'en',
    messages: Object.fromEntries([...loaded].map(([locale, entry]) => [locale, entry.messages])) as Record<Locale, Catalogue>,
    // Text from JoggAI or main is interpolated, never compiled as a message, so no escaping
    // worries; and a missing key should be loud in tests, not silently English-ish.
    missingWarn: true,
    fallbackWarn: false,
  });
  active = i18n;
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** The instance the window runs on (the last one created), for setLanguage's callers. */
let active: AppI18n | null = null;

/** Bumped by every switch, so a slow chunk load never overrides a later choice. */
let switches = 0;

export interface SetLanguageOptions {
  i18n?: AppI18n;
  /** The system's languages, most preferred first; the browser's (or Electron's, from the OS) by default. */
  systemLanguages?: readonly string[];
  /** The document whose `lang` follows, so screen readers pronounce the right language. */
  document?: { documentElement: { lang: string } };
}

/** The page's globals, looked up so this module also loads in main's and the tests' Node. */
const page = globalThis as { navigator?: { languages?: readonly string[] }; document?: { documentElement: { lang: string } } };

/**
 * Switches the window's language without a reload: loads the catalogue's chunk if needed, sets
 * vue-i18n's locale (every `t` re-renders), the number and clock locale, and `<html lang>`.
 * Settings' `language` wires here in one line: `void setLanguage(settings.language)`.
 * Resolves to the locale now shown.
 */
export async function setLanguage(preference: LanguagePreference, options: SetLanguageOptions = {}): Promise<Locale> {
  const i18n = options.i18n ?? active;
  if (i18n === null) throw new Error('setLanguage called before createAppI18n');
  const systemLanguages = options.systemLanguages ?? page.navigator?.languages ?? [];
  const locale = resolveLocale(preference, systemLanguages);
  const turn = ++switches;
  if (!hasParts(i18n, locale)) i18n.global.setLocaleMessage(locale, (await loadParts(locale, wanted)) as Catalogue);
  if (turn !== switches) return i18n.global.locale.value as Locale;
  // Numbers first: the re-render that the locale change triggers must already group them anew.
  setFormatLocale(locale, systemLanguages);
  i18n.global.locale.value = locale;
  const doc = options.document ?? page.document;
  if (doc !== undefined) doc.documentElement.lang = locale;
  return locale;
}

/**
 * Brings in a part of the catalogue (i18n/parts.ts) in the window's language, and keeps it in
 * any language switched to later. Lazily loaded components await it with their code (lazyWithWords);
 * main.ts asks for `later` right after the first paint. Safe to call often: a part loads once.
 */
export async function loadWords(part: CataloguePart, i18n: AppI18n | null = active): Promise<void> {
  wanted.add(part);
  if (i18n === null) return;
  const locale = i18n.global.locale.value as Locale;
  if (hasParts(i18n, locale)) return;
  const messages = await loadParts(locale, wanted);
  // A switch meanwhile loads every wanted part for its own language; this one must not undo it.
  if (i18n.global.locale.value === locale) i18n.global.setLocaleMessage(locale, messages as Catalogue);
}

/** The slice of vue-i18n's `t` these helpers need, so any composer's `t` fits. */
export type Translate = (key: string, named?: Record<string, unknown>) => string;

/**
 * An error in the user's words, by kind: one message, worded once here. JoggAI's and the
 * network's errors are never worded from `message` (main's log line, which would double the
 * window's own prefix); their facts are in `detail`, shown behind "Details" where there is room.
 * Only the kinds whose message is main's own advice to the user still quote it.
 */
export function explainError(t: Translate, error: AppError): string {
  const message = error.message;
  switch (error.kind) {
    case 'rate-limited':
      return error.retryAfterS !== undefined && error.retryAfterS > 0
        ? t('errors.rate-limited-wait', { seconds: Math.ceil(error.retryAfterS) })
        : t('errors.rate-limited');
    case 'invalid-input':
      // Main's own refusals come as codes; the message is the fallback for a caller that has none.
      return error.input ? t(`inputProblem.${error.input.code}`, { ...error.input }) : t('errors.invalid-input', { message });
    case 'keychain-unavailable':
    case 'key-file-unreadable':
      return t(`errors.${error.kind}`, { message });
    // The raw code and HTTP status are facts for Details (errorFacts), not words of the sentence.
    case 'unknown-code':
    case 'http-error':
    case 'bad-request':
    case 'network':
    case 'timeout':
    case 'server-error':
    case 'malformed-response':
    case 'insecure-url':
    case 'invalid-key':
    case 'no-permission':
    case 'not-found':
    case 'insufficient-credit':
    case 'keychain-locked':
    case 'keychain-missing':
    case 'no-key':
      return t(`errors.${error.kind}`);
    default: {
      // A kind added to the contract later still reaches the user.
      const unexpected: never = error.kind;
      return String(unexpected) + (message ? `: ${message}` : '');
    }
  }
}

/**
 * The facts a sentence leaves out, as one line for "Details: …" where a form has no room for the
 * full list: JoggAI's code and the HTTP status. Null when there are none.
 */
export function errorFacts(t: Translate, error: AppError): string | null {
  const facts: string[] = [];
  if (error.code !== undefined) facts.push(`${t('detailFacts.code')} ${error.code}`);
  if (error.detail?.httpStatus !== undefined) facts.push(`${t('detailFacts.httpStatus')} ${error.detail.httpStatus}`);
  return facts.length === 0 ? null : t('errors.details', { message: facts.join(' · ') });
}

/**
 * A duration in words. The units are the catalogue's (translators choose "3 min" or "3 分钟");
 * the numbers go through Intl like every count, so a long one is grouped ("1,204 d").
 */
export function durationText(t: Translate, parts: DurationParts): string {
  switch (parts.unit) {
    case 'now':
      return t('time.now');
    case 'seconds':
      return t('time.seconds', { n: count(parts.seconds) });
    case 'minutes':
      return t('time.minutes', { n: count(parts.minutes) });
    case 'hours':
      return parts.minutes === 0
        ? t('time.hoursExact', { h: count(parts.hours) })
        : t('time.hours', { h: count(parts.hours), m: count(parts.minutes) });
    case 'days':
      return parts.hours === 0
        ? t('time.daysExact', { d: count(parts.days) })
        : t('time.days', { d: count(parts.days), h: count(parts.hours) });
  }
}

/** The translators bound to the current component's i18n. */
export function useAppText() {
  const { t } = useI18n();
  return {
    t,
    explain: (error: AppError) => explainError(t, error),
    facts: (error: AppError) => errorFacts(t, error),
    duration: (parts: DurationParts) => durationText(t, parts),
  };
}
