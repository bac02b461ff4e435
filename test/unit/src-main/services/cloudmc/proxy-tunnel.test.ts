// Choosing how a request leaves the machine and opening its socket, with real loopback sockets: the PAC-style answer read,
// loopback and http always direct, a proxy's refusal or absence told as unreachable with its reason, cancel while the lookup hangs,
// and the CONNECT that names only the target (no path, no header of the request) to the proxy. TLS through a tunnel: system-proxy.test.ts.
import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, parseProxyAnswer, routeFor } from '../../../../../src-main/services/cloudmc/proxy-tunnel';
import { failureOf } from '../../helpers';

describe('reading a PAC-style answer', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['', { kind: 'direct' }],
    ['PROXY proxy.corp:3128', { kind: 'proxy', secure: false, host: 'proxy.corp', port: 3128 }],
    ['PROXY proxy.corp:3128; DIRECT', { kind: 'proxy', secure: false, host: 'proxy.corp', port: 3128 }],
    ['proxy proxy.corp', { kind: 'proxy', secure: false, host: 'proxy.corp', port: 80 }],
    ['HTTPS secure.corp:8443', { kind: 'proxy', secure: true, host: 'secure.corp', port: 8443 }],
    ['HTTPS secure.corp', { kind: 'proxy', secure: true, host: 'secure.corp', port: 443 }],
    ['PROXY [2001:db8::1]:8080', { kind: 'proxy', secure: false, host: '2001:db8::1', port: 8080 }],
    ['SOCKS5 s:1080;DIRECT', { kind: 'direct' }],
    ['SOCKS s:1080; SOCKS5 t:1080', { kind: 'unusable', reason: 'proxy-socks-unsupported' }],
    ['PROXY bad host:1', { kind: 'unusable', reason: 'proxy-answer-unusable' }],
    ['PROXY p:99999; PROXY q:8080', { kind: 'proxy', secure: false, host: 'q', port: 8080 }],
    ['QUIC q:443', { kind: 'unusable', reason: 'proxy-answer-unusable' }],
  ])('%j', (answer, route) => {
    expect(parseProxyAnswer(answer)).toEqual(route);
  });

  it('loopback and http targets go direct without asking; no resolver means direct', async () => {
    const asked: string[] = [];
    const resolver = (url: string): Promise<string> => (asked.push(url), Promise.resolve('PROXY p:1'));
    for (const url of ['https://127.0.0.1:8443/api', 'https://localhost/api', 'https://[::1]:9/api', 'http://127.0.0.1:8080/api']) {
      expect(await routeFor(new URL(url), resolver)).toEqual({ kind: 'direct' });
    }
    expect(asked).toEqual([]);
    expect(await routeFor(new URL('https://cloudmc.example/api'))).toEqual({ kind: 'direct' });
    expect(await routeFor(new URL('https://cloudmc.example/api/v1/x'), resolver)).toEqual({ kind: 'proxy', secure: false, host: 'p', port: 1 });
    expect(asked).toEqual(['https://cloudmc.example/']);
  });
});

describe('opening the connection', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
  });

  /** A loopback TCP server that answers every connection with `handle`; resolves its port. */
  async function listen(handle: (socket: net.Socket) => void): Promise<number> {
    const server = net.createServer(handle);
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  /** A port nothing listens on. */
  async function closedPort(): Promise<number> {
    const port = await listen(() => undefined);
    await new Promise((done) => servers.pop()!.close(done));
    return port;
  }

  const signal = (): AbortSignal => new AbortController().signal;

  it('connects an http loopback target directly, without asking the resolver', async () => {
    const server = http.createServer((_req, res) => res.end('direct'));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    const resolveProxy = (): Promise<string> => Promise.reject(new Error('must not be asked'));
    const socket = await openConnection({ url, signal: signal(), resolveProxy });
    socket.write(`GET /x HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await once(socket, 'end');
    expect(Buffer.concat(chunks).toString()).toMatch(/direct$/);
  });

  it.each([
    ['SOCKS5 s:1080', 'proxy-socks-unsupported'],
    ['QUIC q:443', 'proxy-answer-unusable'],
  ])('refuses the answer %j as unreachable (%s), opening nothing', async (answer, reason) => {
    const url = new URL('https://cloudmc.example/api');
    expect(await failureOf(openConnection({ url, signal: signal(), resolveProxy: () => Promise.resolve(answer) }))).toMatchObject({
      code: 'unreachable',
      details: { reason },
    });
    const failing = (): Promise<string> => Promise.reject(new Error('no PAC'));
    expect(await failureOf(openConnection({ url, signal: signal(), resolveProxy: failing }))).toMatchObject({
      details: { reason: 'proxy-resolve-failed' },
    });
  });

  it('is cancelled while the proxy lookup hangs, and at once when already cancelled', async () => {
    const url = new URL('https://cloudmc.example/api');
    const stop = new AbortController();
    const opening = failureOf(openConnection({ url, signal: stop.signal, resolveProxy: () => new Promise(() => undefined) }));
    stop.abort();
    expect((await opening).code).toBe('cancelled');
    expect((await failureOf(openConnection({ url, signal: stop.signal }))).code).toBe('cancelled');
  });

  it('tells a proxy that refuses the connection as unreachable, marked as the proxy hop', async () => {
    const port = await closedPort();
    const url = new URL('https://cloudmc.example/api/v1/api_keys');
    expect(await failureOf(openConnection({ url, signal: signal(), resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${port}`) }))).toMatchObject({
      code: 'unreachable',
      details: { reason: 'proxy-ECONNREFUSED' },
    });
  });

  it('sends the proxy a CONNECT naming only the target, and tells its refusal by status', async () => {
    const heads: string[] = [];
    const port = await listen((socket) => {
      socket.once('data', (data: Buffer) => {
        heads.push(data.toString('latin1'));
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      });
    });
    const url = new URL('https://cloudmc.example:8443/api/v1/api_keys?secret=1');
    expect(await failureOf(openConnection({ url, signal: signal(), resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${port}`) }))).toMatchObject({
      code: 'unreachable',
      details: { reason: 'proxy-407' },
    });
    expect(heads).toHaveLength(1);
    expect(heads[0]).toMatch(/^CONNECT cloudmc\.example:8443 HTTP\/1\.1\r\n/);
    expect(heads[0]).toMatch(/\r\nhost: cloudmc\.example:8443\r\n/i);
    expect(heads[0]).not.toMatch(/api_keys|secret|mc-api-key/i);
  });
});
