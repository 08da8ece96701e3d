// Help > Copy diagnostics: what support needs to understand a problem, in one paste. The text is
// built by a pure function (tested) from facts the shell gathers; it is for the people who read
// support requests, so its labels stay in English whatever the app's language (the confirmation
// the user sees is translated).
import { scrubSecrets } from './log';

/** How many log lines go into the diagnostics: enough to see what led up to a problem. */
export const DIAGNOSTICS_LOG_LINES = 200;

export interface DiagnosticsInput {
  appVersion: string;
  /** process.versions of the running app: electron, chrome, node. */
  versions: { electron?: string; chrome?: string; node?: string };
  /** E.g. "Linux 6.8.0-45-generic (#45-Ubuntu SMP …)". */
  os: string;
  arch: string;
  locale: string;
  packaged: boolean;
  /** How this copy gets updates (see updates.ts), e.g. "AppImage (updates itself)". */
  updates: string;
  dataFolder: string;
  logFile: string;
  /** Where the API key is kept, by kind ("system keychain", "memory"): never the key. */
  keyStore: string;
  /** Whether the tray icon is there and how it is reached. */
  tray: string;
  /** Last lines of the log, oldest first. */
  logLines: readonly string[];
  /** When the report was made (ISO 8601). */
  generatedAt: string;
}

/**
 * The diagnostics report. Every line passes the same scrubbing as the log (the registered key,
 * any `x-api-key` value, plus `secrets` given here), so even a key that an older version wrote to
 * the log, or one that ended up in a path, does not leave the computer.
 */
export function buildDiagnostics(input: DiagnosticsInput, secrets?: readonly string[]): string {
  const facts: [string, string][] = [
    ['Avatar Watch', input.appVersion],
    ['Electron', input.versions.electron ?? 'unknown'],
    ['Chrome', input.versions.chrome ?? 'unknown'],
    ['Node', input.versions.node ?? 'unknown'],
    ['OS', `${input.os} (${input.arch})`],
    ['Locale', input.locale],
    ['Build', input.packaged ? 'installed (packaged)' : 'development (from source)'],
    ['Updates', input.updates],
    ['Data folder', input.dataFolder],
    ['Log file', input.logFile],
    ['API key kept in', input.keyStore],
    ['Tray', input.tray],
    ['Generated', input.generatedAt],
  ];
  const lines = input.logLines.slice(-DIAGNOSTICS_LOG_LINES);
  const text = [
    'Avatar Watch diagnostics',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    `Last ${lines.length} log lines:`,
    ...(lines.length > 0 ? lines : ['(the log is empty)']),
    '',
  ].join('\n');
  return secrets === undefined ? scrubSecrets(text) : scrubSecrets(scrubSecrets(text, secrets));
}
