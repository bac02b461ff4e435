// Issue 21 item 6: the command line (a real child process, the bundle `npm run cli` runs) honours HTTPS_PROXY / NO_PROXY for its
// CloudMC calls, through a CONNECT proxy on loopback. The simulator's certificate names `cloudmc.test`, a name only the proxy can
// reach (it connects that name to 127.0.0.1 itself): a call that works went through the proxy.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../src-main/helpers';
import { type Finished, root, runToEnd } from '../src-main/cli/processes';

const accessKey = 'cli-proxy-access-key-0a1b2c3d4e5f6a7b8c9d';
const launcher = path.join(root, 'resources/cli/cli-launch.mjs');
const baseEnv: NodeJS.ProcessEnv = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy']) delete baseEnv[name];

/** A loopback CONNECT proxy: tunnels (resolving `cloudmc.test` itself) or refuses with 403; records each CONNECT's target. */
interface Proxy {
  port: number;
  refuse: boolean;
  targets: string[];
  close(): Promise<void>;
}

async function startProxy(): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const target = /^CONNECT (\S+) HTTP\/1\.1\r\n/.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? '';
      proxy.targets.push(target);
      if (proxy.refuse) return void client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      const [host = '', port = ''] = target.split(/:(?=\d+$)/);
      const upstream = net.connect({ host: host === 'cloudmc.test' ? '127.0.0.1' : host, port: Number(port) });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      upstream.once('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = buffered.subarray(end + 4);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    client.on('data', onData);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const proxy: Proxy = {
    port: (server.address() as net.AddressInfo).port,
    refuse: false,
    targets: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
  return proxy;
}

/** Runs the bundled CLI to its end through its launcher, with these variables over the English environment. */
const cli = (dir: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Finished> =>
  runToEnd([process.execPath, launcher, '--data-dir', dir, ...args], { ...baseEnv, ...env }, input);

describe('the command line through a proxy from the environment', { timeout: 90_000 }, () => {
  let certs: string;
  let dir: string;
  let sim: Simulator;
  let proxy: Proxy;
  let endpoint: string;
  let ca: string;

  const openssl = (...args: string[]): void => {
    const run = spawnSync('openssl', args, { cwd: certs, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.error?.message ?? run.stderr}`);
  };

  beforeAll(async () => {
    certs = makeTempDir('cmc-cli-proxy-certs-');
    const subj = (cn: string) => ['-subj', `/CN=${cn}`];
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      ...subj('Proxy Test CA'),
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    openssl('req', '-newkey', 'rsa:2048', '-nodes', ...subj('cloudmc.test'), '-keyout', 'server.key', '-out', 'server.csr');
    fs.writeFileSync(path.join(certs, 'server.ext'), 'subjectAltName=DNS:cloudmc.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    );
    ca = path.join(certs, 'ca.pem');
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({
      state,
      tls: { key: fs.readFileSync(path.join(certs, 'server.key')), cert: fs.readFileSync(path.join(certs, 'server.pem')) },
    });
    endpoint = sim.endpoint.replace('https://127.0.0.1:', 'https://cloudmc.test:');
    proxy = await startProxy();
    dir = makeTempDir('cmc-cli-proxy-');
    // The app's first start wrote config.json; no app runs now: the command line works alone.
    await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
  });
  afterAll(async () => {
    await sim?.close();
    await proxy?.close();
    removeTempDir(dir);
    removeTempDir(certs);
  });
  afterEach(() => {
    proxy.refuse = false;
    proxy.targets.length = 0;
  });

  it('HTTPS_PROXY: profiles add and keys list reach CloudMC through the proxy (a CONNECT to cloudmc.test each)', async () => {
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
    const added = await cli(dir, ['profiles', 'add', 'Acme', '--endpoint', endpoint, '--ca', ca, '--json'], env, `${accessKey}\n`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ profile: { name: 'Acme', user: { userName: 'rwilson' } } });
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(new Set(proxy.targets)).toEqual(new Set([endpoint.replace(/^https:\/\/([^/]+).*$/, '$1')]));
    proxy.targets.length = 0;
    // lower-case spelling too
    const listed = await cli(dir, ['keys', 'list', '--profile', 'Acme', '--json'], { https_proxy: `127.0.0.1:${proxy.port}` });
    expect(listed.code).toBe(0);
    expect(proxy.targets.length).toBeGreaterThan(0);
  });

  it('NO_PROXY naming the host: the call goes direct (the proxy sees nothing; cloudmc.test does not resolve here)', async () => {
    const listed = await cli(dir, ['keys', 'list', '--profile', 'Acme'], {
      HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
      NO_PROXY: 'localhost,.test',
    });
    expect(proxy.targets).toEqual([]);
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).not.toContain(accessKey);
  });

  it('a proxy that refuses (403): the command fails, says so, and never shows the key', async () => {
    proxy.refuse = true;
    const listed = await cli(dir, ['keys', 'list', '--profile', 'Acme'], { HTTP_PROXY: `http://127.0.0.1:${proxy.port}` });
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(listed.code).toBe(4);
    expect(listed.stderr).toContain('CloudMC could not be reached through the proxy (proxy-403)');
    expect(`${listed.stdout}${listed.stderr}`).not.toContain(accessKey);
  });
});
