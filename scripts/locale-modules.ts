// A build step for the renderer's message catalogues (renderer/src/i18n/<locale>.ts).
//
// vue-i18n's precompiler (@intlify/unplugin-vue-i18n) only reads a catalogue written as
// `export default { … }`, but ours are `const en = { … } as const; export default en;` so that
// `typeof en` can type every other locale and main's translator. Rather than bend the catalogue to
// the tool, this plugin runs just before the precompiler: it strips the types, evaluates the module
// (a catalogue imports nothing at run time, so the result is plain data) and hands the precompiler
// `export default <that data>`. The precompiler then turns every message into an AST the runtime-only
// vue-i18n can render, so the window needs neither a message compiler nor eval.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import vueI18n from '@intlify/unplugin-vue-i18n/vite';
import { createFilter, transformWithOxc, type Plugin, type PluginOption } from 'vite';
import { CATALOGUE_PARTS, cataloguePart, type CataloguePart } from '../renderer/src/i18n/parts';

/**
 * The catalogues, one per locale, named by language tag (`en.ts`, `zh-CN.ts`): two lowercase
 * letters and an optional region, so the helpers beside them (index.ts, row-words.ts) never match.
 */
export const LOCALE_FILES = 'renderer/src/i18n/[a-z][a-z]?(-+([A-Za-z])).ts';

/**
 * One part of a catalogue (renderer/src/i18n/parts.ts), as the window imports it:
 * `virtual:catalogue/<locale>/<part>`. It resolves to a file name beside the catalogue,
 * `<locale>.<part>.ts`, that exists only in the build: the precompiler below then treats it like
 * any catalogue, and Vite names its chunk after it (`en.start-….js`).
 */
const PART_SPECIFIER = /^virtual:catalogue\/([A-Za-z-]+)\/([a-z]+)$/;
export const PART_FILES = 'renderer/src/i18n/[a-z][a-z]?(-+([A-Za-z])).+([a-z]).ts';
const PART_FILE = /\/([a-z]{2}(?:-[A-Za-z]+)?)\.([a-z]+)\.ts$/;

/** A catalogue's source as plain data: its types stripped, then evaluated (it imports nothing). */
async function evaluateCatalogue(code: string, id: string, fail: (message: string) => never): Promise<Record<string, unknown>> {
  const { code: js } = await transformWithOxc(code, id, { lang: 'ts' });
  const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
  let messages: unknown;
  try {
    messages = ((await import(url)) as { default?: unknown }).default;
  } catch (error) {
    fail(`${id} must be plain data with no run-time imports to be precompiled: ${String(error)}`);
  }
  if (typeof messages !== 'object' || messages === null) fail(`${id} must export its messages as the default export`);
  return messages as Record<string, unknown>;
}

function localeModules(root: string): Plugin {
  const isLocaleFile = createFilter(LOCALE_FILES, undefined, { resolve: root });
  const isPartFile = createFilter(PART_FILES, undefined, { resolve: root });
  return {
    name: 'avatar-watch-locale-modules',
    enforce: 'pre',
    resolveId(source) {
      const match = PART_SPECIFIER.exec(source);
      if (match === null) return undefined;
      const [, locale, part] = match;
      if (!(CATALOGUE_PARTS as readonly string[]).includes(part!)) this.error(`${source}: no catalogue part "${part!}"`);
      return resolve(root, 'renderer/src/i18n', `${locale!}.${part!}.ts`);
    },
    async load(id) {
      if (!isPartFile(id)) return undefined;
      const [, locale, part] = PART_FILE.exec(id) ?? [];
      const source = resolve(root, 'renderer/src/i18n', `${locale!}.ts`);
      this.addWatchFile(source);
      const messages = await evaluateCatalogue(await readFile(source, 'utf8'), source, (message) => this.error(message));
      return { code: `export default ${JSON.stringify(cataloguePart(messages, part as CataloguePart))};\n`, map: null };
    },
    async transform(code, id) {
      if (!isLocaleFile(id)) return undefined;
      const messages = await evaluateCatalogue(code, id, (message) => this.error(message));
      return { code: `export default ${JSON.stringify(messages)};\n`, map: null };
    },
  };
}

/**
 * The catalogue parts alone, uncompiled: what the unit tests' Vite (vitest.config.mts) needs to
 * load a part the way the page does, with vue-i18n's compiler still at hand there.
 */
export function catalogueParts(root: string): Plugin {
  return localeModules(root);
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
      include: [resolve(root, LOCALE_FILES), resolve(root, PART_FILES)],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      dropMessageCompiler: true,
      // A message with HTML fails the build rather than reaching v-html-free templates as markup.
      strictMessage: true,
    }),
  ];
}
