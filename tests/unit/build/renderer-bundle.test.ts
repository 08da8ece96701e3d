// The window's bundle as `npm run build` makes it: within the gzipped budget, minified, with no
// vue-i18n message compiler and nothing that evaluates strings (the CSP has no 'unsafe-eval').
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, measureRenderer, RENDERER_JS_BUDGET_GZIP, type RendererSize } from '../../../bench/renderer-size';

describe('renderer bundle', () => {
  let outDir: string;
  let size: RendererSize;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'avatar-watch-bundle-'));
    await buildRenderer(outDir);
    size = await measureRenderer(outDir);
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('keeps its JavaScript within the gzipped budget', () => {
    expect(size.files.length).toBeGreaterThan(0);
    expect(size.startGzipBytes).toBeLessThanOrEqual(RENDERER_JS_BUDGET_GZIP);
  });

  it('loads each catalogue only on demand, as its own precompiled chunk', async () => {
    expect(size.locales.map((chunk) => chunk.locale)).toEqual(['en', 'zh-CN']);
    const chunk = size.files.find((file) => file.name.startsWith('zh-CN.start-'))!;
    expect(chunk.firstLoad).toBe(false);
    const code = await readFile(join(outDir, 'assets', chunk.name), 'utf8');
    // Precompiled like English: vue-i18n's AST, not message source for a runtime compiler.
    expect(code).toMatch(/\{t:0,b:\{t:2,i:\[\{t:3\}\],s:`连接你的 JoggAI 账户`\}\}/);
    expect(code).not.toContain('Connect your JoggAI account');
    for (const file of size.files.filter((f) => f.firstLoad)) {
      const code = await readFile(join(outDir, 'assets', file.name), 'utf8');
      expect(code, file.name).not.toContain('连接你的 JoggAI 账户');
      expect(code, file.name).not.toContain('Connect your JoggAI account');
    }
  });

  it('splits each catalogue: the first screen’s words apart from what only an action shows, main’s words left out', async () => {
    const read = (prefix: string) => readFile(join(outDir, 'assets', size.files.find((file) => file.name.startsWith(prefix))!.name), 'utf8');
    const [start, later] = await Promise.all([read('en.start-'), read('en.later-')]);
    // The list's heading is on every first screen; Settings' words only once it opens.
    expect(start).toContain('`Watchlist`');
    expect(later).not.toContain('`Watchlist`');
    expect(later).toContain('Notify when a photo avatar is ready');
    expect(start).not.toContain('Notify when a photo avatar is ready');
    // The app menu and update dialogs are main's (main/shell/text.ts reads the whole catalogue).
    for (const code of [start, later]) expect(code).not.toContain('Check for updates…');
    expect(size.files.find((file) => file.name.startsWith('en.later-'))!.firstLoad).toBe(false);
  });

  it('ships no message compiler and never evaluates strings as code', () => {
    expect(size.compilerMarkers).toEqual([]);
    expect(size.evaluatesStrings).toBe(false);
  });

  it('is minified: a few long lines, not one statement a line', async () => {
    for (const name of (await readdir(join(outDir, 'assets'))).filter((file) => file.endsWith('.js'))) {
      const code = await readFile(join(outDir, 'assets', name), 'utf8');
      // Unminified, this bundle is some 14,000 lines of about 36 characters; minified, a handful
      // (a small chunk's text with line breaks, such as the CSV writer's, counts a few more).
      const lines = code.split('\n').length;
      // A tiny chunk (a helper two lazy parts share) may be one short line: minified all the same.
      if (lines > 1) expect(code.length / lines, name).toBeGreaterThan(code.length > 50_000 ? 1000 : 300);
    }
  });

  it('still shows the catalogue’s words, now as precompiled messages', async () => {
    const name = size.files.find((file) => file.name.startsWith('en.start-'))?.name;
    const code = await readFile(join(outDir, 'assets', name!), 'utf8');
    expect(code).toContain('Connect your JoggAI account');
    // vue-i18n's AST for a plain message: {t: Resource, b: {t: Plural?…, s: static text}}.
    expect(code).toMatch(/\{t:0,b:\{t:2,i:\[\{t:3\}\],s:`Connect your JoggAI account`\}\}/);
  });
});
