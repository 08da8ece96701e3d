// `npm run dist` (after `electron-vite build`): builds the installers of electron-builder.yml for
// the OS this runs on, with the signing the credentials in the environment allow (see
// scripts/dist-options.mjs). Extra arguments go to electron-builder, e.g.
//   npm run dist -- --publish never
//   npm run dist -- --test-build      (Playwright builds: the --inspect fuse stays on)
//   npm run dist -- --dry-run         (print the electron-builder call and stop)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distOptions } from './dist-options.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const rawArgs = process.argv.slice(2);
const dryRun = rawArgs.includes('--dry-run');
let options;
try {
  options = distOptions({ platform: process.platform, arch: process.arch, env: process.env, args: rawArgs.filter((arg) => arg !== '--dry-run') });
} catch (error) {
  console.error(`dist: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const builderArgs = [...options.builderArgs];
let scratch;
if (options.omitMacIdentity) {
  // A -c override can set mac.identity but not remove it (and `null` means "do not sign"), so the
  // Developer ID build uses a copy of electron-builder.yml without it. electron-builder reads the
  // yml with js-yaml; this reads it with the same copy. Paths in it stay relative to the project.
  const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml');
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  if (config.mac) delete config.mac.identity;
  scratch = mkdtempSync(join(tmpdir(), 'avatar-watch-dist-'));
  const effective = join(scratch, 'electron-builder.json');
  writeFileSync(effective, JSON.stringify(config, null, 2));
  builderArgs.push('--config', effective);
}

console.log(`dist: ${process.platform}, signing: ${options.signing}${options.notarize ? ', notarized' : ''}`);
for (const note of options.notes) console.log(`dist: ${note}`);
console.log(`dist: electron-builder ${builderArgs.join(' ')}`);
if (dryRun) {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), ...builderArgs], {
  cwd: root,
  stdio: 'inherit',
});
if (scratch) rmSync(scratch, { recursive: true, force: true });
if (result.error) console.error(`dist: ${result.error.message}`);
process.exit(result.status ?? 1);
