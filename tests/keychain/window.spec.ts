// Through the window, against a real Secret Service: a locked keyring that holds the key is
// explained (never "Add your API key"), the app stays usable, and Unlock brings the key back;
// with no D-Bus session at all the user keeps the key for this session and works as usual.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startFakeJogg, type FakeJogg } from '../fake-jogg/server';
import { row, watch } from '../e2e/fixtures';
import { startPreviewHost, type PreviewHost } from '../e2e/preview-host';

const run = promisify(execFile);
const KEY = 'kc-window-key-0123456789';
/** run.sh's throwaway keyring password (see in-session.sh). */
const KEYRING_PASSWORD = 'throwaway-test-password';

let fake: FakeJogg;
let dataDir: string;
const hosts: PreviewHost[] = [];

test.beforeEach(async () => {
  fake = await startFakeJogg({ validKeys: [KEY] });
  dataDir = mkdtempSync(join(tmpdir(), 'aw-keychain-window-'));
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function host(extraEnv: NodeJS.ProcessEnv = {}): Promise<PreviewHost> {
  const started = await startPreviewHost(['--data-dir', dataDir, '--api-base-url', fake.url, '--secret-store', 'keychain'], 30_000, extraEnv);
  hosts.push(started);
  return started;
}

async function saveKey(page: Page): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
}

/** Locks the login keyring the way a screen lock or a timeout does. */
async function lockKeyring(): Promise<void> {
  await run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/collection/login',
  ]);
}

/** Unlocks it as the password typed at the unlock prompt would (see unlock-keyring.py). */
async function unlockKeyring(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const unlock = spawn('/usr/bin/python3', [join(__dirname, 'unlock-keyring.py')], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    unlock.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => reject(new Error('unlock-keyring.py did not finish')), 15_000);
    unlock.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`unlock-keyring.py failed (${code}): ${errors}`));
    });
    unlock.stdin.end(KEYRING_PASSWORD);
  });
}

test('a locked keyring that holds the key: explained with Unlock, the list stays usable, Unlock resumes checking', async ({ page }) => {
  fake.setPhoto('kc-photo-1', { kind: 'ready', afterChecks: 1 });
  let preview = await host();
  await page.goto(preview.url);
  await saveKey(page);
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await expect(page.getByText('Kept in your computer’s keychain.')).toHaveCount(0); // the norm needs no line
  await watch(page, 'kc-photo-1');
  await expect(row(page, 'kc-photo-1')).toContainText('In progress');
  await preview.stop();

  await lockKeyring();
  preview = await host();
  await page.goto(preview.url);
  await expect(page.getByText('Your API key can’t be read right now')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Your key \(ending in 6789\) is saved in your computer’s keychain, but the keychain is locked/)).toBeVisible();
  await expect(page.getByText('Connect your JoggAI account')).toHaveCount(0);
  await expect(page.getByText(/Your saved API key can’t be read right now/)).toBeVisible(); // the pause banner
  // Still usable: the list is there and takes new IDs while checking waits for the key.
  await expect(row(page, 'kc-photo-1')).toBeVisible();
  await watch(page, 'kc-photo-2');
  await expect(row(page, 'kc-photo-2')).toBeVisible();
  const checksWhileLocked = fake.countChecks('kc-photo-2');

  await unlockKeyring();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Connected as demo-user')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Your API key can’t be read right now')).toHaveCount(0);
  expect(checksWhileLocked).toBe(0);
  await expect.poll(() => fake.countChecks('kc-photo-2'), { timeout: 20_000 }).toBeGreaterThan(0);
});

test('no D-Bus session: the window says there is no keychain, "this session only" works, nothing is written', async ({ page }) => {
  fake.setPhoto('nodbus-1', { kind: 'ready', afterChecks: 0 });
  const preview = await host({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/avatar-watch-bus' });
  await page.goto(preview.url);
  await expect(page.getByRole('note').filter({ hasText: 'This computer has no keychain service' })).toBeVisible({ timeout: 30_000 });

  await saveKey(page);
  await expect(page.getByRole('group', { name: 'Where should Avatar Watch keep this key?' })).toContainText('JoggAI accepted the key');
  await expect(page.getByLabel('API key', { exact: true })).toHaveValue(KEY);
  // The preview has no safeStorage: no encrypted file is offered, only the session.
  await expect(page.getByRole('button', { name: /Store it/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Keep it for this session only' }).click();
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await expect(page.getByText(/Kept for this session only/)).toBeVisible();

  await watch(page, 'nodbus-1');
  await expect(row(page, 'nodbus-1')).toContainText('Ready', { timeout: 20_000 });
  // The list was saved; the key went nowhere on disk.
  await expect.poll(() => readdirSync(dataDir)).toContain('watchlist.json');
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (statSync(path).isFile()) expect(readFileSync(path, 'utf8'), name).not.toContain(KEY);
  }
});
