// Validates and normalises a CloudMC endpoint URL (docs/security.md 23): https only, http for loopback, no credentials.
import { fail } from '../../errors';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when a hostname names this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns the normalised endpoint (no trailing slash, no query or fragment) or throws a precise AppFailure. */
export function normalizeEndpoint(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail('endpoint-invalid', { details: { reason: 'malformed' } });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('endpoint-invalid', { details: { reason: 'scheme' } });
  if (url.username || url.password) throw fail('endpoint-credentials');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw fail('endpoint-insecure');
  if (url.search || url.hash) throw fail('endpoint-invalid', { details: { reason: 'query' } });
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
