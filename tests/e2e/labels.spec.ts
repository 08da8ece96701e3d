// Labels, export and import as a person does them in Chromium, against the real core and a fake
// JoggAI: a label added inline, found by the search, exported to CSV (the preview's download),
// and a CSV with labels and one bad row imported, with its report line by line.
import { readFile } from 'node:fs/promises';
import { connect, expect, row, test, watch } from './fixtures';

test('add a label inline, find it by search, export CSV, import a CSV with labels and a bad row', async ({ page, startHost }, testInfo) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'camp-1\ncamp-2');
  await expect(page.getByText('Added 2 photos')).toBeVisible();

  // Inline: the button becomes a labelled field; Enter saves; focus comes back to the label's button.
  await row(page, 'camp-1').getByRole('button', { name: 'Add label' }).click();
  const field = row(page, 'camp-1').getByLabel('Label', { exact: true });
  await expect(field).toBeFocused();
  await field.fill('Acme, spring "launch"');
  await field.press('Enter');
  const labelButton = row(page, 'camp-1').getByRole('button', { name: 'Edit label: Acme, spring "launch"' });
  await expect(labelButton).toBeFocused();

  // Escape closes the form without saving, and focus is not lost.
  await row(page, 'camp-2').getByRole('button', { name: 'Add label' }).click();
  await row(page, 'camp-2').getByLabel('Label', { exact: true }).fill('never saved');
  await page.keyboard.press('Escape');
  await expect(row(page, 'camp-2').getByRole('button', { name: 'Add label' })).toBeFocused();

  // The search finds the photo by its label.
  const rows = page.getByRole('article');
  await page.getByLabel('Search').fill('acme');
  await expect(rows).toHaveCount(1);
  await expect(row(page, 'camp-1')).toBeVisible();

  // Export what is shown: the preview downloads the file the window built.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^avatar-watch-photos-\d{4}-\d\d-\d\d\.csv$/u);
  const saved = testInfo.outputPath('export.csv');
  await file.saveAs(saved);
  const csv = await readFile(saved, 'utf8');
  expect(csv.startsWith('\uFEFFphoto_id,label,note,status,added_at,finished_at,failure_reason,image_urls\r\n')).toBe(true);
  expect(csv).toContain('camp-1,"Acme, spring ""launch""",,');
  expect(csv).not.toContain('camp-2');
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 photo.' })).toBeVisible();
  await page.getByLabel('Search').fill('');

  // Import a CSV: header in its own order, one row without an ID, one photo already labelled.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import from a file' }).click();
  await (await chooser).setFiles({
    name: 'campaign.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Label,Photo_ID,Note\r\nBeta,new-1,"first line\r\nsecond line"\r\nGhost,,\r\nOther,camp-1,\r\nFilled,camp-2,\r\n'),
  });
  await expect(page.getByText('From campaign.csv:')).toBeVisible();
  await expect(page.getByText('Added 1 photo')).toBeVisible();
  const report = page.getByLabel('3 entries were not added:');
  await expect(report).toContainText('Line 4');
  await expect(report).toContainText('No photo ID in this row');
  await expect(report).toContainText('Line 5');
  await expect(report).toContainText('Already on your list; it keeps its own label and note');
  await expect(report).toContainText('Line 6');
  await expect(report).toContainText('Already on your list; the file’s label or note was added');

  await expect(row(page, 'new-1').getByRole('button', { name: 'Edit label: Beta' })).toBeVisible();
  await row(page, 'new-1').getByText('Note', { exact: true }).click();
  await expect(row(page, 'new-1').getByText('first line')).toBeVisible();
  await expect(row(page, 'camp-1').getByRole('button', { name: 'Edit label: Acme, spring "launch"' })).toBeVisible();
  await expect(row(page, 'camp-2').getByRole('button', { name: 'Edit label: Filled' })).toBeVisible();

  // Sort by label: Acme…, Beta, Filled.
  await page.getByLabel('Sort').selectOption({ label: 'By label' });
  await expect(rows.first()).toHaveAccessibleName(/^camp-1\b/);
  await expect(rows.nth(1)).toHaveAccessibleName(/^new-1\b/);

  // Labels come back with the list after a reload.
  await page.reload();
  await expect(row(page, 'new-1').getByRole('button', { name: 'Edit label: Beta' })).toBeVisible();
});
