// The health service's operations over real parts: two profiles on the CloudMC simulator, the conf store in a temp dir, a memory
// keychain; findings across profiles with a count per profile, facts apart, snooze and unsnooze, notes, activity, export, forget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../../src-main/errors';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';

const DAY = 86_400_000;
const accessA = 'health-svc-access-a-1a2b3c4d5e6f7a8b9c0d1e';
const accessB = 'health-svc-access-b-1a2b3c4d5e6f7a8b9c0d1e';

describe('health service', () => {
  let sim: Simulator;
  let state: SimState;
  let dir: string;
  const clock = Date.now();
  let app: AppServices;
  let a: ProfileSummary;
  let b: ProfileSummary;
  let neverA: string;
  let neverB1: string;
  let neverB2: string;
  let userA: string;

  beforeAll(async () => {
    state = new SimState();
    userA = seedAccessUser(state, { apiKey: accessA }).user.id;
    neverA = state.issueKey(userA, { name: 'deploy', creationDate: new Date(clock - 200 * DAY).toISOString() }).key.id;
    const other = state.addUser({ userName: 'jdoe', firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.example' });
    state.issueKey(other.id, { name: 'access', secret: accessB, creationDate: new Date(clock - 2 * DAY).toISOString() });
    neverB1 = state.issueKey(other.id, { name: 'backup', creationDate: new Date(clock - 100 * DAY).toISOString() }).key.id;
    neverB2 = state.issueKey(other.id, { name: 'reports', creationDate: new Date(clock - 100 * DAY).toISOString() }).key.id;
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-health-svc-');
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      now: () => new Date(clock),
    });
    a = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessA });
    b = await app.profiles.add({ name: 'Beta', endpoint: sim.endpoint, apiKey: accessB });
    await app.credentials.refresh(a.id);
    await app.credentials.refresh(b.id);
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('finds across every profile, counts per profile, and keeps each profile’s own key apart as a fact', async () => {
    const r = await app.health.findings();
    expect(r.findings.map((f) => [f.profileId, f.keyId, f.kind]).sort()).toEqual(
      [
        [a.id, neverA, 'never-used'],
        [b.id, neverB1, 'never-used'],
        [b.id, neverB2, 'never-used'],
      ].sort(),
    );
    expect(r.byProfile).toEqual({ [a.id]: 1, [b.id]: 2 });
    expect(r.facts.map((f) => [f.profileId, f.kind]).sort()).toEqual(
      [
        [a.id, 'profile-access-key'],
        [b.id, 'profile-access-key'],
      ].sort(),
    );
    expect(r.copiesChecked).toBe(true);
    expect(r.notices).toEqual([]);
  });

  it('filtered on one profile, lists its findings only but still counts every profile', async () => {
    const r = await app.health.findings(b.id);
    expect(r.findings.map((f) => f.profileId)).toEqual([b.id, b.id]);
    expect(r.byProfile).toEqual({ [a.id]: 1, [b.id]: 2 });
  });

  it('refuses a profile that does not exist', async () => {
    await expect(app.health.findings('no-such-profile')).rejects.toSatisfy((e) => e instanceof AppFailure && e.appError.code === 'profile-not-found');
    expect(() => app.health.notes('no-such-profile')).toThrow(AppFailure);
    expect(() => app.health.snooze([{ profileId: 'no-such-profile', keyId: 'k', kind: 'never-used' }], '7d', '')).toThrow(AppFailure);
  });

  it('a snooze takes findings out of the queue and the count until unsnoozed', async () => {
    const refs = [
      { profileId: b.id, keyId: neverB1, kind: 'never-used' as const },
      { profileId: b.id, keyId: neverB2, kind: 'never-used' as const },
    ];
    expect(app.health.snooze(refs, '7d', 'later')).toEqual({ snoozed: 2, until: new Date(clock + 7 * DAY).toISOString() });
    const snoozed = await app.health.findings();
    expect(snoozed.findings.map((f) => f.keyId)).toEqual([neverA]);
    expect(snoozed.byProfile).toEqual({ [a.id]: 1 });
    expect(snoozed.snoozed.map((f) => f.keyId).sort()).toEqual([neverB1, neverB2].sort());
    expect(app.health.unsnooze([refs[0]!])).toEqual({ removed: 1 });
    expect(app.health.unsnooze([refs[0]!])).toEqual({ removed: 0 });
    expect((await app.health.findings()).byProfile).toEqual({ [a.id]: 1, [b.id]: 1 });
    app.health.unsnooze([refs[1]!]);
    expect((await app.health.findings()).byProfile).toEqual({ [a.id]: 1, [b.id]: 2 });
  });

  it('keeps a note per key and profile, shows it with the finding, and removes it when emptied', async () => {
    expect(app.health.setNote(a.id, neverA, 'used by CI')).toEqual({ note: 'used by CI' });
    expect(app.health.notes(a.id)).toEqual({ [neverA]: 'used by CI' });
    expect(app.health.notes(b.id)).toEqual({});
    expect(app.health.noteOf(a.id, neverA)).toBe('used by CI');
    const finding = (await app.health.findings()).findings.find((f) => f.keyId === neverA);
    expect(finding?.note).toBe('used by CI');
    expect(app.health.setNote(a.id, neverA, '')).toEqual({ note: null });
    expect(app.health.notes(a.id)).toEqual({});
  });

  it('exports the findings and facts as JSON and CSV', async () => {
    const json = await app.health.export('findings', 'json');
    expect(json.mimeType).toBe('application/json');
    const doc = JSON.parse(json.content) as { findings: { keyId: string; kind: string }[] };
    expect(
      doc.findings
        .filter((f) => f.kind === 'never-used')
        .map((f) => f.keyId)
        .sort(),
    ).toEqual([neverA, neverB1, neverB2].sort());
    expect(doc.findings.filter((f) => f.kind === 'profile-access-key')).toHaveLength(2);
    const csv = await app.health.export('findings', 'csv', a.id);
    expect(csv.content).toContain(neverA);
    expect(csv.content).not.toContain(neverB1);
  });

  it('asks CloudMC for a profile’s activity, caches it, and exports it', async () => {
    state.addActivity(userA, { eventCode: 'users.login', created: new Date(clock - DAY).toISOString(), requesterIp: '10.1.2.3' });
    expect(app.health.cachedActivity(a.id).source).toBeNull();
    const live = await app.health.activity(a.id);
    expect(live.source).toBe('live');
    expect(live.failure).toBeNull();
    expect(live.entries.some((e) => e.eventCode === 'users.login')).toBe(true);
    const cached = app.health.cachedActivity(a.id);
    expect(cached.source).toBe('cache');
    expect(cached.entries).toEqual(live.entries);
    const out = await app.health.export('activity', 'csv', a.id);
    expect(out.content).toContain('users.login');
  });

  it('forgets a profile’s notes and activity', async () => {
    app.health.setNote(b.id, neverB1, 'temp');
    app.health.forget(b.id);
    expect(app.health.notes(b.id)).toEqual({});
    expect(app.health.noteOf(b.id, neverB1)).toBeUndefined();
  });
});
