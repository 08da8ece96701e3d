// Real-Electron specs of the main flow (`npm run test:electron`). They need Electron's program,
// which cannot be downloaded on every machine; the same flow runs in plain Chromium through the
// web preview (tests/e2e) everywhere else.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // One Electron app at a time: each owns a tray icon and desktop notifications.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
