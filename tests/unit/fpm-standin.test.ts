// The fpm stand-in that builds the .deb in `npm run test:package` (scripts/fpm-standin.mjs): it
// must read electron-builder's fpm command line exactly, refuse what it does not implement, and
// write a control file the way fpm does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlFile, parseFpmArgs } from '../../scripts/fpm-standin.mjs';

// The shape of what app-builder-lib's FpmTarget passes for a deb (electron-builder 26).
const ELECTRON_BUILDER_ARGS = [
  '-s', 'dir', '--force', '-t', 'deb',
  '-d', 'libgtk-3-0', '-d', 'libsecret-1-0', '-d', 'libayatana-appindicator3-1 | libappindicator3-1',
  '--deb-compression', 'xz',
  '--architecture', 'amd64',
  '--after-install', '/tmp/x/after-install', '--after-remove', '/tmp/x/after-remove',
  '--description', 'Tells you when it is ready\n Watches JoggAI photo-avatar generation.',
  '--version', '0.1.0',
  '--package', '/work/release/avatar-watch_0.1.0_amd64.deb',
  '--name', 'avatar-watch',
  '--maintainer', 'Avatar Watch team <avatar-watch@example.com>',
  '--vendor', 'Avatar Watch team <avatar-watch@example.com>',
  '--url', 'https://github.com/avatar-watch/avatar-watch',
  '--deb-priority', 'optional',
  '--license', 'MIT',
  '/work/release/linux-unpacked/=/opt/Avatar Watch',
  '/work/resources/icons/png/16x16.png=/usr/share/icons/hicolor/16x16/apps/avatar-watch.png',
];

describe('fpm stand-in: arguments', () => {
  it('reads electron-builder’s deb command line', () => {
    const options = parseFpmArgs(ELECTRON_BUILDER_ARGS);
    expect(options).toMatchObject({
      name: 'avatar-watch',
      version: '0.1.0',
      architecture: 'amd64',
      maintainer: 'Avatar Watch team <avatar-watch@example.com>',
      compression: 'xz',
      afterInstall: '/tmp/x/after-install',
      afterRemove: '/tmp/x/after-remove',
      force: true,
    });
    expect(options.depends).toEqual(['libgtk-3-0', 'libsecret-1-0', 'libayatana-appindicator3-1 | libappindicator3-1']);
    expect(options.mappings).toEqual([
      { source: '/work/release/linux-unpacked/', destination: '/opt/Avatar Watch' },
      { source: '/work/resources/icons/png/16x16.png', destination: '/usr/share/icons/hicolor/16x16/apps/avatar-watch.png' },
    ]);
  });

  it('refuses options it does not implement instead of ignoring them', () => {
    expect(() => parseFpmArgs([...ELECTRON_BUILDER_ARGS, '--deb-no-default-config-files'])).toThrow(/unsupported option --deb-no-default-config-files/);
  });

  it('refuses other package types, missing values and stray arguments', () => {
    const rpm = ELECTRON_BUILDER_ARGS.map((arg) => (arg === 'deb' ? 'rpm' : arg));
    expect(() => parseFpmArgs(rpm)).toThrow(/only -s dir -t deb/);
    expect(() => parseFpmArgs([...ELECTRON_BUILDER_ARGS, '--name'])).toThrow(/--name needs a value/);
    expect(() => parseFpmArgs([...ELECTRON_BUILDER_ARGS, 'no-mapping'])).toThrow(/<source>=<destination>/);
    const withoutMaintainer = ELECTRON_BUILDER_ARGS.filter((_arg, index, all) => all[index] !== '--maintainer' && all[index - 1] !== '--maintainer');
    expect(() => parseFpmArgs(withoutMaintainer)).toThrow(/missing --maintainer/);
  });
});

describe('fpm stand-in: control file', () => {
  it('lays the fields out like fpm, the description continued with one space', () => {
    const control = controlFile(parseFpmArgs(ELECTRON_BUILDER_ARGS), 1234);
    expect(control).toContain('Package: avatar-watch\n');
    expect(control).toContain('Version: 0.1.0\n');
    expect(control).toContain('Installed-Size: 1234\n');
    expect(control).toContain('Depends: libgtk-3-0, libsecret-1-0, libayatana-appindicator3-1 | libappindicator3-1\n');
    expect(control).toContain('Homepage: https://github.com/avatar-watch/avatar-watch\n');
    expect(control).toMatch(/Description: Tells you when it is ready\n Watches JoggAI photo-avatar generation\.\n$/);
    expect(control).not.toContain('Recommends:');
  });

  it('writes an empty description line as " ." and adds the iteration to the version', () => {
    const options = parseFpmArgs([...ELECTRON_BUILDER_ARGS, '--iteration', '7', '--description', 'Short\n\n Long']);
    const control = controlFile(options, 1);
    expect(control).toContain('Version: 0.1.0-7\n');
    expect(control).toMatch(/Description: Short\n \.\n Long\n$/);
  });
});

// Building a real .deb needs dpkg-deb: Debian/Ubuntu only.
const hasDpkgDeb = process.platform === 'linux' && spawnSync('dpkg-deb', ['--version']).status === 0;

describe.runIf(hasDpkgDeb)('fpm stand-in: the package', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a .deb with the mapped files, the control fields and the maintainer scripts', () => {
    dir = mkdtempSync(join(tmpdir(), 'fpm-standin-test-'));
    mkdirSync(join(dir, 'app/resources'), { recursive: true });
    writeFileSync(join(dir, 'app/avatar-watch'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'app/resources/app.asar'), 'asar');
    writeFileSync(join(dir, 'icon.png'), 'png');
    writeFileSync(join(dir, 'postinst.sh'), '#!/bin/sh\nexit 0\n');
    const deb = join(dir, 'out/test_1.0_amd64.deb');
    const args = [
      '-s', 'dir', '--force', '-t', 'deb', '-d', 'libsecret-1-0', '--architecture', 'amd64',
      '--after-install', join(dir, 'postinst.sh'), '--description', 'Test\n A test package.',
      '--version', '1.0', '--package', deb, '--name', 'test', '--maintainer', 'Tester <t@example.com>',
      `${join(dir, 'app')}/=/opt/Test`, `${join(dir, 'icon.png')}=/usr/share/icons/hicolor/16x16/apps/test.png`,
    ];
    const run = spawnSync(process.execPath, [resolve(__dirname, '../../scripts/fpm-standin.mjs'), ...args], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const field = (name: string) => spawnSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).stdout.trim();
    expect(field('Package')).toBe('test');
    expect(field('Maintainer')).toBe('Tester <t@example.com>');
    expect(field('Depends')).toBe('libsecret-1-0');
    const listing = spawnSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' }).stdout;
    expect(listing).toMatch(/-rwxr-xr-x root\/root .* \.\/opt\/Test\/avatar-watch\n/);
    expect(listing).toContain('./opt/Test/resources/app.asar');
    expect(listing).toContain('./usr/share/icons/hicolor/16x16/apps/test.png');
    expect(spawnSync('dpkg-deb', ['-I', deb], { encoding: 'utf8' }).stdout).toMatch(/postinst/);
  });
});
