// Which of the row states a photo is in, from what the tracker reports. Each state means one
// thing: "Waiting for first check" (no request yet), "No news yet" (checked, but JoggAI has not
// said anything about it), "Checking" (a request is out right now),
// "Problem" (the last check failed, another is planned) and "Needs attention" (the answer cannot
// change by waiting, so nothing is planned: main/core/tracker/lasting-problem.ts decides which).
import { CONNECTION_ERROR_KINDS, FINISHED_STATUSES, type AppError, type ConnectionState, type PhotoStatus, type WatchItem } from '../../../preload/api';

export type DisplayState = Exclude<PhotoStatus, 'checking'> | 'waiting' | 'no_news' | 'checking' | 'problem' | 'needs_attention' | 'paused';

/** In the order the summary bar lists them. */
export const DISPLAY_STATES: readonly DisplayState[] = [
  'waiting',
  'no_news',
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
  if (item.status !== 'checking') return item.status;
  // Checked already but nothing learned (JoggAI sent no status, or the problem is the banner's):
  // no longer waiting for a first check, and no place in that line.
  return item.checks > 0 ? 'no_news' : 'waiting';
}

/** Checks are held for the whole connection (JoggAI asked us to slow down, or is unreachable) until `until`. */
export interface ConnectionHold {
  kind: 'rate-limited' | 'offline';
  until: number;
}

export function connectionHold(connection: ConnectionState, now: number): ConnectionHold | null {
  const { state, retryAt } = connection;
  if ((state !== 'rate-limited' && state !== 'offline') || retryAt === null || retryAt <= now) return null;
  return { kind: state, until: retryAt };
}

/**
 * Checks go out at most this fast (DEFAULT_BUDGET.ratePerS in main/core/budget.ts). The window
 * is not told a custom rate, and routine checks share the budget, so the wait it gives is "about".
 */
export const FIRST_CHECKS_PER_S = 2;
/** Below this many photos in line the wait is seconds, and "next check in …" says it better. */
export const LINE_SHOWN_FROM = 6;

/**
 * The photos waiting for their first check, as the keys the tracker takes them by: due time, then
 * the order they were pasted in (earlier add time, then earlier in the paste). `items` is the
 * store's list, newest first, where one paste keeps its own order; so within one add time a
 * lower list index was pasted earlier. One pass and no sort: a long list changes with every patch
 * while only the few rows in view ask for their place.
 */
export interface WaitingLine {
  size: number;
  due: Float64Array;
  added: Float64Array;
  index: Uint32Array;
}

/** Every item's state, as its index in DISPLAY_STATES: one pass per change that the counts and the line share. */
export function classify(items: readonly WatchItem[], context: RowContext): Uint8Array {
  const states = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) states[i] = STATE_INDEX.get(displayState(items[i]!, context))!;
  return states;
}
const STATE_INDEX = new Map(DISPLAY_STATES.map((state, i) => [state, i]));
const WAITING = STATE_INDEX.get('waiting')!;

/** `states`: the items' classification (see classify), so the line costs no second pass of it. */
export function waitingLine(items: readonly WatchItem[], states: Uint8Array): WaitingLine {
  const due = new Float64Array(items.length);
  const added = new Float64Array(items.length);
  const index = new Uint32Array(items.length);
  let size = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (states[i] !== WAITING) continue;
    due[size] = item.nextCheckAt ?? Infinity;
    added[size] = item.addedAt;
    index[size] = i;
    size += 1;
  }
  return { size, due, added, index };
}

/** The 1-based place in line of the waiting photo at `listIndex` (how many go before it, plus one). */
export function placeInLine(line: WaitingLine, item: WatchItem, listIndex: number): number {
  const due = item.nextCheckAt ?? Infinity;
  let before = 0;
  for (let i = 0; i < line.size; i++) {
    const d = line.due[i]!;
    if (d < due || (d === due && (line.added[i]! < item.addedAt || (line.added[i] === item.addedAt && line.index[i]! < listIndex)))) before += 1;
  }
  return before + 1;
}
