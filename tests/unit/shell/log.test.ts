// The log file: written by electron-log's real file transport into a temp folder, rotated at
// about 1 MB into one archive, and never holding the API key.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ARCHIVED_LOG_FILE_NAME,
  LOG_FILE_NAME,
  LOG_MAX_BYTES,
  REDACTED,
  createAppLog,
  logUncaughtExceptions,
  readTail,
  redactionHook,
  scrubSecrets,
  setSecretsToScrub,
} from '../../../main/shell/log';

const KEY = 'jg_live_7f3a9c2e5b1d4f60';
let folder: string;
let logCount = 0;

function newLog(): ReturnType<typeof createAppLog> {
  logCount += 1;
  return createAppLog({ folder, console: false, logId: `log-test-${logCount}` });
}

function written(): string {
  return readFileSync(join(folder, LOG_FILE_NAME), 'utf8');
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'aw-log-'));
  setSecretsToScrub([]);
});

afterEach(() => {
  setSecretsToScrub([]);
  rmSync(folder, { recursive: true, force: true });
});

describe('the log file', () => {
  it('writes timestamped lines to <folder>/main.log', () => {
    const log = newLog();
    log.info('Data folder: /somewhere');
    log.warn('Slow keychain');
    log.error('Could not save');
    expect(log.filePath()).toBe(join(folder, LOG_FILE_NAME));
    const lines = written().trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] \[info\] +Data folder: \/somewhere$/);
    expect(lines[1]).toMatch(/\[warn\] +Slow keychain$/);
    expect(lines[2]).toMatch(/\[error\] Could not save$/);
  });

  it('reads its folder lazily, so a data folder chosen after start-up still counts', () => {
    let chosen = join(folder, 'first');
    const log = createAppLog({ folder: () => chosen, console: false, logId: 'log-test-lazy' });
    chosen = join(folder, 'second', 'logs');
    log.info('hello');
    expect(existsSync(join(folder, 'second', 'logs', LOG_FILE_NAME))).toBe(true);
    expect(existsSync(join(folder, 'first'))).toBe(false);
  });

  it('never writes the registered API key', () => {
    const log = newLog();
    setSecretsToScrub([KEY]);
    log.info(`Saved the key ${KEY} to the system keychain`);
    log.error(`Request failed: GET /v2/photo_avatar/photo?key=${KEY}`);
    const text = written();
    expect(text).not.toContain(KEY);
    expect(text).toContain(`Saved the key ${REDACTED} to the system keychain`);
    expect(text).toContain(`?key=${REDACTED}`);
  });

  it('never writes an x-api-key header value, known or not', () => {
    const log = newLog();
    log.info('headers: {"x-api-key":"some-other-key-0001","accept":"application/json"}');
    log.info('x-api-key: another-key-0002 sent');
    log.info("options { headers: { 'x-api-key': 'third-key-0003' } }");
    log.info('X-Api-Key=fourth-key-0004');
    const text = written();
    for (const value of ['some-other-key-0001', 'another-key-0002', 'third-key-0003', 'fourth-key-0004']) {
      expect(text).not.toContain(value);
    }
    expect(text).toContain(`"x-api-key":"${REDACTED}","accept":"application/json"`);
    expect(text).toContain(`x-api-key: ${REDACTED} sent`);
  });

  it('scrubs the key percent-encoded in a URL too', () => {
    const key = 'jg/live+7f3a9c2e=';
    setSecretsToScrub([key]);
    expect(scrubSecrets(`GET /x?k=${encodeURIComponent(key)} and ${key}`)).toBe(`GET /x?k=${REDACTED} and ${REDACTED}`);
  });

  it('writes an uncaught exception with its stack, then lets it go on as before', () => {
    const log = newLog();
    setSecretsToScrub([KEY]);
    // What Node does just before handling an uncaught exception (emitting it leaves nothing uncaught here).
    const crash = (error: Error) => (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', error, 'uncaughtException');
    const stop = logUncaughtExceptions(log);
    crash(new Error(`boom with ${KEY}`));
    stop();
    crash(new Error('after stop'));
    const text = written();
    expect(text).toMatch(/\[error\] Uncaught exception: Error: boom with \[redacted\]\n\s+at /);
    expect(text).not.toContain('after stop');
  });

  it('forgets a key once it is no longer registered, and ignores values too short to be a key', () => {
    setSecretsToScrub([KEY, 'abc']);
    expect(scrubSecrets(`abc ${KEY}`)).toBe(`abc ${REDACTED}`);
    setSecretsToScrub([]);
    expect(scrubSecrets(`abc ${KEY}`)).toBe(`abc ${KEY}`);
  });

  it('scrubs a longer key whole even when a shorter registered one is inside it', () => {
    setSecretsToScrub(['12345678', '12345678-extended']);
    expect(scrubSecrets('key 12345678-extended')).toBe(`key ${REDACTED}`);
  });

  it('scrubs keys inside errors and objects too (the hook turns them into text first)', () => {
    setSecretsToScrub([KEY]);
    const message = redactionHook({ data: [new Error(`bad key ${KEY}`), { headers: { 'x-api-key': 'zzzzzzzzzz' } }, 42] });
    const text = message.data.join(' ');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('zzzzzzzzzz');
    expect(text).toContain(`bad key ${REDACTED}`);
    expect(message.data[2]).toBe('42');
  });

  it('rotates at about 1 MB into exactly one archive', () => {
    const log = newLog();
    const line = 'x'.repeat(1023);
    const linesPerMegabyte = Math.ceil(LOG_MAX_BYTES / 1024);
    for (let i = 0; i < linesPerMegabyte + 10; i += 1) log.info(line);
    expect(readdirSync(folder).sort()).toEqual([LOG_FILE_NAME, ARCHIVED_LOG_FILE_NAME].sort());
    expect(statSync(join(folder, LOG_FILE_NAME)).size).toBeLessThan(LOG_MAX_BYTES / 10);
    log.info('after the first rotation');
    // A second megabyte replaces the archive rather than adding a third file.
    for (let i = 0; i < linesPerMegabyte + 10; i += 1) log.info(line);
    expect(readdirSync(folder).sort()).toEqual([LOG_FILE_NAME, ARCHIVED_LOG_FILE_NAME].sort());
    expect(statSync(join(folder, ARCHIVED_LOG_FILE_NAME)).size).toBeLessThanOrEqual(LOG_MAX_BYTES + 2048);
  });

  it('gives the last lines, topped up from the archive, scrubbed even if the file holds a key', () => {
    const log = newLog();
    for (let i = 0; i < Math.ceil(LOG_MAX_BYTES / 1024) + 5; i += 1) log.info(`old ${i} ${'y'.repeat(1000)}`);
    log.info('new 1');
    // A key that reached the file before it was registered (e.g. an older app version's log).
    log.info(`leaked ${KEY}`);
    setSecretsToScrub([KEY]);
    const tail = log.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail[4]).toContain(`leaked ${REDACTED}`);
    expect(tail[3]).toContain('new 1');
    expect(tail[0]).toContain('old ');
    expect(tail.join('\n')).not.toContain(KEY);
  });

  it('gives no lines when there is no log yet', () => {
    expect(readTail(join(folder, 'missing'), 200)).toEqual([]);
  });
});
