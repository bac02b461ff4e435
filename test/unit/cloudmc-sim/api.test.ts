// The /api/v1 contract of the simulator over real loopback HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startFixture } from './helpers';
import type { ApiKeyJson, ErrorEnvelope, Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.sim.close();
});

const invalid: ErrorEnvelope = { errors: [{ code: 401, message: 'Invalid credentials', context: {} }] };

describe('authentication', () => {
  it('answers 401 with the envelope when the key is missing', async () => {
    const res = await call(f.sim, 'GET', '/api_keys');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalid);
  });

  it('answers 401 for an unknown key', async () => {
    const res = await call(f.sim, 'GET', '/users/current', 'no-such-key');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalid);
  });

  it('answers 401 for a revoked key, from the very next call', async () => {
    const created = (await (await call(f.sim, 'POST', '/api_keys', f.apiKey, { name: 'short-lived' })).json()) as {
      data: ApiKeyJson & { secret: string };
    };
    const secret = created.data.secret;
    expect((await call(f.sim, 'GET', '/users/current', secret)).status).toBe(200);
    const del = await call(f.sim, 'DELETE', `/api_keys/${created.data.id}`, f.apiKey);
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const res = await call(f.sim, 'GET', '/api_keys', secret);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalid);
    expect(f.sim.state.isRevoked(secret)).toBe(true);
  });

  it('lets a key revoke itself, after which it answers 401', async () => {
    const list = (await (await call(f.sim, 'GET', '/api_keys', f.apiKey)).json()) as { data: ApiKeyJson[] };
    const own = list.data.find((k) => k.name === 'cloudmc-credentials-desktop');
    expect(own).toBeDefined();
    expect((await call(f.sim, 'DELETE', `/api_keys/${own?.id}`, f.apiKey)).status).toBe(204);
    expect((await call(f.sim, 'GET', '/users/current', f.apiKey)).status).toBe(401);
  });
});

describe('GET /users/current and GET /api_keys', () => {
  it('describes the caller with its organization', async () => {
    const res = await call(f.sim, 'GET', '/users/current', f.apiKey);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    expect(data).toEqual({
      id: f.user.id,
      userName: 'rwilson',
      firstName: 'Rachel',
      lastName: 'Wilson',
      email: f.user.email,
      organization: { id: f.user.organization.id, name: 'Acme Corporation' },
    });
  });

  it("lists only the caller's keys, without secrets", async () => {
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    const { data } = (await res.json()) as { data: ApiKeyJson[] };
    const names = data.map((k) => k.name);
    expect(names).toContain('Mettre-a-jour-BC');
    expect(names).toContain('cloudmc-credentials-desktop');
    expect(names).not.toContain('globex-test');
    expect(names).not.toContain('terraform-prod');
    for (const k of data) expect(Object.keys(k).sort()).toEqual(['creationDate', 'id', 'lastUsedDate', 'lastUsedIp', 'name']);
    const never = data.find((k) => k.lastUsedDate === null);
    expect(never?.lastUsedIp).toBeNull();
    const other = (await (await call(f.sim, 'GET', '/api_keys', f.otherKey)).json()) as { data: ApiKeyJson[] };
    expect(other.data.map((k) => k.name)).toContain('globex-test');
    expect(other.data.map((k) => k.name)).not.toContain('Mettre-a-jour-BC');
  });

  it('records lastUsedDate and lastUsedIp on the calling key before answering', async () => {
    const before = Date.now();
    const res = await call(f.sim, 'GET', '/api_keys', f.apiKey);
    const { data } = (await res.json()) as { data: ApiKeyJson[] };
    const own = data.find((k) => k.name === 'cloudmc-credentials-desktop');
    expect(own?.lastUsedIp).toBe('127.0.0.1');
    expect(Date.parse(own?.lastUsedDate ?? '')).toBeGreaterThanOrEqual(before - 5);
    const untouched = data.find((k) => k.name === 'Mettre-a-jour-BC');
    expect(untouched?.lastUsedIp).toBe('172.27.127.164');
  });
});

describe('POST /api_keys', () => {
  it('generates a key with the given name, returning the secret once', async () => {
    const res = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name: '  deploy bot  ' });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: ApiKeyJson & { secret: string } };
    expect(data.name).toBe('deploy bot');
    expect(data.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.lastUsedDate).toBeNull();
    expect(data.lastUsedIp).toBeNull();
    expect(Number.isNaN(Date.parse(data.creationDate))).toBe(false);
    const list = (await (await call(f.sim, 'GET', '/api_keys', f.apiKey)).json()) as { data: Array<Record<string, unknown>> };
    const listed = list.data.find((k) => k.id === data.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('secret');
    expect(JSON.stringify(list)).not.toContain(data.secret);
  });

  it('picks a random name when none is given (no body or empty object)', async () => {
    const a = (await (await call(f.sim, 'POST', '/api_keys', f.apiKey)).json()) as { data: ApiKeyJson & { secret: string } };
    const b = (await (await call(f.sim, 'POST', '/api_keys', f.apiKey, {})).json()) as { data: ApiKeyJson & { secret: string } };
    expect(a.data.name).toMatch(/^key-[0-9a-f]{6}$/);
    expect(b.data.name).toMatch(/^key-[0-9a-f]{6}$/);
    expect(a.data.secret).not.toBe(b.data.secret);
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \t\n '],
    ['101 code points', 'a'.repeat(101)],
    ['101 emoji', '😀'.repeat(101)],
    ['a number', 42],
  ])('rejects a %s name with 400 on field "name"', async (_label, name) => {
    const before = f.sim.state.countKeys();
    const res = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.errors[0]?.code).toBe(400);
    expect(body.errors[0]?.context).toEqual({ field: 'name' });
    expect(body.errors[0]?.message.length).toBeGreaterThan(0);
    expect(f.sim.state.countKeys()).toBe(before);
  });

  it('accepts 100 emoji (100 code points, 200 UTF-16 units) and any Unicode', async () => {
    const name = '🔑'.repeat(100);
    const res = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: ApiKeyJson }).data.name).toBe(name);
    const res2 = await call(f.sim, 'POST', '/api_keys', f.apiKey, { name: 'Mise à jour — 東京 Ω' });
    expect(((await res2.json()) as { data: ApiKeyJson }).data.name).toBe('Mise à jour — 東京 Ω');
  });

  it('answers 400 on invalid JSON and on a body over 64 KiB', async () => {
    const bad = await call(f.sim, 'POST', '/api_keys', f.apiKey, '{"name": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorEnvelope).errors[0]?.code).toBe(400);
    const big = await call(f.sim, 'POST', '/api_keys', f.apiKey, JSON.stringify({ name: 'x', pad: 'y'.repeat(70 * 1024) }));
    expect(big.status).toBe(400);
    expect(((await big.json()) as ErrorEnvelope).errors[0]?.message).toMatch(/too large/i);
  });
});

describe('PUT and DELETE /api_keys/:id', () => {
  it('renames a key (trimmed) and the list shows the new name', async () => {
    const id = f.sim.state.listKeys(f.user.id)[0]?.id ?? '';
    const res = await call(f.sim, 'PUT', `/api_keys/${id}`, f.apiKey, { name: ' Renamed ✓ ' });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: ApiKeyJson };
    expect(data).toMatchObject({ id, name: 'Renamed ✓' });
    expect(data).not.toHaveProperty('secret');
    expect(f.sim.state.getKey(f.user.id, id)?.name).toBe('Renamed ✓');
  });

  it('rejects a rename without a valid name', async () => {
    const id = f.sim.state.listKeys(f.user.id)[0]?.id ?? '';
    for (const body of [{}, { name: '   ' }, { name: 'z'.repeat(101) }]) {
      const res = await call(f.sim, 'PUT', `/api_keys/${id}`, f.apiKey, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorEnvelope).errors[0]?.context).toEqual({ field: 'name' });
    }
    expect(f.sim.state.getKey(f.user.id, id)?.name).toBe('Mettre-a-jour-BC');
  });

  it("answers 404 for another user's key and for an unknown id, changing nothing", async () => {
    for (const [method, body] of [
      ['PUT', { name: 'hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(f.sim, method, `/api_keys/${f.otherKeyId}`, f.apiKey, body);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorEnvelope).errors[0]?.code).toBe(404);
      const unknown = await call(f.sim, method, '/api_keys/00000000-0000-4000-8000-000000000000', f.apiKey, body);
      expect(unknown.status).toBe(404);
    }
    expect(f.sim.state.getKey(f.other.id, f.otherKeyId)?.name).toBe('globex-test');
    expect((await call(f.sim, 'GET', '/users/current', f.otherKey)).status).toBe(200);
  });

  it('removes a revoked key from the list and answers 404 when revoked twice', async () => {
    const id = f.sim.state.listKeys(f.user.id)[1]?.id ?? '';
    expect((await call(f.sim, 'DELETE', `/api_keys/${id}`, f.apiKey)).status).toBe(204);
    const list = (await (await call(f.sim, 'GET', '/api_keys', f.apiKey)).json()) as { data: ApiKeyJson[] };
    expect(list.data.map((k) => k.id)).not.toContain(id);
    expect((await call(f.sim, 'DELETE', `/api_keys/${id}`, f.apiKey)).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers 405 with Allow for a wrong method on a known path', async () => {
    const a = await call(f.sim, 'DELETE', '/api_keys', f.apiKey);
    expect(a.status).toBe(405);
    expect(a.headers.get('allow')).toBe('GET, POST');
    expect(((await a.json()) as ErrorEnvelope).errors[0]?.code).toBe(405);
    expect((await call(f.sim, 'POST', '/users/current', f.apiKey)).status).toBe(405);
    expect((await call(f.sim, 'GET', `/api_keys/${f.otherKeyId}`, f.apiKey)).status).toBe(405);
  });

  it('answers 404 for an unknown path', async () => {
    const res = await call(f.sim, 'GET', '/instances', f.apiKey);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorEnvelope).errors[0]?.code).toBe(404);
    expect((await fetch(`${f.sim.origin}/elsewhere`)).status).toBe(404);
  });

  it('records requests with the key redacted', async () => {
    await call(f.sim, 'GET', '/api_keys', f.apiKey);
    await call(f.sim, 'GET', '/api_keys');
    const [withKey, without] = f.sim.requests.slice(-2);
    expect(withKey).toMatchObject({ method: 'GET', path: '/api/v1/api_keys', hasApiKey: true, status: 200 });
    expect(withKey?.headers['mc-api-key']).toBe('<redacted>');
    expect(JSON.stringify(f.sim.requests)).not.toContain(f.apiKey);
    expect(without).toMatchObject({ hasApiKey: false, status: 401 });
  });
});
