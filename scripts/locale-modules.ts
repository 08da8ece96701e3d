// A build step for the renderer's message catalogues (renderer/src/i18n/<locale>.ts).
//
// vue-i18n's precompiler (@intlify/unplugin-vue-i18n) only reads a catalogue written as
// `export default { … }`, but ours are `const en = { … } as const; export default en;` so that
// `typeof en` can type every other locale and main's translator. Rather than bend the catalogue to
// the tool, this plugin runs just before the precompiler: it strips the types, evaluates the module
// (a catalogue imports nothing at run time, so the result is plain data) and hands the precompiler
// `export default <that data>`. The precompiler then turns every message into an AST the runtime-only
// vue-i18n can render, so the window needs neither a message compiler nor eval.
import { resolve } from 'node:path';
import vueI18n from '@intlify/unplugin-vue-i18n/vite';
import { createFilter, transformWithOxc, type Plugin, type PluginOption } from 'vite';

/**
 * The catalogues, one per locale, named by language tag (`en.ts`, `zh-CN.ts`): two lowercase
 * letters and an optional region, so the helpers beside them (index.ts, row-words.ts) never match.
 */
export const LOCALE_FILES = 'renderer/src/i18n/[a-z][a-z]?(-+([A-Za-z])).ts';

function localeModules(root: string): Plugin {
  const isLocaleFile = createFilter(LOCALE_FILES, undefined, { resolve: root });
  return {
    name: 'avatar-watch-locale-modules',
    enforce: 'pre',
    async transform(code, id) {
      if (!isLocaleFile(id)) return undefined;
      const { code: js } = await transformWithOxc(code, id, { lang: 'ts' });
      const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
      let messages: unknown;
      try {
        messages = ((await import(url)) as { default?: unknown }).default;
      } catch (error) {
        this.error(`${id} must be plain data with no run-time imports to be precompiled: ${String(error)}`);
      }
      if (typeof messages !== 'object' || messages === null) {
        this.error(`${id} must export its messages as the default export`);
      }
      return { code: `export default ${JSON.stringify(messages)};\n`, map: null };
    },
  };
}

/**
 * The renderer's message build: catalogues compiled here, at build time, to the AST vue-i18n's
 * runtime renders, and the page given vue-i18n's runtime-only build (no message compiler, never
 * eval, so the CSP needs no 'unsafe-eval'). Composition API only, and no <i18n-t>/v-t (unused),
 * so both tree-shake away. tests/unit/build/precompiled-messages.test.ts builds through this.
 */
export function precompiledMessages(root: string): PluginOption[] {
  return [
    localeModules(root),
    vueI18n({
      include: [resolve(root, LOCALE_FILES)],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      dropMessageCompiler: true,
      // A message with HTML fails the build rather than reaching v-html-free templates as markup.
      strictMessage: true,
    }),
  ];
}
