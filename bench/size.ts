// `npm run size`: the window's JavaScript, raw and gzipped, against the budget, and the build's two
// promises (no message compiler, no eval). Exits non-zero when any of them fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, kb, measureRenderer, RENDERER_JS_BUDGET_GZIP, sizeLine } from './renderer-size';

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'avatar-watch-size-'));
  try {
    await buildRenderer(outDir);
    const size = await measureRenderer(outDir);
    for (const file of size.files) console.log(`  ${file.name}: ${kb(file.bytes)} raw, ${kb(file.gzipBytes)} gzipped`);
    console.log(sizeLine(size));
    console.log(`message compiler shipped: ${size.compilerMarkers.length > 0 ? 'YES' : 'no'}`);
    console.log(`eval / new Function: ${size.evaluatesStrings ? 'YES' : 'no'}`);
    if (size.gzipBytes > RENDERER_JS_BUDGET_GZIP || size.compilerMarkers.length > 0 || size.evaluatesStrings) {
      process.exitCode = 1;
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
