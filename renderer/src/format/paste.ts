// What the photo ID box keeps after a paste was sent to main: the entries that were not added,
// exactly as typed, so they can be fixed. Pure.
import { PHOTO_ID_SEPARATORS, type AddPhotosResult } from '../../../preload/api';

/** Strips one pair of matching quotes, as main's parser does (kept in step by hand). */
function unquote(value: string): string {
  const match = /^(["'`])(.*)\1$/su.exec(value);
  return match ? (match[2] ?? '') : value;
}

/**
 * The pasted entries minus one occurrence of each added ID, one per line. Main's rejected list
 * is not used for this because it is capped (a huge bad paste) and shows values cut short or
 * with invisible characters spelled out; the user's own text is what they can fix.
 */
export function leftoverText(pasted: string, outcome: Pick<AddPhotosResult, 'added'>): string {
  const added = new Map<string, number>();
  for (const id of outcome.added) added.set(id, (added.get(id) ?? 0) + 1);
  const kept: string[] = [];
  for (const token of pasted.split(PHOTO_ID_SEPARATORS)) {
    if (token === '') continue;
    const id = unquote(token);
    const left = added.get(id) ?? 0;
    if (left > 0) added.set(id, left - 1);
    else kept.push(token);
  }
  return kept.join('\n');
}
