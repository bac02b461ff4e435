// Issue 10, item 6: CloudMC calls honour the system proxy (a PAC-style answer, as Electron's session.resolveProxy gives) while every
// HTTP rule of docs/security.md 18-23 still holds through it. Real parts only: a loopback HTTP CONNECT proxy written here, the simulator
// over https with a throwaway CA. The certificate names `cloudmc.test`, a name only the proxy can reach (it connects that name to
// 127.0.0.1 itself): a call that works proves it went through the proxy, since loopback targets always go direct.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCloudmcClient, type ClientOptions } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf, makeTempDir, removeTempDir } from '../../helpers';

/** What the proxy does with a CONNECT. */
type ProxyMode = 'tunnel' | 'hang' | '407' | 'close';

/** One CONNECT the proxy received. */
interface SeenConnect {
  /** The request target, e.g. `cloudmc.test:443`. */
  target: string;
  /** The whole request head as received, in clear. */
  head: string;
  /** Every byte the client sent after the head (what the proxy relayed upstream). */
  relayed: Buffer[];
  /** Resolves when the client's connection to the proxy is closed. */
  closed: Promise<void>;
}

/** A loopback HTTP CONNECT proxy (plain, or TLS when given a certificate) that records every CONNECT. */
interface ConnectProxy {
  port: number;
  mode: ProxyMode;
  seen: SeenConnect[];
  /** Resolves with the next CONNECT once its head is read. */
  nextConnect(): Promise<SeenConnect>;
  close(): Promise<void>;
}

/** Names the proxy resolves itself (the client never does when it goes through a proxy). */
const proxyHosts: Record<string, string> = { 'cloudmc.test': '127.0.0.1' };

async function startConnectProxy(tlsOptions?: { key: Buffer; cert: Buffer }): Promise<ConnectProxy> {
  const sockets = new Set<net.Socket>();
  const waiters: ((seen: SeenConnect) => void)[] = [];
  const proxy: ConnectProxy = {
    port: 0,
    mode: 'tunnel',
    seen: [],
    nextConnect: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
  const onClient = (client: net.Socket): void => {
    sockets.add(client);
    const closed = once(client, 'close').then(() => undefined);
    client.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const head = buffered.subarray(0, end + 4).toString('latin1');
      const rest = buffered.subarray(end + 4);
      const target = /^CONNECT (\S+) HTTP\/1\.1\r\n/.exec(head)?.[1] ?? '';
      const seen: SeenConnect = { target, head, relayed: rest.length ? [rest] : [], closed };
      proxy.seen.push(seen);
      waiters.splice(0).forEach((w) => w(seen));
      client.on('data', (more: Buffer) => seen.relayed.push(more));
      if (proxy.mode === 'hang') return;
      if (proxy.mode === 'close') return void client.destroy();
      if (proxy.mode === '407') {
        return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      }
      const [host = '', port = ''] = target.split(/:(?=\d+$)/);
      const upstream = net.connect({ host: proxyHosts[host] ?? host, port: Number(port) });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      upstream.once('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    client.on('data', onData);
  };
  const server = tlsOptions ? tls.createServer(tlsOptions, onClient) : net.createServer(onClient);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}

let dir: string;
let sim: Simulator;
let apiKey: string;
let caPem: string;
let otherCaPem: string;
let proxy: ConnectProxy;
let tlsProxy: ConnectProxy;
/** The simulator under the name only the proxy can reach. */
let endpoint: string;
/** Every URL the proxy resolver was asked about. */
let asked: string[];

function openssl(...args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.error?.message ?? run.stderr}`);
}

function makeCa(name: string): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name} Test CA`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
}

/** A server certificate for `san` signed by the test CA. */
function makeServerCert(name: string, san: string): { key: Buffer; cert: Buffer } {
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
  return { key: fs.readFileSync(path.join(dir, `${name}.key`)), cert: fs.readFileSync(path.join(dir, `${name}.pem`)) };
}

beforeAll(async () => {
  dir = makeTempDir('cmc-proxy-');
  makeCa('ca');
  makeCa('other');
  caPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  otherCaPem = fs.readFileSync(path.join(dir, 'other.pem'), 'utf8');
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state, tls: makeServerCert('server', 'DNS:cloudmc.test,IP:127.0.0.1') });
  endpoint = sim.endpoint.replace('https://127.0.0.1:', 'https://cloudmc.test:');
  proxy = await startConnectProxy();
  tlsProxy = await startConnectProxy(makeServerCert('proxy', 'IP:127.0.0.1'));
});
afterAll(async () => {
  await sim?.close();
  await proxy?.close();
  await tlsProxy?.close();
  removeTempDir(dir);
});
afterEach(() => {
  sim.faults.clear();
  proxy.mode = 'tunnel';
  proxy.seen.length = 0;
  tlsProxy.seen.length = 0;
});

/** A resolver answering `answer` for every URL, recording what it was asked. */
function answering(answer: string): (url: string) => Promise<string> {
  asked = [];
  return async (url) => {
    asked.push(url);
    return answer;
  };
}

function client(opts: { endpoint?: string; ca?: string | null; answer?: string } & Partial<ClientOptions> = {}) {
  const { endpoint: at = endpoint, ca = caPem, answer = `PROXY 127.0.0.1:${proxy.port}`, ...options } = opts;
  return createCloudmcClient(
    { endpoint: at, apiKey, ...(ca ? { ca } : {}) },
    { timeoutMs: 3000, deadlineMs: 3000, attempts: 1, backoffMs: 1, resolveProxy: answering(answer), ...options },
  );
}

const relayedBytes = (seen: SeenConnect): Buffer => Buffer.concat(seen.relayed);

describe('issue 10.6: CloudMC through the system proxy', () => {
  it('a call through the proxy reaches CloudMC; the proxy saw only CONNECT cloudmc.test:<port>', async () => {
    const before = sim.requests.length;
    expect((await client().currentUser()).userName).toBe('rwilson');
    expect(asked).toEqual([`https://cloudmc.test:${sim.port}/`]); // the origin only: paths never reach a PAC script
    expect(proxy.seen.map((s) => s.target)).toEqual([`cloudmc.test:${sim.port}`]);
    expect(sim.requests.slice(before).map((r) => [r.method, r.hasApiKey])).toEqual([['GET', true]]);
  });

  it('the proxy relays only TLS: MC-Api-Key, the key and the path never cross it in clear', async () => {
    await client().listKeys();
    const [seen] = proxy.seen;
    expect(seen?.head).toBe(`CONNECT cloudmc.test:${sim.port} HTTP/1.1\r\nhost: cloudmc.test:${sim.port}\r\nConnection: close\r\n\r\n`);
    const relayed = relayedBytes(seen!);
    expect(relayed.length).toBeGreaterThan(0);
    expect([relayed[0], relayed[1]]).toEqual([0x16, 0x03]); // a TLS handshake record opens the tunnel
    for (const clear of [apiKey, 'mc-api-key', 'MC-Api-Key', '/api/v1', 'api_keys']) expect(relayed.includes(Buffer.from(clear))).toBe(false);
  });

  it('the tunnel is closed once the answer is read (no connection left open at the proxy)', async () => {
    await client().listKeys();
    await proxy.seen[0]?.closed;
  });

  it('a proxy that hangs on CONNECT is cancelled, and the connection to it closed', async () => {
    proxy.mode = 'hang';
    const controller = new AbortController();
    const call = failureOf(client().listKeys(controller.signal));
    const seen = await proxy.nextConnect();
    controller.abort();
    expect(await call).toMatchObject({ code: 'cancelled' });
    await seen.closed;
  });

  it('a proxy that hangs on CONNECT ends at the deadline, and the connection to it is closed', async () => {
    proxy.mode = 'hang';
    const started = performance.now();
    expect(await failureOf(client({ timeoutMs: 400, deadlineMs: 400 }).listKeys())).toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2500);
    await proxy.seen[0]?.closed;
  });

  it('a proxy asking for sign-in (407) is a clear failure: unreachable, reason proxy-407, nothing reaches CloudMC', async () => {
    proxy.mode = '407';
    const before = sim.requests.length;
    expect(await failureOf(client().listKeys())).toMatchObject({ code: 'unreachable', kind: 'offline', details: { reason: 'proxy-407' } });
    expect(sim.requests.length).toBe(before);
  });

  it('a proxy that drops the connection is unreachable, naming the proxy', async () => {
    proxy.mode = 'close';
    const failure = await failureOf(client().listKeys());
    expect(failure.code).toBe('unreachable');
    expect(String(failure.details?.reason)).toMatch(/^proxy-/);
  });

  it('through the proxy, a private-CA server still needs the profile CA: tls-failed without it or with another CA', async () => {
    const before = sim.requests.length;
    expect(await failureOf(client({ ca: null }).listKeys())).toMatchObject({ code: 'tls-failed' });
    expect(await failureOf(client({ ca: otherCaPem }).generateKey('x'))).toMatchObject({ code: 'tls-failed' });
    expect(sim.requests.length).toBe(before);
    expect(proxy.seen).toHaveLength(2); // it did go through the proxy, and failed on the certificate
  });

  it('through the proxy, a 302 is refused and not followed: the other server never receives the key', async () => {
    const hits: http.IncomingHttpHeaders[] = [];
    const other = http.createServer((req, res) => {
      hits.push(req.headers);
      res.end('{}');
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    try {
      const elsewhere = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}/api/v1/api_keys`;
      sim.faults.add({ fault: { kind: 'redirect', location: elsewhere } });
      expect(await failureOf(client().listKeys())).toMatchObject({ code: 'redirect-refused' });
      expect(hits).toEqual([]);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      other.close();
    }
  });

  it('through the proxy, the answer size cap holds', async () => {
    sim.faults.add({ fault: { kind: 'oversized', bytes: 64 * 1024 } });
    expect(await failureOf(client({ maxBodyBytes: 16 * 1024 }).listKeys())).toMatchObject({ code: 'response-too-large' });
  });

  it('the deadline covers the answer too: a server that hangs behind the proxy times out, and the tunnel is closed', async () => {
    sim.faults.add({ fault: { kind: 'hang' } });
    expect(await failureOf(client({ timeoutMs: 400, deadlineMs: 400 }).listKeys())).toMatchObject({ code: 'timeout' });
    await proxy.seen[0]?.closed;
  });

  it('a call hanging behind the proxy is cancelled, and the tunnel is closed', async () => {
    sim.faults.add({ fault: { kind: 'hang' } });
    const before = sim.requests.length;
    const controller = new AbortController();
    const call = failureOf(client().listKeys(controller.signal));
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThan(before)); // until the simulator holds the request
    controller.abort();
    expect(await call).toMatchObject({ code: 'cancelled' });
    await proxy.seen[0]?.closed;
  });

  it('DIRECT goes direct: the proxy sees nothing (and cloudmc.test, known only to the proxy, cannot be reached)', async () => {
    expect(await failureOf(client({ answer: 'DIRECT' }).listKeys())).toMatchObject({ code: 'unreachable' });
    expect(asked).toHaveLength(1);
    expect(proxy.seen).toEqual([]);
  });

  it('a loopback endpoint always goes direct, without asking for a proxy', async () => {
    const loopback = client({ endpoint: sim.endpoint });
    expect((await loopback.currentUser()).userName).toBe('rwilson');
    expect(asked).toEqual([]);
    expect(proxy.seen).toEqual([]);
  });

  it('SOCKS alone is a clear failure (proxy-socks-unsupported); SOCKS then PROXY uses the HTTP proxy', async () => {
    expect(await failureOf(client({ answer: 'SOCKS5 127.0.0.1:1080' }).listKeys())).toMatchObject({
      code: 'unreachable',
      details: { reason: 'proxy-socks-unsupported' },
    });
    expect(proxy.seen).toEqual([]);
    expect((await client({ answer: `SOCKS5 127.0.0.1:1080; PROXY 127.0.0.1:${proxy.port}; DIRECT` }).listKeys()).length).toBeGreaterThan(0);
    expect(proxy.seen).toHaveLength(1);
  });

  it('an HTTPS proxy entry: TLS to the proxy (verified), CONNECT inside it, then TLS to CloudMC inside the tunnel', async () => {
    expect((await client({ answer: `HTTPS 127.0.0.1:${tlsProxy.port}` }).currentUser()).userName).toBe('rwilson');
    expect(tlsProxy.seen.map((s) => s.target)).toEqual([`cloudmc.test:${sim.port}`]);
    expect(relayedBytes(tlsProxy.seen[0]!).includes(Buffer.from(apiKey))).toBe(false);
  });

  it('an HTTPS proxy is verified too: a proxy certificate from an untrusted CA is tls-failed, naming the proxy', async () => {
    const failure = await failureOf(client({ answer: `HTTPS 127.0.0.1:${tlsProxy.port}`, ca: otherCaPem }).listKeys());
    expect(failure).toMatchObject({ code: 'tls-failed' });
    expect(String(failure.details?.reason)).toMatch(/^proxy-/);
    expect(tlsProxy.seen).toEqual([]); // no CONNECT was sent to a proxy that could not prove who it is
  });

  it('a proxy that is not there is unreachable (proxy-ECONNREFUSED)', async () => {
    const gone = net.createServer();
    gone.listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const port = (gone.address() as net.AddressInfo).port;
    await new Promise((r) => gone.close(r));
    expect(await failureOf(client({ answer: `PROXY 127.0.0.1:${port}` }).listKeys())).toMatchObject({
      code: 'unreachable',
      details: { reason: 'proxy-ECONNREFUSED' },
    });
  });

  it('a proxy lookup that never answers can be cancelled', async () => {
    let askedNow: () => void = () => undefined;
    const lookupStarted = new Promise<void>((r) => (askedNow = r));
    const controller = new AbortController();
    const never = createCloudmcClient(
      { endpoint, apiKey, ca: caPem },
      { attempts: 1, resolveProxy: () => (askedNow(), new Promise(() => undefined)) },
    );
    const call = failureOf(never.listKeys(controller.signal));
    await lookupStarted;
    controller.abort();
    expect(await call).toMatchObject({ code: 'cancelled' });
  });

  it('a proxy lookup that never answers ends at the deadline; one that fails is unreachable (proxy-resolve-failed)', async () => {
    const never = createCloudmcClient(
      { endpoint, apiKey, ca: caPem },
      { timeoutMs: 300, deadlineMs: 300, attempts: 1, resolveProxy: () => new Promise(() => undefined) },
    );
    expect(await failureOf(never.listKeys())).toMatchObject({ code: 'timeout' });
    const failing = createCloudmcClient({ endpoint, apiKey, ca: caPem }, { attempts: 1, resolveProxy: () => Promise.reject(new Error('no PAC')) });
    expect(await failureOf(failing.listKeys())).toMatchObject({ code: 'unreachable', details: { reason: 'proxy-resolve-failed' } });
  });
});
