// Types for scripts/fpm-standin.mjs, used by tests/unit/fpm-standin.test.ts.
export interface FpmOptions {
  inputType?: string;
  outputType?: string;
  name?: string;
  version?: string;
  iteration?: string;
  architecture?: string;
  package?: string;
  maintainer?: string;
  vendor?: string;
  url?: string;
  license?: string;
  category?: string;
  priority?: string;
  description: string;
  compression?: string;
  afterInstall?: string;
  afterRemove?: string;
  log?: string;
  depends: string[];
  recommends: string[];
  mappings: { source: string; destination: string }[];
  force: boolean;
  debug: boolean;
}

export declare function parseFpmArgs(argv: string[]): FpmOptions;
export declare function controlFile(options: FpmOptions, installedSizeKiB: number): string;
