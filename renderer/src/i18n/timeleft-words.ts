// Estimates and "took" in words, from the facts in format/estimate.ts.
import { durationParts } from '../format/time';
import type { Estimate, Took } from '../format/estimate';
import { durationText, type Translate } from './index';

const words = (t: Translate, ms: number) => durationText(t, durationParts(ms));

/** The row's line on time left. */
export function estimateText(t: Translate, estimate: Estimate): string {
  switch (estimate.kind) {
    case 'unknown':
      return t('timeleft.noEstimate');
    case 'usual':
      return t('timeleft.usually', { time: words(t, estimate.leftMs) });
    case 'soon':
      return t('timeleft.soon', { time: words(t, estimate.leftMs) });
    case 'longer':
      return t('timeleft.longer', { low: words(t, estimate.range.p25Ms), high: words(t, estimate.range.p90Ms) });
  }
}

/** The progress bar's value in words: time so far against the usual range. */
export function progressText(t: Translate, estimate: Exclude<Estimate, { kind: 'unknown' }>): string {
  return t('timeleft.progressValue', { elapsed: words(t, estimate.elapsedMs), low: words(t, estimate.range.p25Ms), high: words(t, estimate.range.p90Ms) });
}

export function tookText(t: Translate, took: Took, status: 'ready' | 'failed'): string {
  const time = words(t, took.ms);
  if (took.kind === 'about') return t('timeleft.tookAbout', { time });
  if (took.kind === 'at-least') return t('timeleft.tookAtLeast', { time });
  return t(status === 'ready' ? 'timeleft.foundReady' : 'timeleft.foundFailed', { time });
}
