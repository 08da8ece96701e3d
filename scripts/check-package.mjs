// Checks the Linux package offline, in seconds (`npm run test:package`, part of `npm test`).
//
//   node scripts/check-package.mjs --assemble   assemble first (needs `npm run build`), then check;
//                                               the build goes to a private temporary folder (two
//                                               runs never share one), removed unless --keep
//   node scripts/check-package.mjs [dir]        check an existing unpacked build (default
//                                               release/linux-unpacked), e.g. a real one on CI
//
// --assemble runs electron-builder `--linux dir deb` with
//   - a stand-in Electron: a tiny executable that carries Electron's fuse wire (sentinel, version,
//     length, one byte per fuse, set to Electron's defaults), so electron-builder's
//     `electronFuses` step really flips it and the check reads every fuse back;
//   - CUSTOM_FPM_PATH = scripts/fpm-standin.mjs, which builds the .deb with dpkg-deb (electron-
//     builder would otherwise download a Ruby fpm; Debian has no ruby-fpm);
// then tries AppImage against a local mirror that answers 404, to prove the configuration is
// accepted and the only missing piece is the appimagetool download.
//
// Checked: the asar holds the built app and keytar's loader, nothing else (no sources, maps, tests,
// install-time modules), its size, keytar.node unpacked, every fuse as electron-builder.yml sets
// it (and the release policy the yml must keep), the .deb's control fields, desktop entry and files.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const started = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
// electron-builder's own YAML reader, so the yml is read exactly as electron-builder reads it.
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml');
const { FuseState, FuseV1Options, getCurrentFuseWire } = await import('@electron/fuses');

const MAX_ASAR_BYTES = 1.5 * 1024 * 1024;
// Bounds, so `npm test` cannot hang here: the builds take a few seconds.
const BUILDER_TIMEOUT_MS = 60_000;
const APPIMAGE_TIMEOUT_MS = 20_000;
// The only node_modules files the asar may hold: keytar's loader and its native binary.
const KEYTAR_FILES = ['package.json', 'LICENSE.md', 'lib/keytar.js', 'build/Release/keytar.node'];
// What the release build must keep, whatever else changes in the yml (issue 6, item 3).
const RELEASE_FUSE_POLICY = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
const FUSE_NOTES = {
  EnableEmbeddedAsarIntegrityValidation: 'effective on macOS and Windows only',
  EnableCookieEncryption: 'one-way: cannot be turned off again',
};
// Electron 45's default fuse states ('1' on, '0' off): the stand-in starts from these, so a fuse
// the yml sets to its non-default value must have been flipped by electron-builder to pass.
const ELECTRON_DEFAULT_WIRE = {
  RunAsNode: true,
  EnableCookieEncryption: false,
  EnableNodeOptionsEnvironmentVariable: true,
  EnableNodeCliInspectArguments: true,
  EnableEmbeddedAsarIntegrityValidation: false,
  OnlyLoadAppFromAsar: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: true,
  WasmTrapHandlers: true,
};

const args = process.argv.slice(2);
const assembleMode = args.includes('--assemble');
// The .deb is built with dpkg-deb, so on Linux only (the hosted macOS and Windows runners check
// the asar and the fuses). On Linux a missing dpkg-deb is an error, not a silent skip.
const buildsDeb = process.platform === 'linux';
if (assembleMode && buildsDeb && spawnSync('dpkg-deb', ['--version'], { timeout: 10_000 }).status !== 0) {
  console.error('check-package: dpkg-deb is missing (apt-get install dpkg) and is needed to build the .deb.');
  process.exit(1);
}
const keep = args.includes('--keep');
const scratch = assembleMode ? mkdtempSync(join(tmpdir(), 'avatar-watch-check-')) : '';
const outputDir = assembleMode ? join(scratch, 'release') : '';
const unpackedDir = assembleMode
  ? join(outputDir, 'linux-unpacked')
  : resolve(root, args.find((arg) => !arg.startsWith('--')) ?? 'release/linux-unpacked');
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const ownPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const executableName = config.linux?.executableName ?? ownPackage.name;
const problems = [];
const expect = (ok, message) => {
  if (!ok) problems.push(message);
};
const summary = [];

function fail(message) {
  if (scratch && !keep) rmSync(scratch, { recursive: true, force: true });
  console.error(`check-package: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Assembling

/** A folder holding an executable `electron` that carries a fuse wire at Electron's defaults. */
function standInElectron() {
  const dir = join(scratch, 'electron-dist');
  mkdirSync(dir);
  const fuseNames = Object.keys(ELECTRON_DEFAULT_WIRE);
  const wire = Buffer.from(
    fuseNames.map((name) => (ELECTRON_DEFAULT_WIRE[name] ? FuseState.ENABLE : FuseState.DISABLE)),
  );
  // Layout read by @electron/fuses: sentinel, version byte (1), wire length byte, one byte per fuse.
  const fuseBlock = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length]), wire]);
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for packaging checks"\nexit 0\n# ');
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, fuseBlock, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

function assemble(electronDist, fpmRecord) {
  if (!existsSync(join(root, 'out/main/index.js'))) fail('out/ is missing: run `npm run build` first.');
  const fpm = join(root, 'scripts/fpm-standin.mjs');
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      ...(buildsDeb ? ['dir', 'deb'] : ['dir']),
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${outputDir}`,
      '--publish',
      'never',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: BUILDER_TIMEOUT_MS,
      env: { ...process.env, CUSTOM_FPM_PATH: fpm, FPM_STANDIN_RECORD: fpmRecord },
    },
  );
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(result.error ? `electron-builder: ${result.error.message}` : 'electron-builder --linux failed (output above).');
  }
}

/**
 * AppImage needs appimagetool and a runtime from GitHub. Point electron-builder's binaries mirror
 * at a local server that answers 404 and an empty cache: if the build asks for exactly that
 * download, everything before it (configuration, icons, desktop entry) was accepted. electron-
 * builder lingers ~30 s after a failed download, so it is stopped as soon as it reports it.
 */
async function tryAppImage() {
  const requested = [];
  const server = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(404).end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const cache = mkdtempSync(join(tmpdir(), 'avatar-watch-builder-cache-'));
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'AppImage',
      '--prepackaged',
      unpackedDir,
      `-c.directories.output=${outputDir}`,
      '--publish',
      'never',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_BUILDER_CACHE: cache,
        ELECTRON_BUILDER_BINARIES_MIRROR: `http://127.0.0.1:${server.address().port}/`,
        ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const outcome = await new Promise((done) => {
    const timer = setTimeout(() => done('timeout'), APPIMAGE_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      if (/failed to build AppImage|Response code 404/.test(output)) {
        clearTimeout(timer);
        done('download-refused');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code === 0 ? 'built' : 'failed');
    });
  });
  if (child.exitCode === null) child.kill('SIGTERM');
  server.close();
  rmSync(cache, { recursive: true, force: true });
  const toolRequest = requested.find((url) => /appimage/i.test(url));
  if (outcome === 'built') return { ok: true, text: 'built (appimagetool was available)' };
  if (outcome === 'download-refused' && toolRequest) {
    return { ok: true, text: `configuration accepted; stops at the appimagetool download (${toolRequest})` };
  }
  return { ok: false, text: `${outcome} before the appimagetool download:\n${output.slice(-2000)}` };
}

// ---------------------------------------------------------------------------------------------
// The asar

function checkAsar() {
  const archive = join(unpackedDir, 'resources/app.asar');
  if (!existsSync(archive)) fail(`${archive} does not exist: run with --assemble, or build first.`);
  const entries = new Set(asar.listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/')));
  const appEntries = [...entries].filter((entry) => !entry.startsWith('/node_modules/') && entry !== '/node_modules');

  // The built app and its icons are in.
  for (const required of [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.js',
    '/out/renderer/index.html',
    '/resources/icon.png',
  ]) {
    expect(entries.has(required), `asar: missing ${required}`);
  }
  const trayDir = join(root, 'resources/tray');
  for (const png of readdirSync(trayDir).filter((file) => file.endsWith('.png'))) {
    expect(entries.has(`/resources/tray/${png}`), `asar: missing /resources/tray/${png}`);
  }
  const packedPackage = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  expect(packedPackage.main === 'out/main/index.js', `asar: package.json "main" is ${packedPackage.main}`);
  expect(
    packedPackage.desktopName === ownPackage.desktopName,
    'asar: package.json lost desktopName (Electron takes the window app_id from it)',
  );

  // Sources, tests, tools and maps are out.
  for (const entry of appEntries) {
    expect(!/\.(map|ts|mts|cts|tsx|vue)$/.test(entry), `asar: should not ship ${entry}`);
    expect(!/^\/(main|preload|renderer|tests|bench|scripts|src|release)(\/|$)/.test(entry), `asar: should not ship ${entry}`);
  }

  // node_modules: exactly the runtime dependencies' files, which means keytar's loader and binary.
  const runtimeDeps = Object.keys(ownPackage.dependencies ?? {});
  expect(
    runtimeDeps.length === 1 && runtimeDeps[0] === 'keytar',
    `package.json dependencies are [${runtimeDeps.join(', ')}]: keytar alone is expected (bundle pure-JS packages into out/main)`,
  );
  const moduleFiles = [...entries].filter((entry) => entry.startsWith('/node_modules/') && /\.[a-z]+$/i.test(entry));
  const allowed = new Set(KEYTAR_FILES.map((file) => `/node_modules/keytar/${file}`));
  for (const file of moduleFiles) expect(allowed.has(file), `asar: should not ship ${file}`);
  for (const file of allowed) expect(entries.has(file), `asar: missing ${file}`);
  const packages = new Set(moduleFiles.map((file) => file.split('/')[2]));
  expect(!packages.has('prebuild-install'), 'asar: ships prebuild-install (install-time only)');
  expect(!packages.has('node-addon-api'), 'asar: ships node-addon-api (C++ headers)');
  expect(
    !moduleFiles.some((file) => /\/(test|tests|__tests__|spec)\/|\.(test|spec)\.[cm]?js$/.test(file)),
    'asar: ships third-party test files',
  );
  expect(![...entries].some((entry) => entry.endsWith('.map')), 'asar: ships source maps');

  // The bundled main process may only require what the asar or Electron provides.
  const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  const providedAtRuntime = new Set(['electron', ...runtimeDeps]);
  for (const entry of appEntries.filter((file) => /^\/out\/(main|preload)\/.*\.[cm]?js$/.test(file))) {
    const code = asar.extractFile(archive, entry.slice(1)).toString('utf8');
    const specifiers = [
      ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...code.matchAll(/^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']/gm),
    ].map((match) => match[1]);
    for (const name of specifiers.filter((specifier) => !specifier.startsWith('.'))) {
      const bare = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
      expect(
        builtins.has(name) || builtins.has(bare) || providedAtRuntime.has(bare),
        `${entry} requires "${name}", which the package does not ship (bundle it, or make it a dependency)`,
      );
    }
  }

  // keytar's native binary is unpacked, where Electron can load it.
  const keytarNode = join(unpackedDir, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node');
  expect(existsSync(keytarNode) && statSync(keytarNode).size > 0, `missing ${keytarNode}`);

  const size = statSync(archive).size;
  expect(size <= MAX_ASAR_BYTES, `app.asar is ${size} bytes, over the ${MAX_ASAR_BYTES} byte budget`);
  summary.push(
    `app.asar: ${size} bytes (${(size / 1024 / 1024).toFixed(2)} MB, budget 1.50 MB), ${entries.size} entries, ` +
      `${appEntries.length} outside node_modules, node_modules = ${[...packages].join(', ')}; keytar.node unpacked`,
  );
}

// ---------------------------------------------------------------------------------------------
// Fuses

async function checkFuses(isStandIn) {
  const binary = join(unpackedDir, executableName);
  if (!existsSync(binary)) {
    problems.push(`fuses: no executable ${binary}`);
    return;
  }
  const configured = config.electronFuses ?? {};
  for (const [key, value] of Object.entries(RELEASE_FUSE_POLICY)) {
    expect(configured[key] === value, `electron-builder.yml: electronFuses.${key} must be ${value} in release builds`);
  }
  let wire;
  try {
    wire = await getCurrentFuseWire(binary);
  } catch (error) {
    problems.push(`fuses: cannot read the fuse wire of ${binary}: ${error.message}`);
    return;
  }
  const label = (byte) =>
    byte === FuseState.ENABLE ? 'on' : byte === FuseState.DISABLE ? 'off' : byte === FuseState.REMOVED ? 'removed' : `0x${byte.toString(16)}`;
  const rows = [];
  for (const [index, byte] of Object.entries(wire).filter(([key]) => key !== 'version')) {
    const name = FuseV1Options[index] ?? `fuse ${index}`;
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    const wanted = configured[key];
    let verdict;
    if (wanted === undefined) {
      // Not set in the yml: Electron's default stays (on the stand-in, the byte it started with).
      const untouched = !isStandIn || byte === (ELECTRON_DEFAULT_WIRE[name] ? FuseState.ENABLE : FuseState.DISABLE);
      expect(untouched, `fuses: ${name} is not in the yml but changed to ${label(byte)}`);
      verdict = untouched ? 'default kept' : 'CHANGED';
    } else {
      const ok = byte === (wanted ? FuseState.ENABLE : FuseState.DISABLE);
      expect(ok, `fuses: ${name} reads ${label(byte)}, electron-builder.yml says ${wanted ? 'on' : 'off'}`);
      verdict = ok ? 'ok' : 'WRONG';
    }
    rows.push([name, wanted === undefined ? '(not set)' : wanted ? 'on' : 'off', label(byte), verdict, FUSE_NOTES[name] ?? '']);
  }
  for (const key of Object.keys(configured)) {
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    if (key !== 'resetAdHocDarwinSignature' && !(name in FuseV1Options)) problems.push(`fuses: unknown fuse ${key} in the yml`);
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length), 9));
  const line = (row) => row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]) : cell)).join('  ').trimEnd();
  summary.push(
    `fuses (${isStandIn ? 'stand-in Electron, flipped by electron-builder' : binary}):`,
    ...[['fuse', 'yml', 'read back', 'verdict', 'note'], ...rows].map((row) => `  ${line(row)}`),
  );
}

// ---------------------------------------------------------------------------------------------
// The .deb

function dpkgDeb(...dpkgArgs) {
  const result = spawnSync('dpkg-deb', dpkgArgs, { encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`dpkg-deb ${dpkgArgs.join(' ')}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** Runs a tar command on the package's data archive (`dpkg-deb --fsys-tarfile`); $2 is `extra`. */
function fromDataTar(deb, tarCommand, extra = '') {
  const result = spawnSync('bash', ['-c', `set -o pipefail; dpkg-deb --fsys-tarfile "$1" | ${tarCommand}`, 'bash', deb, extra], {
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`dpkg-deb --fsys-tarfile | ${tarCommand}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

function checkDeb(fpmRecord) {
  const releaseDir = outputDir;
  const debName = readdirSync(releaseDir).find((file) => file === `${ownPackage.name}_${ownPackage.version}_amd64.deb`);
  if (!debName) {
    problems.push(`deb: no ${ownPackage.name}_${ownPackage.version}_amd64.deb in ${releaseDir}`);
    return;
  }
  const deb = join(releaseDir, debName);
  const control = Object.fromEntries(
    dpkgDeb('-f', deb)
      .replace(/\n\s+/g, ' ')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const depends = (control.Depends ?? '').split(',').map((dep) => dep.trim());
  const author = ownPackage.author ?? {};
  expect(control.Package === ownPackage.name, `deb: Package is ${control.Package}`);
  expect(control.Version === ownPackage.version, `deb: Version is ${control.Version}`);
  expect(control.Maintainer === `${author.name} <${author.email}>`, `deb: Maintainer is ${control.Maintainer}`);
  expect(control.Homepage === ownPackage.homepage, `deb: Homepage is ${control.Homepage}`);
  expect(depends.includes('libsecret-1-0'), 'deb: Depends lacks libsecret-1-0 (keytar needs it)');
  expect(
    depends.includes('libayatana-appindicator3-1 | libappindicator3-1'),
    'deb: Depends lacks the tray indicator library (libayatana-appindicator3-1 | libappindicator3-1)',
  );
  for (const dep of config.deb?.depends ?? []) expect(depends.includes(dep), `deb: Depends lacks ${dep} from the yml`);

  const installDir = `/opt/${config.productName}`;
  const files = new Set(
    fromDataTar(deb, 'tar -t')
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^\./, '').replace(/\/$/, '')),
  );
  const iconSizes = readdirSync(join(root, config.linux.icon)).map((file) => file.replace(/\.png$/, ''));
  const desktopFile = `/usr/share/applications/${ownPackage.desktopName}`;
  for (const required of [
    `${installDir}/${executableName}`,
    `${installDir}/resources/app.asar`,
    `${installDir}/resources/app-update.yml`,
    `${installDir}/resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node`,
    desktopFile,
    ...iconSizes.map((size) => `/usr/share/icons/hicolor/${size}/apps/${executableName}.png`),
  ]) {
    expect(files.has(required), `deb: missing ${required}`);
  }
  const scripts = dpkgDeb('-I', deb);
  expect(/\bpostinst\b/.test(scripts) && /\bpostrm\b/.test(scripts), 'deb: no postinst/postrm (electron-builder --after-install/--after-remove)');

  // The desktop entry: the name users see, the command, the icon, and the window association.
  const entry = Object.fromEntries(
    fromDataTar(deb, 'tar -xO ".$2"', desktopFile)
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const wmClass = ownPackage.desktopName?.replace(/\.desktop$/, '');
  expect(entry.Name === config.productName, `desktop entry: Name is ${entry.Name}`);
  expect(entry.Exec === `"${installDir}/${executableName}" %U`, `desktop entry: Exec is ${entry.Exec}`);
  expect(entry.Icon === executableName, `desktop entry: Icon is ${entry.Icon}`);
  expect(Boolean(wmClass) && entry.StartupWMClass === wmClass, `desktop entry: StartupWMClass ${entry.StartupWMClass} != desktopName ${wmClass}`);

  // The fpm stand-in honoured every mapping electron-builder asked for.
  const record = JSON.parse(readFileSync(fpmRecord, 'utf8')).options;
  for (const { destination } of record.mappings) {
    expect(files.has(destination.replace(/\/$/, '')), `deb: the fpm mapping to ${destination} is missing`);
  }
  summary.push(
    `deb: ${debName} (${statSync(deb).size} bytes, ${files.size} paths) built by the fpm stand-in from ${record.mappings.length} mappings`,
    `  Package: ${control.Package}  Version: ${control.Version}  Architecture: ${control.Architecture}`,
    `  Maintainer: ${control.Maintainer}`,
    `  Depends: ${control.Depends}`,
    `  desktop entry ${desktopFile}: Name=${entry.Name} Exec=${entry.Exec} Icon=${entry.Icon} StartupWMClass=${entry.StartupWMClass}`,
    `  icons: hicolor ${iconSizes.join(', ')}`,
  );
}

// ---------------------------------------------------------------------------------------------

if (assembleMode) {
  const electronDist = standInElectron();
  const fpmRecord = join(scratch, 'fpm-args.json');
  try {
    assemble(electronDist, fpmRecord);
    checkAsar();
    await checkFuses(true);
    if (buildsDeb) {
      checkDeb(fpmRecord);
      const appImage = await tryAppImage();
      expect(appImage.ok, `AppImage: ${appImage.text}`);
      summary.push(`AppImage: ${appImage.text}`);
    } else {
      summary.push(`deb, AppImage: not checked on ${process.platform} (the fpm stand-in needs Linux with dpkg-deb)`);
    }
  } finally {
    if (keep) summary.push(`kept: ${outputDir}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
} else {
  checkAsar();
  await checkFuses(false);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(summary.join('\n'));
  console.error(`check-package: ${problems.length} problem(s) in ${unpackedDir}:`);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  process.exit(1);
}
console.log(summary.join('\n'));
console.log(`check-package: OK in ${seconds} s`);
