// Lint: recommended JS/TS/Vue rules, plus the architecture's one-way arrows as import bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((pattern) => ({ group: [pattern], message })) }],
});

export default tseslint.config(
  { ignores: ['.tmp/**', 'out/**', 'release/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // The core is plain TypeScript: no electron, nothing from the hosts or the renderer.
  {
    files: ['main/core/**'],
    rules: restrict(['electron', '**/shell/**', '**/web-host/**', '**/renderer/**'], 'main/core must not depend on a host or the UI.'),
  },
  // The web host reuses the core but never Electron.
  {
    files: ['main/web-host/**'],
    rules: restrict(['electron', '**/shell/**', '**/renderer/**'], 'The web preview host runs in plain Node.'),
  },
  // The renderer only knows the contract.
  {
    files: ['renderer/**'],
    rules: restrict(['electron', '**/main/**', 'node:*'], 'The renderer talks to main only through preload/api.ts.'),
  },
);
