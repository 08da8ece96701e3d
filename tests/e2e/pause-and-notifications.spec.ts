// The user's pause and the test notification, end to end in Chromium through the preview host:
// the pause travels the real contract (a boolean argument checked by the host), holds checks in
// the core, survives a restart, and the banner's "Resume checking" undoes it. The test
// notification goes through the page's own Notification, worded from the catalogue.
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';
import { shownNotifications } from './notifications';

test('pausing holds every check across a restart, and Resume checking in the banner picks up again', async ({ page, fake, startHost }) => {
  fake.setPhoto('paused-1', { kind: 'ready', afterChecks: 1 });
  let host = await startHost();
  await page.goto(host.url);
  await connect(page);

  // What the tray's "Pause checking" sends (the preview has no tray).
  await page.evaluate(() => window.avatarWatch.setCheckingPaused(true));
  await expect(page.getByText('You paused checking.')).toBeVisible();
  await watch(page, 'paused-1');
  await expect(row(page, 'paused-1')).toContainText('Paused');
  await page.waitForTimeout(4_000);
  expect(fake.countChecks('paused-1')).toBe(0);
  // Not a boolean: refused by the host before the core sees it.
  await expect(page.evaluate(() => (window.avatarWatch.setCheckingPaused as (v: unknown) => Promise<void>)('false'))).rejects.toThrow(/true or false/);

  expect(await host.stop()).toBe(0);
  host = await startHost();
  await page.goto(host.url);
  await connect(page); // the preview's memory key store forgets the key
  await expect(page.getByText('You paused checking.')).toBeVisible();
  await page.waitForTimeout(4_000);
  expect(fake.countChecks('paused-1')).toBe(0);

  await page.getByRole('button', { name: 'Resume checking' }).click();
  await expect(page.getByText('You paused checking.')).toBeHidden();
  await expect.poll(() => fake.countChecks('paused-1'), FIRST_ANSWER).toBeGreaterThan(0);
  await expect(row(page, 'paused-1')).toContainText('In progress');

  // The window's own button (desktops without a tray icon have no other).
  await page.getByRole('button', { name: 'Pause checking' }).click();
  await expect(page.getByText('You paused checking.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause checking' })).toBeHidden();
});

test('Send a test notification shows one, asks whether it appeared, and gives advice when it did not', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  // The test lives with the notification settings.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(page.getByText('Did it appear?')).toBeVisible();
  expect(await shownNotifications(page)).toEqual([{ title: 'Avatar Watch notifications work', body: 'This is how Avatar Watch tells you that a photo avatar is ready.', tag: 'avatar-watch-test' }]);
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await expect(page.getByText('What to check')).toBeVisible();
  await expect(page.getByText(/in the web preview, your browser/)).toBeVisible();
});
