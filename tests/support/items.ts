// Watch items and learned completions for tests and benchmarks, in every state.
import type { PhotoStatus, WatchItem } from '../../preload/api';
import type { CompletionRecord } from '../../main/core/tracker/completion-record';

const STATUSES: PhotoStatus[] = ['checking', 'in_progress', 'ready', 'failed', 'not_found', 'unknown'];

export function makeItems(count: number, prefix = 'photo', now = Date.UTC(2026, 10, 28)): WatchItem[] {
  return Array.from({ length: count }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    return {
      photoId: `${prefix}-${i.toString(36).padStart(6, '0')}`,
      status,
      addedAt: now - i * 1_000,
      lastCheckedAt: now - i * 500,
      nextCheckAt: null,
      finishedAt: status === 'ready' || status === 'failed' ? now : null,
      checks: i % 17,
      imageUrls: status === 'ready' ? [1, 2, 3, 4].map((n) => `https://cdn.example.com/${prefix}/${i}/${n}.png`) : [],
      failureMessage: status === 'failed' ? 'The photo did not pass the content review' : null,
      rawStatus: status === 'unknown' ? 'queued' : null,
      problem: null,
      lateness: 'usual',
    };
  });
}

/** Completions as the tracker records them: finished 1–10 minutes after being added, oldest first. */
export function makeHistory(count: number, now = Date.UTC(2026, 10, 28)): CompletionRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const highMs = 60_000 + ((i * 7_919) % 540_000);
    return { lowMs: highMs - 15_000, highMs, at: now - (count - i) * 60_000 };
  });
}
