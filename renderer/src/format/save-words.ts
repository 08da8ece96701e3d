// The words for what main says as codes about saving and the list's limits: a failed save's
// reason, and the numbers of a coded notice written as people read them (50,000, not 50000).
import type { Notice, SaveProblem } from '../../../preload/api';
import type { Translate } from '../i18n';
import { count } from './numbers';

export function saveProblemText(t: Translate, problem: Pick<SaveProblem, 'reason' | 'detail'>): string {
  return t(`saving.reason.${problem.reason}`, { detail: problem.detail || '?' });
}

/** A coded notice's parameters ready for its message: numbers grouped, a save's reason in words. */
export function noticeParams(t: Translate, notice: Notice): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [name, value] of Object.entries(notice.params ?? {})) words[name] = typeof value === 'number' ? count(value) : value;
  if (notice.code === 'list-dropped') {
    const items = Number(notice.params?.items ?? 0);
    const imageUrls = Number(notice.params?.imageUrls ?? 0);
    const maxLength = notice.params?.maxLength ?? '';
    const parts = [
      items > 0 ? t('saving.droppedItems', { n: items, maxLength }) : null,
      imageUrls > 0 ? t('saving.droppedImages', { n: imageUrls }) : null,
      // labels
      Number(notice.params?.labels ?? 0) > 0 ? t('labels.dropped', { n: Number(notice.params?.labels) }) : null,
    ].filter((part): part is string => part !== null);
    words.what = parts.join('; ');
  }
  if (notice.code === 'save-failed') {
    words.reason = saveProblemText(t, { reason: (notice.params?.reason ?? 'other') as SaveProblem['reason'], detail: String(notice.params?.detail ?? '') });
  }
  return words;
}

/** The catalogue key a coded notice is worded by (one code may have a longer form when a path was kept). */
export function noticeKey(notice: Notice & { code: NonNullable<Notice['code']> }): string {
  if (notice.code === 'list-restored') return notice.params?.keptAt ? 'saving.restoredKept' : 'saving.restored';
  return NOTICE_KEYS[notice.code];
}

const NOTICE_KEYS = {
  'no-tray': 'tray.noTray',
  'save-failed': 'saving.failed',
  'list-over-cap': 'saving.overCap',
  'list-restored': 'saving.restored',
  'list-unreadable': 'saving.unreadable',
  'list-too-new': 'saving.tooNew',
  'list-dropped': 'saving.dropped',
} as const satisfies Record<NonNullable<Notice['code']>, string>;

export { count };
