// What the photo ID box keeps after a paste was sent to main: the entries that were not added,
// exactly as typed, so they can be fixed. Pure.
import { PHOTO_ID_SEPARATORS, type AddPhotosResult } from '../../../preload/api';

/** Strips one pair of matching quotes, as main's parser does (kept in step by hand). */
function unquote(value: string): string {
  const match = /^(["'`])(.*)\1$/su.exec(value);
  return match ? (match[2] ?? '') : value;
}

/**
 * The pasted entries minus every entry for a photo now on the list: the ones just added, their
 * repeats in the paste, and IDs that were already watched (`watched`), which need nothing from
 * the user. What stays is what was not added for a reason the user can fix, one per line. Main's
 * rejected list is not used for this because it is capped (a huge bad paste) and shows values cut
 * short or with invisible characters spelled out; the user's own text is what they can fix.
 */
export function leftoverText(pasted: string, outcome: Pick<AddPhotosResult, 'added'>, watched: (id: string) => boolean = () => false): string {
  const added = new Set(outcome.added);
  const kept: string[] = [];
  for (const token of pasted.split(PHOTO_ID_SEPARATORS)) {
    if (token === '') continue;
    const id = unquote(token);
    if (!added.has(id) && !watched(id)) kept.push(token);
  }
  return kept.join('\n');
}
