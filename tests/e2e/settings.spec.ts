// The Settings dialog end to end in Chromium through the preview host, by role and label: a
// failed photo raises no notification once "notify on failed" is off while a ready one does, the
// dark theme turns the page dark, Escape closes the dialog onto its button, and every choice is
// still there after the preview restarts (settings.json in the data folder).
import AxeBuilder from '@axe-core/playwright';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';
import { clickNotification, shownNotifications } from './notifications';

const DARK_BACKGROUND = 'rgb(20, 23, 28)';

test('settings change what the app does, at once and across a restart', async ({ page, fake, startHost }) => {
  let host = await startHost();
  await page.goto(host.url);
  await connect(page);

  const opener = page.getByRole('button', { name: 'Settings', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  const onFailed = dialog.getByRole('checkbox', { name: 'Notify when a photo avatar fails' });
  await expect(onFailed).toBeChecked();
  await onFailed.uncheck();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // The dialog as a screen reader meets it, light and then dark.
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([]);
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', DARK_BACKGROUND);
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([]);

  // A rate out of range is refused beside its box; nothing is sent.
  const rate = dialog.getByLabel('Requests per second (0.2 to 5)');
  await rate.fill('50');
  await rate.press('Tab');
  await expect(dialog.getByText('Enter a number from 0.2 to 5.')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  fake.setPhoto('fail-settings', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
  fake.setPhoto('ready-settings', { kind: 'ready', afterChecks: 0 });
  await watch(page, 'fail-settings\nready-settings');
  await expect(row(page, 'fail-settings')).toContainText('Failed', FIRST_ANSWER);
  await expect(row(page, 'ready-settings')).toContainText('Ready', FIRST_ANSWER);
  await expect.poll(async () => (await shownNotifications(page)).length, { timeout: 10_000 }).toBe(1);
  // Past the longest wait of a burst: still the ready one only.
  await page.waitForTimeout(4_000);
  const shown = await shownNotifications(page);
  expect(shown.map((n) => n.title)).toEqual(['Photo avatar ready']);
  expect(shown[0]?.body).toContain('ready-settings');

  expect(await host.stop()).toBe(0);
  host = await startHost();
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Settings' });
  await expect(again.getByRole('checkbox', { name: 'Notify when a photo avatar fails' })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Notify when a photo avatar is ready' })).toBeChecked();
  await expect(again.getByRole('radio', { name: 'Dark' })).toBeChecked();
});

test('clicking a summary notification shows exactly its photos until Show all', async ({ page, fake, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  fake.setPhoto('still-running', { kind: 'status', status: 'in_progress' });
  await watch(page, 'still-running');
  for (const id of ['sum-a', 'sum-b', 'sum-c']) fake.setPhoto(id, { kind: 'ready', afterChecks: 0 });
  await watch(page, 'sum-a sum-b sum-c');
  await expect.poll(async () => (await shownNotifications(page)).at(-1)?.body, { timeout: 30_000 }).toBe('3 photo avatars are ready');
  const last = (await shownNotifications(page)).length - 1;
  await clickNotification(page, last);

  await expect(page.getByText('Showing 3 photos from the notification')).toBeVisible();
  for (const id of ['sum-a', 'sum-b', 'sum-c']) await expect(row(page, id)).toBeVisible();
  await expect(row(page, 'still-running')).toBeHidden();

  await page.getByRole('button', { name: 'Show all', exact: true }).click();
  await expect(row(page, 'still-running')).toBeVisible();
  await expect(page.getByText('Showing 3 photos from the notification')).toBeHidden();
  await expect(page.getByLabel('Search')).toBeFocused();
});
