// @vitest-environment happy-dom
// The first paint waits only for the `start` part of the catalogue (renderer/src/i18n/parts.ts);
// the rest comes a moment later. So every first screen must be worded from `start` alone: the
// first run, a full list in every status with labels, images and kept copies, every notice main
// sends at start-up, a paused or offline list, a key that cannot be read or is not yet confirmed.
// A key placed in `later` that a first screen shows fails here (it would flash as a raw key).
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { AccountState, Notice, Snapshot, WatchItem } from '../../../preload/api';
import App from '../../../renderer/src/App.vue';
import en from '../../../renderer/src/i18n/en';
import { cataloguePart } from '../../../renderer/src/i18n/parts';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, NO_KEY, NO_KEY_STATUS, NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, settle, snapshotOf } from './fake-api';

let undoLayout: (() => void) | null = null;
afterEach(() => {
  undoLayout?.();
  undoLayout = null;
  document.body.innerHTML = '';
});

/** Mounts the whole window with only the first screen's words; resolves to the keys it asked for in vain. */
async function missingOnFirstScreen(snapshot: Snapshot): Promise<string[]> {
  const missing: string[] = [];
  const i18n = createI18n({
    legacy: false,
    locale: 'en',
    // A part is a partial catalogue: its type is not the whole catalogue's.
    messages: { en: cataloguePart(en, 'start') as never },
    missingWarn: false,
    fallbackWarn: false,
    missing: (_locale, key) => void missing.push(key),
  });
  installApi(createFakeApi(snapshot));
  undoLayout = fakeLayout(4_000, 100);
  mount(App, { attachTo: document.body, global: { plugins: [freshPinia(), i18n] } });
  await useWatchlistStore().start();
  await settle();
  return [...new Set(missing)];
}

const ready = (id: string, localCopies: WatchItem['localCopies']) =>
  makeItem(id, { status: 'ready', finishedAt: NOW - 1_000, nextCheckAt: null, imageUrls: ['https://cdn.example/a.png', 'https://cdn.example/b.png'], localCopies });

const EVERY_STATUS: WatchItem[] = [
  makeItem('waiting', { status: 'checking', lastCheckedAt: null, checks: 0 }),
  makeItem('working', { status: 'in_progress', label: 'Spring campaign', note: 'For Mia' }),
  makeItem('late', { status: 'in_progress', lateness: 'taking-long' }),
  makeItem('stale', { status: 'in_progress', lateness: 'stale', nextCheckAt: null }),
  makeItem('quiet', { status: 'checking', noNews: true }),
  makeItem('trouble', { status: 'checking', problem: { kind: 'server-error', message: 'x', detail: { httpStatus: 502 } } }),
  makeItem('stuck', { status: 'in_progress', nextCheckAt: null, problem: { kind: 'insufficient-credit', message: 'x', code: 18020 } }),
  makeItem('odd', { status: 'unknown', rawStatus: 'queued-ish' }),
  ready('kept', { state: 'kept', files: ['results/kept/1.png', 'results/kept/2.png'], bytes: 2_048 }),
  ready('fetching', { state: 'downloading', files: [null, null], bytes: 0 }),
  ready('no-copy', { state: 'failed', problem: 'too-large', files: [null, null], bytes: 0 }),
  makeItem('failed', { status: 'failed', finishedAt: NOW - 2_000, nextCheckAt: null, failureMessage: 'Face not found' }),
  makeItem('gone', { status: 'not_found', finishedAt: NOW, nextCheckAt: null }),
];

const STARTUP_NOTICES: Notice[] = [
  { id: 'n1', level: 'info', message: 'x', code: 'no-tray' },
  { id: 'n2', level: 'warning', message: 'x', code: 'list-restored', params: { keptAt: '/tmp/kept.json' } },
  { id: 'n3', level: 'warning', message: 'x', code: 'list-dropped', params: { items: 2, imageUrls: 1, labels: 1, maxLength: 200 } },
  { id: 'n4', level: 'error', message: 'x', code: 'save-failed', params: { reason: 'disk-full', detail: 'ENOSPC' } },
  { id: 'n5', level: 'warning', message: 'x', code: 'list-over-cap', params: { total: 12_000, kept: 10_000, aside: 2_000, copy: '/tmp/aside.json' } },
];

const LOCKED: AccountState = {
  ...NO_KEY,
  error: { kind: 'keychain-locked', message: 'x' },
  key: { ...NO_KEY_STATUS, unreachable: { place: 'keychain', hint: 'abcd' } },
};

describe('the first screen, worded from the start part alone', () => {
  it('the first run', async () => {
    expect(await missingOnFirstScreen(snapshotOf({ account: NO_KEY, pause: { kind: 'no-key', message: 'x' } }))).toEqual([]);
  });

  it('a list in every status, with labels, images, kept copies and every start-up notice', async () => {
    expect(await missingOnFirstScreen(snapshotOf({ account: CONNECTED, items: EVERY_STATUS, notices: STARTUP_NOTICES }))).toEqual([]);
    // Every row and notice was there to be worded.
    for (const shown of ['Spring campaign', 'Face not found', 'queued-ish', 'Details']) expect(document.body.textContent).toContain(shown);
    expect(document.querySelectorAll('[data-notice-id]')).toHaveLength(STARTUP_NOTICES.length);
  });

  it('paused by the user while JoggAI is unreachable', async () => {
    const connection = { state: 'offline', retryAt: NOW + 30_000, error: { kind: 'network', message: 'x' } } as const;
    expect(await missingOnFirstScreen(snapshotOf({ account: CONNECTED, items: EVERY_STATUS, checkingPaused: true, connection }))).toEqual([]);
  });

  it('a key that cannot be read, and one JoggAI rejects', async () => {
    expect(await missingOnFirstScreen(snapshotOf({ account: LOCKED, items: EVERY_STATUS, pause: { kind: 'key-unreachable', message: 'x' } }))).toEqual([]);
    expect(document.body.textContent).toContain('Your API key can’t be read right now');
    document.body.innerHTML = '';
    const rejected: AccountState = { ...CONNECTED, account: null, error: { kind: 'invalid-key', message: 'x' } };
    expect(await missingOnFirstScreen(snapshotOf({ account: rejected, items: EVERY_STATUS, pause: { kind: 'invalid-key', message: 'x' } }))).toEqual([]);
  });

  it('would catch a first-screen word left to later', async () => {
    // The check itself: the same window with the whole catalogue but the list's heading removed.
    const missing: string[] = [];
    const { list, ...rest } = en;
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { ...rest, list: { ...list, heading: undefined } } as never }, missing: (_l, key) => void missing.push(key), missingWarn: false });
    installApi(createFakeApi(snapshotOf({ account: CONNECTED, items: EVERY_STATUS })));
    mount(App, { attachTo: document.body, global: { plugins: [freshPinia(), i18n] } });
    await useWatchlistStore().start();
    await settle();
    expect(missing).toContain('list.heading');
  });
});
