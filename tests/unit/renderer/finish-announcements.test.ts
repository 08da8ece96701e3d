// What the live region is told: a photo seen going from unfinished to ready or failed, once,
// with finishes close together said as one batch; nothing for what was already finished when
// the list loaded, or for a fresh copy of an item that did not change.
import { describe, expect, it } from 'vitest';
import type { WatchItem } from '../../../preload/api';
import { FinishAnnouncements, type AnnouncerTimers, type FinishedPhoto } from '../../../renderer/src/a11y/finish-announcements';
import { makeItem } from './fake-api';

function manualTimers() {
  const due: (() => void)[] = [];
  const timers: AnnouncerTimers = { set: (run) => due.push(run), clear: () => due.splice(0) };
  return { timers, fire: () => due.splice(0).forEach((run) => run()) };
}

function setup() {
  const said: (readonly FinishedPhoto[])[] = [];
  const clock = manualTimers();
  const announcer = new FinishAnnouncements((batch) => said.push(batch), 1_500, clock.timers);
  return { said, announcer, fire: clock.fire };
}

const running = (photoId: string): WatchItem => makeItem(photoId, { status: 'in_progress', finishedAt: null, imageUrls: [] });
const ready = (item: WatchItem): WatchItem => ({ ...item, status: 'ready', finishedAt: 1 });
const failed = (item: WatchItem): WatchItem => ({ ...item, status: 'failed', finishedAt: 1 });

describe('finish announcements', () => {
  it('says nothing for photos already finished when the list loads, or for a fresh copy of them', () => {
    const { said, announcer, fire } = setup();
    const items = [makeItem('a', { status: 'ready', finishedAt: 1 }), makeItem('b', { status: 'failed', finishedAt: 1 }), running('c')];
    announcer.observe(items);
    announcer.observe(items.map((item) => ({ ...item })));
    fire();
    expect(said).toEqual([]);
  });

  it('announces one photo going from in progress to ready, once', () => {
    const { said, announcer, fire } = setup();
    const a = running('photo-a');
    announcer.observe([a]);
    const done = ready(a);
    announcer.observe([done]);
    announcer.observe([{ ...done }]);
    fire();
    announcer.observe([{ ...done }]);
    fire();
    expect(said).toEqual([[{ photoId: 'photo-a', outcome: 'ready' }]]);
  });

  it('gathers finishes that come before the wait is over into one batch', () => {
    const { said, announcer, fire } = setup();
    const [a, b, c] = [running('a'), running('b'), running('c')];
    announcer.observe([a, b, c]);
    announcer.observe([ready(a), b, c]);
    announcer.observe([ready(a), failed(b), ready(c)]);
    fire();
    expect(said).toEqual([
      [
        { photoId: 'a', outcome: 'ready' },
        { photoId: 'b', outcome: 'failed' },
        { photoId: 'c', outcome: 'ready' },
      ],
    ]);
  });

  it('announces a photo added after the list loaded when it finishes, and one added again after removal', () => {
    const { said, announcer, fire } = setup();
    announcer.observe([]);
    const a = running('photo-a');
    announcer.observe([a]);
    announcer.observe([ready(a)]);
    fire();
    announcer.observe([]);
    const again = running('photo-a');
    announcer.observe([again]);
    announcer.observe([failed(again)]);
    fire();
    expect(said).toEqual([[{ photoId: 'photo-a', outcome: 'ready' }], [{ photoId: 'photo-a', outcome: 'failed' }]]);
  });

  it('does not announce a photo JoggAI does not know (not found is no result)', () => {
    const { said, announcer, fire } = setup();
    const a = running('photo-a');
    announcer.observe([a]);
    announcer.observe([{ ...a, status: 'not_found' }]);
    fire();
    expect(said).toEqual([]);
  });
});
