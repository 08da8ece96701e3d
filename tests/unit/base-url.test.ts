// Which servers the API key may be sent to: https anywhere, plain http only to this machine.
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_BASE_URL, isLoopbackHost, resolveApiBaseUrl } from '../../main/core/jogg/base-url';

function accepted(input: string | undefined): string {
  const result = resolveApiBaseUrl(input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted, got ${JSON.stringify(result.error)}`);
  return result.value.href;
}

function rejectedKind(input: string): string {
  const result = resolveApiBaseUrl(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected, got ${result.value.href}`);
  expect(result.error.message.length).toBeGreaterThan(10);
  return result.error.kind;
}

describe('resolveApiBaseUrl', () => {
  it('defaults to JoggAI when nothing (or only spaces) is given', () => {
    expect(DEFAULT_API_BASE_URL).toBe('https://api.jogg.ai');
    expect(accepted(undefined)).toBe('https://api.jogg.ai/');
    expect(accepted('')).toBe('https://api.jogg.ai/');
    expect(accepted('   ')).toBe('https://api.jogg.ai/');
  });

  it('accepts https anywhere, keeping a path prefix with a trailing slash', () => {
    expect(accepted('https://api.jogg.ai')).toBe('https://api.jogg.ai/');
    expect(accepted(' https://proxy.example.com:8443/jogg ')).toBe('https://proxy.example.com:8443/jogg/');
  });

  it.each(['http://127.0.0.1:4010', 'http://127.8.9.10', 'http://localhost:4010', 'http://LOCALHOST', 'http://[::1]:4010'])(
    'accepts plain http to the loopback address %s',
    (input) => {
      expect(accepted(input)).toMatch(/^http:\/\//);
    },
  );

  it.each(['http://api.jogg.ai', 'http://192.168.1.10:4010', 'http://10.0.0.1', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://[::2]'])(
    'refuses plain http to %s as insecure-url',
    (input) => {
      expect(rejectedKind(input)).toBe('insecure-url');
    },
  );

  it('explains the insecure case in words', () => {
    const result = resolveApiBaseUrl('http://api.jogg.ai');
    expect(result.ok ? null : result.error.message).toMatch(/https/);
  });

  it.each(['api.jogg.ai', 'not a url', 'ftp://api.jogg.ai', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://127.0.0.1:4010'])(
    'refuses %s as invalid-input',
    (input) => {
      expect(rejectedKind(input)).toBe('invalid-input');
    },
  );

  it('refuses credentials, queries and fragments in the base URL', () => {
    expect(rejectedKind('https://user:pass@api.jogg.ai')).toBe('invalid-input');
    expect(rejectedKind('http://127.0.0.1@evil.example')).toBe('invalid-input');
    expect(rejectedKind('https://api.jogg.ai/?x=1')).toBe('invalid-input');
    expect(rejectedKind('https://api.jogg.ai/#frag')).toBe('invalid-input');
  });

  it('does not echo an absurdly long input whole', () => {
    const result = resolveApiBaseUrl(`not a url ${'x'.repeat(1_000)}`);
    expect(result.ok ? '' : result.error.message.length).toBeLessThan(200);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LocalHost', '127.0.0.1', '127.255.255.254', '127.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', 'localhost:4010', '[::1]:4010', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['', 'example.com', '128.0.0.1', '0.0.0.0', '10.0.0.1', '::', '::2', 'localhost.example.com', '127.0.0.1.example.com', '::ffff:10.0.0.1', 'local host'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
