// @vitest-environment happy-dom
// What a new user's review of the window found: one clock format on one screen, each fact said
// once per row, "no news" apart from "waiting for first check", rows that follow a rate-limit
// hold, no codes in main sentences, an account with no name, counts grouped alike, and a row's
// Tab order that follows what the eye reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatchItem } from '../../../preload/api';
import AccountPanel from '../../../renderer/src/components/AccountPanel.vue';
import AddResult from '../../../renderer/src/components/AddResult.vue';
import KeyUnverified from '../../../renderer/src/components/KeyUnverified.vue';
import SummaryBar from '../../../renderer/src/components/SummaryBar.vue';
import WatchItemRow from '../../../renderer/src/components/WatchItemRow.vue';
import en from '../../../renderer/src/i18n/en';
import { useAccountStore } from '../../../renderer/src/stores/account';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { CONNECTED, NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, startWithItems } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

function mountRow(item: WatchItem, pinia = freshPinia()) {
  installApi(createFakeApi());
  return mountWithApp(WatchItemRow, { pinia, props: { item, paused: false, now: NOW } });
}

/** The clock time a text names after "at " (up to the end of the time, with any AM/PM). */
function timeIn(text: string): string {
  const match = /at (\d{1,2}:\d\d(?:\s?[AP]M)?)/u.exec(text);
  if (!match) throw new Error(`no time in: ${text}`);
  return match[1]!;
}

describe('one clock format on one screen', () => {
  it('the badge, the no-news line and the key panel write the same moment the same way', () => {
    const at = NOW + 7 * 60_000;
    const badge = mountRow(makeItem('p', { status: 'checking', problem: { kind: 'server-error', message: 'x', code: 50000 }, nextCheckAt: at }))
      .find('.badge .label')
      .text();
    const noNews = mountRow(makeItem('q', { noNews: true, nextCheckAt: at })).find('.no-news').text();
    const key = mountWithApp(KeyUnverified, { props: { unverified: { retryAt: at }, error: { kind: 'timeout', message: 'slow' } } }).text();
    expect(timeIn(noNews)).toBe(timeIn(badge));
    expect(timeIn(key)).toBe(timeIn(badge));
  });
});

describe('"No news yet" is its own state', () => {
  it('a photo checked without news is not "waiting for first check", and has no place in line', async () => {
    const waiting = Array.from({ length: 8 }, (_, i) => makeItem(`w${i}`, { status: 'checking', lastCheckedAt: null, checks: 0, nextCheckAt: NOW }));
    const quiet = makeItem('quiet', { status: 'checking', checks: 3, lastCheckedAt: NOW, noNews: true, nextCheckAt: NOW + 30_000 });
    const pinia = await startWithItems([...waiting, quiet]);
    const row = mountWithApp(WatchItemRow, { pinia, props: { item: quiet, paused: false, now: NOW } });
    expect(row.find('.badge .label').text()).toBe('No news yet');
    expect(row.text()).not.toContain('Waiting for first check');
    expect(row.text()).not.toContain('in line');
    // Its next check is said once, in the no-news sentence.
    expect(row.find('.meta').text()).not.toContain('next check');
    const summary = mountWithApp(SummaryBar, { pinia }).findAll('.badge .label').map((b) => b.text());
    expect(summary).toEqual(['8 waiting for first check', '1 with no news yet']);
  });
});

describe('rows during a rate-limit hold', () => {
  it('say checks follow the pause, and Check now says when it will happen', async () => {
    const api = createFakeApi();
    installApi(api);
    const pinia = freshPinia();
    const store = useWatchlistStore();
    const until = NOW + 38_000;
    store.applyPatch({ connection: { state: 'rate-limited', retryAt: until, error: { kind: 'rate-limited', message: 'slow down' } } });
    const item = makeItem('held', { status: 'in_progress', nextCheckAt: NOW + 1_000 });
    const row = mountWithApp(WatchItemRow, { pinia, props: { item, paused: false, now: NOW } });
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(until);
    expect(row.find('.next-check').text()).toBe(`next check after JoggAI’s pause, at ${time}`);
    expect(row.text()).not.toContain('any moment');
    await row.find('button[aria-label="Check now held"]').trigger('click');
    await settle();
    expect(api.checkNow).toHaveBeenCalledWith('held');
    const note = row.find('.hold-note');
    expect(note.attributes('role')).toBe('status');
    expect(note.text()).toBe(`Will check when JoggAI allows it again, at ${time}.`);
  });
});

describe('rows while JoggAI cannot be reached', () => {
  it('say the next check waits for JoggAI, and Check now says it is kept until then', async () => {
    installApi(createFakeApi());
    const pinia = freshPinia();
    const until = NOW + 20_000;
    useWatchlistStore().applyPatch({ connection: { state: 'offline', retryAt: until, error: { kind: 'network', message: 'refused' } } });
    const row = mountWithApp(WatchItemRow, { pinia, props: { item: makeItem('away', { nextCheckAt: NOW + 2_000 }), paused: false, now: NOW } });
    expect(row.find('.next-check').text()).toBe('next check once JoggAI can be reached');
    await row.find('button[aria-label="Check now away"]').trigger('click');
    await settle();
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(until);
    expect(row.find('.hold-note').text()).toBe(`Will check as soon as JoggAI can be reached (next try at ${time}).`);
  });

  it('a row planned after the hold ends keeps its own time', () => {
    installApi(createFakeApi());
    const pinia = freshPinia();
    useWatchlistStore().applyPatch({ connection: { state: 'rate-limited', retryAt: NOW + 10_000, error: null } });
    const row = mountWithApp(WatchItemRow, { pinia, props: { item: makeItem('later', { nextCheckAt: NOW + 120_000 }), paused: false, now: NOW } });
    expect(row.find('.next-check').text()).toBe('next check in 2 min');
  });
});

describe('no codes in main sentences', () => {
  it('no sentence of errors, pause, item or rowProblem names a JoggAI code', () => {
    const sentences = [en.errors, en.pause, en.item, en.rowProblem].flatMap((group) => Object.entries(group));
    const withCodes = sentences.filter(([name, text]) => name !== 'unknown-code' && typeof text === 'string' && /code \d|\(\d{5}\)/u.test(text));
    expect(withCodes).toEqual([]);
  });

  it('a photo JoggAI does not know keeps its code behind Details', () => {
    const row = mountRow(makeItem('gone', { status: 'not_found', finishedAt: NOW, nextCheckAt: null }));
    expect(row.find('.explain').text()).toBe(
      'JoggAI does not know this photo ID. Check it for typos and that it belongs to this account; very new photos can take a moment to appear.',
    );
    expect(row.find('details summary').text()).toBe('Details');
    expect(row.find('details dl').text()).toContain('10104');
  });
});

describe('an account JoggAI sent no name for', () => {
  it('says it is connected without naming nobody', () => {
    installApi(createFakeApi());
    const pinia = freshPinia();
    useAccountStore().apply({ ...CONNECTED, account: { ...CONNECTED.account!, username: '', email: '' } });
    const panel = mountWithApp(AccountPanel, { pinia });
    expect(panel.find('.connected').text()).toBe('● Connected. JoggAI did not send the account name.');
    expect(panel.text()).not.toContain('Connected as');
  });
});

describe('the add result, worded per reason', () => {
  // The rejected list is virtualized: without layout it would show no line.
  let undoLayout: () => void = () => undefined;
  beforeEach(() => {
    undoLayout = fakeLayout(240, 34);
  });
  afterEach(() => undoLayout());

  it('one entry to fix is "it"; the API key is named as such', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: ['ph_1'], rejected: [{ position: 2, value: '…ey', reason: 'looks-like-key' }], rejectedNotListed: 0 } },
    });
    await settle();
    expect(wrapper.find('[data-test="to-fix"]').text()).toBe('It is left in the box above so you can fix it.');
    expect(wrapper.text()).toContain('your API key (ending …ey)');
    expect(wrapper.find('[data-test="nothing-to-do"]').exists()).toBe(false);
  });

  it('entries already watched need nothing, and are not called ones to fix', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: [], rejected: [{ position: 1, value: 'old', reason: 'already-watched' }], rejectedNotListed: 0 } },
    });
    await settle();
    expect(wrapper.text()).toContain('Already on your list: nothing to do');
    expect(wrapper.find('[data-test="to-fix"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="nothing-to-do"]').text()).toBe(
      'The entry already on your list or repeated in this paste needs nothing from you, so it was taken out of the box.',
    );
  });
});

describe('counts grouped alike everywhere', () => {
  it('the add result, the list total and the summary group digits', async () => {
    const added = Array.from({ length: 20_000 }, (_, i) => `ph_${i}`);
    const result = mountWithApp(AddResult, { props: { result: { added, rejected: [], rejectedNotListed: 0 } } });
    expect(result.find('.added').text()).toBe('✓  Added 20,000 photos');
    const items = Array.from({ length: 1_234 }, (_, i) => makeItem(`w${i}`, { status: 'checking', lastCheckedAt: null, checks: 0 }));
    const summary = mountWithApp(SummaryBar, { pinia: await startWithItems(items) });
    expect(summary.find('.total').text()).toBe('1,234 photos');
    expect(summary.find('.badge .label').text()).toBe('1,234 waiting for first check');
  });
});

describe("a row's Tab order follows what the eye reads", () => {
  it('the photo’s own line (Copy, then its label on the line below), then Check now and Remove at the right, then Details', () => {
    const row = mountRow(makeItem('p', { status: 'checking', problem: { kind: 'server-error', message: 'x', code: 50000 } }));
    const order = row.findAll('button, summary').map((el) => el.text());
    expect(order.slice(0, 5)).toEqual(['Copy', 'Add label', 'Check now', 'Remove', 'Details']);
  });
});
