// Fault injection of the simulator: every fault kind, rule matching, auto-removal, admin API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, startFixture } from './helpers';
import type { ApiKeyJson, ErrorEnvelope, Fixture } from './helpers';
import { FaultPlan, MAX_DEEP_JSON_DEPTH } from '../../cloudmc-sim/faults';

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.sim.close();
});

describe('fault kinds', () => {
  it('latency delays the real answer', async () => {
    f.sim.faults.add({ fault: { kind: 'latency', ms: 250 } });
    const start = performance.now();
    const res = await call(f.sim, 'GET', '/users/current', f.apiKey);
    expect(performance.now() - start).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { userName: string } }).data.userName).toBe('rwilson');
  });

  it('latency composes with a mutating call, which still happens', async () => {
    f.sim.faults.add({ fault: { kind: 'latency', ms: 50 }, method: 'POST' });
    const before = f.sim.state.countKeys();
    const res = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name: 'slow' });
    expect(res.status).toBe(200);
    expect(f.sim.state.countKeys()).toBe(before + 1);
  });

  it.each([500, 502, 503, 504])('status %i answers the error envelope', async (status) => {
    f.sim.faults.add({ fault: { kind: 'status', status } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorEnvelope).errors[0]?.code).toBe(status);
  });

  it('rate-limit answers 429 with Retry-After', async () => {
    f.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as ErrorEnvelope).errors[0]?.code).toBe(429);
  });

  it('status with retryAfterSeconds adds Retry-After to the error envelope (a 503 asking to wait 600 s)', async () => {
    f.sim.faults.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: 600 } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('600');
    expect(((await res.json()) as ErrorEnvelope).errors[0]?.code).toBe(503);
  });

  it("html answers a proxy's HTML page, not the error envelope (an HTML 404 on DELETE), and revokes nothing", async () => {
    const id = f.sim.state.listKeys(f.user.id)[0]?.id ?? '';
    f.sim.faults.add({ fault: { kind: 'html', status: 404 }, method: 'DELETE' });
    const res = await call(f.sim, 'DELETE', `/api_keys/${id}`, f.apiKey);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/^<html>.*404 Not Found/);
    expect(f.sim.state.getKey(f.user.id, id)).toBeDefined();
  });

  it('deep-json answers valid JSON nested exactly depth arrays deep', async () => {
    f.sim.faults.add({ fault: { kind: 'deep-json', depth: 1000 } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(`${'['.repeat(1000)}${']'.repeat(1000)}`);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('drop cuts the connection in the middle of the body', async () => {
    f.sim.faults.add({ fault: { kind: 'drop' } });
    await expect(call(f.sim, 'GET', '/api_keys', f.apiKey).then((r) => r.text())).rejects.toThrow();
  });

  it('malformed-json answers 200 with a body that does not parse', async () => {
    f.sim.faults.add({ fault: { kind: 'malformed-json' } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('oversized answers valid JSON of exactly the requested size', async () => {
    f.sim.faults.add({ fault: { kind: 'oversized', bytes: 3_000_000 } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.headers.get('content-length')).toBe('3000000');
    const text = await res.text();
    expect(text.length).toBe(3_000_000);
    expect((JSON.parse(text) as { data: unknown[] }).data).toEqual([]);
  });

  it('redirect answers 302 with Location', async () => {
    f.sim.faults.add({ fault: { kind: 'redirect', location: 'https://login.example.com/sso' } });
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey, undefined, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://login.example.com/sso');
  });

  it('answer replaces the answer with the given status and text (an activity log with entries the app cannot read)', async () => {
    const body = JSON.stringify({ data: [{ id: 'a', created: 'not a date', eventCode: 1 }] });
    f.sim.faults.add({ fault: { kind: 'answer', status: 200, body }, method: 'GET', pathPrefix: '/activity_log', times: 1 });
    const res = await call(f.sim, 'GET', '/activity_log', f.apiKey);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(body);
  });

  it('hang never answers: the client has to time out', async () => {
    f.sim.faults.add({ fault: { kind: 'hang' } });
    const start = performance.now();
    const err = await call(f.sim, 'GET', '/api_keys', f.apiKey, undefined, { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('close() destroys hanging sockets and resolves promptly', async () => {
    f.sim.faults.add({ fault: { kind: 'hang' } });
    const pending = call(f.sim, 'GET', '/api_keys', f.apiKey).then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(f.sim.requests.length).toBeGreaterThan(0));
    const start = performance.now();
    await f.sim.close();
    expect(performance.now() - start).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });
});

describe('rule matching', () => {
  it('a faulted POST creates no key and does not touch last-use data', async () => {
    const own = f.sim.state.authenticate(f.apiKey)?.key;
    f.sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'POST', pathPrefix: '/api_keys' });
    const before = f.sim.state.countKeys();
    const res = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name: 'must-not-exist' });
    expect(res.status).toBe(503);
    expect(f.sim.state.countKeys()).toBe(before);
    expect(f.sim.state.listKeys(f.user.id).map((k) => k.name)).not.toContain('must-not-exist');
    expect(own?.lastUsedDate).toBeNull();
  });

  it('a faulted DELETE revokes nothing', async () => {
    const id = f.sim.state.listKeys(f.user.id)[0]?.id ?? '';
    f.sim.faults.add({ fault: { kind: 'drop' }, method: 'DELETE' });
    await expect(call(f.sim, 'DELETE', `/api_keys/${id}`, f.apiKey).then((r) => r.text())).rejects.toThrow();
    expect(f.sim.state.getKey(f.user.id, id)).toBeDefined();
  });

  it('method and pathPrefix restrict where a rule applies', async () => {
    f.sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'POST', pathPrefix: '/api_keys' });
    f.sim.faults.add({ fault: { kind: 'status', status: 502 }, pathPrefix: '/users' });
    expect((await call(f.sim, 'GET', '/api_keys', f.apiKey)).status).toBe(200);
    expect((await call(f.sim, 'POST', '/api_keys', f.apiKey, {})).status).toBe(500);
    expect((await call(f.sim, 'GET', '/users/current', f.apiKey)).status).toBe(502);
  });

  it('times: applies N times then removes itself', async () => {
    f.sim.faults.add({ fault: { kind: 'status', status: 503 }, times: 2 });
    expect((await call(f.sim, 'GET', '/api_keys', f.apiKey)).status).toBe(503);
    expect(f.sim.faults.list()[0]?.remaining).toBe(1);
    expect((await call(f.sim, 'GET', '/api_keys', f.apiKey)).status).toBe(503);
    expect(f.sim.faults.list()).toEqual([]);
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: ApiKeyJson[] }).data.length).toBeGreaterThan(0);
  });

  it('FaultPlan: latencies add up, first replacing fault wins, others are not consumed', () => {
    const plan = new FaultPlan();
    plan.add({ fault: { kind: 'latency', ms: 10 } });
    plan.add({ fault: { kind: 'latency', ms: 5 }, times: 1 });
    plan.add({ fault: { kind: 'status', status: 503 }, times: 1 });
    const second = plan.add({ fault: { kind: 'hang' }, times: 1 });
    expect(plan.take('GET', '/api_keys')).toEqual({ latencyMs: 15, fault: { kind: 'status', status: 503 } });
    expect(plan.list().map((r) => r.fault.kind)).toEqual(['latency', 'hang']);
    expect(plan.remove(second)).toBe(true);
    expect(plan.take('get', '/x')).toEqual({ latencyMs: 10, fault: null });
    plan.clear();
    expect(plan.list()).toEqual([]);
    expect(() => plan.add({ fault: { kind: 'status', status: 99 } })).toThrow(/status/);
    expect(() => plan.add({ fault: { kind: 'latency', ms: 1 }, times: 0 })).toThrow(/times/);
    expect(() => plan.add({ fault: { kind: 'status', status: 503, retryAfterSeconds: -1 } })).toThrow(/retryAfterSeconds/);
    expect(() => plan.add({ fault: { kind: 'html', status: 99 } })).toThrow(/status/);
    expect(() => plan.add({ fault: { kind: 'deep-json', depth: 0 } })).toThrow(/depth/);
    expect(() => plan.add({ fault: { kind: 'deep-json', depth: MAX_DEEP_JSON_DEPTH + 1 } })).toThrow(/depth/);
  });
});

describe('admin API', () => {
  it('answers health without a key', async () => {
    const res = await fetch(`${f.sim.origin}/__sim/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('adds a rule over HTTP, then clears all rules', async () => {
    const add = await fetch(`${f.sim.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: { kind: 'rate-limit', retryAfterSeconds: 3 }, pathPrefix: '/api_keys' }),
    });
    expect(add.status).toBe(200);
    const { id } = (await add.json()) as { id: string };
    expect(f.sim.faults.list().map((r) => r.id)).toEqual([id]);
    expect((await call(f.sim, 'GET', '/api_keys', f.apiKey)).status).toBe(429);
    expect((await call(f.sim, 'GET', '/users/current', f.apiKey)).status).toBe(200);
    const clear = await fetch(`${f.sim.origin}/__sim/faults`, { method: 'DELETE' });
    expect(clear.status).toBe(204);
    expect(f.sim.faults.list()).toEqual([]);
    expect((await call(f.sim, 'GET', '/api_keys', f.apiKey)).status).toBe(200);
  });

  it('rejects an invalid rule with a precise 400', async () => {
    const res = await fetch(`${f.sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ fault: { kind: 'explode' } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).errors[0]?.message).toContain('explode');
    expect(f.sim.faults.list()).toEqual([]);
  });

  it('is not affected by API faults', async () => {
    f.sim.faults.add({ fault: { kind: 'hang' } });
    expect((await fetch(`${f.sim.origin}/__sim/health`)).status).toBe(200);
  });
});
