// The window's catalogue goes through the same build step as `npm run build`
// (scripts/locale-modules.ts) and must come out as ASTs that vue-i18n's runtime-only build renders
// without a message compiler, word for word what the compiler makes of the source text.
import { resolve } from 'node:path';
import {
  compile,
  createCoreContext,
  type MessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
} from '@intlify/core-base';
import vue from '@vitejs/plugin-vue';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { precompiledMessages } from '../../../scripts/locale-modules';
import en from '../../../renderer/src/i18n/en';
import zhCN from '../../../renderer/src/i18n/zh-CN';

const ROOT = resolve(import.meta.dirname, '../../..');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree);
}

/** Builds one catalogue through the renderer's message plugins and loads the result. */
async function buildCatalogue(file: string): Promise<unknown> {
  const output = (await build({
    configFile: false,
    root: ROOT,
    mode: 'production',
    logLevel: 'silent',
    plugins: [vue(), ...precompiledMessages(ROOT)],
    build: { write: false, minify: false, lib: { entry: resolve(ROOT, file), formats: ['es'], fileName: 'catalogue' } },
  })) as Rolldown.RolldownOutput[];
  const chunk = output[0]!.output.find((item) => item.type === 'chunk')!;
  const url = `data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`;
  return ((await import(url)) as { default: unknown }).default;
}

/** `translate` without its key typing, which the catalogue's literal types make too deep to check. */
const looseTranslate = translate as unknown as (context: unknown, key: string, ...rest: unknown[]) => unknown;

/** A compiler that refuses source text: what the runtime-only build amounts to. */
const astOnly: MessageCompiler = (message, context) => {
  if (typeof message === 'string') throw new Error(`'${context.key}' reached the window uncompiled`);
  return compile(message, context);
};

describe.each([
  ['en', 'renderer/src/i18n/en.ts', en],
  ['zh-CN', 'renderer/src/i18n/zh-CN.ts', zhCN],
] as const)('precompiled messages (%s)', (locale, file, catalogue) => {
  let built: unknown;
  beforeAll(async () => {
    registerMessageResolver(resolveValue);
    built = await buildCatalogue(file);
  }, 60_000);

  it('turns every message of the catalogue into an AST, none left as source text', () => {
    const all = leaves(catalogue as unknown as Tree);
    expect(all.length).toBeGreaterThan(100);
    const uncompiled = all.filter(([key]) => typeof lookup(built, key) !== 'object').map(([key]) => key);
    expect(uncompiled).toEqual([]);
  });

  it('renders every message without a compiler exactly as the compiler renders its source', () => {
    const context = (messages: unknown, messageCompiler: MessageCompiler) =>
      createCoreContext({ locale, messages: { [locale]: messages } as never, messageCompiler, missingWarn: false });
    const source = context(catalogue, compile);
    const shipped = context(built, astOnly);
    let plurals = 0;
    for (const [key, text] of leaves(catalogue as unknown as Tree)) {
      // Every placeholder gets a value that shows where it landed.
      const named = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, `«${name}»`]));
      const counts = text.includes('|') ? [0, 1, 3] : [undefined];
      if (counts.length > 1) plurals++;
      for (const count of counts) {
        const render = (context: typeof source) =>
          count === undefined ? looseTranslate(context, key, named) : looseTranslate(context, key, count, { named: { n: count, ...named } });
        expect(render(shipped), key).toBe(render(source));
        expect(render(shipped), key).not.toBe(key);
      }
    }
    expect(plurals).toBeGreaterThan(0);
  });
});
