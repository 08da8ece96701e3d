// Builds the window's bundle exactly as `npm run build` does (the same
// electron.vite.config.mts, production mode) into a scratch folder and reports its JavaScript,
// raw and gzipped, against the budget. It also checks the two promises the build makes: no
// vue-i18n message compiler ships (messages are compiled at build time), and nothing in the
// bundle evaluates strings as code, which the page's CSP (no 'unsafe-eval') would block.
// `npm run size` (bench/size.ts) prints it; tests/unit/build/renderer-bundle.test.ts holds it;
// bench/run.ts can add `targets.push(...rendererTargets(await measureBuiltRenderer()))`.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { LOCALES } from '../renderer/src/i18n/catalogue';
import type { CataloguePart } from '../renderer/src/i18n/parts';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Issue 8's target for the renderer's JavaScript, gzipped: what the window loads before its first
 * paint, the entry (what index.html loads or preloads) and the user's `start` words
 * (renderer/src/i18n/parts.ts). Code and words behind a dynamic import (Settings, the importer and
 * exporter, the `later` words, …: components/lazy-parts.ts) come on first use: listed in `files`,
 * not in the budget.
 */
export const RENDERER_JS_BUDGET_GZIP = 80 * 1024;

/**
 * Text only vue-i18n's message compiler carries, and that minifying keeps (its error table is
 * dropped from production builds, so that is no sign): the code generator's function header and
 * the parser's default file name. Finding either means the compiler shipped.
 */
const COMPILER_MARKERS = ['function __msg__', 'message.intl'];

export interface RendererSize {
  /** `firstLoad`: the page loads it at once (index.html names it); otherwise a lazy chunk. */
  files: { name: string; bytes: number; gzipBytes: number; firstLoad: boolean }[];
  /** What the page's HTML loads (the code, no words). */
  bytes: number;
  gzipBytes: number;
  /**
   * What a user loads before the window shows: the first load and their catalogue, the largest
   * one taken (gzipped). The budget applies to this.
   */
  startGzipBytes: number;
  /**
   * Each catalogue's first-screen part (en, zh-CN), which only a user reading that language
   * fetches; the rest of the words (`later`) come after the first paint, listed in `files`.
   */
  locales: { locale: string; bytes: number; gzipBytes: number }[];
  /** Which compiler markers the bundle holds; empty when no message compiler ships. */
  compilerMarkers: string[];
  /** Whether any file calls eval or the Function constructor. */
  evaluatesStrings: boolean;
}

/**
 * Builds the renderer as `npm run build` would, into `outDir`. Under the test runner (NODE_ENV
 * `test`) the build runs in a child process with NODE_ENV `production`: in the runner's own
 * process Vue's template compiler comes up in its development form and keeps every template
 * comment and v-if placeholder, which would measure a bundle nobody ships.
 */
export async function buildRenderer(outDir: string, configFile?: string): Promise<void> {
  if (process.env.NODE_ENV === undefined || process.env.NODE_ENV === 'production') return buildHere(outDir, configFile);
  const args = ['--import', 'tsx', join(ROOT, 'bench', 'build-renderer.ts'), outDir, ...(configFile ? [configFile] : [])];
  await promisify(execFile)(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, timeout: 120_000 });
}

/** The build itself, in this process. */
export async function buildHere(outDir: string, configFile?: string): Promise<void> {
  const resolved = await resolveConfig(
    { root: ROOT, configFile, logLevel: 'silent', mode: 'production' },
    'build',
    'production',
  );
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.mts has no renderer build');
  await build({ ...renderer, logLevel: 'silent', build: { ...renderer.build, outDir, emptyOutDir: true } });
}

/** Measures every JavaScript file under `outDir/assets`. */
export async function measureRenderer(outDir: string): Promise<RendererSize> {
  const assets = join(outDir, 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js')).sort();
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const files = [];
  const markers = new Set<string>();
  let evaluatesStrings = false;
  for (const name of names) {
    const code = await readFile(join(assets, name));
    // The entry script and its modulepreload links; a dynamic import() is in neither.
    const firstLoad = html.includes(`assets/${name}"`);
    files.push({ name, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, firstLoad });
    const text = code.toString('utf8');
    for (const marker of COMPILER_MARKERS) if (text.includes(marker)) markers.add(marker);
    if (/\beval\(|\bnew Function\(/.test(text)) evaluatesStrings = true;
  }
  const first = files.filter((file) => file.firstLoad);
  const locales = files.flatMap((file) => {
    const [, locale, part] = /^([A-Za-z-]+)\.([a-z]+)-[\w-]+\.js$/.exec(file.name) ?? [];
    return !isLocale(locale) || part !== FIRST_SCREEN_PART || file.firstLoad ? [] : [{ locale, bytes: file.bytes, gzipBytes: file.gzipBytes }];
  });
  return {
    files,
    bytes: first.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: first.reduce((sum, file) => sum + file.gzipBytes, 0),
    locales,
    startGzipBytes: first.reduce((sum, file) => sum + file.gzipBytes, 0) + Math.max(0, ...locales.map((chunk) => chunk.gzipBytes)),
    compilerMarkers: [...markers],
    evaluatesStrings,
  };
}

/** Builds the renderer into a scratch folder, measures it and removes the folder. */
export async function measureBuiltRenderer(): Promise<RendererSize> {
  const outDir = await mkdtemp(join(tmpdir(), 'avatar-watch-size-'));
  try {
    await buildRenderer(outDir);
    return await measureRenderer(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * The catalogues, each loaded on demand in parts (renderer/src/i18n/parts.ts); Vite names each
 * chunk `<locale>.<part>-<hash>.js`. The first paint waits for the `start` part only.
 */
const isLocale = (tag: string | undefined): tag is string => (LOCALES as readonly (string | undefined)[]).includes(tag);
const FIRST_SCREEN_PART: CataloguePart = 'start';

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The size figures as targets, in bench/strategies.ts's `Target` shape. */
export function rendererTargets(size: RendererSize): { target: string; reached: boolean; figure: string }[] {
  return [
    {
      target: `renderer JS <= ${kb(RENDERER_JS_BUDGET_GZIP)} gzipped (first load + the user's first-screen words)`,
      reached: size.startGzipBytes <= RENDERER_JS_BUDGET_GZIP,
      figure: `${kb(size.startGzipBytes)} gzipped at most: first load ${kb(size.gzipBytes)} (${kb(size.bytes)} raw) + ${size.locales
        .map((chunk) => `${chunk.locale} ${kb(chunk.gzipBytes)}`)
        .join(' or ')}`,
    },
    {
      target: 'no message compiler in the renderer',
      reached: size.compilerMarkers.length === 0,
      figure: size.compilerMarkers.length === 0 ? 'none' : `found ${size.compilerMarkers.join(', ')}`,
    },
    { target: 'no eval in the renderer', reached: !size.evaluatesStrings, figure: size.evaluatesStrings ? 'found' : 'none' },
  ];
}
