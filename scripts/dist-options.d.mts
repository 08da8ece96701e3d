// Types for scripts/dist-options.mjs (plain JS so `npm run dist` needs no TypeScript loader),
// used by tests/unit/dist-options.test.ts.
export declare const ENTITLEMENTS: string;
export declare const TEST_BUILD_FLAG: string;
export declare const TEST_BUILD_OVERRIDES: readonly string[];

export interface DistOptions {
  /** The electron-builder command line: platform flag, overrides, then the caller's arguments. */
  builderArgs: string[];
  /** Build from a copy of electron-builder.yml without mac.identity (Developer ID signing). */
  omitMacIdentity: boolean;
  signing: 'ad-hoc' | 'developer-id' | 'platform-default';
  notarize: boolean;
  notes: string[];
}

export declare function distOptions(input: {
  platform: string;
  env: Record<string, string | undefined>;
  args?: string[];
  /** `process.arch`: the installers are built for it alone (keytar.node is compiled for it). */
  arch?: string;
}): DistOptions;
