// A key JoggAI could not confirm is not a key JoggAI refused: it is saved, checking starts, the
// account panel says it is not verified yet and when the app asks again, and the app confirms it
// by itself (on a timer with backoff, or at once after the next good photo answer). The whole
// core on a virtual clock against the real fake JoggAI on loopback.
import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS } from '../../../main/core/account/key-verification';
import type { AccountFault } from '../../fake-jogg/server';
import { virtualCoreSuite, type VirtualService } from '../../support/virtual-service';

const KEY = 'good-key-0123456789';

const suite = virtualCoreSuite(KEY);

async function startWithoutKey(): Promise<VirtualService> {
  const running = await suite.core({ key: null });
  await running.service.start();
  return running;
}

/** Saves the key, letting virtual time run while the request is out. */
async function save(v: VirtualService, key = KEY) {
  const pending = v.service.saveApiKey(key);
  await v.advance(1_000);
  return pending;
}

describe('a key JoggAI could not confirm', () => {
  it.each<[AccountFault, string]>([
    ['server-error', 'server-error'],
    ['not-found', 'http-error'],
    ['drop', 'network'],
  ])('whoami %s: the key is saved, checking starts, and the panel says it is not verified yet', async (fault, kind) => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('whoami', fault);
    const savedAt = suite.clock.now();
    const saved = await save(v);
    expect(saved).toMatchObject({ ok: true, value: { hasKey: true, account: null, error: { kind } } });
    const retryAt = saved.ok ? saved.value.unverified?.retryAt : undefined;
    expect(retryAt).toBeGreaterThanOrEqual(savedAt + FIRST_RETRY_MS);
    expect(retryAt).toBeLessThanOrEqual(suite.clock.now() + FIRST_RETRY_MS);
    const snapshot = await v.service.getSnapshot();
    expect(snapshot.pause).toBeNull();
    expect(snapshot.account.key.place).not.toBeNull();
  });

  it('is verified by itself on the retry timer once JoggAI answers again, with backoff while it does not', async () => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('whoami', 'server-error');
    const saved = await save(v);
    const first = saved.ok ? saved.value.unverified?.retryAt : undefined;
    const whoamiCalls = () => suite.fake.requests.filter((r) => r.path === '/v2/user/whoami').length;
    expect(whoamiCalls()).toBe(1);
    await v.advance(FIRST_RETRY_MS);
    expect(whoamiCalls()).toBe(2);
    // Backing off: the next try is twice as far as the first.
    expect((await v.service.getSnapshot()).account.unverified?.retryAt).toBe(first! + 2 * FIRST_RETRY_MS);
    suite.fake.setAccountFault('whoami', null);
    await v.advance(2 * FIRST_RETRY_MS + 1_000);
    const account = (await v.service.getSnapshot()).account;
    expect(account).toMatchObject({ hasKey: true, error: null, account: { username: 'demo-user' } });
    expect(account.unverified).toBeUndefined();
  });

  it('is verified at once after the next good photo answer, without waiting for the timer', async () => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('whoami', 'not-found');
    await save(v);
    suite.fake.setAccountFault('whoami', null);
    suite.fake.setPhoto('p-1', { kind: 'ready', afterMs: 3_600_000 });
    await v.service.addPhotos('p-1');
    await v.advance(2_000);
    expect((await v.service.getSnapshot()).account).toMatchObject({ error: null, account: { username: 'demo-user' } });
  });

  it('a whoami that keeps failing while photo checks work is asked again with backoff, not after every photo answer', async () => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('whoami', 'not-found');
    await save(v);
    const ids = Array.from({ length: 20 }, (_, i) => `p-${i}`);
    for (const id of ids) suite.fake.setPhoto(id, { kind: 'ready', afterMs: 3_600_000 });
    await v.service.addPhotos(ids.join(' '));
    await v.advance(10 * 60_000);
    expect(suite.fake.requests.filter((r) => r.photoId !== undefined).length).toBeGreaterThan(100);
    // The save, one early try after the first good photo answer, and the timer's 30 s, 1, 2 and 4 min.
    expect(suite.fake.requests.filter((r) => r.path === '/v2/user/whoami').length).toBeLessThanOrEqual(6);
    expect((await v.service.getSnapshot()).account.unverified?.retryAt).toBeGreaterThan(suite.clock.now());
  });

  it('saved during a long rate-limit wait: answered at once, nothing sent, verified after the wait', async () => {
    const v = await suite.core({ key: KEY });
    await v.service.start();
    await v.advance(1_000);
    suite.fake.setPhoto('p-limited', { kind: 'rate-limit', code: 10401, retryAfterS: 600 });
    await v.service.addPhotos('p-limited');
    await v.advance(1_000);
    const whoamiBefore = suite.fake.requests.filter((r) => r.path === '/v2/user/whoami').length;
    const saved = await v.service.saveApiKey(KEY);
    expect(saved).toMatchObject({ ok: true, value: { account: null, error: { kind: 'rate-limited' } } });
    const retryAt = saved.ok ? saved.value.unverified!.retryAt! : 0;
    expect(retryAt).toBeGreaterThanOrEqual(suite.clock.now() + 590_000);
    expect(suite.fake.requests.filter((r) => r.path === '/v2/user/whoami').length).toBe(whoamiBefore);
    suite.fake.setPhoto('p-limited', { kind: 'ready', afterMs: 3_600_000 });
    await v.advance(retryAt - suite.clock.now() + 2_000);
    expect((await v.service.getSnapshot()).account).toMatchObject({ error: null, account: { username: 'demo-user' } });
  });

  it('found refused on the later check: checking pauses and the panel says the key was refused', async () => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('whoami', 'server-error');
    await save(v);
    suite.fake.setAccountFault('whoami', null);
    suite.fake.setKeyState(KEY, 'invalid');
    await v.advance(FIRST_RETRY_MS + 1_000);
    const snapshot = await v.service.getSnapshot();
    expect(snapshot.pause?.kind).toBe('invalid-key');
    expect(snapshot.account).toMatchObject({ account: null, error: { kind: 'invalid-key' } });
    expect(snapshot.account.unverified).toBeUndefined();
  });

  it('a key JoggAI refuses is still never saved', async () => {
    const v = await startWithoutKey();
    expect(await save(v, 'wrong-key-0123456789')).toMatchObject({ ok: false, error: { kind: 'invalid-key' } });
    expect((await v.service.getSnapshot()).account.hasKey).toBe(false);
  });

  it('missing credits are "unknown", never an error on the account', async () => {
    const v = await startWithoutKey();
    suite.fake.setAccountFault('quota', 'no-fields');
    expect(await save(v)).toMatchObject({ ok: true, value: { error: null, account: { username: 'demo-user', remainingQuota: null } } });
  });
});
