#!/usr/bin/env node
// A stand-in for fpm (https://fpm.readthedocs.io) that builds the .deb electron-builder asks for,
// offline, with dpkg-deb. electron-builder downloads a Ruby fpm from GitHub for `--linux deb`, and
// Debian has no ruby-fpm package; `CUSTOM_FPM_PATH=<this file>` makes electron-builder run this
// instead. Used by scripts/check-package.mjs to build and inspect the real .deb in `npm test`;
// release installers are still built with the real fpm on a hosted runner.
//
// It understands exactly the arguments electron-builder 26 passes for `-s dir -t deb` (see
// app-builder-lib/out/targets/FpmTarget.js) and fails loudly on anything else, so a newer
// electron-builder that passes something new cannot be half-honoured silently:
//   -s dir -t deb --force, -d/--depends <dep> (repeated), --deb-recommends <pkg> (repeated),
//   --deb-compression <xz|gz|bzip2|zstd|none>, --architecture <arch>, --after-install <script>,
//   --after-remove <script>, --description <text>, --version <v>, --iteration <n>,
//   --package <out.deb>, --name, --maintainer, --vendor, --url, --license, --category,
//   --deb-priority, --debug, --log <level>, and `<source>=<destination>` mappings: a source
//   ending in `/` copies the folder's contents into the destination folder, otherwise the
//   file or folder is copied to the destination path (fpm's `dir` input semantics).
// With FPM_STANDIN_RECORD=<file> it writes the parsed arguments there as JSON.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const VALUE_OPTIONS = {
  '-s': 'inputType',
  '-t': 'outputType',
  '-d': 'depends',
  '--depends': 'depends',
  '--deb-recommends': 'recommends',
  '--deb-compression': 'compression',
  '--architecture': 'architecture',
  '-a': 'architecture',
  '--after-install': 'afterInstall',
  '--after-remove': 'afterRemove',
  '--description': 'description',
  '--version': 'version',
  '-v': 'version',
  '--iteration': 'iteration',
  '--package': 'package',
  '-p': 'package',
  '--name': 'name',
  '-n': 'name',
  '--maintainer': 'maintainer',
  '-m': 'maintainer',
  '--vendor': 'vendor',
  '--url': 'url',
  '--license': 'license',
  '--category': 'category',
  '--deb-priority': 'priority',
  '--log': 'log',
};
const REPEATED = new Set(['depends', 'recommends']);
const FLAGS = { '--force': 'force', '--debug': 'debug' };
// fpm's --deb-compression names -> dpkg-deb -Z names (dpkg-deb cannot write bzip2).
const COMPRESSION = { xz: 'xz', gz: 'gzip', gzip: 'gzip', zstd: 'zstd', none: 'none' };

/** Parses fpm's command line; throws on anything this stand-in does not implement. */
export function parseFpmArgs(argv) {
  const options = { depends: [], recommends: [], mappings: [], force: false, debug: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg in FLAGS) {
      options[FLAGS[arg]] = true;
    } else if (arg in VALUE_OPTIONS) {
      const key = VALUE_OPTIONS[arg];
      const value = argv[++i];
      if (value === undefined) throw new Error(`fpm-standin: ${arg} needs a value`);
      if (REPEATED.has(key)) options[key].push(value);
      else options[key] = value;
    } else if (arg.startsWith('-')) {
      throw new Error(`fpm-standin: unsupported option ${arg} (extend scripts/fpm-standin.mjs)`);
    } else {
      const at = arg.indexOf('=');
      if (at <= 0) throw new Error(`fpm-standin: expected <source>=<destination>, got ${arg}`);
      options.mappings.push({ source: arg.slice(0, at), destination: arg.slice(at + 1) });
    }
  }
  if (options.inputType !== 'dir' || options.outputType !== 'deb') {
    throw new Error(`fpm-standin: only -s dir -t deb is implemented (got -s ${options.inputType} -t ${options.outputType})`);
  }
  for (const required of ['name', 'version', 'architecture', 'package', 'maintainer', 'description']) {
    if (!options[required]) throw new Error(`fpm-standin: missing --${required}`);
  }
  return options;
}

/** The DEBIAN/control text, laid out the way fpm's deb template does. */
export function controlFile(options, installedSizeKiB) {
  // Description: the first line is the synopsis; each further line is indented by one space,
  // and an empty line is written as " ." (Debian policy 5.6.13).
  const [synopsis, ...body] = options.description.split('\n');
  const description = [synopsis.trim(), ...body.map((line) => (line.trim() === '' ? ' .' : ` ${line.trim()}`))];
  const version = options.iteration ? `${options.version}-${options.iteration}` : options.version;
  const fields = [
    ['Package', options.name],
    ['Version', version],
    ['License', options.license],
    ['Vendor', options.vendor],
    ['Architecture', options.architecture],
    ['Maintainer', options.maintainer],
    ['Installed-Size', String(installedSizeKiB)],
    ['Depends', options.depends.join(', ')],
    ['Recommends', options.recommends.join(', ')],
    ['Section', options.category ?? 'default'],
    ['Priority', options.priority ?? 'optional'],
    ['Homepage', options.url],
    ['Description', description.join('\n')],
  ];
  return fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')
    .concat('\n');
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

function buildDeb(options) {
  const output = resolve(options.package);
  if (existsSync(output)) {
    if (!options.force) throw new Error(`fpm-standin: ${output} exists (fpm needs --force to replace it)`);
    rmSync(output);
  }
  const staging = mkdtempSync(join(tmpdir(), 'fpm-standin-'));
  // mkdtemp makes the folder 0700, and it becomes the package's "./" entry.
  chmodSync(staging, 0o755);
  try {
    for (const { source, destination } of options.mappings) {
      const target = join(staging, destination);
      if (source.endsWith('/')) {
        // "dir/=dest": the folder's contents, with modes and symlinks as they are (chrome-sandbox).
        mkdirSync(target, { recursive: true });
        run('cp', ['-a', `${source}.`, target]);
      } else {
        mkdirSync(dirname(target), { recursive: true });
        run('cp', ['-a', source, target]);
      }
    }
    const installedSizeKiB = Number(run('du', ['-sk', '--apparent-size', staging]).split(/\s/)[0]);
    const debian = join(staging, 'DEBIAN');
    mkdirSync(debian);
    writeFileSync(join(debian, 'control'), controlFile(options, installedSizeKiB));
    // fpm turns --after-install into postinst and --after-remove into postrm.
    for (const [script, name] of [[options.afterInstall, 'postinst'], [options.afterRemove, 'postrm']]) {
      if (!script) continue;
      copyFileSync(script, join(debian, name));
      chmodSync(join(debian, name), 0o755);
    }
    const compression = COMPRESSION[options.compression ?? 'xz'];
    if (!compression) throw new Error(`fpm-standin: unsupported --deb-compression ${options.compression}`);
    mkdirSync(dirname(output), { recursive: true });
    // Files owned by root, as fpm does (the build user's uid must not leak into the package).
    run('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', staging, output]);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return output;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseFpmArgs(process.argv.slice(2));
    if (process.env.FPM_STANDIN_RECORD) {
      writeFileSync(process.env.FPM_STANDIN_RECORD, JSON.stringify({ argv: process.argv.slice(2), options }, null, 2));
    }
    const output = buildDeb(options);
    console.log(`fpm-standin: Created package {:path=>"${output}"}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
