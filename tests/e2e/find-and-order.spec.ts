// Find and order, as a person does it in Chromium against the real core and a fake JoggAI: the
// status tallies filter the list, the search narrows it, the order changes, nothing matching says
// so with a way back, and a reload keeps the choice.
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

test('filter by status, search by ID, sort, clear, and the choice survives a reload', async ({ page, fake, startHost }) => {
  fake.setPhoto('shop-ready', { kind: 'ready', afterChecks: 0 });
  fake.setPhoto('shop-fail', { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  fake.setPhoto('promo-ready', { kind: 'ready', afterChecks: 0 });

  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  // Two pastes, so "added" has an order to show.
  await watch(page, 'shop-ready');
  await expect(page.getByText('Added 1 photo')).toBeVisible();
  await watch(page, 'shop-fail\npromo-ready');
  await expect(row(page, 'shop-fail')).toContainText('Failed', FIRST_ANSWER);
  await expect(row(page, 'shop-ready')).toContainText('Ready', FIRST_ANSWER);
  await expect(row(page, 'promo-ready')).toContainText('Ready', FIRST_ANSWER);
  const rows = page.getByRole('article');
  await expect(rows).toHaveCount(3);

  // A tally is a toggle: on, the list shows only that state.
  const failed = page.getByRole('button', { name: '1 failed' });
  await expect(failed).toHaveAttribute('aria-pressed', 'false');
  await failed.click();
  await expect(failed).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(1);
  await expect(row(page, 'shop-fail')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 3 photos' })).toBeVisible();

  // Two tallies on show both states.
  await page.getByRole('button', { name: '2 ready' }).click();
  await expect(rows).toHaveCount(3);

  // The search narrows by photo ID, whatever the case.
  const search = page.getByLabel('Search');
  await search.fill('SHOP');
  await expect(rows).toHaveCount(2);
  await expect(row(page, 'promo-ready')).toHaveCount(0);

  // Newest first (the default) leads with the second paste; oldest first with the first.
  await expect(rows.first()).toHaveAccessibleName(/^shop-fail\b/);
  await page.getByLabel('Sort').selectOption({ label: 'Oldest added first' });
  await expect(rows.first()).toHaveAccessibleName(/^shop-ready\b/);

  // The choice is still there after a reload.
  await page.reload();
  await expect(page.getByLabel('Search')).toHaveValue('SHOP');
  await expect(page.getByRole('button', { name: '1 failed' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Sort')).toHaveValue('added-oldest');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAccessibleName(/^shop-ready\b/);

  // Nothing matching says so; "Clear filters" shows every photo and leaves focus in the search box.
  await page.getByLabel('Search').fill('no-such-photo');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No photos match your filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByLabel('Search')).toBeFocused();
  await expect(page.getByRole('button', { name: '1 failed' })).toHaveAttribute('aria-pressed', 'false');
});
