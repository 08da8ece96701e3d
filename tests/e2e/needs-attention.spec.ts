// A photo JoggAI refuses with code 40000, as a person meets it: the row says "Needs attention"
// in one plain sentence with what to do, is not asked about again on its own, keeps the technical
// facts behind "Details", copies them for support (never the key), and Check now still works.
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

test('a 40000 photo needs attention: plain words, no re-checks, Details, Copy details for support, Check now', async ({ page, context, fake, startHost }) => {
  fake.setPhoto('photo-bad', { kind: 'code', code: 40000, msg: 'photo_id invalid' });
  fake.setPhoto('photo-fine', { kind: 'ready', afterChecks: 50 });
  // A photo that keeps answering, so JoggAI counts as reachable throughout.
  const host = await startHost();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'photo-bad photo-fine');
  await expect(page.getByText('Added 2 photos')).toBeVisible();

  const bad = row(page, 'photo-bad');
  // The row's accessible name says the state, and the badge says it without colour.
  await expect(bad).toHaveAccessibleName('photo-bad — Needs attention', FIRST_ANSWER);
  await expect(bad.locator('.badge')).toHaveText('!Needs attention');
  await expect(bad.locator('.problem')).toHaveText(
    '⚠ JoggAI refused to look up this photo ID. Not checked again on its own: check the ID for typos and that it belongs to this account, then press Check now.',
  );
  // JoggAI's own words and the code are not in the sentence; they are behind Details.
  await expect(bad.locator('.problem')).not.toContainText('40000');
  await expect(bad.locator('.problem')).not.toContainText('photo_id invalid');
  await expect(bad.getByText('JoggAI code')).toBeHidden();

  // Not asked again on its own (a transient problem would be retried after 10 s).
  const checks = fake.countChecks('photo-bad');
  expect(checks).toBe(1);
  await page.waitForTimeout(12_000);
  expect(fake.countChecks('photo-bad')).toBe(checks);

  await bad.getByText('Details', { exact: true }).click();
  const facts = bad.locator('dl');
  await expect(facts).toBeVisible();
  await expect(facts).toContainText('JoggAI code40000');
  await expect(facts).toContainText('JoggAI saidphoto_id invalid');
  await expect(facts).toContainText('HTTP status200');

  const copy = bad.getByRole('button', { name: 'Copy details for support' });
  await copy.click();
  await expect(bad.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Photo ID: photo-bad');
  expect(copied).toContain('State: Needs attention');
  expect(copied).toContain('JoggAI code: 40000');
  expect(copied).toContain('JoggAI said: photo_id invalid');
  expect(copied).toMatch(/App time: \d{4}-\d\d-\d\dT/);
  expect(copied).not.toContain('good-key');

  // The user fixed things at JoggAI: Check now asks again, and the new answer clears the problem.
  fake.setPhoto('photo-bad', { kind: 'ready', afterChecks: 0 });
  await bad.getByRole('button', { name: 'Check now photo-bad' }).click();
  await expect(bad).toHaveAccessibleName('photo-bad — Ready', { timeout: 15_000 });
  await expect(bad.locator('.problem')).toHaveCount(0);
});
