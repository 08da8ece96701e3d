// axe-core over every state of the window a person can reach today, in the preview against the
// fake JoggAI, in the light and the dark theme: 0 violations each. One test per state, so a
// failure names it. A new state is one entry in STATES: a name and how to get there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { FakeJogg } from '../fake-jogg/server';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';
import { startPreviewHost, type PreviewHost } from './preview-host';
import { expectNoAxeViolations } from './support/axe';
import { clickNotification, shownNotifications } from './notifications';

interface StateContext {
  page: Page;
  fake: FakeJogg;
  dataDir: string;
  startHost: () => Promise<PreviewHost>;
  /** Run when the test ends, for what a state starts itself. */
  cleanups: (() => Promise<unknown>)[];
}

/** Opens the preview on a fresh host: the first-run screen. */
async function open({ page, startHost }: StateContext): Promise<PreviewHost> {
  const host = await startHost();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeVisible();
  return host;
}

/** One photo per row state JoggAI's answers can lead to (waiting is added last, and stays so for 10 s). */
const EVERY_STATUS: Record<string, { scenario: Parameters<FakeJogg['setPhoto']>[1]; shows: string }> = {
  'photo-ready': { scenario: { kind: 'ready', afterChecks: 0 }, shows: 'Ready' },
  'photo-failed': { scenario: { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' }, shows: 'Failed' },
  'photo-missing': { scenario: { kind: 'not-found' }, shows: 'Not found' },
  'photo-running': { scenario: { kind: 'ready', afterChecks: 50 }, shows: 'In progress' },
  'photo-garbled': { scenario: { kind: 'malformed', body: 'not json' }, shows: 'Problem' },
  'photo-refused': { scenario: { kind: 'code', code: 40000, msg: 'photo_id invalid' }, shows: 'Needs attention' },
  'photo-quiet': { scenario: { kind: 'no-news', missing: 'data' }, shows: 'No news yet' },
  'photo-odd': { scenario: { kind: 'status', status: 'queued' }, shows: 'Unknown status' },
  'photo-slow-answer': { scenario: { kind: 'slow', delayMs: 60_000, then: { kind: 'ready', afterChecks: 0 } }, shows: 'Checking' },
};

/** Connected, with a row in every state. */
async function everyStatus(context: StateContext): Promise<void> {
  const { page, fake } = context;
  for (const [id, { scenario }] of Object.entries(EVERY_STATUS)) fake.setPhoto(id, scenario);
  // Tall enough that the virtualized list renders every row, so axe sees every state at once.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await open(context);
  await connect(page);
  await watch(page, Object.keys(EVERY_STATUS).join('\n'));
  for (const [id, { shows }] of Object.entries(EVERY_STATUS)) await expect(row(page, id)).toContainText(shows, FIRST_ANSWER);
  await expect(row(page, 'photo-ready').getByRole('img').first()).toBeVisible();
  await watch(page, 'photo-waiting');
  await expect(row(page, 'photo-waiting')).toContainText('Waiting for first check');
}

/** Onboarding; under 800 px the account folds away once the key is in, so its "Connected" is hidden. */
async function connectAtAnyWidth(page: Page): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('Connected as demo-user').or(page.getByRole('button', { name: 'Account', expanded: false })).first()).toBeVisible();
}

/** Connected, two photos answered, so filters have something to act on. */
async function smallList(context: StateContext): Promise<void> {
  const { page, fake } = context;
  fake.setPhoto('shop-ready', { kind: 'ready', afterChecks: 0 });
  fake.setPhoto('shop-failed', { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  await open(context);
  await connectAtAnyWidth(page);
  await watch(page, 'shop-ready shop-failed');
  await expect(row(page, 'shop-failed')).toContainText('Failed', FIRST_ANSWER);
  await expect(row(page, 'shop-ready')).toContainText('Ready', FIRST_ANSWER);
}

async function wrongKey(context: StateContext): Promise<void> {
  const { page } = context;
  await open(context);
  await page.getByLabel('API key', { exact: true }).fill('wrong-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('The key was not saved.')).toBeVisible();
}

/** The real keychain store with a D-Bus address that leads nowhere: no Secret Service at all. */
async function openWithoutKeychain(context: StateContext): Promise<void> {
  const host = await startPreviewHost(
    ['--data-dir', context.dataDir, '--api-base-url', context.fake.url, '--secret-store', 'keychain'],
    30_000,
    { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/avatar-watch-bus' },
  );
  context.cleanups.push(() => host.stop());
  await context.page.goto(host.url);
}

/** settings.json as an earlier run left it (where the key was put, never the key). */
function saveSettings({ dataDir }: StateContext, settings: Record<string, unknown>): void {
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, ...settings }));
}


/** The Settings dialog, where the test notification lives since issue 8. */
async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
}

/** The selection bar, where many photos are acted on. */
const selectionBar = (page: Page) => page.getByRole('group', { name: 'Act on many photos' });

/** Connected, three photos finished quickly and one running long: its row shows the learned estimate. */
async function timeLeft(context: StateContext): Promise<void> {
  const { page, fake } = context;
  const done = ['quick-1', 'quick-2', 'quick-3'];
  for (const id of done) fake.setPhoto(id, { kind: 'ready', afterChecks: 1 });
  fake.setPhoto('long-one', { kind: 'ready', afterMs: 10 * 60_000 });
  await page.setViewportSize({ width: 1280, height: 1400 });
  await open(context);
  await connect(page);
  await watch(page, ['long-one', ...done].join('\n'));
  for (const id of done) await expect(row(page, id)).toContainText('In progress', FIRST_ANSWER);
  // Asked again by hand: each finished within a known window, which the engine learns from.
  for (const id of done) await row(page, id).getByRole('button', { name: `Check now ${id}` }).click();
  for (const id of done) await expect(row(page, id)).toContainText(/took about \d+ s/, { timeout: 15_000 });
  await expect(row(page, 'long-one').getByRole('progressbar')).toBeVisible();
}

/** Connected, a CSV with a good row, a row without an ID and a repeat imported through the file picker. */
async function importReport(context: StateContext): Promise<void> {
  const { page } = context;
  await open(context);
  await connect(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import from a file' }).click();
  await (await chooser).setFiles({
    name: 'campaign.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('photo_id,label,note\r\nimp-1,Acme,rush\r\n,Ghost,\r\nimp-1,Again,\r\n'),
  });
  await expect(page.getByText('From campaign.csv:')).toBeVisible();
  await expect(page.getByLabel(/entries? (was|were) not added:/)).toContainText('No photo ID in this row');
}

/** Connected, one ready photo whose four images are kept on this computer. */
async function keptResults(context: StateContext): Promise<void> {
  const { page, fake } = context;
  fake.setPhoto('kept-1', { kind: 'ready', afterChecks: 0 });
  await page.setViewportSize({ width: 1280, height: 1200 });
  const host = await open(context);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await connect(page);
  await watch(page, 'kept-1');
  await expect(row(page, 'kept-1').getByText('Kept on this computer')).toBeVisible(FIRST_ANSWER);
}

const STATES: Record<string, (context: StateContext) => Promise<void>> = {
  'first run (no key)': async (context) => {
    await open(context);
    await expect(context.page.getByLabel('API key', { exact: true })).toBeVisible();
    await expect(context.page.getByRole('region', { name: 'Welcome to Avatar Watch' })).toBeVisible();
  },
  'wrong key': wrongKey,
  'key without permission': async (context) => {
    context.fake.setKeyState('no-perm-key', 'no-permission');
    await open(context);
    await context.page.getByLabel('API key', { exact: true }).fill('no-perm-key');
    await context.page.getByRole('button', { name: 'Save key' }).click();
    await expect(context.page.getByText('The key was not saved.')).toBeVisible();
  },
  'key saved, not verified yet': async (context) => {
    context.fake.setAccountFault('whoami', 'server-error');
    await open(context);
    await context.page.getByLabel('API key', { exact: true }).fill('good-key');
    await context.page.getByRole('button', { name: 'Save key' }).click();
    await expect(context.page.getByText('Key saved; not verified yet')).toBeVisible();
  },
  'connected, empty list': async (context) => {
    await open(context);
    await connect(context.page);
  },
  'list with every status': everyStatus,
  'details expanded': async (context) => {
    await everyStatus(context);
    await row(context.page, 'photo-refused').getByText('Details', { exact: true }).click();
    await expect(row(context.page, 'photo-refused').locator('dl')).toBeVisible();
  },
  'status filter on': async (context) => {
    await smallList(context);
    await context.page.getByRole('button', { name: '1 failed' }).click();
    await expect(context.page.getByRole('article')).toHaveCount(1);
  },
  'search with no match': async (context) => {
    await smallList(context);
    await context.page.getByLabel('Search').fill('no-such-photo');
    await expect(context.page.getByText('No photos match your filters.')).toBeVisible();
  },
  'add report with rejected lines': async (context) => {
    await open(context);
    await connect(context.page);
    await watch(context.page, `photo-one\n${'x'.repeat(300)}\nphoto-one`);
    await expect(context.page.getByText(/not added/)).toBeVisible();
  },
  'paused by the user': async (context) => {
    await open(context);
    await connect(context.page);
    await watch(context.page, 'photo-held');
    await context.page.getByRole('button', { name: 'Pause checking' }).click();
    await expect(context.page.getByText('You paused checking.')).toBeVisible();
  },
  'JoggAI asks to slow down': async (context) => {
    context.fake.setPhoto('photo-limited', { kind: 'rate-limit', retryAfterS: 600 });
    await open(context);
    await connect(context.page);
    await watch(context.page, 'photo-limited');
    await expect(context.page.getByRole('status').getByText('JoggAI asked us to slow down.')).toBeVisible(FIRST_ANSWER);
  },
  'JoggAI unreachable': async (context) => {
    test.setTimeout(150_000);
    await open(context);
    await connect(context.page);
    context.fake.setDown(true);
    await watch(context.page, 'photo-offline');
    await expect(context.page.getByRole('status').filter({ hasText: 'Can’t reach JoggAI' })).toBeVisible({ timeout: 90_000 });
  },
  'preview lost its host': async (context) => {
    const host = await open(context);
    await connect(context.page);
    await host.stop();
    await expect(context.page.locator('.app').getByText(/preview/i).first()).toBeVisible({ timeout: 20_000 });
  },
  'damaged watchlist notice': async (context) => {
    writeFileSync(join(context.dataDir, 'watchlist.json'), '{ this is not json');
    await open(context);
    await expect(context.page.getByText(/saved watchlist was damaged/)).toBeVisible();
  },
  'replace-key form open': async (context) => {
    await open(context);
    await connect(context.page);
    await context.page.getByRole('button', { name: 'Replace key' }).click();
    await expect(context.page.getByLabel('API key', { exact: true })).toBeVisible();
  },
  'test notification answered': async (context) => {
    await open(context);
    await openSettings(context.page);
    await context.page.getByRole('button', { name: 'Send a test notification' }).click();
    await expect(context.page.getByText(/Did it appear/)).toBeVisible();
  },
  'no keychain: where to keep the key': async (context) => {
    await openWithoutKeychain(context);
    await expect(context.page.getByRole('note').filter({ hasText: 'This computer has no keychain service' })).toBeVisible({ timeout: 30_000 });
    await context.page.getByLabel('API key', { exact: true }).fill('good-key');
    await context.page.getByRole('button', { name: 'Save key' }).click();
    await expect(context.page.getByRole('group', { name: 'Where should Avatar Watch keep this key?' })).toBeVisible();
  },
  'saved key cannot be read (no keychain now)': async (context) => {
    saveSettings(context, { key: { location: 'keychain', hint: '-key', savedAt: Date.UTC(2026, 10, 1) } });
    await openWithoutKeychain(context);
    await expect(context.page.getByRole('button', { name: 'Paste the key again' })).toBeVisible({ timeout: 30_000 });
  },
  'session key forgotten after a restart': async (context) => {
    saveSettings(context, { key: { location: 'session', hint: '-key', savedAt: Date.UTC(2026, 10, 1) } });
    await open(context);
    await expect(context.page.getByRole('note').filter({ hasText: 'for that session only' })).toBeVisible();
  },
  'remove-key question open': async (context) => {
    await open(context);
    await connect(context.page);
    // By keyboard: a click right after connecting can land where the fading pause banner moved things.
    await context.page.getByRole('button', { name: 'Remove key', exact: true }).focus();
    await context.page.keyboard.press('Enter');
    await expect(context.page.getByRole('button', { name: 'Yes, remove key' })).toBeVisible();
  },
  'notification advice shown': async (context) => {
    await open(context);
    await openSettings(context.page);
    await context.page.getByRole('button', { name: 'Send a test notification' }).click();
    await context.page.getByRole('button', { name: 'No', exact: true }).click();
    await expect(context.page.getByRole('heading', { name: 'What to check' })).toBeVisible();
  },
  'Check now pressed, ID copied': async (context) => {
    await smallList(context);
    await context.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await row(context.page, 'shop-ready').getByRole('button', { name: 'Check now shop-ready' }).click();
    await row(context.page, 'shop-ready').getByRole('button', { name: 'Copy shop-ready' }).click();
    await expect(row(context.page, 'shop-ready').getByRole('button', { name: 'Checking… shop-ready' })).toBeVisible();
    await expect(row(context.page, 'shop-ready').getByRole('button', { name: 'Copied shop-ready' })).toBeVisible();
  },
  'narrow window': async (context) => {
    await context.page.setViewportSize({ width: 700, height: 900 });
    await smallList(context);
  },
  // axe2: the states the first wave of issue 8 added.
  'settings dialog open': async (context) => {
    await open(context);
    await connect(context.page);
    await openSettings(context.page);
  },
  'rows selected, selection bar': async (context) => {
    await smallList(context);
    await context.page.getByRole('checkbox', { name: 'Select shop-ready' }).check();
    await context.page.getByRole('checkbox', { name: 'Select shop-failed' }).check();
    await expect(selectionBar(context.page)).toContainText('2 selected');
  },
  'undo toast shown': async (context) => {
    const { page } = context;
    await smallList(context);
    await page.getByRole('checkbox', { name: 'Select shop-ready' }).check();
    await selectionBar(page).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed 1 photo' })).toBeVisible();
    // Focus on Undo holds the toast past its 10 s while axe looks at it twice.
    await page.getByRole('button', { name: 'Undo' }).focus();
  },
  'label editor open': async (context) => {
    await smallList(context);
    await row(context.page, 'shop-ready').getByRole('button', { name: 'Add label' }).click();
    await expect(row(context.page, 'shop-ready').getByLabel('Label', { exact: true })).toBeFocused();
    await row(context.page, 'shop-ready').locator('summary', { hasText: 'Note' }).click();
    await expect(row(context.page, 'shop-ready').getByLabel('Note', { exact: true })).toBeVisible();
  },
  'a row with a label and a note': async (context) => {
    const { page } = context;
    await smallList(context);
    const photo = row(page, 'shop-ready');
    await photo.getByRole('button', { name: 'Add label' }).click();
    await photo.getByLabel('Label', { exact: true }).fill('Acme spring');
    await photo.locator('summary', { hasText: 'Note' }).click();
    await photo.getByLabel('Note', { exact: true }).fill('Call back on Monday');
    await photo.getByRole('button', { name: 'Save label' }).click();
    await expect(photo.getByRole('button', { name: 'Edit label: Acme spring' })).toBeVisible();
    await photo.locator('summary', { hasText: 'Note' }).click();
    await expect(photo.getByText('Call back on Monday')).toBeVisible();
  },
  'import report with rejected rows': importReport,
  'exported, with its message': async (context) => {
    const { page } = context;
    await smallList(context);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await download;
    await expect(page.getByRole('status').filter({ hasText: 'Exported 2 photos.' })).toBeVisible();
  },
  'kept result images, link copied': async (context) => {
    await keptResults(context);
    const photo = row(context.page, 'kept-1');
    await photo.getByRole('button', { name: 'Copy link of image 2 of 4' }).click();
    await expect(photo.getByRole('status')).toHaveText('The link to image 2 is on the clipboard.');
  },
  'kept result images, all four saved': async (context) => {
    await keptResults(context);
    const photo = row(context.page, 'kept-1');
    await photo.getByRole('button', { name: 'Save all 4 images' }).click();
    await expect(photo.getByRole('status')).toHaveText('Your browser is downloading 4 images.');
  },
  'time left with its progress bar': timeLeft,
  'narrow window, account unfolded': async (context) => {
    await context.page.setViewportSize({ width: 700, height: 900 });
    await smallList(context);
    await context.page.getByRole('button', { name: 'Account' }).click();
    await expect(context.page.getByText('Connected as demo-user')).toBeVisible();
  },
  'narrow window, everything folded': async (context) => {
    await context.page.setViewportSize({ width: 700, height: 900 });
    await smallList(context);
    const addPhotos = context.page.getByRole('button', { name: 'Add photos' });
    await addPhotos.click();
    await expect(addPhotos).toHaveAttribute('aria-expanded', 'false');
  },
  'list filtered from a notification': async (context) => {
    const { page, fake } = context;
    await open(context);
    await connect(page);
    fake.setPhoto('still-running', { kind: 'status', status: 'in_progress' });
    await watch(page, 'still-running');
    for (const id of ['sum-a', 'sum-b']) fake.setPhoto(id, { kind: 'ready', afterChecks: 0 });
    await watch(page, 'sum-a sum-b');
    await expect.poll(async () => (await shownNotifications(page)).at(-1)?.body, { timeout: 30_000 }).toBe('2 photo avatars are ready');
    await clickNotification(page, (await shownNotifications(page)).length - 1);
    await expect(page.getByText('Showing 2 photos from the notification')).toBeVisible();
  },
};

/** The same window in Simplified Chinese (the browser's language), reached by its Chinese words. */
const CHINESE_STATES: Record<string, (context: StateContext) => Promise<void>> = {
  'zh-CN: first run': async (context) => {
    await context.startHost().then((host) => context.page.goto(host.url));
    await expect(context.page.getByRole('heading', { name: '连接你的 JoggAI 账户' })).toBeVisible();
  },
  'zh-CN: a list with a failure': async (context) => {
    const { page, fake } = context;
    fake.setPhoto('photo-fail', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
    fake.setPhoto('photo-run', { kind: 'ready', afterChecks: 50 });
    await context.startHost().then((host) => page.goto(host.url));
    await page.getByLabel('API 密钥', { exact: true }).fill('good-key');
    await page.getByRole('button', { name: '保存密钥' }).click();
    await expect(page.getByText('已连接：demo-user')).toBeVisible();
    await page.getByLabel('照片 ID').fill('photo-fail\nphoto-run');
    await page.getByRole('button', { name: '开始监视' }).click();
    await expect(page.getByRole('article', { name: /^photo-fail/ })).toContainText('失败', FIRST_ANSWER);
  },
};

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

function axeTests(states: Record<string, (context: StateContext) => Promise<void>>): void {
  for (const [name, reach] of Object.entries(states)) {
    test(`axe: ${name}, light and dark`, async ({ page, fake, dataDir, startHost }) => {
      const cleanups: StateContext['cleanups'] = [];
      try {
        await reach({ page, fake, dataDir, startHost, cleanups });
        await expectNoAxeViolationsInBothThemes(page, name);
      } finally {
        for (const cleanup of cleanups) await cleanup();
      }
    });
  }
}

axeTests(STATES);
test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });
  axeTests(CHINESE_STATES);
});

async function expectNoAxeViolationsInBothThemes(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, `${name} (light)`);
  const light = await pageBackground(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  // The dark pass is a real one: the window follows the system's theme.
  expect(await pageBackground(page)).not.toBe(light);
  await expectNoAxeViolations(page, `${name} (dark)`);
}
