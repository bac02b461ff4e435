// The policy's allowed endpoints: origins (scheme, host, optional port) with `*.` for any subdomain, under the endpoint rules of docs/security.md 23.
import { isLoopbackHost } from '../cloudmc/endpoint-url';

/** One allowed origin, normalised as the URL parser does (lower case, punycode, IPv6 in brackets). */
export interface AllowedOrigin {
  scheme: 'https:' | 'http:';
  /** The host, or for `*.example.com` the part after `*.` (which itself is not allowed, only its subdomains). */
  host: string;
  /** The port, the scheme's default when the entry names none. */
  port: string;
  anySubdomain: boolean;
}

const wildcardLabel = 'any-subdomain';

/** Parses one entry of `allowedEndpoints`; null when it is not an origin the endpoint rules accept (plain http only for loopback). */
export function parseAllowedOrigin(entry: string): AllowedOrigin | null {
  const match = /^(https?):\/\/(\*\.)?([^*]+)$/i.exec(entry);
  if (!match) return null;
  const scheme = `${match[1]!.toLowerCase()}:` as AllowedOrigin['scheme'];
  const anySubdomain = match[2] !== undefined;
  let url: URL;
  try {
    url = new URL(`${scheme}//${anySubdomain ? `${wildcardLabel}.` : ''}${match[3]}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/' || /[?#]/.test(match[3]!)) return null;
  const host = anySubdomain ? url.hostname.slice(wildcardLabel.length + 1) : url.hostname;
  // `*.` needs a domain under it (`*.com` would allow a whole top-level domain), and never an IP address.
  if (anySubdomain && (!url.hostname.startsWith(`${wildcardLabel}.`) || !host.includes('.') || host.startsWith('['))) return null;
  if (scheme === 'http:' && (anySubdomain || !isLoopbackHost(url.hostname))) return null;
  return { scheme, host, port: url.port || defaultPort(scheme), anySubdomain };
}

/** True when the endpoint (a URL) is on one of the origins. */
export function endpointAllowedBy(endpoint: string, origins: readonly AllowedOrigin[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const port = url.port || defaultPort(url.protocol);
  return origins.some(
    (o) =>
      o.scheme === url.protocol &&
      o.port === port &&
      (o.anySubdomain ? url.hostname.endsWith(`.${o.host}`) && !url.hostname.startsWith('[') : url.hostname === o.host),
  );
}

function defaultPort(scheme: string): string {
  return scheme === 'https:' ? '443' : '80';
}
