// Which of the row states a photo is in, from what the tracker reports. Each state means one
// thing: "Waiting for first check" (no request yet), "Checking" (a request is out right now),
// "Problem" (the last check failed, another is planned) and "Needs attention" (the answer cannot
// change by waiting, so nothing is planned: main/core/tracker/lasting-problem.ts decides which).
import { CONNECTION_ERROR_KINDS, FINISHED_STATUSES, type AppError, type PhotoStatus, type WatchItem } from '../../../preload/api';

export type DisplayState = Exclude<PhotoStatus, 'checking'> | 'waiting' | 'checking' | 'problem' | 'needs_attention' | 'paused';

/** In the order the summary bar lists them. */
export const DISPLAY_STATES: readonly DisplayState[] = [
  'waiting',
  'checking',
  'in_progress',
  'problem',
  'needs_attention',
  'paused',
  'ready',
  'failed',
  'not_found',
  'unknown',
];

export interface RowContext {
  /** Checks are on hold (the key's pause or the user's). */
  held: boolean;
  /** JoggAI is unreachable: the banner says so, rows need not repeat connection problems. */
  offline: boolean;
}

const CONNECTION_KINDS: ReadonlySet<AppError['kind']> = new Set(CONNECTION_ERROR_KINDS);

export function isFinished(item: WatchItem): boolean {
  return FINISHED_STATUSES.includes(item.status);
}

/** The problem the row shows, if any (an unfinished photo's; connection ones left to the banner while offline). */
export function shownProblem(item: WatchItem, offline: boolean): AppError | null {
  const problem = item.problem;
  if (problem === null || isFinished(item)) return null;
  return offline && CONNECTION_KINDS.has(problem.kind) ? null : problem;
}

/** The tracker plans no check for an unfinished photo with a problem only when waiting cannot change it. */
export function needsAttention(item: WatchItem): boolean {
  return item.problem !== null && item.nextCheckAt === null && !isFinished(item);
}

export function displayState(item: WatchItem, context: RowContext): DisplayState {
  if (isFinished(item)) return item.status;
  if (context.held) return 'paused';
  const problem = shownProblem(item, context.offline);
  // A routine re-check of a running photo stays "In progress" rather than flickering.
  if (item.requestInFlight && (item.status === 'checking' || problem !== null)) return 'checking';
  if (problem !== null) return needsAttention(item) ? 'needs_attention' : 'problem';
  return item.status === 'checking' ? 'waiting' : item.status;
}

/**
 * Checks go out at most this fast (DEFAULT_BUDGET.ratePerS in main/core/budget.ts). The window
 * is not told a custom rate, and routine checks share the budget, so the wait it gives is "about".
 */
export const FIRST_CHECKS_PER_S = 2;
/** Below this many photos in line the wait is seconds, and "next check in …" says it better. */
export const LINE_SHOWN_FROM = 6;

/** 1-based place of each photo waiting for its first check, in the order the tracker takes them. */
export function waitingLine(items: readonly WatchItem[], context: RowContext): Map<string, number> {
  const waiting = items.filter((item) => displayState(item, context) === 'waiting');
  waiting.sort((a, b) => (a.nextCheckAt ?? Infinity) - (b.nextCheckAt ?? Infinity) || a.addedAt - b.addedAt);
  return new Map(waiting.map((item, i) => [item.photoId, i + 1]));
}
