// A key JoggAI cannot check right now (whoami answers 503) is saved anyway, in real Chromium
// against the real core: the panel says it is not verified yet, photos are checked, and the key
// is confirmed by itself after the next good photo answer, with no click.
import { FIRST_ANSWER, expect, row, test, watch } from './fixtures';

test('a key saved while JoggAI cannot check it: said plainly, checking goes on, confirmed by itself', async ({ page, fake, startHost }) => {
  fake.setAccountFault('whoami', 'server-error');
  fake.setPhoto('photo-soon', { kind: 'ready', afterChecks: 1 });
  const host = await startHost();
  await page.goto(host.url);

  await page.getByLabel('API key', { exact: true }).fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Key saved; not verified yet' });
  await expect(status).toContainText(/JoggAI had a problem on its side\. Checking again at \d/);
  await expect(page.getByText('The key was not saved.')).toHaveCount(0);

  fake.setAccountFault('whoami', null);
  await watch(page, 'photo-soon');
  await expect(row(page, 'photo-soon')).toContainText('In progress', FIRST_ANSWER);
  // The good photo answer told the app JoggAI is back: whoami again at once, not in 30 s.
  await expect(page.getByText('Connected as demo-user')).toBeVisible({ timeout: 10_000 });
  await expect(status).toHaveCount(0);
});
