// @vitest-environment happy-dom
// What a row says about a photo's state and its problems: one badge per meaning, one plain
// sentence and what happens next, the technical facts behind "Details" and in the support copy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppError, WatchItem } from '../../../preload/api';
import SummaryBar from '../../../renderer/src/components/SummaryBar.vue';
import WatchItemRow from '../../../renderer/src/components/WatchItemRow.vue';
import { NOW, createFakeApi, installApi, makeItem, mountWithApp, settle, startWithItems } from './fake-api';

function mountRow(item: WatchItem, paused = false) {
  installApi(createFakeApi());
  return mountWithApp(WatchItemRow, { props: { item, paused, now: NOW } });
}

/** A clock time as the user's locale writes it (the app's one formatter is checked against this in polish.test.ts). */
function hhmm(at: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(at);
}

const RETRY_AT = NOW + 7 * 60_000;
const problemItem = (problem: AppError, overrides: Partial<WatchItem> = {}) =>
  makeItem('ph_1', { status: 'checking', problem, nextCheckAt: RETRY_AT, ...overrides });

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('badges: one meaning each, readable without colour', () => {
  const IMAGES = ['https://cdn.jogg.ai/1.png'];
  const cases: Array<[string, WatchItem, string, string]> = [
    ['waiting', makeItem('ph_1', { status: 'checking', lastCheckedAt: null, checks: 0 }), 'Waiting for first check', '◌'],
    ['checking', makeItem('ph_1', { status: 'checking', lastCheckedAt: null, checks: 0, requestInFlight: true }), 'Checking…', '↻'],
    ['in progress', makeItem('ph_1', { status: 'in_progress' }), 'In progress', '◔'],
    // A routine re-check of a running photo does not flicker to "Checking".
    ['in progress, re-checked', makeItem('ph_1', { status: 'in_progress', requestInFlight: true }), 'In progress', '◔'],
    ['problem', problemItem({ kind: 'server-error', message: 'System error', code: 50000 }), `Problem — retrying at ${hhmm(RETRY_AT)}`, '⚠'],
    [
      'needs attention',
      problemItem({ kind: 'bad-request', message: 'photo_id invalid', code: 40000 }, { nextCheckAt: null }),
      'Needs attention',
      '!',
    ],
    ['ready', makeItem('ph_1', { status: 'ready', imageUrls: IMAGES, finishedAt: NOW }), 'Ready', '✓'],
    ['failed', makeItem('ph_1', { status: 'failed', finishedAt: NOW }), 'Failed', '✕'],
    ['not found', makeItem('ph_1', { status: 'not_found', finishedAt: NOW }), 'Not found', '?'],
    ['unknown', makeItem('ph_1', { status: 'unknown', rawStatus: 'queued' }), 'Unknown status “queued”', '?'],
  ];

  it.each(cases)('%s: its own words and symbol, and the row is named by them', (_name, item, label, symbol) => {
    const wrapper = mountRow(item);
    expect(wrapper.find('.badge .label').text()).toBe(label);
    expect(wrapper.find('.badge .symbol').text()).toBe(symbol);
    expect(wrapper.find('article').attributes('aria-label')).toBe(`ph_1 — ${label}`);
  });

  it('a problem with its retry any moment now does not name a time that has passed', () => {
    const wrapper = mountRow(problemItem({ kind: 'network', message: 'reset' }, { nextCheckAt: NOW }));
    expect(wrapper.find('.badge .label').text()).toBe('Problem — retrying any moment');
    // The badge says when; the sentence does not repeat it.
    expect(wrapper.find('.problem .next').exists()).toBe(false);
  });

  it('while checking is paused, a problem promises no retry time', () => {
    const wrapper = mountRow(problemItem({ kind: 'server-error', message: 'System error', code: 50000 }), true);
    expect(wrapper.find('.badge .label').text()).toBe('Paused');
    expect(wrapper.find('.problem .next').text()).toBe('Checked again once checking resumes.');
  });

  it('needs attention puts Check now forward', () => {
    const wrapper = mountRow(problemItem({ kind: 'insufficient-credit', message: 'x', code: 18020 }, { nextCheckAt: null }));
    expect(wrapper.find('button[aria-label="Check now ph_1"]').classes()).toContain('primary');
    expect(wrapper.find('.problem .next').text()).toBe('Not checked again on its own: top up in your JoggAI dashboard, then press Check now.');
  });

  it('a photo with a problem being checked again says Checking while the request is out', () => {
    const wrapper = mountRow(problemItem({ kind: 'bad-request', message: 'x', code: 40000 }, { nextCheckAt: null, requestInFlight: true }));
    expect(wrapper.find('.badge .label').text()).toBe('Checking…');
  });

  it('the summary counts each state apart', async () => {
    const pinia = await startWithItems([
      makeItem('w1', { status: 'checking', lastCheckedAt: null, checks: 0 }),
      makeItem('w2', { status: 'checking', lastCheckedAt: null, checks: 0 }),
      makeItem('c1', { status: 'checking', requestInFlight: true }),
      makeItem('p1', { problem: { kind: 'timeout', message: 'slow' } }),
      makeItem('n1', { problem: { kind: 'insufficient-credit', message: 'no credit', code: 18020 }, nextCheckAt: null }),
      makeItem('i1'),
      makeItem('nn', { status: 'checking', checks: 2, noNews: true }),
    ]);
    const wrapper = mountWithApp(SummaryBar, { pinia });
    const texts = wrapper.findAll('.badge .label').map((b) => b.text());
    expect(texts).toEqual(['2 waiting for first check', '1 with no news yet', '1 checking', '1 in progress', '1 with a problem', '1 needing attention']);
  });
});

describe('a row problem: one plain sentence, then what happens next; the facts behind Details', () => {
  const cases: Array<[AppError, string, string[]]> = [
    [
      { kind: 'unknown-code', message: 'JoggAI answered code 77777: Quantum flux', code: 77777, detail: { httpStatus: 200, excerpt: 'Quantum flux', rid: 'r-9' } },
      'JoggAI answered with an error this app does not know.',
      ['77777', 'Quantum flux', 'r-9', '200'],
    ],
    [
      { kind: 'http-error', message: 'JoggAI answered HTTP 418: <html><body>teapot', detail: { httpStatus: 418, excerpt: '<html><body>teapot' } },
      'JoggAI answered with an error this app did not expect.',
      ['418', '<html><body>teapot'],
    ],
    [
      { kind: 'server-error', message: 'JoggAI answered HTTP 502 Bad Gateway: {"err', detail: { httpStatus: 502, excerpt: '{"err' } },
      'JoggAI had a problem on its side.',
      ['502', '{"err'],
    ],
    [
      { kind: 'network', message: 'Could not reach api.jogg.ai: the server closed the connection (UND_ERR_SOCKET).', detail: { networkCode: 'UND_ERR_SOCKET', host: 'api.jogg.ai' } },
      'JoggAI could not be reached.',
      ['UND_ERR_SOCKET', 'api.jogg.ai'],
    ],
    [
      { kind: 'timeout', message: 'JoggAI did not answer within 15 s.', detail: { host: 'api.jogg.ai' } },
      'JoggAI took too long to answer.',
      ['api.jogg.ai'],
    ],
    [
      { kind: 'malformed-response', message: "JoggAI's answer did not match the spec (data.status: expected string).", detail: { httpStatus: 200, reason: 'schema', schemaPath: 'data.status: expected string' } },
      'JoggAI sent an answer this app could not read.',
      ['data.status: expected string'],
    ],
    [
      { kind: 'malformed-response', message: 'JoggAI answered about another photo (p-2)', detail: { reason: 'other-photo', excerpt: 'photo_id: p-2' } },
      'JoggAI answered about a different photo, so the answer was ignored.',
      ['photo_id: p-2'],
    ],
    [
      { kind: 'http-error', message: 'JoggAI redirected (HTTP 302) to evil.example', detail: { httpStatus: 302, reason: 'redirect', host: 'evil.example' } },
      'JoggAI’s address sent us somewhere else; the key was not sent there.',
      ['302', 'evil.example'],
    ],
    [
      { kind: 'rate-limited', message: 'Too many requests', code: 429, retryAfterS: 30, detail: { httpStatus: 429 } },
      'JoggAI asked us to slow down.',
      ['429'],
    ],
  ];

  it.each(cases)('%# %o', (error, sentence, facts) => {
    const wrapper = mountRow(problemItem(error));
    const what = wrapper.find('.problem .what').text();
    expect(what).toBe(sentence);
    // One sentence, no codes, no HTTP, no quotes from JoggAI, no socket codes.
    expect(what.match(/[.!?](\s|$)/g)).toHaveLength(1);
    expect(what).not.toMatch(/\d{3}|HTTP|UND_ERR|[<{]|code /);
    for (const fact of facts) expect(what).not.toContain(fact);
    // The badge says when it is retried; neither the sentence nor the meta line says it again.
    expect(wrapper.find('.badge .label').text()).toBe(`Problem — retrying at ${hhmm(RETRY_AT)}`);
    expect(wrapper.find('.problem .next').exists()).toBe(false);
    expect(wrapper.find('.meta').text()).not.toContain('next check');
    // The facts are all there, behind a closed native disclosure.
    const details = wrapper.find('details');
    expect(details.find('summary').text()).toBe('Details');
    expect(details.attributes('open')).toBeUndefined();
    for (const fact of facts) expect(details.find('dl').text()).toContain(fact);
  });

  it('needs attention: says what to do and that nothing is checked on its own', () => {
    const wrapper = mountRow(problemItem({ kind: 'bad-request', message: 'photo_id invalid', code: 40000, detail: { excerpt: 'photo_id invalid' } }, { nextCheckAt: null }));
    expect(wrapper.find('.problem .what').text()).toBe('JoggAI refused to look up this photo ID.');
    expect(wrapper.find('.problem .next').text()).toBe(
      'Not checked again on its own: check the ID for typos and that it belongs to this account, then press Check now.',
    );
    expect(wrapper.text()).not.toContain('next check');
    expect(wrapper.find('details dl').text()).toContain('40000');
    expect(wrapper.find('details dl').text()).toContain('photo_id invalid');
  });

  it('"Copy details for support" copies the photo, its state, the facts and the app time, then says Copied', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    const error: AppError = { kind: 'bad-request', message: 'photo_id invalid', code: 40000, detail: { httpStatus: 200, excerpt: 'photo_id invalid', rid: 'rid-42' } };
    const wrapper = mountRow(problemItem(error, { nextCheckAt: null, lastCheckedAt: NOW - 60_000, checks: 3 }));
    const button = wrapper.find('button.copy-details');
    expect(button.text()).toBe('Copy details for support');
    await button.trigger('click');
    await settle();
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text.split('\n')).toEqual([
      'Avatar Watch — details for support',
      'Photo ID: ph_1',
      'State: Needs attention',
      'JoggAI status: not known yet',
      'Problem: JoggAI refused to look up this photo ID. Not checked again on its own: check the ID for typos and that it belongs to this account, then press Check now.',
      'Error kind: bad-request',
      'JoggAI code: 40000',
      'HTTP status: 200',
      'JoggAI said: photo_id invalid',
      'Request ID: rid-42',
      `Last checked: ${new Date(NOW - 60_000).toISOString()}`,
      'Checks so far: 3',
      `App time: ${new Date(NOW).toISOString()}`,
    ]);
    expect(button.text()).toBe('Copied');
  });
});

describe('waiting for the first check in a long list', () => {
  it('says where the photo stands in line and about how long, from the request budget', async () => {
    // 1,300 photos pasted at once, none checked yet: the budget (2 a second) sets the pace.
    const items = Array.from({ length: 1_300 }, (_, i) =>
      makeItem(`ph_${i}`, { status: 'checking', addedAt: NOW - 1_000, lastCheckedAt: null, checks: 0, nextCheckAt: NOW - 1_000 + i }),
    );
    const pinia = await startWithItems(items);
    const row = mountWithApp(WatchItemRow, { pinia, props: { item: items[1_203]!, paused: false, now: NOW } });
    expect(row.find('.badge .label').text()).toBe('Waiting for first check');
    expect(row.find('.meta').text()).toContain('1,204th in line, about 10 min');
    const first = mountWithApp(WatchItemRow, { pinia, props: { item: items[0]!, paused: false, now: NOW } });
    expect(first.find('.meta').text()).toContain('1st in line');
    const third = mountWithApp(WatchItemRow, { pinia, props: { item: items[2]!, paused: false, now: NOW } });
    expect(third.find('.meta').text()).toContain('3rd in line');
  });

  it('one paste due all at once stands in line in the order it was pasted, as the tracker takes it', async () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      makeItem(`ph_${i}`, { status: 'checking', addedAt: NOW - 1_000, lastCheckedAt: null, checks: 0, nextCheckAt: NOW - 1_000 }),
    );
    const pinia = await startWithItems(items);
    const row = mountWithApp(WatchItemRow, { pinia, props: { item: items[21]!, paused: false, now: NOW } });
    expect(row.find('.meta').text()).toContain('22nd in line');
    // A short list: no place in line, the next check says enough.
    document.body.innerHTML = '';
    const few = items.slice(0, 3);
    const small = mountWithApp(WatchItemRow, { pinia: await startWithItems(few), props: { item: few[2]!, paused: false, now: NOW } });
    expect(small.find('.meta').text()).not.toContain('in line');
    expect(small.find('.meta').text()).toContain('next check any moment');
  });
});
