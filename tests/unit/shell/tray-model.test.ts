// The tray's mirror is incremental (a patch costs what it changes): checked against a count from
// scratch over thousands of random patch sequences, so no sequence of upserts, removals,
// replaceAll and "seen" can leave a wrong count or a stale recent list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError, PhotoStatus, StatePatch, WatchItem } from '../../../preload/api';
import { RECENT_COUNT, TrayModel, iconStateFor } from '../../../main/shell/tray-model';

const STATUSES: PhotoStatus[] = ['checking', 'in_progress', 'ready', 'failed', 'not_found', 'unknown'];

function item(photoId: string, status: PhotoStatus, finishedAt: number | null, problem: AppError | null = null): WatchItem {
  return {
    photoId, status, addedAt: 0, lastCheckedAt: null, nextCheckAt: null, finishedAt, checks: 0,
    imageUrls: [], failureMessage: null, rawStatus: null, problem, lateness: 'usual',
  };
}

/** A lasting problem (40000: waiting cannot change it) or a passing one (a network error). */
const PROBLEMS: (AppError | null)[] = [null, { kind: 'bad-request', message: '', code: 40000 }, { kind: 'network', message: '' }];

const anItem = fc
  .record({ id: fc.integer({ min: 0, max: 12 }), status: fc.constantFrom(...STATUSES), at: fc.integer({ min: 0, max: 50 }), problem: fc.constantFrom(...PROBLEMS) })
  .map(({ id, status, at, problem }) => item(`p${id}`, status, status === 'checking' || status === 'in_progress' || status === 'unknown' ? null : at, problem));

type Op = { kind: 'patch'; patch: StatePatch } | { kind: 'seen'; at: number };
const anOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.array(anItem, { maxLength: 4 }).map((upserted) => ({ kind: 'patch' as const, patch: { upserted } })) },
  { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }).map((ids) => ({ kind: 'patch' as const, patch: { removed: ids.map((i) => `p${i}`) } })) },
  { weight: 1, arbitrary: fc.array(anItem, { maxLength: 6 }).map((upserted) => ({ kind: 'patch' as const, patch: { upserted, replaceAll: true } })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map((at) => ({ kind: 'seen' as const, at })) },
);

/** The same view, computed from the whole list the slow way. */
function fromScratch(items: Map<string, WatchItem>, seenAt: number) {
  const all = [...items.values()];
  const outcomes = all.filter((i) => (i.status === 'ready' || i.status === 'failed') && i.finishedAt !== null);
  return {
    inProgress: all.filter((i) => !['ready', 'failed', 'not_found'].includes(i.status) && i.problem?.kind !== 'bad-request').length,
    needsAttention: all.filter((i) => !['ready', 'failed', 'not_found'].includes(i.status) && i.problem?.kind === 'bad-request').length,
    ready: all.filter((i) => i.status === 'ready').length,
    failed: all.filter((i) => i.status === 'failed').length,
    finishedSinceSeen: outcomes.filter((i) => i.finishedAt! > seenAt).length,
    recent: outcomes
      .map((i) => ({ photoId: i.photoId, outcome: i.status, finishedAt: i.finishedAt! }))
      .sort((a, b) => b.finishedAt - a.finishedAt || (a.photoId < b.photoId ? -1 : 1))
      .slice(0, RECENT_COUNT),
  };
}

describe('the tray model', () => {
  it('always shows what a count from scratch shows', () => {
    fc.assert(
      fc.property(fc.array(anItem, { maxLength: 8 }), fc.array(anOp, { maxLength: 30 }), (start, ops) => {
        const model = new TrayModel();
        const truth = new Map<string, WatchItem>();
        let seenAt = -Infinity;
        model.reset({ items: start, pause: null, connection: { state: 'online', retryAt: null, error: null } });
        for (const i of start) truth.set(i.photoId, i);
        for (const op of ops) {
          if (op.kind === 'seen') {
            model.markSeen(op.at);
            seenAt = Math.max(seenAt, op.at);
          } else {
            model.apply(op.patch);
            if (op.patch.replaceAll) truth.clear();
            for (const id of op.patch.removed ?? []) truth.delete(id);
            for (const i of op.patch.upserted ?? []) truth.set(i.photoId, i);
          }
          const { inProgress, needsAttention, ready, failed, finishedSinceSeen, recent } = model.view();
          expect({ inProgress, needsAttention, ready, failed, finishedSinceSeen, recent }).toEqual(fromScratch(truth, seenAt));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('follows the pauses and the connection, and picks the icon from them', () => {
    const model = new TrayModel();
    model.reset({ items: [], pause: null, checkingPaused: true, connection: { state: 'offline', retryAt: 1, error: null } });
    expect(model.view()).toMatchObject({ userPaused: true, keyPause: null, connection: 'offline' });
    expect(iconStateFor(model.view())).toBe('offline');
    model.apply({ pause: { kind: 'key-unreachable', message: 'locked' }, checkingPaused: false });
    expect(model.view()).toMatchObject({ userPaused: false, keyPause: 'key-unreachable' });
    expect(iconStateFor(model.view())).toBe('attention');
  });

  it('shows the attention icon and counts a photo that needs the user apart from those in progress', () => {
    const model = new TrayModel();
    model.reset({ items: [item('a', 'in_progress', null)], pause: null, connection: { state: 'online', retryAt: null, error: null } });
    expect(iconStateFor(model.view())).toBe('idle');
    model.apply({ upserted: [item('a', 'in_progress', null, { kind: 'bad-request', message: '', code: 40000 })] });
    expect(model.view()).toMatchObject({ inProgress: 0, needsAttention: 1 });
    expect(iconStateFor(model.view())).toBe('attention');
    // Check now got a good answer: back to work in progress, the icon calms down.
    model.apply({ upserted: [item('a', 'in_progress', null)] });
    expect(model.view()).toMatchObject({ inProgress: 1, needsAttention: 0 });
    expect(iconStateFor(model.view())).toBe('idle');
  });

  it('never lets a saved "seen" time older than a showing bring old photos back', () => {
    const model = new TrayModel();
    model.reset({ items: [item('a', 'ready', 10)], pause: null, connection: { state: 'online', retryAt: null, error: null } });
    model.markSeen(20);
    model.markSeen(5);
    expect(model.view().finishedSinceSeen).toBe(0);
    model.markSeen(null);
    expect(model.view().finishedSinceSeen).toBe(0);
  });
});
