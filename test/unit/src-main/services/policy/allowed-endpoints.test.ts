// Allowed endpoints: whole origins (scheme, host, port), `*.` for subdomains only, and the endpoint rules first (http only for loopback).
import { describe, expect, it } from 'vitest';
import { endpointAllowedBy, parseAllowedOrigin } from '../../../../../src-main/services/policy/allowed-endpoints';

const origins = (...entries: string[]) =>
  entries.map((e) => {
    const origin = parseAllowedOrigin(e);
    if (!origin) throw new Error(`refused: ${e}`);
    return origin;
  });

describe('an allowed-endpoints entry', () => {
  it.each([
    'https://cloudmc.example.com',
    'https://cloudmc.example.com/',
    'https://cloudmc.example.com:8443',
    'HTTPS://CloudMC.Example.com',
    'https://*.cloudmc.example.net',
    'http://127.0.0.1:8080',
    'http://localhost:3000',
    'http://[::1]:8080',
    'https://bücher.example',
  ])('accepts %s', (entry) => expect(parseAllowedOrigin(entry)).not.toBeNull());

  it.each([
    ['plain http to another machine', 'http://cloudmc.example.com'],
    ['a wildcard over http', 'http://*.localhost'],
    ['a path', 'https://cloudmc.example.com/api/v1'],
    ['a query', 'https://cloudmc.example.com?x=1'],
    ['a fragment', 'https://cloudmc.example.com#top'],
    ['credentials', 'https://user:pw@cloudmc.example.com'],
    ['no scheme', 'cloudmc.example.com'],
    ['another scheme', 'ftp://cloudmc.example.com'],
    ['a wildcard over a whole top-level domain', 'https://*.com'],
    ['a wildcard over an IP address', 'https://*.10.0.0.1'],
    ['a wildcard inside a label', 'https://cloud*.example.com'],
    ['a bare wildcard', 'https://*'],
    ['an empty entry', ''],
  ])('refuses %s', (_why, entry) => expect(parseAllowedOrigin(entry)).toBeNull());
});

describe('an endpoint against the list', () => {
  const list = origins('https://cloudmc.example.com', 'https://*.cloudmc.example.net', 'http://127.0.0.1:8080', 'https://edge.example.org:8443');

  it.each([
    'https://cloudmc.example.com/api/v1',
    'https://cloudmc.example.com:443/api/v1',
    'https://eu.cloudmc.example.net/api/v1',
    'https://a.b.cloudmc.example.net/api/v1',
    'http://127.0.0.1:8080/api/v1',
    'https://edge.example.org:8443/api/v1',
  ])('allows %s', (endpoint) => expect(endpointAllowedBy(endpoint, list)).toBe(true));

  it.each([
    ['another host', 'https://evil.example.com/api/v1'],
    ['a host ending the same way', 'https://notcloudmc.example.com/api/v1'],
    ['the wildcard domain itself (only its subdomains are)', 'https://cloudmc.example.net/api/v1'],
    ['a look-alike suffix', 'https://eu.cloudmc.example.net.evil.com/api/v1'],
    ['another port', 'https://cloudmc.example.com:8443/api/v1'],
    ['the default port where a port is named', 'https://edge.example.org/api/v1'],
    ['http where https is allowed', 'http://cloudmc.example.com/api/v1'],
    ['another loopback port', 'http://127.0.0.1:9090/api/v1'],
    ['not a URL', 'cloudmc.example.com'],
  ])('refuses %s', (_why, endpoint) => expect(endpointAllowedBy(endpoint, list)).toBe(false));

  it('allows nothing from an empty list', () => {
    expect(endpointAllowedBy('https://cloudmc.example.com/api/v1', [])).toBe(false);
  });

  it('matches internationalised names as the URL parser writes them', () => {
    expect(endpointAllowedBy('https://BÜCHER.example/api', origins('https://bücher.example'))).toBe(true);
  });
});
