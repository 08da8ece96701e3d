// Checks what an unpacked Linux build holds, offline and in seconds: the built app is in the
// asar, sources/tests/maps/dev tools are not, and keytar's native binary sits outside the asar.
//
//   node scripts/check-package.mjs             check release/linux-unpacked as it is
//   node scripts/check-package.mjs --assemble  first assemble it (needs `npm run build`): runs
//       electron-builder --linux dir with a stand-in Electron, no download and no native rebuild
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

const args = process.argv.slice(2);
const unpackedDir = resolve(root, args.find((arg) => !arg.startsWith('--')) ?? 'release/linux-unpacked');

function assemble() {
  if (!existsSync(join(root, 'out/main/index.js'))) fail('out/ is missing: run `npm run build` first.');
  // electron-builder only copies this folder; an executable named `electron` is all it needs.
  const fakeDist = mkdtempSync(join(tmpdir(), 'avatar-watch-electron-dist-'));
  writeFileSync(join(fakeDist, 'electron'), '#!/bin/sh\necho "stand-in Electron for packaging checks"\n');
  chmodSync(join(fakeDist, 'electron'), 0o755);
  const cli = join(root, 'node_modules/electron-builder/cli.js');
  const result = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', `-c.electronDist=${fakeDist}`, '-c.npmRebuild=false'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  rmSync(fakeDist, { recursive: true, force: true });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    fail('electron-builder --linux dir failed (output above).');
  }
}

function fail(message) {
  console.error(`check-package: ${message}`);
  process.exit(1);
}

if (args.includes('--assemble')) assemble();

const archive = join(unpackedDir, 'resources/app.asar');
if (!existsSync(archive)) fail(`${archive} does not exist: run with --assemble, or build first.`);

const entries = new Set(asar.listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/')));
const appEntries = [...entries].filter((entry) => !entry.startsWith('/node_modules/'));
const problems = [];
const expect = (ok, message) => {
  if (!ok) problems.push(message);
};

// The built app, its icons and its runtime dependencies are in.
for (const required of [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.js',
  '/out/renderer/index.html',
  '/resources/icon.png',
  '/resources/tray.png',
  '/resources/tray@2x.png',
]) {
  expect(entries.has(required), `missing ${required}`);
}
const ownPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const name of Object.keys(ownPackage.dependencies ?? {})) {
  expect(entries.has(`/node_modules/${name}/package.json`), `missing the dependency ${name}`);
}
const packedPackage = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
expect(packedPackage.main === 'out/main/index.js', `package.json "main" is ${packedPackage.main}, not out/main/index.js`);

// Sources, tests, tools and maps are out.
for (const entry of appEntries) {
  expect(!/\.(map|ts|mts|cts|tsx|vue)$/.test(entry), `should not ship ${entry}`);
  expect(!/^\/(main|preload|renderer|tests|bench|scripts|src|release|node_modules\/\.bin)(\/|$)/.test(entry), `should not ship ${entry}`);
}
for (const name of Object.keys(ownPackage.devDependencies ?? {})) {
  expect(!entries.has(`/node_modules/${name}`), `should not ship the dev tool ${name}`);
}
expect(![...entries].some((entry) => entry.endsWith('.map')), 'should not ship source maps');

// keytar's native binary is unpacked, where Electron can load it.
const keytarNode = join(unpackedDir, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node');
expect(existsSync(keytarNode) && statSync(keytarNode).size > 0, `missing ${keytarNode}`);

const files = [...entries].length;
if (problems.length > 0) {
  console.error(`check-package: ${archive} (${files} entries) has ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  process.exit(1);
}
console.log(`check-package: OK — ${archive}: ${files} entries, ${appEntries.length} outside node_modules; keytar.node unpacked.`);
