import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Unit suites: Node for main/core and the shell (electron mocked), happy-dom for the renderer.
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // English registered up front: the window loads every catalogue as a chunk (i18n/index.ts).
    setupFiles: ['tests/support/i18n-setup.ts'],
  },
});
