// The caps, as a person meets them in the window: a paste of more than 20,000 IDs adds the first
// 20,000 and leaves the rest in the box; a list at 50,000 adds nothing more and says what to do.
// The window answers at once with 50,000 photos in it. No key is saved, so nothing is checked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A saved list of finished photos, as this version writes it. */
function savedList(count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    photoId: `full-${i}`,
    status: 'failed',
    addedAt: 1,
    lastCheckedAt: 2,
    finishedAt: 2,
    checks: 1,
    imageUrls: [],
    failureMessage: null,
    rawStatus: null,
    lateness: 'usual',
  }));
  return JSON.stringify({ version: 2, savedAt: 1, items, history: [] });
}

/** The text lands in one input event, as a paste does (Playwright's fill types it, far slower). */
async function paste(page: Page, text: string): Promise<void> {
  await page.getByLabel('Photo IDs').evaluate((el, value) => {
    (el as HTMLTextAreaElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.getByRole('button', { name: 'Start watching' }).click();
}

/** How long the page's main thread takes to run a timer set now. */
function lagMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const asked = performance.now();
        setTimeout(() => resolve(performance.now() - asked), 0);
      }),
  );
}

test('a paste of 23,400 IDs adds 20,000, keeps the other 3,400 in the box, and the next press adds them', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  const ids = Array.from({ length: 23_400 }, (_, i) => `cap-${String(i).padStart(5, '0')}`);
  await paste(page, ids.join('\n'));
  await expect(page.getByText('Added 20,000 photos')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('This paste has 23,400 entries; one paste adds at most 20,000. The other 3,400 were not read')).toBeVisible();
  expect(await page.getByLabel('Photo IDs').inputValue()).toBe(ids.slice(20_000).join('\n'));

  await page.getByRole('button', { name: 'Start watching' }).click();
  await expect(page.getByText('Added 3,400 photos')).toBeVisible({ timeout: 30_000 });
  expect(await page.getByLabel('Photo IDs').inputValue()).toBe('');
  await expect(page.getByText('23,400 photos', { exact: true })).toBeVisible();
});

test('a list at 50,000 photos takes no more, says how many did not fit and what to do; the window stays quick', async ({ page, startHost, dataDir }) => {
  writeFileSync(join(dataDir, 'watchlist.json'), savedList(49_990));
  const host = await startHost();
  await page.goto(host.url);
  await expect(page.getByText('49,990 photos', { exact: true })).toBeVisible({ timeout: 30_000 });

  const extra = Array.from({ length: 25 }, (_, i) => `extra-${i}`);
  await paste(page, extra.join('\n'));
  await expect(page.getByText('Added 10 photos')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('The list is full: it watches at most 50,000 photos. 15 more IDs did not fit and are left in the box')).toBeVisible();
  expect(await page.getByLabel('Photo IDs').inputValue()).toBe(extra.slice(10).join('\n'));
  await expect(page.getByText('50,000 photos', { exact: true })).toBeVisible();
  expect(await lagMs(page)).toBeLessThan(500);

  await page.getByRole('button', { name: 'Start watching' }).click();
  await expect(page.getByText('No photos were added.')).toBeVisible();
  await expect(page.getByText('15 more IDs did not fit')).toBeVisible();
  expect(await page.getByLabel('Photo IDs').inputValue()).toBe(extra.slice(10).join('\n'));
});
