// Keyboard only, over what issue 8's first wave added: after every action focus lands on the next
// sensible control (never on the page), and Escape closes each new dialog and form with focus
// back on the control that opened it. Driven by role and label, as a keyboard user meets them.
import type { Page } from '@playwright/test';
import type { FakeJogg } from '../fake-jogg/server';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

const bar = (page: Page) => page.getByRole('group', { name: 'Act on many photos' });
/** The list row (its focusable slot) for a photo. */
const slot = (page: Page, photoId: string) => page.locator(`[data-photo-id="${photoId}"]`);
const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'NONE');

/** Focuses a control and presses a key on it, as Tab and a key would. */
async function press(page: Page, control: ReturnType<Page['getByRole']>, key = 'Enter'): Promise<void> {
  await control.focus();
  await page.keyboard.press(key);
}

/** Three ready, one failed, one still running. */
async function mixedList(page: Page, fake: FakeJogg): Promise<void> {
  for (const id of ['key-1', 'key-3', 'key-4']) fake.setPhoto(id, { kind: 'ready', afterChecks: 0 });
  fake.setPhoto('key-2', { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  fake.setPhoto('key-run', { kind: 'ready', afterChecks: 50 });
  await connect(page);
  await watch(page, 'key-1 key-2 key-3 key-run key-4');
  for (const id of ['key-1', 'key-3', 'key-4']) await expect(row(page, id)).toContainText('Ready', FIRST_ANSWER);
  await expect(row(page, 'key-2')).toContainText('Failed', FIRST_ANSWER);
  await expect(row(page, 'key-run')).toContainText('In progress', FIRST_ANSWER);
}

test('Remove selected, Undo, Remove all finished and the toast’s Escape each leave focus on a row or the list', async ({ page, fake, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await mixedList(page, fake);
  const rows = page.getByRole('article');
  await expect(rows).toHaveCount(5);

  // Remove selected: focus goes to the row that took the removed one's place.
  await press(page, page.getByRole('checkbox', { name: 'Select key-2' }), 'Space');
  await expect(bar(page)).toContainText('1 selected');
  const after = await page.evaluate(() => {
    const slots = [...document.querySelectorAll<HTMLElement>('[data-photo-id]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    const at = slots.findIndex((el) => el.dataset.photoId === 'key-2');
    return (slots[at + 1] ?? slots[at - 1])!.dataset.photoId!;
  });
  await press(page, bar(page).getByRole('button', { name: 'Remove', exact: true }));
  await expect(rows).toHaveCount(4);
  await expect(slot(page, after)).toBeFocused();

  // Undo in the toast: the photo comes back and focus goes to it.
  await press(page, page.getByRole('button', { name: 'Undo' }));
  await expect(rows).toHaveCount(5);
  await expect(slot(page, 'key-2')).toBeFocused();

  // Remove all finished: the running photo is all that is left, and it has focus.
  await press(page, bar(page).getByRole('button', { name: 'Remove all finished' }));
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Removed 4 photos' })).toBeVisible();
  await expect(slot(page, 'key-run')).toBeFocused();

  // Escape in the toast closes it; focus, which was in it, goes to the list's heading.
  await press(page, page.getByRole('button', { name: 'Undo' }), 'Escape');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeFocused();
});

test('the label form: Enter saves, Cancel and Escape close it, focus back on the label’s button each time', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'lab-1');
  const photo = row(page, 'lab-1');

  await press(page, photo.getByRole('button', { name: 'Add label' }));
  const field = photo.getByLabel('Label', { exact: true });
  await expect(field).toBeFocused();
  await page.keyboard.type('Acme');
  await page.keyboard.press('Enter');
  const edit = photo.getByRole('button', { name: 'Edit label: Acme' });
  await expect(edit).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await page.keyboard.type(' spring');
  await press(page, photo.getByRole('button', { name: 'Cancel' }));
  await expect(field).toHaveCount(0);
  await expect(edit).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.type(' never saved');
  await page.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(edit).toBeFocused();
});

test('Settings closes on Escape and on Close with focus on its button; an import leaves focus on Import', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);

  const opener = page.getByRole('button', { name: 'Settings', exact: true });
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await press(page, opener);
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await press(page, opener);
  await press(page, dialog.getByRole('button', { name: 'Close' }));
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  const importButton = page.getByRole('button', { name: 'Import from a file' });
  const chooser = page.waitForEvent('filechooser');
  await press(page, importButton);
  await (await chooser).setFiles({ name: 'ids.txt', mimeType: 'text/plain', buffer: Buffer.from('imp-1\nimp-2\n') });
  await expect(page.getByText('From ids.txt:')).toBeVisible();
  await expect(row(page, 'imp-2')).toBeVisible();
  await expect(importButton).toBeFocused();
});

test('Save all keeps focus on itself while the images download', async ({ page, fake, startHost }) => {
  fake.setPhoto('save-1', { kind: 'ready', afterChecks: 0 });
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'save-1');
  const photo = row(page, 'save-1');
  await expect(photo.getByText('Kept on this computer')).toBeVisible(FIRST_ANSWER);
  const saveAll = photo.getByRole('button', { name: 'Save all 4 images' });
  await press(page, saveAll);
  await expect(photo.getByRole('status')).toHaveText('Your browser is downloading 4 images.');
  await expect(saveAll).toBeFocused();
  expect(await focusedTag(page)).toBe('BUTTON');
});

test('a half-typed label survives its row scrolling out of the list and back', async ({ page, startHost }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  const ids = Array.from({ length: 120 }, (_, i) => `far-${String(i).padStart(3, '0')}`);
  await watch(page, ids.join('\n'));
  const first = row(page, 'far-000');
  await first.getByRole('button', { name: 'Add label' }).click();
  await first.getByLabel('Label', { exact: true }).fill('Acme, half typed');

  // Far enough that the virtual list unmounts the row with its form, then back to the top.
  const scroller = page.locator('.scroller');
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(first).toHaveCount(0);
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(first.getByLabel('Label', { exact: true })).toHaveValue('Acme, half typed');
});
