// What every end-to-end test stands on: a fake JoggAI on loopback, a fresh data folder, preview
// hosts started on demand (and stopped afterwards), and recorded notifications.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { recordNotifications } from './notifications';
import { startPreviewHost, type PreviewHost } from './preview-host';

interface Fixtures {
  fake: FakeJogg;
  dataDir: string;
  /** Starts the preview host on this test's fake and data folder; stopped when the test ends. */
  startHost: () => Promise<PreviewHost>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  fake: async ({}, use) => {
    const fake = await startFakeJogg({ validKeys: ['good-key'] });
    await use(fake);
    await fake.close();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'avatar-watch-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  startHost: async ({ fake, dataDir }, use) => {
    const hosts: PreviewHost[] = [];
    await use(async () => {
      const host = await startPreviewHost(['--data-dir', dataDir, '--api-base-url', fake.url, '--secret-store', 'memory']);
      hosts.push(host);
      return host;
    });
    for (const host of hosts) await host.stop();
  },
  context: async ({ context }, use) => {
    await recordNotifications(context);
    await use(context);
  },
});

export { expect };

export const row = (page: Page, photoId: string) => page.getByRole('article', { name: photoId });

/** Onboarding with the fake's good key, as a person does it. */
export async function connect(page: Page): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill('good-key');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
}

/** A new photo's first check comes 10 s after adding it (JoggAI's guide): its first answer within this. */
export const FIRST_ANSWER = { timeout: 20_000 };

/** Pastes IDs into the watch field and starts watching them. */
export async function watch(page: Page, text: string): Promise<void> {
  await page.getByLabel('Photo IDs').fill(text);
  await page.getByRole('button', { name: 'Start watching' }).click();
}
