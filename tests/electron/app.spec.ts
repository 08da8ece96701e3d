// The main flow in the real app: onboarding with a wrong then a right key, three photo IDs that
// end ready, failed and not found, the four results, and one desktop notification for those finished together.
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { launchApp, shownNotifications } from './harness';

const RESULT_IMAGES = [1, 2, 3, 4].map((n) => `https://images.avatar-watch.invalid/ready-1/${n}.png`);

let fake: FakeJogg;
let dataDir: string;
let app: ElectronApplication;
let page: Page;

test.beforeEach(async () => {
  fake = await startFakeJogg({ validKeys: ['good-key'] });
  dataDir = mkdtempSync(join(tmpdir(), 'avatar-watch-electron-'));
  // The key in memory (CI machines rarely have an unlocked keychain; tests/keychain covers it),
  // notifications recorded instead of shown.
  ({ app, page } = await launchApp({ apiBaseUrl: fake.url, dataDir }));
});

test.afterEach(async () => {
  await app?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('from a first start to finished photos, with notifications', async () => {
  fake.setPhoto('ready-1', { kind: 'ready', afterChecks: 0, images: RESULT_IMAGES });
  fake.setPhoto('fail-1', { kind: 'fail', afterChecks: 0, message: 'The photo did not pass the content review' });
  fake.setPhoto('missing-1', { kind: 'not-found' });

  // A wrong key is refused and not kept; the right one is.
  const keyField = page.getByLabel('API key', { exact: true });
  await keyField.fill('bad-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('The key was not saved.')).toBeVisible();
  await keyField.fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByLabel('Photo IDs')).toBeVisible();

  await page.getByLabel('Photo IDs').fill('ready-1\nfail-1, missing-1');
  await page.getByRole('button', { name: 'Start watching' }).click();

  const row = (photoId: string) => page.getByRole('article', { name: photoId });
  await expect(row('ready-1')).toContainText('Ready', { timeout: 30_000 });
  await expect(row('fail-1')).toContainText('Failed', { timeout: 30_000 });
  await expect(row('missing-1')).toContainText('Not found', { timeout: 30_000 });
  await expect(row('fail-1')).toContainText('The photo did not pass the content review');

  // The four results of the ready photo, as https images (the CSP allows nothing else).
  await expect(row('ready-1').locator('img[src^="https://"]')).toHaveCount(4);

  // Ready and failed are told on the desktop, finishing together in one summary; not found is
  // shown in the window only.
  await expect.poll(async () => shownNotifications(app), { timeout: 30_000 }).toEqual(['Photo avatars finished 1 photo avatar is ready · 1 failed']);
});

test('the page is locked down', async () => {
  // Isolated and sandboxed: the page sees the contract object and nothing of Node or Electron.
  const exposed = await page.evaluate(() => ({
    api: Object.keys((globalThis as unknown as { avatarWatch: object }).avatarWatch).sort(),
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(exposed.api).toContain('getSnapshot');
  expect(exposed.api).toContain('onStateChanged');
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');

  // Navigation away is refused: the page stays ours.
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
});

// Closing to the tray, a second instance, notification clicks and quitting: desktop.spec.ts.
