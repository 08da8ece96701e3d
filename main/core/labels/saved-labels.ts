// A label or note as the watchlist file holds it: kept when the window would have accepted it,
// dropped (that field only) otherwise, so a hand-edited file never puts a 5 MB "label" or a
// terminal escape in a row.
import type { LabelField } from '../../../preload/api';
import { labelProblem } from './label-rules';

export function keptLabel(field: LabelField, saved: unknown): string | undefined {
  if (typeof saved !== 'string' || saved === '') return undefined;
  return labelProblem(field, saved) === null ? saved : undefined;
}

/** Whether the file held something for the field at all (an empty one is no value, not a bad one). */
export function isSet(saved: unknown): boolean {
  return saved !== undefined && saved !== null && saved !== '';
}
