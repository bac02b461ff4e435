// The CloudMC client against the simulator over loopback: every call, every mapped failure, retries and refusals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCloudmcClient, type CloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { sendHttp } from '../../../../../src-main/services/cloudmc/http-transport';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf } from '../../helpers';

let sim: Simulator;
let apiKey: string;
const fast = { timeoutMs: 2000, backoffMs: 5, maxRetryAfterMs: 1500 };

function client(overrides: Partial<Parameters<typeof createCloudmcClient>[1]> = {}, key = apiKey): CloudmcClient {
  return createCloudmcClient({ endpoint: sim.endpoint, apiKey: key }, { ...fast, ...overrides });
}

beforeAll(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

describe('calls', () => {
  it('reads who the key acts as', async () => {
    const who = await client().currentUser();
    expect(who).toEqual({ userName: 'rwilson', displayName: 'Rachel Wilson', organizationName: 'Acme Corporation' });
  });

  it('lists the caller keys, without any secret, with the calling key marked as just used from 127.0.0.1', async () => {
    const keys = await client().listKeys();
    expect(keys.length).toBeGreaterThan(1);
    for (const k of keys) expect(Object.keys(k).sort()).toEqual(['creationDate', 'id', 'lastUsedDate', 'lastUsedIp', 'name']);
    const access = keys.find((k) => k.name === 'cloudmc-credentials-desktop');
    expect(access?.lastUsedIp).toBe('127.0.0.1');
    expect(keys.some((k) => k.lastUsedDate === null && k.lastUsedIp === null)).toBe(true);
  });

  it('generates, renames and revokes; the revoked key answers 401 at once', async () => {
    const { key, secret } = await client().generateKey('ci-runner');
    expect(key.name).toBe('ci-runner');
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(await client({}, secret).listKeys()).toEqual(expect.arrayContaining([expect.objectContaining({ id: key.id })]));
    const renamed = await client().renameKey(key.id, 'ci-runner-2');
    expect(renamed).toMatchObject({ id: key.id, name: 'ci-runner-2' });
    expect(await client().revokeKey(key.id)).toBe('revoked');
    expect(await failureOf(client({}, secret).listKeys())).toMatchObject({ code: 'unauthorized', status: 401, kind: 'rejected' });
    expect((await client().listKeys()).some((k) => k.id === key.id)).toBe(false);
  });

  it('lets CloudMC pick a name when none is given', async () => {
    const { key } = await client().generateKey(undefined);
    expect(key.name.length).toBeGreaterThan(0);
    await client().revokeKey(key.id);
  });

  it('maps a bad name to name-invalid', async () => {
    expect(await failureOf(client().generateKey('   '))).toMatchObject({ code: 'name-invalid', status: 400 });
  });

  it("maps an unknown key to unauthorized and an unknown id (in CloudMC's envelope) to not-found", async () => {
    expect((await failureOf(client({}, 'nope').listKeys())).code).toBe('unauthorized');
    expect((await failureOf(client().renameKey('00000000-0000-0000-0000-000000000000', 'x'))).code).toBe('not-found');
  });

  it("answers not-found (not success) when CloudMC's own envelope says the key to revoke does not exist", async () => {
    await expect(client().revokeKey('00000000-0000-0000-0000-000000000000')).resolves.toBe('not-found');
  });
});

describe('failures and retries', () => {
  it('retries an idempotent GET after 503 and succeeds', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: '/api_keys', times: 2 });
    const before = sim.requests.length;
    await expect(client().listKeys()).resolves.toBeInstanceOf(Array);
    expect(sim.requests.length - before).toBe(3);
  });

  it('never retries a generate, so no second key can be minted unseen', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    const countBefore = (await client().listKeys()).length;
    const before = sim.requests.length;
    expect(await failureOf(client().generateKey('once'))).toMatchObject({ code: 'server-error', status: 503, kind: 'server' });
    expect(sim.requests.filter((r, i) => i >= before && r.method === 'POST')).toHaveLength(1);
    expect((await client().listKeys()).length).toBe(countBefore);
  });

  it('waits Retry-After on 429 for a GET, then succeeds', async () => {
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, method: 'GET', times: 1 });
    await expect(client().listKeys()).resolves.toBeInstanceOf(Array);
  });

  it('gives up on a Retry-After longer than allowed and reports it', async () => {
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 120 }, method: 'GET', times: 1 });
    expect(await failureOf(client().listKeys())).toMatchObject({
      code: 'rate-limited',
      kind: 'rate-limited',
      status: 429,
      messageKey: 'errors.asked-to-wait',
      details: { retryAfterSeconds: 120 },
    });
  });

  it('times out a response that never ends', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, times: 3 });
    expect(await failureOf(client({ timeoutMs: 300, attempts: 1 }).listKeys())).toMatchObject({ code: 'timeout' });
  });

  it('can be cancelled', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, times: 1 });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 10_000 }).listKeys(controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await failureOf(pending)).code).toBe('cancelled');
  });

  it('a request cancelled before it starts sends nothing and leaves no unheard socket error (an uncaught exception in main)', async () => {
    const uncaught: unknown[] = [];
    const record = (e: unknown): void => {
      uncaught.push(e);
    };
    process.on('uncaughtException', record);
    try {
      const before = sim.requests.length;
      const error = await failureOf(
        sendHttp({ method: 'GET', url: `${sim.endpoint}/api_keys`, headers: {}, timeoutMs: 2000, maxBodyBytes: 1024, signal: AbortSignal.abort() }),
      );
      expect(error.code).toBe('cancelled');
      for (let turn = 0; turn < 3; turn++) await new Promise((r) => setImmediate(r)); // node tears a destroyed request down on the next ticks
      expect(uncaught).toEqual([]);
      expect(sim.requests.length).toBe(before);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  it('reports a connection dropped mid-body', async () => {
    sim.faults.add({ fault: { kind: 'drop' }, times: 3 });
    expect((await failureOf(client({ attempts: 1 }).listKeys())).code).toBe('unreachable');
  });

  it('rejects malformed JSON and oversized bodies', async () => {
    sim.faults.add({ fault: { kind: 'malformed-json' }, times: 1 });
    expect(await failureOf(client().listKeys())).toMatchObject({ code: 'bad-response', details: { reason: 'json' } });
    sim.faults.add({ fault: { kind: 'oversized', bytes: 300_000 }, times: 1 });
    expect((await failureOf(client({ maxBodyBytes: 100_000 }).listKeys())).code).toBe('response-too-large');
  });

  it('reports an unreachable host', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = createCloudmcClient({ endpoint: `http://127.0.0.1:${port}/api/v1`, apiKey }, { ...fast, attempts: 1 });
    expect((await failureOf(c.listKeys())).code).toBe('unreachable');
  });

  it('ignores unknown fields in responses', async () => {
    const extra = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: [{ id: 'k1', name: 'n', creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: null, scope: 'all', tags: [1] }],
          meta: { x: 1 },
        }),
      );
    });
    await new Promise<void>((r) => extra.listen(0, '127.0.0.1', r));
    const { port } = extra.address() as AddressInfo;
    const keys = await createCloudmcClient({ endpoint: `http://127.0.0.1:${port}/api/v1`, apiKey: 'k' }, fast).listKeys();
    await new Promise<void>((r) => extra.close(() => r()));
    expect(keys).toEqual([{ id: 'k1', name: 'n', creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: null }]);
  });
});

describe('redirects (security.md 20)', () => {
  it('refuses a 302 to another origin, and the other server never receives MC-Api-Key', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const serverB = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
    });
    await new Promise<void>((r) => serverB.listen(0, '127.0.0.1', r));
    const { port } = serverB.address() as AddressInfo;
    sim.faults.add({ fault: { kind: 'redirect', location: `http://127.0.0.1:${port}/api/v1/api_keys` }, times: 1 });
    const error = await failureOf(client().listKeys());
    await new Promise<void>((r) => serverB.close(() => r()));
    expect(error).toMatchObject({ code: 'redirect-refused', status: 302 });
    expect(seen).toHaveLength(0);
  });
});
