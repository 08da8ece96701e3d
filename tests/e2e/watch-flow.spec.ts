// The main job, as a person does it, in real Chromium against the real core and a fake JoggAI:
// a wrong key then a right one, three photos that end ready, failed and unknown, the results,
// the desktop notifications, and a restart that keeps the list.
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';
import { shownNotifications as shown } from './notifications';

test('a wrong key, a right key, three photos to their end, notifications, and a restart that keeps the list', async ({ page, fake, startHost }) => {
  fake.setPhoto('photo-ready', { kind: 'ready', afterChecks: 1 });
  fake.setPhoto('photo-fail', { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  fake.setPhoto('photo-unknown', { kind: 'not-found' });

  let host = await startHost();
  expect(host.output()).toMatch(/WARNING: --secret-store memory/);
  await page.goto(host.url);
  await expect(page.getByText(/keeps your API key in memory only/)).toBeVisible();

  // Onboarding: the wrong key is refused in plain words and stays in the field to fix.
  const keyField = page.getByLabel('API key', { exact: true });
  await keyField.fill('wrong-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('The key was not saved.')).toBeVisible();
  await expect(page.getByText(/did not accept this key\. Copy it again/)).toBeVisible();
  await expect(keyField).toHaveValue('wrong-key');

  await keyField.fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await expect(page.getByText(/Credits left: 42\.6/)).toBeVisible();

  // Three IDs, pasted the way people paste them.
  await watch(page, 'photo-ready, photo-fail\nphoto-unknown');
  await expect(page.getByText('Added 3 photos')).toBeVisible();

  await expect(row(page, 'photo-fail')).toContainText('Failed', FIRST_ANSWER);
  await expect(row(page, 'photo-fail')).toContainText('Face not detected in the source image');
  await expect(row(page, 'photo-unknown')).toContainText('Not found', FIRST_ANSWER);
  await expect(row(page, 'photo-ready')).toContainText('In progress', FIRST_ANSWER);
  // The schedule would look again in about a minute (2–5 min is usual); "Check now" asks at once
  // (at the earliest 5 s after the last look).
  await row(page, 'photo-ready').getByRole('button', { name: 'Check now photo-ready' }).click();
  await expect(row(page, 'photo-ready')).toContainText('Ready', { timeout: 15_000 });
  const thumbnails = row(page, 'photo-ready').locator('img');
  await expect(thumbnails).toHaveCount(4);
  // The fake serves real images; each one must actually load under the page's CSP.
  await expect.poll(() => thumbnails.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(4);

  // The failed photo is told of on its own; the ready one, finishing seconds later, comes as a
  // summary of both that replaces it (same tag) rather than stacking. "Not found" is only shown
  // in the window.
  await expect.poll(async () => (await shown(page)).length, { timeout: 30_000 }).toBe(2);
  const [failed, summary] = await shown(page);
  expect(failed).toMatchObject({ title: 'Photo avatar failed', body: expect.stringContaining('Face not detected') });
  expect(summary).toMatchObject({ title: 'Photo avatars finished', body: '1 photo avatar is ready · 1 failed', tag: failed!.tag });

  // Finished photos are not checked again.
  const checksBefore = fake.countChecks('photo-fail');
  await page.waitForTimeout(11_000);
  expect(fake.countChecks('photo-fail')).toBe(checksBefore);

  // Restart: the list is kept. The memory key store forgets the key, so checking pauses until one is added.
  expect(await host.stop()).toBe(0);
  host = await startHost();
  await page.goto(host.url);
  await expect(row(page, 'photo-ready')).toContainText('Ready');
  await expect(row(page, 'photo-ready').locator('img')).toHaveCount(4);
  await expect(row(page, 'photo-fail')).toContainText('Face not detected in the source image');
  await expect(row(page, 'photo-unknown')).toContainText('Not found');
  await expect(page.getByText('Add your API key to start checking.')).toBeVisible();
});

test('an unfinished photo is picked up again after a restart and finishes', async ({ page, fake, startHost }) => {
  fake.setPhoto('slow-one', { kind: 'ready', afterChecks: 1 });
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'slow-one');
  await expect(row(page, 'slow-one')).toContainText('In progress', FIRST_ANSWER);

  await host.stop();
  await page.goto((await startHost()).url);
  await expect(row(page, 'slow-one')).toContainText('Paused');
  await connect(page);
  // Resuming checks every unfinished item within seconds; the second answer is "ready".
  await expect(row(page, 'slow-one')).toContainText('Ready', { timeout: 30_000 });
  await expect.poll(async () => (await shown(page)).map((n) => n.title)).toEqual(['Photo avatar ready']);
});

test('the preview refuses a page or a socket without its token', async ({ page, startHost }) => {
  const host = await startHost();
  const origin = new URL(host.url).origin;
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Open the full "Preview URL"')).toBeVisible();
  const opened = await page.evaluate(
    (wsUrl) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(wsUrl);
        socket.onopen = () => resolve(true);
        socket.onerror = () => resolve(false);
      }),
    `${origin.replace('http', 'ws')}/ws?token=not-the-token`,
  );
  expect(opened).toBe(false);
});
