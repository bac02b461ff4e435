// Key health end to end: createAppServices against the simulator over loopback and real files; each finding kind, activity online and offline, notes, export, no secret on disk.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import type { ClientOptions } from '../../../src-main/services/cloudmc/cloudmc-client';
import type { HealthKind } from '../../../src-preload/contract/health';
import { activityViewSchema, healthReportSchema } from '../../../src-preload/contract/health';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedAccessUser } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, filesUnder, makeTempDir, removeTempDir, translation, uiLanguages } from '../src-main/helpers';

const accessKey = 'health-access-key-CANARY-1a2b3c4d5e6f7a8b';
const clientOptions: Partial<ClientOptions> = { attempts: 1, backoffMs: 5, timeoutMs: 5_000 };
const dayMs = 86_400_000;
const ago = (days: number): string => new Date(Date.now() - days * dayMs).toISOString();

describe('key health over a seeded simulator', () => {
  let sim: Simulator;
  let state: SimState;
  let dir: string;
  let keychain: Keychain;
  let app: AppServices;
  let profile: ProfileSummary;
  const ids: Record<string, string> = {};
  const secrets: string[] = [accessKey];

  const open = (): Promise<AppServices> =>
    createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
  const kindsOf = (findings: { kind: HealthKind; keyId: string }[], keyId: string): HealthKind[] =>
    findings.filter((f) => f.keyId === keyId).map((f) => f.kind);

  beforeAll(async () => {
    state = new SimState();
    const { user } = seedAccessUser(state, { apiKey: accessKey });
    // A name that a spreadsheet would run as a formula: the CSV export must neutralise it.
    ids['never'] = state.issueKey(user.id, { name: '=HYPERLINK("http://evil.example","x")', creationDate: ago(200) }).key.id;
    ids['idle'] = state.issueKey(user.id, { name: 'old-batch', creationDate: ago(300), lastUsedDate: ago(120), lastUsedIp: '198.51.100.7' }).key.id;
    ids['fresh'] = state.issueKey(user.id, { name: 'fresh-unused', creationDate: ago(5) }).key.id;
    ids['default'] = state.issueKey(user.id, { creationDate: ago(10), lastUsedDate: ago(1), lastUsedIp: '203.0.113.20' }).key.id;
    ids['moving'] = state.issueKey(user.id, { name: 'ci-runner', creationDate: ago(50), lastUsedDate: ago(2), lastUsedIp: '203.0.113.5' }).key.id;
    // Activity: a login from an address seen nowhere else, twice; and one older than the 30-day window.
    state.addActivity(user.id, { eventCode: 'users.login', created: ago(3), requesterIp: '192.0.2.10' });
    state.addActivity(user.id, { eventCode: 'users.login', created: ago(1), requesterIp: '192.0.2.10' });
    state.addActivity(user.id, { eventCode: 'users.login', created: ago(45), requesterIp: '192.0.2.99' });
    state.addActivity(user.id, {
      eventCode: 'vendor.something',
      created: ago(2),
      requesterIp: '203.0.113.5',
      eventContext: '<img src=x onerror=alert(1)>',
    });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-health-');
    keychain = createMemoryKeychain();
    app = await open();
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(profile.id);
    // Between two syncs, the CI key is used from a place never seen before.
    state.recordUse(ids['moving']!, '198.51.100.200', new Date(Date.now() - 60_000));
    // A generated key with a stored copy, then revoked on CloudMC's side: its copy is an orphan.
    const generated = await app.credentials.generate(profile.id, 'short-lived', true);
    secrets.push(generated.secret);
    ids['orphan'] = generated.key.id;
    await app.secretActions.dismiss(generated.secretId);
    state.revokeKey(user.id, generated.key.id);
    await app.credentials.refresh(profile.id);
  });
  afterAll(async () => {
    await app?.clipboard.clearSecretNow();
    await sim?.close();
    removeTempDir(dir);
  });

  it('lists each kind of finding on the key it concerns, naming profile and key, with why', async () => {
    const report = healthReportSchema.parse(await app.health.findings());
    expect(kindsOf(report.findings, ids['never']!)).toEqual(['never-used']);
    expect(kindsOf(report.findings, ids['idle']!)).toEqual(['idle']);
    expect(kindsOf(report.findings, ids['fresh']!)).toEqual([]);
    expect(kindsOf(report.findings, ids['default']!)).toEqual(['default-name']);
    expect(kindsOf(report.findings, ids['moving']!)).toEqual(['new-ip']);
    expect(kindsOf(report.findings, ids['orphan']!)).toEqual(['orphaned-copy']);
    expect(profile.accessKeyId).not.toBeNull();
    // "Used by this app" is an informational fact, apart from the findings (issue 19 item 4).
    expect(kindsOf(report.findings, profile.accessKeyId!)).toEqual([]);
    expect(kindsOf(report.facts, profile.accessKeyId!)).toEqual(['profile-access-key']);
    const newIp = report.findings.find((f) => f.kind === 'new-ip')!;
    expect(newIp).toMatchObject({
      profileId: profile.id,
      profileName: 'Acme',
      keyName: 'ci-runner',
      values: { ip: '198.51.100.200', knownBefore: 1 },
    });
    expect(report.counts).toEqual({ 'new-ip': 1, 'orphaned-copy': 1, 'never-used': 1, idle: 1, 'default-name': 1 });
    expect(report.byProfile).toEqual({ [profile.id]: 5 });
    expect(report.copiesChecked).toBe(true);
  });

  it('says why in the three languages: every finding message key is translated', async () => {
    const report = await app.health.findings();
    for (const language of uiLanguages)
      for (const f of report.findings)
        expect({ language, key: f.messageKey, text: translation(language, f.messageKey) !== undefined }).toMatchObject({ text: true });
  });

  it('the idle threshold is the idleDays setting', async () => {
    app.settings.update({ idleDays: 400 });
    const report = await app.health.findings();
    expect(report.counts.idle).toBe(0);
    expect(report.counts['never-used']).toBe(0);
    app.settings.update({ idleDays: 90 });
  });

  it('a per-profile filter lists that profile only; the badge counts still cover every profile', async () => {
    const other = await app.profiles.duplicate(profile.id);
    const report = await app.health.findings(other.id);
    expect(report.findings.every((f) => f.profileId === other.id)).toBe(true);
    expect(report.byProfile[profile.id]).toBe(5);
    await app.profiles.remove(other.id);
    expect(await failureOf(app.health.findings(other.id))).toMatchObject({ code: 'profile-not-found' });
  });

  it('notes are local, returned with findings, and searchable from the key search (the hit says it matched the note)', async () => {
    expect(app.health.setNote(profile.id, ids['idle']!, '  Deployed on build-01; owner @ops; TICKET-4242  ')).toEqual({
      note: 'Deployed on build-01; owner @ops; TICKET-4242',
    });
    const report = await app.health.findings();
    expect(report.findings.find((f) => f.keyId === ids['idle'])?.note).toBe('Deployed on build-01; owner @ops; TICKET-4242');
    const found = app.credentials.searchCached('ticket-4242', 10);
    expect(found.total).toBe(1);
    expect(found.hits[0]).toMatchObject({ profileId: profile.id, key: { id: ids['idle'] }, matched: 'note' });
    expect(sim.requests.some((r) => r.path.includes('TICKET'))).toBe(false);
    expect(app.health.setNote(profile.id, ids['idle']!, '   ')).toEqual({ note: null });
    expect(app.credentials.searchCached('ticket-4242', 10).total).toBe(0);
    expect(await failureOf(Promise.resolve().then(() => app.health.setNote(profile.id, ids['idle']!, 'x'.repeat(501))))).toMatchObject({
      code: 'invalid-input',
    });
  });

  it('activity online: the last 30 days of my own activity, IPs known or new, codes in plain words when known, no event context', async () => {
    const view = activityViewSchema.parse(await app.health.activity(profile.id));
    expect(view.source).toBe('live');
    expect(view.failure).toBeNull();
    const codes = view.entries.map((e) => e.eventCode);
    expect(codes).toContain('api_key.generated');
    const logins = view.entries.filter((e) => e.eventCode === 'users.login');
    expect(logins.map((e) => [e.requesterIp, e.ipStatus])).toEqual([
      ['192.0.2.10', 'known'],
      ['192.0.2.10', 'new'],
    ]);
    expect(view.entries.find((e) => e.eventCode === 'api_key.generated')).toMatchObject({
      requesterIp: '127.0.0.1',
      ipStatus: 'known',
      eventKey: 'activity.event.api_key.generated',
    });
    expect(view.entries.find((e) => e.eventCode === 'vendor.something')).toMatchObject({ eventKey: null, ipStatus: 'known' });
    expect(JSON.stringify(view)).not.toContain('onerror');
    for (const e of view.entries) if (e.eventKey) for (const language of uiLanguages) expect(translation(language, e.eventKey)).toBeDefined();
  });

  it('exports findings and activity as CSV (formula cells neutralised) and JSON, with no secret', async () => {
    const csv = await app.health.export('findings', 'csv');
    expect(csv.fileName).toMatch(/^key-health-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.content).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.content).not.toMatch(/(^|,)=HYPERLINK/m);
    const json = JSON.parse((await app.health.export('activity', 'json', profile.id)).content) as { profiles: { entries: unknown[] }[] };
    expect(json.profiles[0]?.entries.length).toBeGreaterThan(0);
    const all = [csv.content, (await app.health.export('activity', 'csv')).content, (await app.health.export('findings', 'json')).content].join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
  });

  it('history and activity survive a restart, and the activity panel works offline with its "as of" time', async () => {
    const online = await app.health.cachedActivity(profile.id);
    await app.clipboard.clearSecretNow();
    await sim.close();
    const again = await open();
    const offline = activityViewSchema.parse(await again.health.activity(profile.id));
    expect(offline.failure).toMatchObject({ kind: 'offline' });
    expect(offline.source).toBe('cache');
    expect(offline.syncedAt).toBe(online.syncedAt);
    expect(offline.entries).toEqual(online.entries);
    const report = await again.health.findings();
    expect(kindsOf(report.findings, ids['moving']!)).toEqual(['new-ip']);
  });

  it('no secret anywhere on disk (canary scan of every file, history included)', () => {
    const files = filesUnder(dir);
    expect(files.some((f) => f.includes(`${path.sep}key-history${path.sep}`))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}activity${path.sep}`))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) expect({ file, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, found: false });
    }
  });
});
