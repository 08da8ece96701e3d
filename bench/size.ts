// `npm run size`: the window's JavaScript, raw and gzipped, against the budget, and the build's two
// promises (no message compiler, no eval). Exits non-zero when any of them fails.
import { kb, measureBuiltRenderer, rendererTargets } from './renderer-size';

async function main(): Promise<void> {
  const size = await measureBuiltRenderer();
  for (const file of size.files) {
    console.log(`  ${file.name}: ${kb(file.bytes)} raw, ${kb(file.gzipBytes)} gzipped${file.firstLoad ? '' : ' (loaded on demand)'}`);
  }
  const targets = rendererTargets(size);
  for (const { target, reached, figure } of targets) console.log(`${reached ? 'ok  ' : 'MISS'} ${target}: ${figure}`);
  if (targets.some((target) => !target.reached)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
