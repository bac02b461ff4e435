// The organization's policy through the real services: a policy file in a temp folder, the CloudMC simulator, a memory keychain.
// Managed profiles, every refusal, locked settings and defaults, bad policies of each kind, and a policy changed while the app runs.
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createLogger } from '../../../../../src-main/log';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { profileAccount, type Keychain } from '../../../../../src-main/services/keychain/keychain';
import { jsonFileSource } from '../../../../../src-main/services/policy/policy-source';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, refreshFailure, removeTempDir } from '../../helpers';

let sim: Simulator;
let apiKey: string;
/** The simulator under another loopback name: a CloudMC the policy does not allow (nothing may reach it). */
let otherEndpoint: string;
const dirs: string[] = [];
const ca = tls.rootCertificates[0]!;
const otherCa = tls.rootCertificates[1]!;
const opened: AppServices[] = [];

beforeAll(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  otherEndpoint = sim.endpoint.replace('127.0.0.1', 'localhost');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  for (const app of opened.splice(0)) await app.rotationsResumed;
  for (const dir of dirs.splice(0)) removeTempDir(dir);
});

interface Opened {
  app: AppServices;
  policyFile: string;
  dataDir: string;
  keychain: Keychain;
  log: string[];
  /** Writes the policy file (an object as JSON, text as it is). */
  write(policy: unknown): void;
}

/** Services on a fresh data folder, reading the policy from a file in a temp folder (null: no file). */
async function open(policy: unknown, reuse?: Pick<Opened, 'dataDir' | 'keychain' | 'policyFile'>): Promise<Opened> {
  const root = makeTempDir('cmc-policy-');
  dirs.push(root);
  const dataDir = reuse?.dataDir ?? path.join(root, 'data');
  const policyFile = reuse?.policyFile ?? path.join(root, 'etc', 'policy.json');
  fs.mkdirSync(path.dirname(policyFile), { recursive: true });
  const write = (value: unknown): void => fs.writeFileSync(policyFile, typeof value === 'string' ? value : JSON.stringify(value));
  if (policy !== null) write(policy);
  const keychain = reuse?.keychain ?? createMemoryKeychain();
  const log: string[] = [];
  const app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { timeoutMs: 2000, attempts: 1 },
    log: createLogger((level, line) => log.push(`${level} ${line}`)),
    policySource: jsonFileSource(policyFile, 0),
  });
  opened.push(app);
  return { app, policyFile, dataDir, keychain, log, write };
}

const hq = () => ({ id: 'hq', name: 'Managed HQ', endpoint: sim.endpoint });
const allowingSim = () => ({ version: 1, profiles: [hq()], allowedEndpoints: [sim.origin] });
const requestsTo = (): number => sim.requests.length;

describe('managed profiles', () => {
  it('appear for the user with their stable id, take only an access key, and work as any other (refresh, search, health, rotation)', async () => {
    const { app, keychain } = await open(allowingSim());
    const [listed] = await app.profiles.list();
    expect(listed).toMatchObject({
      id: 'hq',
      name: 'Managed HQ',
      endpoint: sim.endpoint,
      managed: 'managed',
      endpointAllowed: true,
      accessKey: 'missing',
    });
    const withKey = await app.profiles.provideAccessKey('hq', apiKey);
    expect(withKey).toMatchObject({ id: 'hq', managed: 'managed', accessKey: 'keychain', identity: { userName: 'rwilson' } });
    expect(await keychain.getSecret(profileAccount('hq'))).toBe(apiKey);
    const view = await app.credentials.refresh('hq');
    expect(view.failure).toBeNull();
    expect(app.credentials.searchCached('Update KB', 10).hits.map((h) => h.profileId)).toContain('hq');
    // Its own key is reported as a fact ("used by this app"), apart from the findings.
    expect((await app.health.findings()).facts.some((f) => f.profileId === 'hq')).toBe(true);
    const old = view.list!.keys.find((k) => k.name !== 'cloudmc-credentials-desktop')!;
    const started = await app.rotation.start({ profileId: 'hq', keyId: old.id, grace: 'now' });
    expect(started.rotation.profileId).toBe('hq');
    expect(app.profiles.get('hq').managed).toBe('managed');
  });

  it('keep their name, endpoint and CA: each change is refused, a new access key is not', async () => {
    const { app } = await open({ version: 1, profiles: [{ ...hq(), caCertificatePem: ca }], allowedEndpoints: [sim.origin] });
    await app.profiles.provideAccessKey('hq', apiKey);
    for (const [change, field] of [
      [{ name: 'Mine now' }, 'name'],
      [{ endpoint: 'http://127.0.0.1:9/api/v1' }, 'endpoint'],
      [{ caPem: otherCa }, 'caPem'],
      [{ caPem: null }, 'caPem'],
    ] as const) {
      expect(await failureOf(app.profiles.update('hq', change))).toMatchObject({
        code: 'policy-refused',
        kind: 'invalid',
        messageKey: 'policy.refused.managed',
        details: { field, reason: 'managed' },
      });
    }
    // The same values again change nothing: a form saved whole with a new access key is accepted.
    expect(await app.profiles.update('hq', { name: 'Managed HQ', endpoint: sim.endpoint, caPem: ca, apiKey })).toMatchObject({
      name: 'Managed HQ',
      accessKey: 'keychain',
      hasCustomCa: true,
    });
    expect(await failureOf(app.profiles.remove('hq'))).toMatchObject({ code: 'policy-refused', details: { field: 'profile', reason: 'managed' } });
    const copy = await app.profiles.duplicate('hq');
    expect(copy).toMatchObject({ name: 'Managed HQ (2)', managed: null, hasCustomCa: true });
    await app.profiles.remove(copy.id);
  });

  it('keep the policy’s CA through an import that would replace it (the entry is skipped)', async () => {
    const { app } = await open(allowingSim());
    const report = await app.transfer.importProfiles(JSON.stringify([{ name: 'Managed HQ', endpoint: sim.endpoint, caPem: otherCa }]), true);
    expect(report).toMatchObject({ added: 0, replaced: 0, skipped: [{ index: 1, name: 'Managed HQ' }] });
    expect(app.profiles.get('hq').caPem).toBeUndefined();
  });

  it('left by the policy are kept read-only until the user removes them, their keychain entry with them', async () => {
    const first = await open(allowingSim());
    await first.app.profiles.provideAccessKey('hq', apiKey);
    const again = await open({ version: 1 }, first);
    const [kept] = await again.app.profiles.list();
    expect(kept).toMatchObject({ id: 'hq', name: 'Managed HQ', managed: 'withdrawn', accessKey: 'keychain' });
    expect(await failureOf(again.app.profiles.update('hq', { name: 'Renamed' }))).toMatchObject({ code: 'policy-refused' });
    await again.app.profiles.remove('hq');
    expect(await again.app.profiles.list()).toEqual([]);
    expect(await first.keychain.getSecret(profileAccount('hq'))).toBeNull();
  });

  it('come back under the same id when the policy lists them again (keychain entry and cache still theirs)', async () => {
    const first = await open(allowingSim());
    await first.app.profiles.provideAccessKey('hq', apiKey);
    await first.app.credentials.refresh('hq');
    fs.rmSync(first.policyFile);
    const withdrawn = await open(null, first);
    expect(withdrawn.app.profiles.get('hq').managed).toBe('withdrawn');
    first.write({ version: 1, profiles: [{ ...hq(), name: 'HQ (renamed by IT)' }] });
    const back = await open(null, first);
    expect(await back.app.profiles.summary('hq')).toMatchObject({ name: 'HQ (renamed by IT)', managed: 'managed', accessKey: 'keychain' });
    expect((await back.app.credentials.listCached('hq')).list?.keys.length).toBeGreaterThan(0);
  });
});

describe('allowed endpoints', () => {
  it('refuse adding a profile elsewhere before anything is sent', async () => {
    const { app } = await open({ version: 1, allowedEndpoints: [sim.origin] });
    const before = requestsTo();
    expect(await failureOf(app.profiles.add({ name: 'Elsewhere', endpoint: otherEndpoint, apiKey }))).toMatchObject({
      code: 'endpoint-not-allowed',
      kind: 'invalid',
      messageKey: 'errors.endpoint-not-allowed',
      details: { field: 'endpoint' },
    });
    expect(requestsTo()).toBe(before);
    const allowed = await app.profiles.add({ name: 'Allowed', endpoint: sim.endpoint, apiKey });
    expect(allowed).toMatchObject({ endpointAllowed: true, managed: null });
    expect(await failureOf(app.profiles.update(allowed.id, { endpoint: otherEndpoint }))).toMatchObject({ code: 'endpoint-not-allowed' });
  });

  it('disable an existing profile outside them: shown, never sent a key (refresh, rotation, a new key, a copy)', async () => {
    const first = await open(null);
    const outside = await first.app.profiles.add({ name: 'Outside', endpoint: otherEndpoint, apiKey });
    await first.app.credentials.refresh(outside.id);
    first.write({ version: 1, allowedEndpoints: [sim.origin] });
    const { app } = await open(null, first);
    expect(await app.profiles.summary(outside.id)).toMatchObject({ endpointAllowed: false });
    const before = requestsTo();
    expect(await refreshFailure(app.credentials.refresh(outside.id))).toMatchObject({ code: 'endpoint-not-allowed' });
    const cached = (await app.credentials.listCached(outside.id)).list!;
    expect(cached.keys.length).toBeGreaterThan(0);
    const key = cached.keys[0]!;
    expect(await failureOf(app.rotation.start({ profileId: outside.id, keyId: key.id, grace: 'now' }))).toMatchObject({
      code: 'endpoint-not-allowed',
    });
    expect(await failureOf(app.profiles.provideAccessKey(outside.id, apiKey))).toMatchObject({ code: 'endpoint-not-allowed' });
    expect(await failureOf(app.profiles.duplicate(outside.id))).toMatchObject({ code: 'endpoint-not-allowed' });
    expect(requestsTo()).toBe(before);
  });

  it('make an import entry elsewhere invalid, the others imported', async () => {
    const { app } = await open({ version: 1, allowedEndpoints: [sim.origin] });
    const report = await app.transfer.importProfiles(
      JSON.stringify({
        profiles: [
          { name: 'In', endpoint: sim.endpoint },
          { name: 'Out', endpoint: otherEndpoint },
        ],
      }),
      false,
    );
    expect(report).toMatchObject({ added: 1, invalid: [{ index: 2, field: 'endpoint', messageKey: 'errors.endpoint-not-allowed' }] });
  });
});

describe('allowUserProfiles: false', () => {
  it('refuses adding, duplicating and importing; managed profiles still work', async () => {
    const { app } = await open({ ...allowingSim(), allowUserProfiles: false });
    const refused = { code: 'policy-refused', messageKey: 'policy.refused.user-profiles', details: { reason: 'user-profiles' } };
    expect(await failureOf(app.profiles.add({ name: 'Mine', endpoint: sim.endpoint, apiKey }))).toMatchObject(refused);
    expect(await failureOf(app.profiles.duplicate('hq'))).toMatchObject(refused);
    expect(await failureOf(app.transfer.importProfiles('{"profiles":[]}', false))).toMatchObject(refused);
    expect(app.policy.view()).toMatchObject({ applied: true, allowUserProfiles: false });
    expect(await app.profiles.provideAccessKey('hq', apiKey)).toMatchObject({ accessKey: 'keychain' });
  });
});

describe('settings', () => {
  it('locked: the policy’s value (or the default), disabled for the user; a value set but unlocked is a default the user may change', async () => {
    const { app } = await open({
      version: 1,
      settings: { clipboardClearSeconds: 15, theme: 'dark' },
      lockedSettings: ['clipboardClearSeconds', 'idleDays'],
    });
    expect(app.settings.get()).toMatchObject({ clipboardClearSeconds: 15, theme: 'dark', idleDays: 90 });
    expect(app.policy.view().lockedSettings).toEqual(['clipboardClearSeconds', 'idleDays']);
    expect(failureOfSync(() => app.settings.update({ clipboardClearSeconds: 60 }))).toMatchObject({
      code: 'policy-refused',
      messageKey: 'policy.refused.setting-locked',
      details: { field: 'clipboardClearSeconds', reason: 'locked' },
    });
    expect(failureOfSync(() => app.settings.update({ idleDays: 30 }))).toMatchObject({ details: { field: 'idleDays' } });
    // The dialog sends the form whole: the locked value sent back is no change.
    expect(app.settings.update({ clipboardClearSeconds: 15, theme: 'light' })).toMatchObject({ clipboardClearSeconds: 15, theme: 'light' });
    expect(app.settings.get().theme).toBe('light');
  });

  it('a policy default does not override what the user chose before it', async () => {
    const first = await open(null);
    first.app.settings.update({ theme: 'light' });
    first.write({ version: 1, settings: { theme: 'dark', storeCopyByDefault: false } });
    const { app } = await open(null, first);
    expect(app.settings.get()).toMatchObject({ theme: 'light', storeCopyByDefault: false });
  });
});

describe('a bad policy', () => {
  const cases: [string, (file: string) => void, string][] = [
    ['unreadable (a folder where the file should be)', (file) => fs.mkdirSync(file), 'unreadable'],
    ['invalid JSON', (file) => fs.writeFileSync(file, '{"version": 1, "profiles": ['), 'not-json'],
    ['an unknown version', (file) => fs.writeFileSync(file, '{"version": 2}'), 'version'],
    [
      'a bad endpoint',
      (file) => fs.writeFileSync(file, JSON.stringify({ version: 1, allowedEndpoints: ['http://cloudmc.example.com'] })),
      'endpoint',
    ],
    ['a wrong shape', (file) => fs.writeFileSync(file, JSON.stringify({ version: 1, lockedSettings: 'all' })), 'shape'],
  ];

  it.each(cases)('%s: the app starts, applies nothing, says why, and the log says where', async (_why, make, reason) => {
    const first = await open(allowingSim());
    await first.app.profiles.provideAccessKey('hq', apiKey);
    fs.rmSync(first.policyFile);
    make(first.policyFile);
    const { app, log } = await open(null, first);
    expect(app.policy.view()).toEqual({
      applied: false,
      lockedSettings: [],
      allowUserProfiles: true,
      allowedEndpoints: null,
      updates: true,
      problem: expect.objectContaining({ reason, messageKey: `policy.problem.${reason}` }),
    });
    // Nothing from it: no allow-list (the profile elsewhere may be added), and the managed profile neither changed nor withdrawn.
    expect(await app.profiles.summary('hq')).toMatchObject({ managed: 'managed', endpointAllowed: true });
    expect(log.filter((line) => line.startsWith('warn') && line.includes(first.policyFile))).toHaveLength(1);
  });

  it('with good managed profiles and one bad endpoint gives none of them (never half a policy)', async () => {
    const { app } = await open({ version: 1, profiles: [hq()], allowedEndpoints: [sim.origin, 'https://a.example.com/path'] });
    expect(app.policy.view().problem).toMatchObject({ reason: 'endpoint', details: { field: 'allowedEndpoints[1]' } });
    expect(await app.profiles.list()).toEqual([]);
  });
});

describe('a policy changed while the app runs', () => {
  it('is read again when its file changes: listeners hear it, managed profiles follow, a bad version applies nothing', async () => {
    const { app, write } = await open(allowingSim());
    const heard: unknown[] = [];
    app.policy.onChange((view) => heard.push(view));
    const stop = app.policy.watch();
    try {
      write({ version: 1, profiles: [{ ...hq(), name: 'HQ v2' }], lockedSettings: ['theme'], updates: false });
      await vi.waitFor(() => expect(app.profiles.get('hq').name).toBe('HQ v2'), { timeout: 5000 });
      expect(app.policy.updatesAllowed()).toBe(false);
      expect(heard.at(-1)).toMatchObject({ applied: true, lockedSettings: ['theme'], updates: false, allowedEndpoints: null });
      write('{ not json');
      await vi.waitFor(() => expect(app.policy.view().problem?.reason).toBe('not-json'), { timeout: 5000 });
      expect(app.policy.updatesAllowed()).toBe(true);
      expect(app.profiles.get('hq')).toMatchObject({ name: 'HQ v2', managed: 'managed' });
      write({ version: 1 });
      await vi.waitFor(() => expect(app.profiles.get('hq').managed).toBe('withdrawn'), { timeout: 5000 });
    } finally {
      stop();
    }
  });

  it('forgets what the session knew of a managed profile whose endpoint moved', async () => {
    const { app, write } = await open(allowingSim());
    await app.profiles.provideAccessKey('hq', apiKey);
    await app.credentials.refresh('hq');
    expect((await app.profiles.summary('hq')).syncState).toBe('live');
    write({ version: 1, profiles: [{ ...hq(), endpoint: otherEndpoint }] });
    await app.policy.reload();
    expect(await app.profiles.summary('hq')).toMatchObject({ endpoint: otherEndpoint, syncState: 'cached', accessKeyId: null });
  });
});

function failureOfSync(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return (e as { appError?: unknown }).appError ?? e;
  }
  throw new Error('expected a failure');
}

describe('the policy changed while the app runs', () => {
  it('is told to every window as policy:did-change, with the view policy.get answers', async () => {
    const { app, write } = await open(allowingSim());
    const heard: { name: string; payload: unknown }[] = [];
    const stop = app.events.subscribe((name, payload) => heard.push({ name, payload }));
    try {
      write({ version: 1, profiles: [hq()], lockedSettings: ['theme'], settings: { theme: 'dark' } });
      await app.policy.reload();
      const told = heard.filter((e) => e.name === 'policy:did-change');
      expect(told).toHaveLength(1);
      expect(told[0]!.payload).toEqual(app.policy.view());
      expect(told[0]!.payload).toMatchObject({ applied: true, lockedSettings: ['theme'], allowedEndpoints: null });
    } finally {
      stop();
    }
  });
});
