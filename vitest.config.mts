import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { catalogueParts } from './scripts/locale-modules';

// Unit suites: Node for main/core and the shell (electron mocked), happy-dom for the renderer.
export default defineConfig({
  // The catalogue's parts (virtual:catalogue/…) load as in the page, uncompiled here.
  plugins: [vue(), catalogueParts(import.meta.dirname)],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // English registered up front: the window loads every catalogue as a chunk (i18n/index.ts).
    // …and the window's lazily loaded parts already in, as after their chunks came.
    setupFiles: ['tests/support/i18n-setup.ts', 'tests/unit/renderer/lazy-parts-setup.ts'],
  },
});
