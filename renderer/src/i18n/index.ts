// The app's vue-i18n instance and the two translators every part needs: an AppError in plain
// words (chosen by its kind, never by matching message text) and a duration in words.
import { createI18n, useI18n } from 'vue-i18n';
import type { AppError } from '../../../preload/api';
import type { DurationParts } from '../format/time';
import en from './en';

export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: 'en',
    fallbackLocale: 'en',
    messages: { en },
    // Text from JoggAI or main is interpolated, never compiled as a message, so no escaping
    // worries; and a missing key should be loud in tests, not silently English-ish.
    missingWarn: true,
    fallbackWarn: false,
  });
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
    case 'unknown-code':
      return t('errors.unknown-code', { code: error.code ?? '?' });
    case 'http-error': {
      const status = error.detail?.httpStatus;
      return status === undefined ? t('errors.http-error-no-status') : t('errors.http-error', { status });
    }
    case 'invalid-input':
      // Main's own refusals come as codes; the message is the fallback for a caller that has none.
      return error.input ? t(`inputProblem.${error.input.code}`, { ...error.input }) : t('errors.invalid-input', { message });
    case 'keychain-unavailable':
    case 'key-file-unreadable':
      return t(`errors.${error.kind}`, { message });
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

export function durationText(t: Translate, parts: DurationParts): string {
  switch (parts.unit) {
    case 'now':
      return t('time.now');
    case 'seconds':
      return t('time.seconds', { n: parts.seconds });
    case 'minutes':
      return t('time.minutes', { n: parts.minutes });
    case 'hours':
      return parts.minutes === 0
        ? t('time.hoursExact', { h: parts.hours })
        : t('time.hours', { h: parts.hours, m: parts.minutes });
    case 'days':
      return parts.hours === 0
        ? t('time.daysExact', { d: parts.days })
        : t('time.days', { d: parts.days, h: parts.hours });
  }
}

/** The translators bound to the current component's i18n. */
export function useAppText() {
  const { t } = useI18n();
  return {
    t,
    explain: (error: AppError) => explainError(t, error),
    duration: (parts: DurationParts) => durationText(t, parts),
  };
}
