// Results you keep, in Chromium through the real preview host: a ready photo's images are
// downloaded into the data folder and shown from the app's own origin, still after JoggAI's image
// links stop working; Link puts the https link on the clipboard; Save all downloads four files.
import type { Locator } from '@playwright/test';
import { FIRST_ANSWER, connect, expect, row, test, watch } from './fixtures';

/** True once the image has loaded real pixels (a broken image has no natural width). */
const loaded = (image: Locator) => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

test('a ready photo’s images are kept and shown from the app’s own origin, even after JoggAI’s links die', async ({ page, context, fake, startHost }) => {
  const host = await startHost();
  const origin = new URL(host.url).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  fake.setPhoto('kept-1', { kind: 'ready', afterChecks: 0 });
  await page.goto(host.url);
  await connect(page);
  await watch(page, 'kept-1');

  const photo = row(page, 'kept-1');
  await expect(photo.getByText('Kept on this computer')).toBeVisible(FIRST_ANSWER);
  const images = photo.getByRole('img', { name: /Result image \d of 4/ });
  await expect(images).toHaveCount(4);
  for (const image of await images.all()) {
    await expect(image).toHaveAttribute('src', /^\/data\/results\/kept-1-[0-9a-f]{16}\/\d\.png\?token=/);
    await expect.poll(() => loaded(image)).toBe(true);
  }

  // JoggAI's links expire: the page, loaded again, still shows every image from the data folder.
  fake.setImageFault('off');
  expect((await fetch(`${fake.url}/images/kept-1/1.png`)).status).toBe(404);
  await page.reload();
  const again = row(page, 'kept-1').getByRole('img', { name: /Result image \d of 4/ });
  await expect(again).toHaveCount(4);
  for (const image of await again.all()) await expect.poll(() => loaded(image)).toBe(true);

  // Link: JoggAI's https link, not the local copy's address.
  await row(page, 'kept-1').getByRole('button', { name: 'Copy link of image 2 of 4' }).click();
  await expect(row(page, 'kept-1').getByRole('status')).toHaveText('The link to image 2 is on the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${fake.url}/images/kept-1/2.png`);

  // Copy: the kept PNG itself.
  await row(page, 'kept-1').getByRole('button', { name: 'Copy image 1 of 4' }).click();
  await expect(row(page, 'kept-1').getByRole('status')).toHaveText('Image 1 is on the clipboard.');
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
  expect(types).toContain('image/png');

  // Save all: four downloads, named after the photo.
  const names: string[] = [];
  page.on('download', (download) => names.push(download.suggestedFilename()));
  await row(page, 'kept-1').getByRole('button', { name: 'Save all 4 images' }).click();
  await expect(row(page, 'kept-1').getByRole('status')).toHaveText('Your browser is downloading 4 images.');
  await expect.poll(() => names.length).toBe(4);
  expect(names.sort()).toEqual(['kept-1-1.png', 'kept-1-2.png', 'kept-1-3.png', 'kept-1-4.png']);

  // The room they take is shown in Settings, under the switch that turns copies off.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('checkbox', { name: 'Keep copies of result images on this computer' })).toBeChecked();
  await expect(settings.getByText(/Local copies: [\d,.]+ (bytes|kB) of 2 GB/)).toBeVisible();
});
