// Profiles against the simulator: update re-checks the connection, duplicate copies the key, remove clears keychain entries, states.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../../../src-main/services/keychain/keychain';
import { fail } from '../../../../../src-main/errors';

const failure = () => fail('keychain-failed');
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { ACCESS_KEY_NAME, seedDemo } from '../../../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, refreshFailure, removeTempDir } from '../../helpers';

const codeOf = async (work: Promise<unknown>): Promise<string> => (await failureOf(work)).code;

let sim: Simulator;
let apiKey: string;
let otherKey: string;
let dataDir: string;
let keychain: Keychain;
let app: AppServices;

beforeAll(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  const other = state.addUser({ userName: 'jdoe', firstName: 'Jane', lastName: 'Doe', organization: { name: 'Globex' } });
  otherKey = state.issueKey(other.id, { name: 'jane-desktop' }).secret;
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cloudmc-profiles-');
  keychain = createMemoryKeychain();
  app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { timeoutMs: 2000, attempts: 1 },
  });
});
afterAll(async () => {
  await sim.close();
  removeTempDir(dataDir);
});

describe('profile life cycle', () => {
  it('goes from never synced to up to date, and to rejected when CloudMC refuses the key', async () => {
    const p = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    expect(p).toMatchObject({ syncState: 'never', accessKey: 'keychain', hasCustomCa: false, identity: { organizationName: 'Acme Corporation' } });
    // The key the profile itself uses is identified (by id only) from two list calls.
    const rachel = sim.state.findUserByName('rwilson')!;
    expect(p.accessKeyId).toBe(sim.state.listKeys(rachel.id).find((k) => k.name === ACCESS_KEY_NAME)?.id);
    expect(JSON.stringify(app.stores.config.read())).not.toContain(apiKey);
    await app.credentials.refresh(p.id);
    expect((await app.profiles.list()).find((x) => x.id === p.id)?.syncState).toBe('live');
    const victim = await app.profiles.add({ name: 'Jane', endpoint: sim.endpoint, apiKey: otherKey });
    await app.credentials.refresh(victim.id);
    const jane = sim.state.findUserByName('jdoe');
    const janeKey = sim.state.listKeys(jane!.id).find((k) => k.name === 'jane-desktop');
    sim.state.revokeKey(jane!.id, janeKey!.id);
    expect((await refreshFailure(app.credentials.refresh(victim.id))).code).toBe('unauthorized');
    expect((await app.profiles.list()).find((x) => x.id === victim.id)?.syncState).toBe('rejected');
    await app.profiles.remove(victim.id);
  });

  it('updates the name without contacting CloudMC, and re-checks a new endpoint before saving it', async () => {
    const p = await app.profiles.add({ name: 'To edit', endpoint: sim.endpoint, apiKey });
    const before = sim.requests.length;
    const renamed = await app.profiles.update(p.id, { name: '  Edited  ' });
    expect(renamed.name).toBe('Edited');
    expect(sim.requests.length).toBe(before);
    expect(await codeOf(app.profiles.update(p.id, { endpoint: 'http://127.0.0.1:9/api/v1' }))).toBe('unreachable');
    expect(app.profiles.get(p.id).endpoint).toBe(sim.endpoint);
    expect(await codeOf(app.profiles.update(p.id, { apiKey: 'wrong-key' }))).toBe('unauthorized');
    expect(await app.profiles.client(p.id).then((c) => c.currentUser())).toMatchObject({ userName: 'rwilson' });
    expect(await codeOf(app.profiles.update(p.id, { caPem: 'not a certificate' }))).toBe('invalid-input');
    expect(await codeOf(app.profiles.update(p.id, { name: '   ' }))).toBe('invalid-input');
    await app.profiles.remove(p.id);
  });

  it('duplicates a profile with its access key under a numbered name', async () => {
    const p = await app.profiles.add({ name: 'Prod', endpoint: sim.endpoint, apiKey });
    const copy = await app.profiles.duplicate(p.id);
    const again = await app.profiles.duplicate(p.id);
    expect([copy.name, again.name]).toEqual(['Prod (2)', 'Prod (3)']);
    expect(copy.accessKey).toBe('keychain');
    expect((await (await app.profiles.client(copy.id)).currentUser()).userName).toBe('rwilson');
    for (const id of [p.id, copy.id, again.id]) await app.profiles.remove(id);
  });

  it('removes a profile together with its access key and its stored key copies', async () => {
    const p = await app.profiles.add({ name: 'Doomed', endpoint: sim.endpoint, apiKey });
    const generated = await app.credentials.generate(p.id, 'doomed-key', true);
    expect(generated.storedInKeychain).toBe(true);
    const mine = (await keychain.listAccounts()).filter((a) => a.includes(p.id));
    expect(mine.sort()).toEqual([`key:${p.id}:${generated.key.id}`, `profile:${p.id}`].sort());
    await app.profiles.remove(p.id);
    expect((await keychain.listAccounts()).filter((a) => a.includes(p.id))).toEqual([]);
    expect(await codeOf(app.profiles.client(p.id))).toBe('profile-not-found');
    expect(app.stores.cache.get(p.id)).toBeUndefined();
  });
});

describe('refresh and search', () => {
  it('cancels a refresh by request id without marking the profile rejected', async () => {
    const p = await app.profiles.add({ name: 'Slow', endpoint: sim.endpoint, apiKey });
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    const pending = app.credentials.refresh(p.id, 'req-1');
    await vi.waitFor(() => expect(sim.requests.some((r) => r.method === 'GET' && r.path.endsWith('/api_keys') && r.status === undefined)).toBe(true));
    app.cancelRequest('req-1');
    expect((await refreshFailure(pending)).code).toBe('cancelled');
    expect((await app.profiles.list()).find((x) => x.id === p.id)?.syncState).toBe('never');
    await app.profiles.remove(p.id);
  });

  it('searches every cached list by name or last IP, naming the profile of each hit', async () => {
    const a = await app.profiles.add({ name: 'Acme search', endpoint: sim.endpoint, apiKey });
    const j = await app.profiles.add({
      name: 'Globex search',
      endpoint: sim.endpoint,
      apiKey: sim.state.issueKey(sim.state.findUserByName('jdoe')!.id, { name: 'globex-terraform' }).secret,
    });
    await app.credentials.refresh(a.id);
    await app.credentials.refresh(j.id);
    const byName = app.credentials.searchCached('TERRAFORM', 50).hits;
    expect(byName.map((h) => h.profileName)).toContain('Globex search');
    expect(byName.every((h) => h.key.name.toLowerCase().includes('terraform'))).toBe(true);
    const byIp = app.credentials.searchCached('172.27.127', 50).hits;
    expect(byIp.length).toBeGreaterThan(0);
    expect(byIp.every((h) => h.key.lastUsedIp?.startsWith('172.27.127'))).toBe(true);
    expect(byIp.map((h) => h.profileName)).toContain('Acme search');
    expect(byIp.map((h) => h.profileName)).not.toContain('Globex search');
    expect(app.credentials.searchCached('   ', 50)).toMatchObject({ hits: [], total: 0 });
    const capped = app.credentials.searchCached('e', 2);
    expect(capped.hits).toHaveLength(2);
    expect(capped.total).toBeGreaterThan(2); // every match is counted, not only those answered
    await app.profiles.remove(a.id);
    await app.profiles.remove(j.id);
  });
});

describe('removing a profile when the keychain refuses', () => {
  it('keeps the profile and reports the failure, so no access key is left behind unseen', async () => {
    const inner = createMemoryKeychain();
    let refuse = false;
    const flaky: Keychain = { ...inner, deleteSecret: (account) => (refuse ? Promise.reject(failure()) : inner.deleteSecret(account)) };
    const dir = makeTempDir('cloudmc-remove-');
    const local = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: flaky,
      clipboard: new MemoryClipboard(),
      version: 'test',
    });
    const p = await local.profiles.add({ name: 'Sticky', endpoint: sim.endpoint, apiKey });
    refuse = true;
    expect(await codeOf(local.profiles.remove(p.id))).toBe('keychain-failed');
    expect((await local.profiles.list()).map((x) => x.id)).toContain(p.id);
    expect(await inner.getSecret(`profile:${p.id}`)).toBe(apiKey);
    refuse = false;
    await local.profiles.remove(p.id);
    expect(await inner.getSecret(`profile:${p.id}`)).toBeNull();
    removeTempDir(dir);
  });
});
