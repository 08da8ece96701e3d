// The main process's log: one file in the data folder (`<userData>/logs/main.log`), so a user can
// send it to support, and the console in development. The API key never reaches either: every
// line passes a redaction hook first.
//
// Why electron-log's `node` entry and not `electron-log/main`: the file transport is the same
// code, but `main` registers an ipcMain handler ('__ELECTRON_LOG__') through which any renderer
// could write into our log (the window must reach main only through preload/api.ts), and it
// requires 'electron' from inside node_modules, which the unit tests' electron mock cannot
// replace. We set the file's path ourselves, so its Electron path lookup is not needed either.
// electron-vite bundles it into out/main like any pure-JS dependency.
import log from 'electron-log/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { keyScrubber, REDACTED, type KeyScrubber } from '../core/jogg/redact';
import type { Logger } from '../core/ports';

export const LOG_FILE_NAME = 'main.log';
/** electron-log's rotation renames a full main.log to this one archive (replacing the last). */
export const ARCHIVED_LOG_FILE_NAME = 'main.old.log';
/** About 1 MB per file, so the folder never holds more than ~2 MB. */
export const LOG_MAX_BYTES = 1024 * 1024;
export { REDACTED };

/** Keys shorter than this are refused by the app (see the client), and scrubbing tiny strings would shred the log. */
const MIN_SECRET_LENGTH = 8;

/**
 * A JoggAI key sent as a header, quoted in any of the shapes a log line can take:
 * `x-api-key: abc`, `"x-api-key":"abc"`, `x-api-key=abc`, `{ 'x-api-key': 'abc' }`.
 * The value ends at whitespace, a quote, a comma, a semicolon or a closing brace.
 */
const KEY_HEADER = /(x-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi;

let scrubbers: KeyScrubber[] = [];

/**
 * The values that must never be written (the current API key, and any previous one still in
 * memory). Key storage calls this whenever the key is loaded, saved or removed; an empty list
 * clears it. Longest first, so a key that contains another is scrubbed whole.
 */
export function setSecretsToScrub(values: readonly string[]): void {
  scrubbers = scrubbersFor(values);
}

/**
 * The client's own scrubber per secret: every form a key can take on a line (raw, any letter
 * case, JSON-escaped, percent-encoded), so the log hides exactly what the window does.
 */
function scrubbersFor(values: readonly string[]): KeyScrubber[] {
  const usable = [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH))];
  return usable.sort((a, b) => b.length - a.length).map(keyScrubber);
}

/** `text` without the given secrets (default: the ones set) and without any `x-api-key` header value. */
export function scrubSecrets(text: string, secrets?: readonly string[]): string {
  let scrubbed = text;
  for (const scrubber of secrets === undefined ? scrubbers : scrubbersFor(secrets)) scrubbed = scrubber.scrub(scrubbed);
  return scrubbed.replace(KEY_HEADER, `$1${REDACTED}`);
}

/** Turns whatever was logged into text first, so a key inside an Error or an object is found too. */
function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  return inspect(value, { depth: 5, breakLength: Infinity });
}

/** electron-log hook: runs for every message and transport before anything is formatted or written. */
export function redactionHook<M extends { data: unknown[] }>(message: M): M {
  return { ...message, data: message.data.map((value) => scrubSecrets(toText(value))) };
}

export interface AppLog extends Logger {
  /** Full path of the current log file (it may not exist until the first line is written). */
  filePath(): string;
  /** The folder the log files are in, for "Open log folder". */
  folder(): string;
  /** The last `count` lines of the log (the archive first if the current file is short), scrubbed. */
  tail(count: number): string[];
}

export interface AppLogOptions {
  /** The log folder, or a function giving it: read at the first write, so a data folder set later still counts. */
  folder: string | (() => string);
  /** Also print to the console (development); packaged builds write the file only. */
  console: boolean;
  /** Tests use their own instance so they never share state with another log. */
  logId?: string;
}

let instances = 0;

export function createAppLog(options: AppLogOptions): AppLog {
  const folder = typeof options.folder === 'string' ? () => options.folder as string : options.folder;
  instances += 1;
  const logger = log.create({ logId: options.logId ?? `avatar-watch-${instances}` });
  logger.hooks.push(redactionHook);

  const file = logger.transports.file;
  file.level = 'info';
  file.maxSize = LOG_MAX_BYTES;
  file.resolvePathFn = () => join(folder(), LOG_FILE_NAME);
  // electron-log's default archiveLogFn renames main.log to main.old.log (replacing the previous
  // archive) and crops the file if the rename fails: exactly one archive, which is what we want.
  logger.transports.console.level = options.console ? 'info' : false;
  // Only the file and the console: no IPC relay to windows, no remote endpoint (the node entry
  // leaves ipc out already; remote is off unless given a URL, and stays off).
  for (const [name, transport] of Object.entries(logger.transports)) {
    if (name !== 'file' && name !== 'console' && transport) transport.level = false;
  }

  const filePath = (): string => join(folder(), LOG_FILE_NAME);
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
    filePath,
    folder,
    tail: (count) => readTail(folder(), count),
  };
}

/**
 * Writes an uncaught exception in main to the log before Electron handles it as it always does
 * (a monitor listener observes without changing what happens next), so a crash report can hold
 * its stack. Returns a function that stops it.
 */
export function logUncaughtExceptions(logger: Logger): () => void {
  const monitor = (error: Error, origin: string): void => {
    logger.error(`Uncaught ${origin === 'unhandledRejection' ? 'rejection' : 'exception'}: ${error.stack ?? error.message}`);
  };
  process.on('uncaughtExceptionMonitor', monitor);
  return () => process.off('uncaughtExceptionMonitor', monitor);
}

/** Reads the last lines of main.log (topped up from main.old.log), scrubbed again on the way out. */
export function readTail(folder: string, count: number): string[] {
  const lines = readLines(join(folder, LOG_FILE_NAME));
  if (lines.length < count) lines.unshift(...readLines(join(folder, ARCHIVED_LOG_FILE_NAME)));
  return lines.slice(-count).map((line) => scrubSecrets(line));
}

function readLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}
