// Keyboard only, as a keyboard or screen-reader user works: focus is never dropped to the page
// after saving the key, after Start watching, or after removing a photo.
import type { Locator, Page } from '@playwright/test';
import { expect, row, test } from './fixtures';

/** Presses Tab until `target` has focus (bounded: a page this size needs far fewer presses). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'NONE');

/** The list is one Tab stop: Tab to its active row, then the arrow keys to the row wanted, then Tab to its control. */
async function tabToRowControl(page: Page, photoId: string, control: Locator): Promise<void> {
  await tabTo(page, page.locator('[data-photo-id][tabindex="0"]'));
  await page.keyboard.press('Home');
  for (let i = 0; i < 20; i++) {
    if (await page.locator(`[data-photo-id="${photoId}"]`).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await tabTo(page, control);
}

test('keyboard only: focus stays somewhere meaningful after saving the key, Start watching and Remove', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);

  // Saving the key with Enter: the panel turns into the account, and focus goes on to the next
  // step, the photo ID box.
  await tabTo(page, page.getByLabel('API key', { exact: true }));
  await page.keyboard.type('good-key');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await expect(page.getByLabel('Photo IDs')).toBeFocused();

  // Start watching: the button is busy for a moment; focus comes back to the box, ready for more.
  await page.keyboard.type('photo-a photo-b photo-c');
  await tabTo(page, page.getByRole('button', { name: 'Start watching' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Added 3 photos')).toBeVisible();
  await expect(page.getByLabel('Photo IDs')).toBeFocused();

  // Remove: focus moves to the next row (named by its ID and state), not to the page.
  await tabToRowControl(page, 'photo-b', page.getByRole('button', { name: 'Remove photo-b' }));
  await page.keyboard.press('Enter');
  await expect(row(page, 'photo-b')).toHaveCount(0);
  await expect(page.locator('[data-photo-id="photo-c"]')).toBeFocused();
  // The last row: focus goes to the one before it.
  await tabToRowControl(page, 'photo-c', page.getByRole('button', { name: 'Remove photo-c' }));
  await page.keyboard.press('Enter');
  await expect(row(page, 'photo-c')).toHaveCount(0);
  await expect(page.locator('[data-photo-id="photo-a"]')).toBeFocused();
  // The list is empty: focus goes to its heading.
  await tabToRowControl(page, 'photo-a', page.getByRole('button', { name: 'Remove photo-a' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('No photos yet.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeFocused();
  expect(await focusedTag(page)).not.toBe('BODY');
});
