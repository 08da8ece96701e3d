// The diagnostics text: every fact support asks for, the last 200 log lines, never the key.
import { afterEach, describe, expect, it } from 'vitest';
import { buildDiagnostics, DIAGNOSTICS_LOG_LINES, type DiagnosticsInput } from '../../../main/shell/diagnostics';
import { REDACTED, setSecretsToScrub } from '../../../main/shell/log';

const KEY = 'jg_live_7f3a9c2e5b1d4f60';

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return {
    appVersion: '0.1.0',
    versions: { electron: '45.3.4', chrome: '142.0.7444.0', node: '22.20.0' },
    os: 'Linux 6.8.0-45-generic (#45-Ubuntu SMP)',
    arch: 'x64',
    locale: 'en-US',
    packaged: true,
    updates: 'AppImage: updates itself when the user agrees',
    dataFolder: '/home/ada/.config/Avatar Watch',
    logFile: '/home/ada/.config/Avatar Watch/logs/main.log',
    keyStore: 'system keychain',
    tray: 'tray icon shown',
    logLines: ['[2026-11-29 10:00:00.000] [info]  Started'],
    generatedAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

afterEach(() => setSecretsToScrub([]));

describe('diagnostics', () => {
  it('lists versions, system, build, folders, key location kind and tray', () => {
    const text = buildDiagnostics(input());
    expect(text.split('\n').slice(0, 14)).toEqual([
      'Avatar Watch diagnostics',
      'Avatar Watch: 0.1.0',
      'Electron: 45.3.4',
      'Chrome: 142.0.7444.0',
      'Node: 22.20.0',
      'OS: Linux 6.8.0-45-generic (#45-Ubuntu SMP) (x64)',
      'Locale: en-US',
      'Build: installed (packaged)',
      'Updates: AppImage: updates itself when the user agrees',
      'Data folder: /home/ada/.config/Avatar Watch',
      'Log file: /home/ada/.config/Avatar Watch/logs/main.log',
      'API key kept in: system keychain',
      'Tray: tray icon shown',
      'Generated: 2026-11-29T10:00:00.000Z',
    ]);
    expect(text).toContain('Last 1 log lines:\n[2026-11-29 10:00:00.000] [info]  Started');
    expect(buildDiagnostics(input({ packaged: false }))).toContain('Build: development (from source)');
  });

  it('says "unknown" for a missing version and when the log is empty', () => {
    const text = buildDiagnostics(input({ versions: {}, logLines: [] }));
    expect(text).toContain('Electron: unknown');
    expect(text).toContain('Last 0 log lines:\n(the log is empty)');
  });

  it('keeps only the last 200 log lines', () => {
    const lines = Array.from({ length: 250 }, (_, i) => `line ${i}`);
    const text = buildDiagnostics(input({ logLines: lines }));
    expect(DIAGNOSTICS_LOG_LINES).toBe(200);
    expect(text).toContain('Last 200 log lines:\nline 50\n');
    expect(text).not.toContain('line 49\n');
    expect(text.trimEnd().endsWith('line 249')).toBe(true);
  });

  it('never holds the key, even when the log lines or a path contain it', () => {
    const leaky = input({
      logLines: [`Saved key ${KEY}`, 'request headers {"x-api-key":"unregistered-key-99"}'],
      dataFolder: `/tmp/${KEY}/data`,
    });
    // Registered with the log's scrubber (as key storage does)…
    setSecretsToScrub([KEY]);
    const registered = buildDiagnostics(leaky);
    expect(registered).not.toContain(KEY);
    expect(registered).not.toContain('unregistered-key-99');
    expect(registered).toContain(`Saved key ${REDACTED}`);
    expect(registered).toContain(`Data folder: /tmp/${REDACTED}/data`);
    // …or handed in directly.
    setSecretsToScrub([]);
    const given = buildDiagnostics(leaky, [KEY]);
    expect(given).not.toContain(KEY);
    expect(given).not.toContain('unregistered-key-99');
  });
});
