// The command line's proxy: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case too) turned into the PAC-style resolver the CloudMC client
// takes (the app asks Electron's session.resolveProxy instead). Through the proxy an https call is a CONNECT tunnel (proxy-tunnel.ts).
import { isIP } from 'node:net';
import type { ProxyResolver } from '../services/cloudmc/proxy-tunnel';

/** A variable's value, lower-case spelling first (as curl reads them); empty counts as unset. */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The PAC entry for a proxy URL: `http://h:p` or a bare `h:p` is `PROXY h:p`, `https://h:p` is `HTTPS h:p`; anything else throws. */
export function pacEntryFor(proxyUrl: string): string {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported proxy scheme ${url.protocol}`);
  const secure = url.protocol === 'https:';
  return `${secure ? 'HTTPS' : 'PROXY'} ${url.hostname}:${url.port || (secure ? '443' : '80')}`;
}

/** True when NO_PROXY's list names `host` (`*`; a name matching it or a parent domain, with or without a leading dot; an IP; `:port` optional). */
export function bypassesProxy(noProxy: string, host: string, port: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      if (raw === '*') return true;
      const entry = raw.toLowerCase();
      const ipv6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      const [entryHost, entryPort] = ipv6 ? [ipv6[1] ?? '', ipv6[2]] : isIP(entry) === 6 ? [entry, undefined] : entry.split(':');
      if (entryPort !== undefined && entryPort !== port) return false;
      const bare = (entryHost ?? '').replace(/^\*?\./, '');
      if (bare === '') return false;
      return name === bare || (isIP(name) === 0 && isIP(bare) === 0 && name.endsWith(`.${bare}`));
    });
}

/** The resolver for `env`: HTTPS_PROXY for https URLs (HTTP_PROXY when it is unset), HTTP_PROXY for http ones, DIRECT for NO_PROXY's hosts. */
export function envProxyResolver(env: NodeJS.ProcessEnv): ProxyResolver {
  return async (target) => {
    const url = new URL(target);
    const https = url.protocol === 'https:';
    const proxy = https ? (variable(env, 'https_proxy') ?? variable(env, 'http_proxy')) : variable(env, 'http_proxy');
    if (proxy === undefined) return 'DIRECT';
    const noProxy = variable(env, 'no_proxy');
    if (noProxy !== undefined && bypassesProxy(noProxy, url.hostname, url.port || (https ? '443' : '80'))) return 'DIRECT';
    return pacEntryFor(proxy);
  };
}
