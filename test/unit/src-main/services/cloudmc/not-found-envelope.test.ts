// Issue 8, item 5 (client part; docs/security.md 32): only CloudMC's own error envelope means "not found". A proxy's HTML 404
// is an unexpected status, never "revoked"; key ids that would change a request path (`..`) are refused both ways.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCloudmcClient, type CloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState, type SimUser } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf } from '../../helpers';

let sim: Simulator;
let apiKey: string;
let user: SimUser;

function client(): CloudmcClient {
  return createCloudmcClient({ endpoint: sim.endpoint, apiKey }, { backoffMs: 5, deadlineMs: 5_000 });
}

/** A stand-in CloudMC on loopback that answers every request with one fixed JSON body. */
async function withFixedAnswer<T>(body: unknown, work: (endpoint: string) => Promise<T>): Promise<T> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const keyObject = (id: string) => ({ id, name: 'n', creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: null });

beforeAll(async () => {
  const state = new SimState();
  ({ apiKey, user } = seedDemo(state));
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

describe('issue 8.5: revoke reports success on any 404', () => {
  it("a proxy's HTML 404 on DELETE is not reported as revoked: bad-response, unexpected status 404, and the key is still there", async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'behind-a-proxy' });
    sim.faults.add({ fault: { kind: 'html', status: 404 }, method: 'DELETE' });
    expect(await failureOf(client().revokeKey(key.id))).toMatchObject({
      code: 'bad-response',
      kind: 'server',
      status: 404,
      messageKey: 'errors.unexpected-status',
    });
    expect(sim.state.getKey(user.id, key.id)).toBeDefined();
  });

  it("CloudMC's own not-found envelope on DELETE answers not-found, for the caller to confirm with a fresh list", async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'revoked-elsewhere' });
    sim.state.revokeKey(user.id, key.id);
    expect(await client().revokeKey(key.id)).toBe('not-found');
  });

  it('a revoke CloudMC performed answers revoked', async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'to-revoke' });
    expect(await client().revokeKey(key.id)).toBe('revoked');
    expect(sim.state.getKey(user.id, key.id)).toBeUndefined();
  });

  it('a proxy\'s HTML 404 on rename is an unexpected status, not "key not found"', async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'rename-behind-proxy' });
    sim.faults.add({ fault: { kind: 'html', status: 404 }, method: 'PUT' });
    expect(await failureOf(client().renameKey(key.id, 'x'))).toMatchObject({
      code: 'bad-response',
      status: 404,
      messageKey: 'errors.unexpected-status',
    });
  });

  it('a key id of ".." never becomes DELETE /api/v1/: refused before any request', async () => {
    const before = sim.requests.length;
    for (const id of ['..', '.', 'a/b', '']) {
      expect(await failureOf(client().revokeKey(id))).toMatchObject({ code: 'invalid-input', details: { field: 'keyId' } });
    }
    expect(sim.requests.length).toBe(before);
  });

  it.each(['..', '.', 'a/b', '%2e%2e', 'x y'])(
    'a list holding a key id %j is a bad-response (reason key-id), since such an id would change request paths',
    async (id) => {
      const error = await withFixedAnswer({ data: [keyObject('k1'), keyObject(id)] }, (endpoint) =>
        failureOf(createCloudmcClient({ endpoint, apiKey: 'k' }, { attempts: 1 }).listKeys()),
      );
      expect(error).toMatchObject({ code: 'bad-response', details: { reason: 'key-id' } });
    },
  );

  it('a rename answered with a key id of ".." is a bad-response (reason key-id)', async () => {
    const error = await withFixedAnswer({ data: keyObject('..') }, (endpoint) =>
      failureOf(createCloudmcClient({ endpoint, apiKey: 'k' }, { attempts: 1 }).renameKey('k1', 'n')),
    );
    expect(error).toMatchObject({ code: 'bad-response', details: { reason: 'key-id' } });
  });
});
