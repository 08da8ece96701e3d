// First run, small windows and time left, as a person sees them in Chromium against the real
// core and the fake JoggAI.
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

test('the first run is a welcome that says what to do, not a "paused" banner', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  const welcome = page.getByRole('region', { name: 'Welcome to Avatar Watch' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('A photo ID is what JoggAI answers when you create a photo avatar');
  await expect(welcome.getByRole('link', { name: 'open jogg.ai' })).toHaveAttribute('href', 'https://www.jogg.ai/');
  await expect(page.getByText('Checking is paused')).toHaveCount(0);

  // Its button leads to the key field.
  await welcome.getByRole('button', { name: 'Add your API key' }).click();
  await expect(page.getByLabel('API key', { exact: true })).toBeFocused();
  await connect(page);
  await expect(welcome).toHaveCount(0);
});

test('at 700 px wide the list comes first: several photos show without scrolling, the paste box is behind a button', async ({ page, startHost }) => {
  await page.setViewportSize({ width: 700, height: 800 });
  const host = await startHost();
  await page.goto(host.url);
  // Without a key the account is open; once the key is in it folds away for the paste box.
  await page.getByLabel('API key', { exact: true }).fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  const accountButton = page.getByRole('button', { name: 'Account' });
  await expect(accountButton).toHaveAttribute('aria-expanded', 'false');
  await accountButton.click();
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await accountButton.click();

  const addPhotos = page.getByRole('button', { name: 'Add photos' });
  await expect(addPhotos).toHaveAttribute('aria-expanded', 'true');
  const ids = Array.from({ length: 20 }, (_, i) => `narrow-${String(i).padStart(2, '0')}`);
  await watch(page, ids.join('\n'));
  await expect(page.getByText('Added 20 photos')).toBeVisible();

  // Fold the paste box away: what was typed stays (nothing here: all were added).
  await addPhotos.click();
  await expect(addPhotos).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Photo IDs')).toBeHidden();
  await expect(page.getByText('Connected as demo-user')).toBeHidden();

  await expect(row(page, ids[0]!)).toBeVisible();
  const fullyShown = await page.getByRole('article').evaluateAll((rows) =>
    rows.filter((r) => {
      const box = r.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }).length,
  );
  expect(fullyShown).toBeGreaterThanOrEqual(4);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await addPhotos.click();
  await expect(page.getByLabel('Photo IDs')).toBeVisible();
});

test('an in-progress photo shows an estimate once a few photos have finished', async ({ page, fake, startHost }) => {
  const done = ['quick-1', 'quick-2', 'quick-3'];
  for (const id of done) fake.setPhoto(id, { kind: 'ready', afterChecks: 1 });
  fake.setPhoto('long-one', { kind: 'ready', afterMs: 10 * 60_000 });
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);

  await watch(page, ['long-one', ...done].join('\n'));
  await expect(row(page, 'long-one')).toContainText('In progress', FIRST_ANSWER);
  await expect(row(page, 'long-one')).toContainText('No estimate yet: too few photos have finished.');

  for (const id of done) await expect(row(page, id)).toContainText('In progress', FIRST_ANSWER);
  // Seen running from their first check, then asked again: each finished within a known window.
  for (const id of done) await row(page, id).getByRole('button', { name: `Check now ${id}` }).click();
  for (const id of done) await expect(row(page, id)).toContainText(/took about \d+ s/, { timeout: 15_000 });

  const estimate = row(page, 'long-one');
  await expect(estimate).toContainText(/Usually ready in about|Most are ready within|Taking longer than most/);
  const bar = estimate.getByRole('progressbar', { name: 'Time so far, against how long photos usually take' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', /so far; usually .+ to .+/);
});
