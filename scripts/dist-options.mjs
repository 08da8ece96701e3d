// Decides how `npm run dist` calls electron-builder: for the OS it runs on, with the signing the
// available credentials allow. Pure (no I/O): scripts/dist.mjs runs it, tests/unit/dist-options.test.ts
// covers it.
//
// macOS, by credentials present (empty variables count as absent, which is how a CI workflow
// passes a secret that is not set):
//   none                      ad-hoc signing from electron-builder.yml (identity "-", hardened
//                             runtime off, no notarization): notifications work, Gatekeeper warns
//   CSC_LINK or CSC_NAME      Developer ID: mac.identity left out so electron-builder takes the
//                             certificate (in electron-builder 26 `identity: null` would mean
//                             "do not sign"), hardened runtime on with the minimal entitlements
//   ... and APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID,
//       or APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER
//                             also notarized
// A half-set group of notarization variables is an error: it is a misconfigured secret, and a
// silently un-notarized build would only show up as Gatekeeper warnings on users' Macs.

export const ENTITLEMENTS = 'resources/entitlements.mac.plist';
/** A build for Playwright's `_electron.launch`, which attaches through --inspect. */
export const TEST_BUILD_FLAG = '--test-build';
export const TEST_BUILD_OVERRIDES = ['-c.electronFuses.enableNodeCliInspectArguments=true'];

const PLATFORM_FLAGS = { darwin: '--mac', win32: '--win', linux: '--linux' };
/** electron-builder's architecture flags; keytar.node is compiled for one of them only. */
const ARCH_FLAGS = new Set(['--x64', '--ia32', '--armv7l', '--arm64', '--universal']);
const OTHER_PLATFORM_ARGS = new Set(['--mac', '-m', '--macos', '--win', '-w', '--windows', '--linux', '-l']);
const NOTARIZE_GROUPS = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
];

const present = (value) => typeof value === 'string' && value.trim() !== '';

/**
 * @param {{ platform: string, env: Record<string, string | undefined>, args?: string[], arch?: string }} input
 * @returns {{
 *   builderArgs: string[],
 *   omitMacIdentity: boolean,
 *   signing: 'ad-hoc' | 'developer-id' | 'platform-default',
 *   notarize: boolean,
 *   notes: string[],
 * }}
 */
export function distOptions({ platform, env, args = [], arch }) {
  const platformFlag = PLATFORM_FLAGS[platform];
  if (!platformFlag) throw new Error(`npm run dist: cannot build installers on ${platform}`);
  // keytar.node is compiled by `npm ci` for this machine's architecture only (npmRebuild is off),
  // so an installer for another one (an Intel Mac build on Apple silicon) would carry a keychain
  // module that cannot load. Build each architecture on a machine of that architecture.
  const foreignArch = arch ? args.find((arg) => ARCH_FLAGS.has(arg) && arg !== `--${arch}`) : undefined;
  if (foreignArch) {
    throw new Error(`npm run dist builds for this machine's architecture (--${arch}); drop ${foreignArch}: keytar.node is built for ${arch} only`);
  }
  const archArgs = arch && !args.includes(`--${arch}`) ? [`--${arch}`] : [];
  const crossBuild = args.find((arg) => OTHER_PLATFORM_ARGS.has(arg));
  if (crossBuild) {
    throw new Error(
      `npm run dist builds for the OS it runs on (${platformFlag}); drop ${crossBuild}: keytar.node is built per OS, so cross-built installers would carry the wrong one`,
    );
  }
  if (args.some((arg) => arg === '--config' || arg.startsWith('--config='))) {
    throw new Error('npm run dist always uses electron-builder.yml; pass single settings as -c.<key>=<value>');
  }
  const testBuild = args.includes(TEST_BUILD_FLAG);
  const passThrough = args.filter((arg) => arg !== TEST_BUILD_FLAG);
  const overrides = testBuild ? [...TEST_BUILD_OVERRIDES] : [];
  const notes = testBuild ? ['test build: the --inspect fuse is on (for Playwright), do not ship it'] : [];

  if (platform !== 'darwin') {
    return {
      builderArgs: [platformFlag, ...archArgs, ...overrides, ...passThrough],
      omitMacIdentity: false,
      // Windows: electron-builder signs by itself when CSC_LINK/WIN_CSC_LINK is set.
      signing: 'platform-default',
      notarize: false,
      notes,
    };
  }

  const groups = NOTARIZE_GROUPS.map((names) => ({ names, set: names.filter((name) => present(env[name])) }));
  for (const { names, set } of groups) {
    if (set.length > 0 && set.length < names.length) {
      const missing = names.filter((name) => !set.includes(name));
      throw new Error(`notarization: ${set.join(', ')} set but ${missing.join(', ')} missing (set all of ${names.join(', ')}, or none)`);
    }
  }
  const canNotarize = groups.some(({ names, set }) => set.length === names.length);
  const hasCertificate = present(env.CSC_LINK) || present(env.CSC_NAME);

  if (!hasCertificate) {
    if (canNotarize) notes.push('notarization credentials ignored: notarizing needs a Developer ID certificate (CSC_LINK or CSC_NAME)');
    notes.push('ad-hoc signed: notifications work; on first launch macOS asks the user to confirm (see README, Installers)');
    return { builderArgs: [platformFlag, ...archArgs, ...overrides, ...passThrough], omitMacIdentity: false, signing: 'ad-hoc', notarize: false, notes };
  }
  overrides.push(
    '-c.mac.hardenedRuntime=true',
    `-c.mac.entitlements=${ENTITLEMENTS}`,
    `-c.mac.entitlementsInherit=${ENTITLEMENTS}`,
    `-c.mac.notarize=${canNotarize}`,
  );
  if (!canNotarize) notes.push('signed with Developer ID but not notarized: Gatekeeper still warns on first launch');
  return {
    builderArgs: [platformFlag, ...archArgs, ...overrides, ...passThrough],
    omitMacIdentity: true,
    signing: 'developer-id',
    notarize: canNotarize,
    notes,
  };
}
