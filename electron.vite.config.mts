import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { precompiledMessages } from './scripts/locale-modules';

// Three builds, one per process.
//
// Main bundles every pure-JS package it imports (zod, write-file-atomic, electron-log,
// electron-updater): they are devDependencies, so electron-builder copies no node_modules for
// them and app.asar stays small. `externalizeDeps` keeps the package.json `dependencies`
// external, and that list is keytar alone on purpose: keytar is native, its .node binary must load
// from app.asar.unpacked, and it is required at run time (createRequire) so that a missing
// libsecret fails inside the key store, not at startup. `electron` and `node:` builtins are always
// external. A new runtime import that cannot be bundled must go to `dependencies` and into
// `include` here; `npm run test:package` fails when out/main requires anything else.
// The main bundle drops whitespace and comments (about a quarter of its size, most of it from
// electron-updater's tree) but keeps every name, so stack traces in the log stay readable; no
// compression pass, so the bundled libraries run as their authors wrote them.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'main/shell/index.ts') },
        output: { minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } } },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [
      // Every component is <script setup>, so Vue's Options API (about 2 KB gzipped) is dead weight.
      vue({ features: { optionsAPI: false } }),
      // Messages compiled at build time, vue-i18n's runtime-only build (scripts/locale-modules.ts).
      // Main keeps its own compiler over the raw catalogue (main/shell/text.ts): it renders a
      // handful of strings in Node, where no CSP applies, so precompiling for it would add a
      // second build step to save nothing.
      ...precompiledMessages(import.meta.dirname),
      // `electron-vite dev` only: Vite injects CSS as <style> elements for hot reload, which the
      // page's strict CSP (no 'unsafe-inline' styles) would block. Built pages keep the strict one;
      // main/shell/window.ts sends the dev server the same relaxed header (DEV_RENDERER_CSP).
      {
        name: 'avatar-watch-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
      },
    ],
    build: {
      // The window loads from disk, so size is parse time rather than download: minify it all.
      minify: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
        // Everything the first paint needs in one file: code shared between the entry and a lazily
        // loaded part would otherwise be split into chunks of its own, each gzipped apart (bigger).
        output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } },
      },
    },
  },
});
