// A row's state and problem in words: the badge, one plain sentence on what happened, one on what
// happens next, and the technical facts kept apart for "Details" and "Copy details for support".
import type { AppError, ErrorDetail, WatchItem } from '../../../preload/api';
import type { DisplayState } from '../stores/row-state';
import { count as grouped } from '../format/numbers';
import { clockTime } from '../format/time';
import { explainError, type Translate } from './index';


const ORDINALS = new Intl.PluralRules('en', { type: 'ordinal' });

/** 1st, 2nd, 1,204th. */
export function ordinal(t: Translate, n: number): string {
  const category = ORDINALS.select(n);
  const key = category === 'one' || category === 'two' || category === 'few' ? category : 'other';
  return t(`ordinal.${key}`, { n: grouped(n) });
}

export interface BadgeFacts {
  rawStatus?: string | null;
  /** When the next check of a photo with a problem is planned. */
  retryAt?: number | null;
  /** The shared clock, so a retry due now reads "any moment" rather than a time just passed. */
  now?: number;
}

/** Closer than this, a planned check is "any moment". */
const SOON_MS = 5_000;

/** The badge's words; with `count`, a tally for the summary bar ("3 ready"). */
export function stateLabel(t: Translate, state: DisplayState, facts: BadgeFacts = {}, count?: number): string {
  if (count !== undefined) return t(`summary.${state}`, { n: grouped(count) });
  if (state === 'unknown') return facts.rawStatus ? t('status.unknown', { raw: facts.rawStatus }) : t('status.unknownNoRaw');
  if (state === 'problem') {
    const at = facts.retryAt ?? null;
    return at !== null && at > (facts.now ?? 0) + SOON_MS ? t('status.problem', { time: clockTime(at) }) : t('status.problemSoon');
  }
  return t(`status.${state}`);
}

/** Kinds with a row sentence of their own; anything else is worded as everywhere else. */
const ROW_SENTENCES: ReadonlySet<AppError['kind']> = new Set([
  'server-error',
  'network',
  'timeout',
  'rate-limited',
  'malformed-response',
  'http-error',
  'unknown-code',
  'bad-request',
  'insufficient-credit',
  'invalid-key',
  'no-permission',
]);

/** What happened, in one plain sentence: no codes, no quotes from JoggAI. */
export function problemSentence(t: Translate, error: AppError): string {
  const reason = error.detail?.reason;
  if (error.kind === 'malformed-response' && reason === 'other-photo') return t('rowProblem.other-photo');
  if (error.kind === 'http-error' && reason === 'redirect') return t('rowProblem.redirect');
  return ROW_SENTENCES.has(error.kind) ? t(`rowProblem.${error.kind}`) : explainError(t, error);
}

/**
 * What happens next: when the app asks again, or, when waiting cannot help, what the user can do.
 * `held`: checking is paused (by the user or for the key), so no time can be promised.
 */
export function nextSentence(t: Translate, item: WatchItem, error: AppError, now: number, held = false): string {
  if (error.kind === 'invalid-key' || error.kind === 'no-permission') return t('rowProblem.afterKey');
  if (held && item.nextCheckAt !== null) return t('rowProblem.whenResumed');
  if (item.nextCheckAt === null) {
    return error.kind === 'bad-request' || error.kind === 'insufficient-credit' ? t(`rowProblem.stopped-${error.kind}`) : t('rowProblem.stopped');
  }
  return item.nextCheckAt > now + SOON_MS ? t('rowProblem.retryAt', { time: clockTime(item.nextCheckAt) }) : t('rowProblem.retrySoon');
}

export interface Fact {
  label: string;
  value: string;
}

const DETAIL_ORDER: readonly (keyof ErrorDetail)[] = ['httpStatus', 'excerpt', 'rid', 'networkCode', 'schemaPath', 'host'];

/** The technical facts behind an error, labelled, in a fixed order (code first). */
export function detailFacts(t: Translate, error: AppError): Fact[] {
  const facts: Fact[] = [{ label: t('detailFacts.kind'), value: error.kind }];
  if (error.code !== undefined) facts.push({ label: t('detailFacts.code'), value: String(error.code) });
  for (const name of DETAIL_ORDER) {
    const value = error.detail?.[name];
    if (value !== undefined && value !== '') facts.push({ label: t(`detailFacts.${name}`), value: String(value) });
  }
  return facts;
}

/**
 * Plain lines for a support ticket: the photo, its state, what happened and the facts, with the
 * app's clock. The window never holds the key, and every fact was redacted in main.
 */
export function supportText(
  t: Translate,
  input: { item: WatchItem; state: string; sentences: string[]; facts: Fact[]; now: number },
): string {
  const { item } = input;
  const lines = [
    t('detailFacts.heading'),
    `${t('detailFacts.photoId')}: ${item.photoId}`,
    // The state in words only; the app's own status names mean nothing to support. What JoggAI
    // last said is its own line: its raw word when it was one this app does not know.
    `${t('detailFacts.state')}: ${input.state}`,
    `${t('detailFacts.joggStatus')}: ${item.rawStatus ?? t(`detailFacts.joggStatusValue.${item.status}`)}`,
    `${t('detailFacts.problem')}: ${input.sentences.join(' ')}`,
    ...input.facts.map((fact) => `${fact.label}: ${fact.value}`),
    `${t('detailFacts.lastChecked')}: ${item.lastCheckedAt === null ? '—' : new Date(item.lastCheckedAt).toISOString()}`,
    `${t('detailFacts.checks')}: ${item.checks}`,
    `${t('detailFacts.appTime')}: ${new Date(input.now).toISOString()}`,
  ];
  return lines.join('\n');
}
