// How `npm run dist` calls electron-builder (scripts/dist-options.mjs): the platform it runs on,
// and on macOS the signing the credentials in the environment allow.
import { describe, expect, it } from 'vitest';
import { distOptions, ENTITLEMENTS } from '../../scripts/dist-options.mjs';

const APPLE_ID = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123456' };
const API_KEY = { APPLE_API_KEY: '/keys/AuthKey.p8', APPLE_API_KEY_ID: 'KEY123', APPLE_API_ISSUER: 'issuer-uuid' };

/** The value of a `-c.<key>=<value>` override, or undefined when it is not passed. */
function override(args: string[], key: string): string | undefined {
  const prefix = `-c.${key}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

describe('npm run dist', () => {
  it('builds for the OS it runs on and passes the caller’s arguments through', () => {
    expect(distOptions({ platform: 'linux', env: {}, args: ['--publish', 'never'] }).builderArgs).toEqual([
      '--linux',
      '--publish',
      'never',
    ]);
    expect(distOptions({ platform: 'win32', env: {} }).builderArgs).toEqual(['--win']);
    expect(distOptions({ platform: 'darwin', env: {} }).builderArgs[0]).toBe('--mac');
    expect(() => distOptions({ platform: 'freebsd', env: {} })).toThrow(/cannot build installers on freebsd/);
  });

  it('refuses to cross-build: keytar.node is built for the OS it runs on', () => {
    expect(() => distOptions({ platform: 'linux', env: {}, args: ['--win'] })).toThrow(/drop --win/);
  });

  it("builds for this machine's architecture only: keytar.node is compiled for it alone", () => {
    expect(distOptions({ platform: 'darwin', arch: 'arm64', env: {} }).builderArgs.slice(0, 2)).toEqual(['--mac', '--arm64']);
    expect(() => distOptions({ platform: 'darwin', arch: 'arm64', env: {}, args: ['--x64'] })).toThrow(/drop --x64: keytar.node is built for arm64/);
    expect(() => distOptions({ platform: 'darwin', arch: 'arm64', env: {}, args: ['--universal'] })).toThrow(/drop --universal/);
    expect(distOptions({ platform: 'linux', arch: 'x64', env: {}, args: ['--x64'] }).builderArgs).toEqual(['--linux', '--x64']);
    expect(() => distOptions({ platform: 'darwin', env: {}, args: ['-l'] })).toThrow(/drop -l/);
  });

  it('keeps electron-builder.yml as the one configuration', () => {
    expect(() => distOptions({ platform: 'linux', env: {}, args: ['--config', 'other.yml'] })).toThrow(/electron-builder.yml/);
  });

  it('turns the --inspect fuse on only for a test build', () => {
    const release = distOptions({ platform: 'linux', env: {} });
    const test = distOptions({ platform: 'linux', env: {}, args: ['--test-build', '--publish', 'never'] });
    expect(override(release.builderArgs, 'electronFuses.enableNodeCliInspectArguments')).toBeUndefined();
    expect(override(test.builderArgs, 'electronFuses.enableNodeCliInspectArguments')).toBe('true');
    expect(test.builderArgs).not.toContain('--test-build');
    expect(test.builderArgs.slice(-2)).toEqual(['--publish', 'never']);
  });

  it('does not touch signing on Windows and Linux, whatever is set', () => {
    for (const platform of ['win32', 'linux']) {
      const options = distOptions({ platform, env: { CSC_LINK: '/cert.p12', ...APPLE_ID } });
      expect(options.signing).toBe('platform-default');
      expect(options.omitMacIdentity).toBe(false);
      expect(options.builderArgs.filter((arg) => arg.startsWith('-c.mac.'))).toEqual([]);
    }
  });
});

describe('macOS signing', () => {
  it('without a certificate: the ad-hoc defaults of the yml, no overrides', () => {
    const options = distOptions({ platform: 'darwin', env: {} });
    expect(options).toMatchObject({ signing: 'ad-hoc', omitMacIdentity: false, notarize: false });
    expect(options.builderArgs).toEqual(['--mac']);
  });

  it('counts empty variables as absent (a CI secret that is not set)', () => {
    const options = distOptions({ platform: 'darwin', env: { CSC_LINK: '', CSC_NAME: '  ', APPLE_ID: '' } });
    expect(options.signing).toBe('ad-hoc');
  });

  it.each([
    ['CSC_LINK', { CSC_LINK: 'base64-or-path-of-a-p12' }],
    ['CSC_NAME', { CSC_NAME: 'Avatar Watch team (TEAM123456)' }],
  ])('with %s: Developer ID, hardened runtime and the minimal entitlements, identity left to electron-builder', (_name, env) => {
    const options = distOptions({ platform: 'darwin', env });
    expect(options.signing).toBe('developer-id');
    expect(options.omitMacIdentity).toBe(true);
    expect(override(options.builderArgs, 'mac.identity')).toBeUndefined();
    expect(override(options.builderArgs, 'mac.hardenedRuntime')).toBe('true');
    expect(override(options.builderArgs, 'mac.entitlements')).toBe(ENTITLEMENTS);
    expect(override(options.builderArgs, 'mac.entitlementsInherit')).toBe(ENTITLEMENTS);
    expect(override(options.builderArgs, 'mac.notarize')).toBe('false');
    expect(options.notes.join(' ')).toMatch(/not notarized/);
  });

  it.each([
    ['an Apple ID', APPLE_ID],
    ['an App Store Connect API key', API_KEY],
  ])('with a certificate and %s: notarized', (_name, credentials) => {
    const options = distOptions({ platform: 'darwin', env: { CSC_LINK: '/cert.p12', ...credentials } });
    expect(options.notarize).toBe(true);
    expect(override(options.builderArgs, 'mac.notarize')).toBe('true');
  });

  it('does not notarize without a certificate, and says why', () => {
    const options = distOptions({ platform: 'darwin', env: { ...APPLE_ID } });
    expect(options).toMatchObject({ signing: 'ad-hoc', notarize: false });
    expect(options.builderArgs).toEqual(['--mac']);
    expect(options.notes.join(' ')).toMatch(/notarization credentials ignored/);
  });

  it('fails on a half-set group of notarization variables', () => {
    expect(() =>
      distOptions({ platform: 'darwin', env: { CSC_LINK: '/cert.p12', APPLE_ID: 'dev@example.com', APPLE_TEAM_ID: 'T' } }),
    ).toThrow(/APPLE_APP_SPECIFIC_PASSWORD missing/);
    expect(() => distOptions({ platform: 'darwin', env: { CSC_NAME: 'x', APPLE_API_KEY_ID: 'K' } })).toThrow(
      /APPLE_API_KEY, APPLE_API_ISSUER missing/,
    );
  });

  it('keeps the caller’s arguments after the overrides', () => {
    const options = distOptions({ platform: 'darwin', env: { CSC_NAME: 'x' }, args: ['--publish', 'never'] });
    expect(options.builderArgs.slice(-2)).toEqual(['--publish', 'never']);
  });
});
