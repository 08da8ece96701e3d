// What the tracker learns from one finished photo: it finished somewhere between two checks.
// Stored with the watchlist so the schedule keeps what it learned across restarts.

export interface CompletionRecord {
  /** Milliseconds after the item was added of the last check that saw it unfinished. */
  lowMs: number;
  /** Milliseconds after the item was added of the check that saw it finished. */
  highMs: number;
  /** When it was observed (epoch ms), to keep the most recent ones. */
  at: number;
}

/** The schedule learns from the most recent completions only, so it follows drift. */
export const HISTORY_LIMIT = 500;
