import { defineConfig } from 'vitest/config';

// Run by tests/keychain/run.sh inside a private D-Bus session with gnome-keyring unlocked.
export default defineConfig({
  test: {
    include: ['tests/keychain/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    fileParallelism: false,
  },
});
