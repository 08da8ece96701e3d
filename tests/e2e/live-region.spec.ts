// What a screen reader hears when photos finish, in Chromium against the real core and a fake
// JoggAI: one polite sentence for a photo, one summary for several finishing together, each said
// once, and nothing again after a reload (what was finished before is no news).
import type { Page } from '@playwright/test';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

const region = (page: Page) => page.locator('[data-test="live-announcer"]');

/** Every text the live region is given from now on, in order (what a screen reader would read). */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { announced: string[] }).announced = log;
    const el = document.querySelector('[data-test="live-announcer"]')!;
    new MutationObserver(() => {
      const text = el.textContent?.trim() ?? '';
      if (text !== '') log.push(text);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

const announced = (page: Page) => page.evaluate(() => (window as unknown as { announced: string[] }).announced);

test('finished photos are announced politely, several as one summary, each once, and not again after a reload', async ({ page, fake, startHost }) => {
  fake.setPhoto('live-one', { kind: 'ready', afterChecks: 0 });
  for (const id of ['batch-a', 'batch-b']) fake.setPhoto(id, { kind: 'ready', afterChecks: 0 });
  fake.setPhoto('batch-c', { kind: 'fail', afterChecks: 0, message: 'Face not detected in the source image' });
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);

  // The region is there (empty) before anything finishes: a region born with its text is often not read.
  await expect(region(page)).toHaveAttribute('aria-live', 'polite');
  await expect(region(page)).toHaveAttribute('role', 'status');
  await expect(region(page)).toHaveText('');
  await recordAnnouncements(page);

  await watch(page, 'live-one');
  await expect(row(page, 'live-one')).toContainText('Ready', FIRST_ANSWER);
  await expect(region(page)).toHaveText('Photo live-one is ready');

  await watch(page, 'batch-a batch-b batch-c');
  await expect(row(page, 'batch-c')).toContainText('Failed', FIRST_ANSWER);
  await expect(region(page)).toHaveText('2 photo avatars are ready · 1 failed');
  // Rows keep re-rendering (the clock ticks every second): nothing is said again.
  await page.waitForTimeout(4_000);
  expect(await announced(page)).toEqual(['Photo live-one is ready', '2 photo avatars are ready · 1 failed']);

  // A reload (as after a restart) finds them finished already: no news, nothing said.
  await page.reload();
  await expect(row(page, 'batch-c')).toContainText('Failed');
  await recordAnnouncements(page);
  await page.waitForTimeout(4_000);
  await expect(region(page)).toHaveText('');
  expect(await announced(page)).toEqual([]);
});
