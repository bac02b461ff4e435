// TLS (docs/security.md 21): a throwaway CA signs the simulator's certificate; the client refuses it without the profile's CA bundle,
// accepts it with the bundle, still refuses a certificate from another CA, and no code in src-main ever turns verification off.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { AppFailure } from '../../../../../src-main/errors';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { makeTempDir, removeTempDir } from '../../helpers';

let dir: string;
let sim: Simulator;
let apiKey: string;
let caPem: string;
let otherCaPem: string;
const fast = { timeoutMs: 3000, backoffMs: 1, attempts: 1 };

function openssl(...args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.error?.message ?? run.stderr}`);
}

/** A CA (key + self-signed cert) named `name` in the temp dir. */
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

beforeAll(async () => {
  dir = makeTempDir('cmc-tls-ca-');
  makeCa('ca');
  makeCa('other');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
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
  caPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  otherCaPem = fs.readFileSync(path.join(dir, 'other.pem'), 'utf8');
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({
    state,
    tls: { key: fs.readFileSync(path.join(dir, 'server.key')), cert: fs.readFileSync(path.join(dir, 'server.pem')) },
  });
});
afterAll(async () => {
  await sim?.close();
  removeTempDir(dir);
});

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppFailure) return e.appError.code;
    throw e;
  }
  return 'no failure';
}

describe('a private CA', () => {
  it('the simulator really answers over https', () => {
    expect(sim.endpoint.startsWith('https://127.0.0.1:')).toBe(true);
  });

  it('without the CA bundle, the connection fails as tls-failed and no request reaches the API', async () => {
    const before = sim.requests.length;
    expect(await failureCode(createCloudmcClient({ endpoint: sim.endpoint, apiKey }, fast).listKeys())).toBe('tls-failed');
    expect(await failureCode(createCloudmcClient({ endpoint: sim.endpoint, apiKey }, fast).generateKey('x'))).toBe('tls-failed');
    expect(sim.requests.length).toBe(before);
  });

  it('with the CA bundle, every call works', async () => {
    const client = createCloudmcClient({ endpoint: sim.endpoint, apiKey, ca: caPem }, fast);
    expect((await client.currentUser()).userName).toBe('rwilson');
    expect((await client.listKeys()).length).toBeGreaterThan(1);
  });

  it('a bundle from another CA is still refused', async () => {
    expect(await failureCode(createCloudmcClient({ endpoint: sim.endpoint, apiKey, ca: otherCaPem }, fast).listKeys())).toBe('tls-failed');
  });

  it('the right CA for the wrong host name is refused (the name is checked, not only the chain)', async () => {
    // The certificate names IP 127.0.0.1 only; `localhost` reaches the same server under a name the certificate does not carry.
    const wrongName = sim.endpoint.replace('https://127.0.0.1:', 'https://localhost:');
    expect(await failureCode(createCloudmcClient({ endpoint: wrongName, apiKey, ca: caPem }, fast).listKeys())).toBe('tls-failed');
  });
});

describe('TLS verification is never turned off in src-main', () => {
  const root = path.resolve(import.meta.dirname, '../../../../../src-main');
  const files = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));

  it.each([
    ['rejectUnauthorized', /rejectUnauthorized/],
    ['NODE_TLS_REJECT_UNAUTHORIZED', /NODE_TLS_REJECT_UNAUTHORIZED/],
    ['checkServerIdentity', /checkServerIdentity/],
    ['ignore-certificate-errors', /ignore-certificate-errors|certificate-error|setCertificateVerifyProc/],
  ])('no source mentions %s', (_name, pattern) => {
    const hits = files(root).filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && pattern.test(fs.readFileSync(f, 'utf8')));
    expect(hits.map((f) => path.relative(root, f))).toEqual([]);
  });
});
