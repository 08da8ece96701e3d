// The one rule for a photo's label and note in main: what the window sends (setLabel, an import),
// and what the watchlist file holds (which a person or another program may have edited).
import type { AppError, InputProblem, LabelField, PhotoLabels } from '../../../preload/api';
import { LABEL_BAD_CHARACTERS, MAX_LABEL_CHARS, MAX_NOTE_CHARS, NOTE_BAD_CHARACTERS } from '../../../preload/api';

const LIMITS: Record<LabelField, { max: number; bad: RegExp }> = {
  label: { max: MAX_LABEL_CHARS, bad: LABEL_BAD_CHARACTERS },
  note: { max: MAX_NOTE_CHARS, bad: NOTE_BAD_CHARACTERS },
};

/**
 * The text as it is kept: spaces around it do not count, and a note's Windows line breaks
 * (CRLF, from a spreadsheet) become plain ones.
 */
export function tidyLabel(field: LabelField, value: string): string {
  return (field === 'note' ? value.replace(/\r\n?/gu, '\n') : value).trim();
}

/** Why this (tidied) text cannot be kept as the field, or null when it can. */
export function labelProblem(field: LabelField, value: string): InputProblem | null {
  const { max, bad } = LIMITS[field];
  if (value.length > max) return { code: 'label-too-long', field, length: value.length, max };
  if (bad.test(value)) return { code: 'label-bad-characters', field };
  return null;
}

/** Both fields tidied, or the first problem. Absent fields stay absent (left as they are). */
export function checkLabels(labels: PhotoLabels): { ok: true; value: PhotoLabels } | { ok: false; problem: InputProblem } {
  const value: PhotoLabels = {};
  for (const field of ['label', 'note'] as const) {
    const raw = labels[field];
    if (raw === undefined) continue;
    const tidy = tidyLabel(field, raw);
    const problem = labelProblem(field, tidy);
    if (problem) return { ok: false, problem };
    value[field] = tidy;
  }
  return { ok: true, value };
}

/** An item's fields after a change: empty text clears a field (it is then absent, not ''). */
export function withLabels<T extends PhotoLabels>(item: T, change: PhotoLabels): T {
  const next = { ...item };
  for (const field of ['label', 'note'] as const) {
    const value = change[field];
    if (value === undefined) continue;
    if (value === '') delete next[field];
    else next[field] = value;
  }
  return next;
}

/** A refused label as the error the window words (`input`); `message` is the log's English. */
export function labelError(problem: InputProblem): { ok: false; error: AppError } {
  const message =
    problem.code === 'label-too-long'
      ? `The ${problem.field} is too long (${problem.length} characters; at most ${problem.max}).`
      : problem.code === 'not-watched'
        ? 'That photo is not on the list.'
        : 'A label is one line of text; a note may hold line breaks but no other control characters.';
  return { ok: false, error: { kind: 'invalid-input', message, input: problem } };
}
