// The words for what main says as codes about saving and the list's limits: a failed save's
// reason, and the numbers of a coded notice written as people read them (50,000, not 50000).
import type { Notice, SaveProblem } from '../../../preload/api';
import type { Translate } from '../i18n';

export function saveProblemText(t: Translate, problem: Pick<SaveProblem, 'reason' | 'detail'>): string {
  return t(`saving.reason.${problem.reason}`, { detail: problem.detail || '?' });
}

/** A coded notice's parameters ready for its message: numbers grouped, a save's reason in words. */
export function noticeParams(t: Translate, notice: Notice): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [name, value] of Object.entries(notice.params ?? {})) words[name] = typeof value === 'number' ? count(value) : value;
  if (notice.code === 'save-failed') {
    words.reason = saveProblemText(t, { reason: (notice.params?.reason ?? 'other') as SaveProblem['reason'], detail: String(notice.params?.detail ?? '') });
  }
  return words;
}

/** A count as the catalogue's language groups digits. */
export function count(value: number): string {
  return value.toLocaleString('en');
}
