// The in-memory model and the seed helpers of the simulator, without HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimState, checkName, toApiKeyView } from '../../cloudmc-sim/state';
import { loadSeedFile, seedDemo } from '../../cloudmc-sim/seed';

describe('SimState', () => {
  it('shares an organization between users of the same organization name', () => {
    const s = new SimState();
    const a = s.addUser({ userName: 'a', organization: { name: 'Org' } });
    const b = s.addUser({ userName: 'b', organization: { name: 'Org' } });
    expect(a.organization.id).toBe(b.organization.id);
    expect(s.listOrganizations()).toHaveLength(1);
    expect(() => s.addUser({ userName: 'a' })).toThrow(/already exists/);
  });

  it('issues, authenticates, renames and revokes keys per user', () => {
    const s = new SimState();
    const a = s.addUser({ userName: 'a' });
    const b = s.addUser({ userName: 'b' });
    const { key, secret } = s.issueKey(a.id, { name: ' first ' });
    expect(key.name).toBe('first');
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(s.authenticate(secret)?.user.id).toBe(a.id);
    expect(s.authenticate('nope')).toBeNull();
    expect(s.renameKey(b.id, key.id, 'x')).toBeNull();
    expect(s.renameKey(a.id, key.id, 'second')?.name).toBe('second');
    expect(() => s.renameKey(a.id, key.id, '  ')).toThrow(/empty/);
    expect(s.revokeKey(b.id, key.id)).toBe(false);
    expect(s.isRevoked(secret)).toBe(false);
    expect(s.revokeKey(a.id, key.id)).toBe(true);
    expect(s.isRevoked(secret)).toBe(true);
    expect(s.authenticate(secret)).toBeNull();
    expect(s.listKeys(a.id)).toEqual([]);
    expect(() => s.issueKey(a.id, { secret })).toThrow(/secret/);
  });

  it('records use and projects the public view without secret or owner', () => {
    const s = new SimState();
    const u = s.addUser({ userName: 'u' });
    const { key } = s.issueKey(u.id);
    s.recordUse(key.id, '10.0.0.1', new Date('2026-01-02T03:04:05Z'));
    expect(toApiKeyView(key)).toEqual({
      id: key.id,
      name: key.name,
      creationDate: key.creationDate,
      lastUsedDate: '2026-01-02T03:04:05.000Z',
      lastUsedIp: '10.0.0.1',
    });
  });

  it('counts name length in code points', () => {
    expect(checkName('😀'.repeat(100))).toEqual({ ok: true, name: '😀'.repeat(100) });
    expect(checkName('😀'.repeat(101)).ok).toBe(false);
    expect(checkName(null).ok).toBe(false);
  });
});

describe('seed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudmc-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seedDemo builds two organizations, three users and realistic keys', () => {
    const s = new SimState();
    const { user, apiKey } = seedDemo(s, { apiKey: 'demo-key' });
    expect(apiKey).toBe('demo-key');
    expect(user).toMatchObject({ userName: 'rwilson', firstName: 'Rachel', lastName: 'Wilson', organization: { name: 'Acme Corporation' } });
    expect(
      s
        .listOrganizations()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Acme Corporation', 'Globex']);
    expect(s.listUsers()).toHaveLength(3);
    const keys = s.listKeys(user.id);
    expect(keys.map((k) => k.name)).toEqual(
      expect.arrayContaining(['Mettre-a-jour-BC', 'Grab-instance-list', 'Update KB', 'cloudmc-credentials-desktop']),
    );
    expect(keys.some((k) => k.lastUsedDate === null && k.lastUsedIp === null)).toBe(true);
    const used = keys.filter((k) => k.lastUsedDate !== null);
    for (const k of used) expect(Date.parse(k.lastUsedDate ?? '')).toBeLessThan(Date.now());
    expect(s.authenticate('demo-key')?.key.name).toBe('cloudmc-credentials-desktop');
    const random = seedDemo(new SimState());
    expect(random.apiKey.length).toBeGreaterThanOrEqual(40);
  });

  it('loadSeedFile loads users, organizations and keys', () => {
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        users: [
          {
            userName: 'jdoe',
            firstName: 'Jane',
            lastName: 'Doe',
            email: 'jane@example.org',
            organization: { name: 'Initech' },
            keys: [{ name: 'ci', secret: 'seeded-secret', lastUsedDate: '2026-11-01T10:00:00Z', lastUsedIp: '203.0.113.5' }, { name: 'never' }],
          },
        ],
      }),
    );
    const s = new SimState();
    const [user] = loadSeedFile(s, file);
    expect(user?.organization.name).toBe('Initech');
    expect(s.authenticate('seeded-secret')?.key).toMatchObject({ name: 'ci', lastUsedIp: '203.0.113.5', lastUsedDate: '2026-11-01T10:00:00.000Z' });
    expect(s.listKeys(user?.id ?? '')[1]).toMatchObject({ name: 'never', lastUsedDate: null, lastUsedIp: null });
  });

  it('loadSeedFile names the faulty field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ users: [{ userName: 'x', keys: [{ name: 'k', lastUsedDate: 'yesterday' }] }] }));
    expect(() => loadSeedFile(new SimState(), file)).toThrow(/users\[0\]\.keys\[0\]\.lastUsedDate/);
    writeFileSync(file, '{');
    expect(() => loadSeedFile(new SimState(), file)).toThrow(/seed file/);
  });
});
