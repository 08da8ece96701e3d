// JoggAI going away and coming back, in real Chromium against the real core: the window says it
// cannot reach JoggAI, keeps what it knew, and picks up where it left off once JoggAI answers,
// with no restart and no click.
import { FIRST_ANSWER, connect, expect, row as rowOf, test, watch } from './fixtures';
import { shownNotifications } from './notifications';

test('the preview with the fake server going down and up again shows the offline state and recovers without a restart', async ({ page, fake, startHost }) => {
  // Up to ~40 s to notice, up to ~60 s to recover, plus setting up.
  test.setTimeout(180_000);
  // Done 20 s after it was scripted: still running when JoggAI goes away (right after the first
  // answer), and due by the time it is back, so the first check after recovery finds it ready.
  fake.setPhoto('photo-offline', { kind: 'ready', afterMs: 20_000 });

  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'photo-offline');
  const row = rowOf(page, 'photo-offline');
  await expect(row).toContainText('In progress', FIRST_ANSWER);

  fake.setDown(true);
  // The person wonders and presses Check now: the first failure happens now instead of whenever
  // the schedule looks next (it can be a minute or more out). From there it is all automatic:
  // the item backs off (~10 s, ~20 s) and the third failure in a row takes the connection down.
  await row.getByRole('button', { name: 'Check now photo-offline' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'Can’t reach JoggAI' });
  await expect(banner).toBeVisible({ timeout: 50_000 });
  await expect(banner).toContainText(/Checking again (in \d+ s|any moment)\./);
  // What was known stays on screen, and nothing was announced.
  await expect(row).toContainText('In progress');
  expect(await shownNotifications(page)).toEqual([]);

  fake.setDown(false);
  // Probes back off to at most ~30 s, and the first good answer brings a catch-up round.
  await expect(banner).toBeHidden({ timeout: 60_000 });
  await expect(row).toContainText('Ready', { timeout: 60_000 });
  await expect.poll(async () => (await shownNotifications(page)).map((n) => n.title)).toEqual(['Photo avatar ready']);
  expect((await shownNotifications(page))[0]?.body).toContain('photo-offline');
});
