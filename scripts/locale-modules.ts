// A build step for the renderer's message catalogues (renderer/src/i18n/<locale>.ts).
//
// vue-i18n's precompiler (@intlify/unplugin-vue-i18n) only reads a catalogue written as
// `export default { … }`, but ours are `const en = { … } as const; export default en;` so that
// `typeof en` can type every other locale and main's translator. Rather than bend the catalogue to
// the tool, this plugin runs just before the precompiler: it strips the types, evaluates the module
// (a catalogue imports nothing at run time, so the result is plain data) and hands the precompiler
// `export default <that data>`. The precompiler then turns every message into an AST the runtime-only
// vue-i18n can render, so the window needs neither a message compiler nor eval.
import { createFilter, transformWithOxc, type Plugin } from 'vite';

/**
 * The catalogues, one per locale, named by language tag (`en.ts`, `zh-CN.ts`): two lowercase
 * letters and an optional region, so the helpers beside them (index.ts, row-words.ts) never match.
 */
export const LOCALE_FILES = 'renderer/src/i18n/[a-z][a-z]?(-+([A-Za-z])).ts';

export function localeModules(root: string): Plugin {
  const isLocaleFile = createFilter(LOCALE_FILES, undefined, { resolve: root });
  return {
    name: 'avatar-watch-locale-modules',
    enforce: 'pre',
    async transform(code, id) {
      if (!isLocaleFile(id)) return undefined;
      const { code: js } = await transformWithOxc(code, id, { lang: 'ts' });
      const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
      const loaded = (await import(url)) as { default?: unknown };
      const messages = loaded.default;
      if (typeof messages !== 'object' || messages === null) {
        this.error(`${id} must export its messages as the default export`);
      }
      return { code: `export default ${JSON.stringify(messages)};\n`, map: null };
    },
  };
}
