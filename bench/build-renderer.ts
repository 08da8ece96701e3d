// `node --import tsx bench/build-renderer.ts OUT_DIR [CONFIG]`: the renderer's production build
// in a process of its own (see buildRenderer in renderer-size.ts for why).
import { buildHere } from './renderer-size';

const [outDir, configFile] = process.argv.slice(2);
if (!outDir) throw new Error('usage: build-renderer.ts OUT_DIR [CONFIG]');
buildHere(outDir, configFile).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
