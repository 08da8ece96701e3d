// Keyboard only, as a keyboard or screen-reader user works: Escape closes the forms that can be
// opened (focus back on the button that opened them), and focus never falls to the page when a
// button hides itself (Dismiss), or is busy for a moment (Check now, Send a test notification).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'NONE');

test('Escape closes the replace-key form, the remove-key question and the notification answer; focus goes back', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);

  const replace = page.getByRole('button', { name: 'Replace key' });
  await replace.focus();
  await page.keyboard.press('Enter');
  const keyField = page.getByLabel('API key', { exact: true });
  await expect(keyField).toBeFocused();
  await page.keyboard.type('half-typed');
  await page.keyboard.press('Escape');
  await expect(keyField).toHaveCount(0);
  await expect(replace).toBeFocused();

  const removeKey = page.getByRole('button', { name: 'Remove key', exact: true });
  await removeKey.focus();
  await page.keyboard.press('Enter');
  const yes = page.getByRole('button', { name: 'Yes, remove key' });
  await yes.focus();
  await page.keyboard.press('Escape');
  await expect(yes).toHaveCount(0);
  await expect(removeKey).toBeFocused();
  // Escape cancelled: the key is still there.
  await expect(page.getByText('Connected as demo-user')).toBeVisible();

  // The test notification lives in Settings: Escape folds its answer and leaves the dialog open.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const send = settings.getByRole('button', { name: 'Send a test notification' });
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('A test notification was sent. Did it appear?')).toBeVisible();
  // Busy while sending, yet never dropped focus to the page.
  expect(await focusedTag(page)).toBe('BUTTON');
  await page.getByRole('button', { name: 'Yes', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByText('A test notification was sent. Did it appear?')).toHaveCount(0);
  await expect(send).toBeFocused();
  await expect(settings).toBeVisible();
  // The next Escape closes Settings, focus back on its button.
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();

  // Removing the key for real: the question goes with it, and focus goes on to the key field.
  await removeKey.focus();
  await page.keyboard.press('Enter');
  await yes.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('API key', { exact: true })).toBeFocused();
});

test('Dismiss moves focus to the next notice, then to the list; Check now keeps focus while busy; Escape folds Details', async ({ page, fake, startHost, dataDir }) => {
  fake.setPhoto('photo-refused', { kind: 'code', code: 40000, msg: 'photo_id invalid' });
  // A damaged saved list gives a second notice next to the preview's memory-only warning.
  writeFileSync(join(dataDir, 'watchlist.json'), '{ this is not json');
  const host = await startHost();
  await page.goto(host.url);
  const dismiss = page.getByRole('button', { name: 'Dismiss this message' });
  await expect(dismiss).toHaveCount(2);

  await dismiss.first().focus();
  await page.keyboard.press('Enter');
  await expect(dismiss).toHaveCount(1);
  await expect(dismiss).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dismiss).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeFocused();

  await connect(page);
  await watch(page, 'photo-busy photo-refused');
  const photo = row(page, 'photo-busy');
  await expect(photo).toContainText('In progress', FIRST_ANSWER);
  const checkNow = photo.getByRole('button', { name: 'Check now photo-busy' });
  await checkNow.focus();
  await page.keyboard.press('Enter');
  // Its name starts with what it shows, and focus stays on it while the check is out.
  const busy = photo.getByRole('button', { name: 'Checking… photo-busy' });
  await expect(busy).toHaveAttribute('aria-disabled', 'true');
  await expect(busy).toBeFocused();
  expect(await focusedTag(page)).toBe('BUTTON');

  // Details opens with Enter; Escape from inside folds it and puts focus back on "Details".
  const refused = row(page, 'photo-refused');
  await expect(refused).toContainText('Needs attention', FIRST_ANSWER);
  const details = refused.getByText('Details', { exact: true });
  await details.focus();
  await page.keyboard.press('Enter');
  const copyDetails = refused.getByRole('button', { name: 'Copy details for support' });
  await expect(copyDetails).toBeVisible();
  await copyDetails.focus();
  await page.keyboard.press('Escape');
  await expect(copyDetails).toBeHidden();
  await expect(details).toBeFocused();

  // Pause checking goes away once paused, Resume checking once resumed: each hands focus to the other.
  await page.getByRole('button', { name: 'Pause checking' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Resume checking' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause checking' })).toBeFocused();
});
