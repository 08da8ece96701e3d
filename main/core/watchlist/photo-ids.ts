// Turns whatever the user pasted into photo IDs to watch, and says why each other entry was
// refused. Runs in main so a 10,000-line paste never blocks the window.
import type { AddPhotosResult, RejectedLine } from '../../../preload/api';
import { MAX_PASTE_IDS, PHOTO_ID_MAX_LENGTH, PHOTO_ID_SEPARATORS } from '../../../preload/api';

/** Characters never valid inside an ID: controls, invisible format marks, any kind of space. */
const BAD_CHARACTERS = /[\p{Cc}\p{Cf}\p{Z}]/u;
/** Enough rejected entries to fix a paste by hand; the rest are only counted. */
export const REJECTED_LIST_CAP = 500;

export interface ParsedPhotoIds extends AddPhotosResult {
  added: string[];
}

/**
 * `room`: how many more photos the list may hold (MAX_WATCHED_PHOTOS less those watched). Entries
 * past the first MAX_PASTE_IDS are only counted (`notRead`), and good IDs beyond `room` only
 * counted (`noRoom`): neither is added, and the window leaves both in the box, so nothing is lost.
 */
export function parsePhotoIds(text: string, isWatched: (photoId: string) => boolean, room = Infinity): ParsedPhotoIds {
  return classifyPhotoIds(pastedEntries(text), isWatched, room);
}

/** One entry as it came in: its text, and its 1-based place (in a paste, or a file's line). */
export interface RawEntry {
  raw: string;
  position: number;
}

/** A paste's entries: blank lines and doubled separators are layout, not mistakes. */
function* pastedEntries(text: string): Generator<RawEntry> {
  let position = 0;
  for (const raw of text.split(PHOTO_ID_SEPARATORS)) {
    if (raw === '') continue;
    position += 1;
    yield { raw, position };
  }
}

/**
 * The one judgement of entries, whether pasted or read from a file. The paste cap counts
 * entries, whatever their positions (a file's line numbers) say.
 */
export function classifyPhotoIds(entries: Iterable<RawEntry>, isWatched: (photoId: string) => boolean, room = Infinity): ParsedPhotoIds {
  const added: string[] = [];
  let notRead = 0;
  let noRoom = 0;
  const rejected: RejectedLine[] = [];
  let rejectedNotListed = 0;
  const seen = new Set<string>();
  const reject = (line: RejectedLine) => {
    if (rejected.length < REJECTED_LIST_CAP) rejected.push(line);
    else rejectedNotListed += 1;
  };

  let read = 0;
  for (const { raw, position } of entries) {
    read += 1;
    if (read > MAX_PASTE_IDS) {
      notRead += 1;
      continue;
    }
    const value = unquote(raw);
    const problem = photoIdProblem(value);
    if (problem === 'empty') reject({ position, value: raw, reason: 'empty' });
    else if (problem === 'too-long') reject({ position, value: clip(value), reason: 'too-long' });
    else if (problem === 'bad-characters') reject({ position, value: visible(value), reason: 'bad-characters' });
    else if (seen.has(value)) reject({ position, value, reason: 'duplicate-in-paste' });
    else if (isWatched(value)) {
      seen.add(value);
      reject({ position, value, reason: 'already-watched' });
    } else {
      seen.add(value);
      if (added.length < room) added.push(value);
      else noRoom += 1;
    }
  }
  if (read === 0) reject({ position: 1, value: '', reason: 'empty' });
  return { added, rejected, rejectedNotListed, ...(notRead > 0 ? { notRead } : {}), ...(noRoom > 0 ? { noRoom } : {}) };
}

/**
 * Why a string cannot be a photo ID, or null when it can. The one rule for every way an ID comes
 * in: a paste, and the watchlist file (which a person or another program may have edited).
 */
export function photoIdProblem(value: string): 'empty' | 'too-long' | 'bad-characters' | null {
  if (value === '') return 'empty';
  if (value.length > PHOTO_ID_MAX_LENGTH) return 'too-long';
  if (BAD_CHARACTERS.test(value)) return 'bad-characters';
  return null;
}

/** IDs copied out of JSON or a spreadsheet often keep their quotes. */
function unquote(value: string): string {
  const match = /^(["'`])(.*)\1$/su.exec(value);
  return match ? (match[2] ?? '') : value;
}

function clip(value: string): string {
  return value.length > PHOTO_ID_MAX_LENGTH + 12 ? `${value.slice(0, PHOTO_ID_MAX_LENGTH)}…` : value;
}

/** Shows invisible characters as code points so the user can see what is wrong. */
function visible(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\p{Z}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
