// normalizeEndpoint (docs/security.md 23): https normalised, http only for loopback, no credentials, no query or fragment.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeEndpoint } from '../../../../../src-main/services/cloudmc/endpoint-url';
import { AppFailure } from '../../../../../src-main/errors';

/** Runs normalizeEndpoint and returns the AppFailure it threw (fails the test if it did not throw one). */
function failureOf(input: string): AppFailure {
  try {
    normalizeEndpoint(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  }
  throw new Error(`normalizeEndpoint(${JSON.stringify(input)}) did not throw`);
}

describe('normalizeEndpoint: accepted', () => {
  it.each([
    ['https://cloudmc.example.com/api/v1', 'https://cloudmc.example.com/api/v1'],
    ['https://cloudmc.example.com/api/v1/', 'https://cloudmc.example.com/api/v1'],
    ['https://cloudmc.example.com/api/v1///', 'https://cloudmc.example.com/api/v1'],
    ['https://CloudMC.Example.COM/api/v1', 'https://cloudmc.example.com/api/v1'],
    ['HTTPS://CLOUDMC.EXAMPLE.COM/', 'https://cloudmc.example.com'],
    ['https://cloudmc.example.com', 'https://cloudmc.example.com'],
    ['https://cloudmc.example.com:443/api/v1', 'https://cloudmc.example.com/api/v1'],
    ['https://cloudmc.example.com:8443/api/v1/', 'https://cloudmc.example.com:8443/api/v1'],
    ['  https://cloudmc.example.com/api/v1  ', 'https://cloudmc.example.com/api/v1'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });

  it.each([
    ['http://localhost:8080/api/v1/', 'http://localhost:8080/api/v1'],
    ['http://LOCALHOST:8080/api/v1', 'http://localhost:8080/api/v1'],
    ['http://127.0.0.1:3000/api/v1', 'http://127.0.0.1:3000/api/v1'],
    ['http://127.45.6.7/api/v1', 'http://127.45.6.7/api/v1'],
    ['http://[::1]:9000/api/v1/', 'http://[::1]:9000/api/v1'],
  ])('allows http on loopback: %j → %j', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });
});

describe('normalizeEndpoint: refused', () => {
  it.each([
    'http://cloudmc.example.com/api/v1',
    'http://10.0.0.5/api/v1',
    'http://128.0.0.1/',
    'http://[::2]/',
    'http://localhost.evil.example/',
    'http://127.0.0.1.nip.io/',
  ])('http to a non-loopback host %j → endpoint-insecure', (input) => {
    expect(failureOf(input).appError.code).toBe('endpoint-insecure');
  });

  it.each([
    'https://user:pass@cloudmc.example.com/api/v1',
    'https://user@cloudmc.example.com/',
    'https://:secret@cloudmc.example.com/',
    'http://user:pass@localhost:8080/',
  ])('credentials in the URL %j → endpoint-credentials', (input) => {
    const failure = failureOf(input);
    expect(failure.appError.code).toBe('endpoint-credentials');
    expect(failure.appError.messageKey).toBe('errors.endpoint-credentials');
  });

  it.each(['', '   ', 'cloudmc.example.com/api/v1', 'not a url', 'https://', 'https://exa mple.com/'])(
    'malformed %j → endpoint-invalid (malformed)',
    (input) => {
      const failure = failureOf(input);
      expect(failure.appError.code).toBe('endpoint-invalid');
      expect(failure.appError.details).toEqual({ reason: 'malformed' });
    },
  );

  it.each(['ftp://cloudmc.example.com/api', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://localhost:8080/', 'data:text/plain,hi'])(
    'scheme %j → endpoint-invalid (scheme)',
    (input) => {
      const failure = failureOf(input);
      expect(failure.appError.code).toBe('endpoint-invalid');
      expect(failure.appError.details).toEqual({ reason: 'scheme' });
    },
  );

  it.each([
    'https://cloudmc.example.com/api/v1?x=1',
    'https://cloudmc.example.com/api/v1#frag',
    'https://cloudmc.example.com/?a',
    'http://localhost:8080/api/v1?debug=true',
  ])('query or fragment %j → endpoint-invalid (query)', (input) => {
    const failure = failureOf(input);
    expect(failure.appError.code).toBe('endpoint-invalid');
    expect(failure.appError.details).toEqual({ reason: 'query' });
  });

  it('marks endpoint failures as invalid input (fix it, do not retry as is)', () => {
    expect(failureOf('http://cloudmc.example.com').appError.kind).toBe('invalid');
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.255.0.9', '[::1]'])('%j is loopback', (h) => expect(isLoopbackHost(h)).toBe(true));
  it.each(['example.com', '10.0.0.1', '::1', '127.0.0.1.example.com', '1127.0.0.1', 'localhost.localdomain'])('%j is not loopback', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});
