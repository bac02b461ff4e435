// Issue 8, item 2: every CloudMC call has one deadline covering all attempts and waits; a Retry-After beyond it is not
// waited (the call fails at once saying CloudMC asked to wait N s); a DELETE waiting out a Retry-After can be cancelled.
// All against the simulator's faults over loopback, with small deadlines configured (no fake time needed).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCloudmcClient, defaultClientOptions, type ClientOptions } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState, type SimUser } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf } from '../../helpers';

let sim: Simulator;
let apiKey: string;
let user: SimUser;

function client(overrides: Partial<ClientOptions>) {
  return createCloudmcClient({ endpoint: sim.endpoint, apiKey }, { backoffMs: 5, ...overrides });
}

function requestsSince(index: number, method: string): number {
  return sim.requests.slice(index).filter((r) => r.method === method).length;
}

/** Resolves once the simulator has answered `status` to a `method` request recorded at or after `index`. */
async function answered(index: number, method: string, status: number): Promise<void> {
  await vi.waitFor(() => expect(sim.requests.slice(index).some((r) => r.method === method && r.status === status)).toBe(true));
}

beforeAll(async () => {
  const state = new SimState();
  ({ apiKey, user } = seedDemo(state));
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

describe('issue 8.2: one deadline per CloudMC call', () => {
  it('has a 30 s deadline by default, longer than one attempt and shorter than three', () => {
    expect(defaultClientOptions.deadlineMs).toBe(30_000);
    expect(defaultClientOptions.deadlineMs).toBeGreaterThan(defaultClientOptions.timeoutMs);
    expect(defaultClientOptions.deadlineMs).toBeLessThan(defaultClientOptions.timeoutMs * defaultClientOptions.attempts);
  });

  it('a 503 with Retry-After: 600 is not waited out ("Refreshing…" for 20 minutes): the refresh fails at once saying CloudMC asked to wait 600 s', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: 600 }, method: 'GET', pathPrefix: '/api_keys' });
    const before = sim.requests.length;
    expect(await failureOf(client({ deadlineMs: 5_000, maxRetryAfterMs: 1_000_000 }).listKeys())).toMatchObject({
      code: 'server-error',
      kind: 'server',
      status: 503,
      messageKey: 'errors.asked-to-wait',
      details: { retryAfterSeconds: 600 },
    });
    expect(requestsSince(before, 'GET')).toBe(1);
  }, 8_000);

  it('a DELETE answered 503 with Retry-After: 600 is not retried for 20 minutes either', async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'to-revoke-600' });
    sim.faults.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: 600 }, method: 'DELETE' });
    const before = sim.requests.length;
    expect(await failureOf(client({ deadlineMs: 5_000, maxRetryAfterMs: 1_000_000 }).revokeKey(key.id))).toMatchObject({
      code: 'server-error',
      status: 503,
      messageKey: 'errors.asked-to-wait',
      details: { retryAfterSeconds: 600 },
    });
    expect(requestsSince(before, 'DELETE')).toBe(1);
    expect(sim.state.getKey(user.id, key.id)).toBeDefined();
  }, 8_000);

  it('a Retry-After within the per-wait cap but beyond what is left of the deadline is not waited', async () => {
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 2 }, method: 'GET', times: 1 });
    const before = sim.requests.length;
    expect(await failureOf(client({ deadlineMs: 1_000, maxRetryAfterMs: 10_000 }).listKeys())).toMatchObject({
      code: 'rate-limited',
      kind: 'rate-limited',
      status: 429,
      messageKey: 'errors.asked-to-wait',
      details: { retryAfterSeconds: 2 },
    });
    expect(requestsSince(before, 'GET')).toBe(1);
  });

  it('a Retry-After that fits the deadline is still waited, then the call succeeds', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: 1 }, method: 'GET', times: 1 });
    const before = sim.requests.length;
    await expect(client({ deadlineMs: 5_000 }).listKeys()).resolves.toBeInstanceOf(Array);
    expect(requestsSince(before, 'GET')).toBe(2);
  });

  it('a hanging /api_keys no longer costs every attempt its full time-out (46 s for add-profile): the deadline ends the call', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys' });
    const before = sim.requests.length;
    expect(await failureOf(client({ timeoutMs: 10_000, attempts: 3, deadlineMs: 500 }).listKeys())).toMatchObject({
      code: 'timeout',
      kind: 'offline',
      details: { reason: 'deadline', afterMs: 500 },
    });
    expect(requestsSince(before, 'GET')).toBe(1);
  }, 5_000);

  it('retries after per-attempt time-outs only while the deadline lasts', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/users' });
    const before = sim.requests.length;
    const error = await failureOf(client({ timeoutMs: 200, attempts: 10, backoffMs: 1, deadlineMs: 700 }).currentUser());
    expect(error.code).toBe('timeout');
    const attempts = requestsSince(before, 'GET');
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(4);
  }, 5_000);

  it('a DELETE waiting out a Retry-After can be cancelled, and nothing is revoked', async () => {
    const { key } = sim.state.issueKey(user.id, { name: 'to-revoke-cancel' });
    sim.faults.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: 8 }, method: 'DELETE', times: 1 });
    const before = sim.requests.length;
    const controller = new AbortController();
    const pending = failureOf(client({ deadlineMs: 20_000, maxRetryAfterMs: 10_000 }).revokeKey(key.id, controller.signal));
    await answered(before, 'DELETE', 503); // the client is now waiting the 8 s out
    controller.abort();
    expect(await pending).toMatchObject({ code: 'cancelled', kind: 'cancelled' });
    expect(requestsSince(before, 'DELETE')).toBe(1);
    expect(sim.state.getKey(user.id, key.id)).toBeDefined();
  }, 5_000);
});
