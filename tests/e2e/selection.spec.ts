// Acting on many photos, as a person does it in Chromium against the real core and a fake JoggAI:
// Shift-click a range, remove it, and Undo brings the rows back as they were; Ctrl+A in a text
// field is the field's own; and the whole round by keyboard alone, focus never on the page.
import type { Page } from '@playwright/test';
import type { FakeJogg } from '../fake-jogg/server';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'NONE');
const bar = (page: Page) => page.getByRole('group', { name: 'Act on many photos' });

async function fiveFinished(page: Page, fake: FakeJogg) {
  for (const id of ['sel-1', 'sel-3', 'sel-5']) fake.setPhoto(id, { kind: 'ready', afterChecks: 0 });
  for (const id of ['sel-2', 'sel-4']) fake.setPhoto(id, { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  await connect(page);
  await watch(page, 'sel-1 sel-2 sel-3 sel-4 sel-5');
  for (const id of ['sel-1', 'sel-3', 'sel-5']) await expect(row(page, id)).toContainText('Ready', FIRST_ANSWER);
  for (const id of ['sel-2', 'sel-4']) await expect(row(page, id)).toContainText('Failed', FIRST_ANSWER);
}

test('Shift-click selects three rows, Remove takes them out, and Undo brings them back with their statuses', async ({ page, fake, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await fiveFinished(page, fake);
  const rows = page.getByRole('article');
  await expect(rows).toHaveCount(5);

  await page.getByRole('checkbox', { name: 'Select sel-2' }).click();
  await page.getByRole('checkbox', { name: 'Select sel-4' }).click({ modifiers: ['Shift'] });
  await expect(bar(page)).toContainText('3 selected');
  for (const id of ['sel-2', 'sel-3', 'sel-4']) await expect(page.getByRole('checkbox', { name: `Select ${id}` })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select sel-5' })).not.toBeChecked();

  await bar(page).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Removed 3 photos' })).toBeVisible();
  expect(await focusedTag(page)).not.toBe('BODY');
  // The toast stays past its 10 s while the pointer is on it.
  await page.getByRole('button', { name: 'Undo' }).hover();
  await page.waitForTimeout(11_000);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(5);
  await expect(row(page, 'sel-2')).toContainText('Failed');
  await expect(row(page, 'sel-2')).toContainText('Face not detected in the source image');
  await expect(row(page, 'sel-3')).toContainText('Ready');
  await expect(row(page, 'sel-4')).toContainText('Failed');
  await expect(page.getByRole('status').filter({ hasText: 'Brought back 3 photos' })).toBeVisible();
  // Restored as they were: finished photos are not asked about again.
  const checks = fake.countChecks('sel-3');
  await page.waitForTimeout(1_500);
  expect(fake.countChecks('sel-3')).toBe(checks);
  expect(await focusedTag(page)).not.toBe('BODY');
});

test('Ctrl+A in the search box selects its text, not the rows', async ({ page, fake, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await fiveFinished(page, fake);
  const search = page.getByLabel('Search');
  await search.fill('sel');
  await search.press('ControlOrMeta+a');
  expect(await search.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 3]);
  await expect(bar(page)).not.toContainText('selected');
  await search.fill('');
  // Outside a text field, the same keys select every row shown.
  await page.getByRole('heading', { name: 'Watchlist' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(bar(page)).toContainText('5 selected');
});

test('keyboard only: Tab into the list, End, ArrowUp, Space, Delete, and Ctrl+Z brings it back', async ({ page, fake, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await fiveFinished(page, fake);
  await page.getByLabel('Sort').focus();

  // One Tab stop for the list: the next Tab lands on its active row, whatever sits between.
  const active = page.locator('[data-photo-id][tabindex="0"]');
  for (let i = 0; i < 20 && !(await active.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(active).toBeFocused();
  const slots = page.locator('[data-photo-id]');
  const last = await slots.last().getAttribute('data-photo-id');
  await page.keyboard.press('End');
  await expect(page.locator(`[data-photo-id="${last}"]`)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  // Focus moves once the row is rendered in view (a frame later).
  await expect(page.locator(`[data-photo-id="${last}"]`)).not.toBeFocused();
  const target = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.photoId!);
  expect(target).not.toBe(last);
  await page.keyboard.press('Space');
  await expect(bar(page)).toContainText('1 selected');
  await page.keyboard.press('Delete');
  await expect(row(page, target)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Removed 1 photo' })).toBeVisible();
  // Focus went on to the row that took its place, not to the page.
  await expect(page.locator(`[data-photo-id="${last}"]`)).toBeFocused();

  await page.keyboard.press('ControlOrMeta+z');
  await expect(row(page, target)).toHaveCount(1);
  await expect(page.locator(`[data-photo-id="${target}"]`)).toBeFocused();
  // Tab from the row goes through its own controls and then out of the list, not into the next row.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const inOther = await page.evaluate((id) => {
      const slot = document.activeElement?.closest<HTMLElement>('[data-photo-id]');
      return slot !== null && slot !== undefined && slot.dataset.photoId !== id;
    }, target);
    expect(inOther).toBe(false);
  }
});
