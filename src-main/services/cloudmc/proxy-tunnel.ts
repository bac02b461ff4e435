// Reaching CloudMC through the system proxy. A PAC-style answer (in the app: Electron's session.resolveProxy, which follows the
// system settings, PAC and WPAD) picks DIRECT or an HTTP(S) proxy. Through a proxy an https target is reached with CONNECT and TLS
// runs end to end inside the tunnel, verified as on a direct connection: the proxy relays encrypted bytes and never sees MC-Api-Key.
// Loopback targets and http targets (loopback only, docs/security.md 23) always go direct.
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { fail } from '../../errors';
import { isLoopbackHost } from './endpoint-url';
import { networkFailure } from './network-failure';

/** Answers which proxies to use for a URL, PAC style: "DIRECT", "PROXY host:port", "HTTPS host:port; DIRECT"... */
export type ProxyResolver = (url: string) => Promise<string>;

/** How one request leaves the machine. */
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; secure: boolean; host: string; port: number } | { kind: 'unusable'; reason: string };

const direct: ProxyRoute = { kind: 'direct' };

/** The first entry of a PAC answer this app can use (DIRECT, PROXY, HTTPS); SOCKS and unknown entries are skipped. */
export function parseProxyAnswer(answer: string): ProxyRoute {
  const entries = answer
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) return direct; // an empty PAC result means DIRECT
  let sawSocks = false;
  for (const entry of entries) {
    const [scheme = '', hostPort, ...extra] = entry.split(/\s+/);
    const type = scheme.toUpperCase();
    if (type === 'DIRECT' && hostPort === undefined) return direct;
    if ((type === 'PROXY' || type === 'HTTPS') && hostPort !== undefined && extra.length === 0) {
      const at = parseHostPort(hostPort, type === 'HTTPS' ? 443 : 80);
      if (at) return { kind: 'proxy', secure: type === 'HTTPS', ...at };
    }
    if (type.startsWith('SOCKS')) sawSocks = true;
  }
  return { kind: 'unusable', reason: sawSocks ? 'proxy-socks-unsupported' : 'proxy-answer-unusable' };
}

/** `host:port`, `[v6]:port` or a bare host (then `defaultPort`); null when malformed. */
function parseHostPort(text: string, defaultPort: number): { host: string; port: number } | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: bare(match[1] ?? ''), port };
}

/** The route for one URL: loopback and http go direct without asking; otherwise the resolver decides (no resolver: direct). */
export async function routeFor(url: URL, resolveProxy?: ProxyResolver): Promise<ProxyRoute> {
  if (!resolveProxy || url.protocol !== 'https:' || isLoopbackHost(url.hostname)) return direct;
  let answer: string;
  try {
    answer = await resolveProxy(`${url.protocol}//${url.host}/`); // the origin is all a PAC script needs; paths stay out of it
  } catch {
    return { kind: 'unusable', reason: 'proxy-resolve-failed' };
  }
  return parseProxyAnswer(String(answer));
}

/** What opening a connection for one request needs. */
export interface ConnectionTarget {
  url: URL;
  /** The trust for TLS (system-trust.ts); undefined: Node's default roots. */
  secureContext?: tls.SecureContext;
  resolveProxy?: ProxyResolver;
  /** Aborted when the request fails (deadline, cancel): tears down the proxy hop too. */
  signal: AbortSignal;
}

/** Opens the socket one request runs on (TLS verified for https), direct or through a CONNECT tunnel; rejects with AppFailure. */
export async function openConnection(target: ConnectionTarget): Promise<Duplex> {
  const route = await untilAborted(routeFor(target.url, target.resolveProxy), target.signal);
  if (route.kind === 'unusable') throw fail('unreachable', { details: { reason: route.reason } });
  const port = Number(target.url.port) || (target.url.protocol === 'https:' ? 443 : 80);
  if (route.kind === 'direct') return directSocket(target, port);
  return tunnel(route, target, port);
}

/** A direct socket; its errors reach the request through the request's own listener. */
function directSocket(target: ConnectionTarget, port: number): Duplex {
  const host = bare(target.url.hostname);
  const socket =
    target.url.protocol === 'https:'
      ? tls.connect({ host, port, ...serverName(host), ...(target.secureContext ? { secureContext: target.secureContext } : {}) })
      : net.connect({ host, port });
  whenAborted(target.signal, () => socket.destroy());
  return socket;
}

/** CONNECT through the proxy, a 200 required, then TLS to the target inside the tunnel; resolves once the handshake is verified. */
function tunnel(proxy: Extract<ProxyRoute, { kind: 'proxy' }>, target: ConnectionTarget, port: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const authority = `${target.url.hostname}:${port}`;
    const context = target.secureContext ? { secureContext: target.secureContext } : {};
    // The hop to the proxy is opened here, not by an agent (an agent would check an HTTPS proxy's certificate against the Host header).
    const toProxy = proxy.secure
      ? tls.connect({ host: proxy.host, port: proxy.port, ...serverName(proxy.host), ...context })
      : net.connect({ host: proxy.host, port: proxy.port });
    const sockets: Duplex[] = [toProxy];
    // Only the target's name crosses to the proxy in clear: no API header, no path.
    const connectRequest = http.request({ method: 'CONNECT', path: authority, headers: { host: authority }, createConnection: () => toProxy });
    const failWith = (e: unknown, prefix: string): void => {
      connectRequest.destroy();
      sockets.forEach((s) => s.destroy());
      reject(networkFailure(e, prefix));
    };
    whenAborted(target.signal, () => failWith(fail('cancelled'), ''));
    connectRequest.on('error', (e) => failWith(e, 'proxy-'));
    connectRequest.on('connect', (res: http.IncomingMessage, raw: Duplex, head: Buffer) => {
      sockets.push(raw);
      raw.on('error', (e) => failWith(e, 'proxy-'));
      if (res.statusCode !== 200) return failWith(fail('unreachable', { details: { reason: `proxy-${res.statusCode ?? 0}` } }), '');
      if (head.length > 0) raw.unshift(head);
      const host = bare(target.url.hostname);
      const secure = tls.connect({ socket: raw, host, ...serverName(host), ...context });
      sockets.push(secure);
      secure.on('error', (e) => failWith(e, ''));
      secure.once('secureConnect', () => resolve(secure));
    });
    connectRequest.end();
  });
}

/** SNI carries host names only, never IP addresses. */
function serverName(host: string): { servername?: string } {
  return net.isIP(host) ? {} : { servername: host };
}

/** A URL hostname without IPv6 brackets. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Runs `stop` when the signal aborts (at once if it already has). */
function whenAborted(signal: AbortSignal, stop: () => void): void {
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
}

/** The promise's value, or a cancelled failure as soon as the signal aborts (a hanging proxy lookup holds nothing). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(fail('cancelled'));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(fail('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
