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

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Issue 8's target for the renderer's JavaScript, gzipped: what the window loads before its first
 * paint (the entry and what index.html loads or preloads). Code behind a dynamic import (the
 * importer and exporter) comes on first use and is measured apart (`lazyGzipBytes`).
 */
export const RENDERER_JS_BUDGET_GZIP = 80 * 1024;

/**
 * Text only vue-i18n's message compiler carries, and that minifying keeps (its error table is
 * dropped from production builds, so that is no sign): the code generator's function header and
 * the parser's default file name. Finding either means the compiler shipped.
 */
const COMPILER_MARKERS = ['function __msg__', 'message.intl'];

export interface RendererSize {
  files: { name: string; bytes: number; gzipBytes: number; firstLoad: boolean }[];
  bytes: number;
  gzipBytes: number;
  /** The files index.html loads or preloads: what the budget holds. */
  firstLoadGzipBytes: number;
  /** The rest: chunks loaded on first use. */
  lazyGzipBytes: number;
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
  // What the page itself names (its module script and any modulepreload links) loads up front.
  const page = await readFile(join(outDir, 'index.html'), 'utf8');
  const upFront = new Set(Array.from(page.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/gu), (match) => match[1]));
  const files = [];
  const markers = new Set<string>();
  let evaluatesStrings = false;
  for (const name of names) {
    const code = await readFile(join(assets, name));
    files.push({ name, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, firstLoad: upFront.has(name) });
    const text = code.toString('utf8');
    for (const marker of COMPILER_MARKERS) if (text.includes(marker)) markers.add(marker);
    if (/\beval\(|\bnew Function\(/.test(text)) evaluatesStrings = true;
  }
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    firstLoadGzipBytes: files.reduce((sum, file) => sum + (file.firstLoad ? file.gzipBytes : 0), 0),
    lazyGzipBytes: files.reduce((sum, file) => sum + (file.firstLoad ? 0 : file.gzipBytes), 0),
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

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The size figures as targets, in bench/strategies.ts's `Target` shape. */
export function rendererTargets(size: RendererSize): { target: string; reached: boolean; figure: string }[] {
  return [
    {
      target: `renderer JS <= ${kb(RENDERER_JS_BUDGET_GZIP)} gzipped (first load)`,
      reached: size.firstLoadGzipBytes <= RENDERER_JS_BUDGET_GZIP,
      figure: `${kb(size.firstLoadGzipBytes)} gzipped; ${kb(size.lazyGzipBytes)} more on first use (${kb(size.bytes)} raw in all)`,
    },
    {
      target: 'no message compiler in the renderer',
      reached: size.compilerMarkers.length === 0,
      figure: size.compilerMarkers.length === 0 ? 'none' : `found ${size.compilerMarkers.join(', ')}`,
    },
    { target: 'no eval in the renderer', reached: !size.evaluatesStrings, figure: size.evaluatesStrings ? 'found' : 'none' },
  ];
}
