// Issue 8 item 6: ordinary clicks while CloudMC is slow never let an older answer overwrite a newer state (real simulator behind a proxy that holds answers).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import type { ApiKeyView, KeysView, ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, keysOf, makeTempDir, refreshFailure, removeTempDir } from '../src-main/helpers';
import { startHeldProxy, type HeldProxy } from './held-proxy';

const accessKey = 'races-access-key-CANARY-9d8c7b6a5f4e';
const secondKey = 'races-second-key-CANARY-1a2b3c4d5e6f';

let sim: Simulator;
let proxy: HeldProxy;
let dir: string;
let keychain: Keychain;
let app: AppServices;
let profile: ProfileSummary;
let victim: ApiKeyView;
let userId: string;

beforeEach(async () => {
  const state = new SimState();
  const { user } = seedDemo(state, { apiKey: accessKey });
  userId = user.id;
  state.issueKey(user.id, { name: 'second access key', secret: secondKey });
  sim = await startSimulator({ state });
  proxy = await startHeldProxy(sim.endpoint);
  dir = makeTempDir('cmc-races-');
  keychain = createMemoryKeychain();
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1 },
  });
  profile = await app.profiles.add({ name: 'Acme', endpoint: proxy.endpoint, apiKey: accessKey });
  victim = (await app.credentials.generate(profile.id, 'victim', false)).key;
  await app.credentials.refresh(profile.id);
});
afterEach(async () => {
  await app?.clipboard.clearSecretNow();
  await proxy?.close();
  await sim?.close();
  removeTempDir(dir);
});

const cachedIds = async (): Promise<string[]> => keysOf(await app.credentials.listCached(profile.id)).map((k) => k.id);

/** Starts a refresh whose answer CloudMC has given but the app has not received yet (wrapped: an async function would wait for it). */
async function refreshHeldAtCloudmc(): Promise<{ refresh: Promise<KeysView> }> {
  proxy.hold('GET', '/api_keys');
  const refresh = app.credentials.refresh(profile.id);
  await proxy.held('GET', '/api_keys');
  return { refresh };
}

describe('a change made while a slow refresh is in flight survives its older answer', () => {
  it('a revoke during a refresh is not undone by the older refresh answer (list and cache)', async () => {
    const { refresh } = await refreshHeldAtCloudmc();
    expect((await app.credentials.revoke(profile.id, victim.id, false)).outcome).toBe('revoked');
    proxy.release('GET', '/api_keys');
    expect(keysOf(await refresh).map((k) => k.id)).not.toContain(victim.id);
    expect(await cachedIds()).not.toContain(victim.id);
  });

  it('a rename during a refresh does not revert', async () => {
    const { refresh } = await refreshHeldAtCloudmc();
    await app.credentials.rename(profile.id, victim.id, 'renamed meanwhile');
    proxy.release('GET', '/api_keys');
    expect(keysOf(await refresh).find((k) => k.id === victim.id)?.name).toBe('renamed meanwhile');
    expect(keysOf(await app.credentials.listCached(profile.id)).find((k) => k.id === victim.id)?.name).toBe('renamed meanwhile');
  });

  it('a key generated during a refresh is in the list and the cache after it', async () => {
    const { refresh } = await refreshHeldAtCloudmc();
    const generated = await app.credentials.generate(profile.id, 'born during a refresh', false);
    proxy.release('GET', '/api_keys');
    expect(keysOf(await refresh).map((k) => k.id)).toContain(generated.key.id);
    expect(await cachedIds()).toContain(generated.key.id);
  });

  it('an older refresh answering after a newer one is dropped', async () => {
    const { refresh: older } = await refreshHeldAtCloudmc();
    proxy.stop('GET', '/api_keys');
    sim.state.revokeKey(userId, victim.id); // revoked elsewhere: only the newer refresh can know
    expect(keysOf(await app.credentials.refresh(profile.id)).map((k) => k.id)).not.toContain(victim.id);
    proxy.release('GET', '/api_keys');
    expect(keysOf(await older).map((k) => k.id)).not.toContain(victim.id);
    expect(await cachedIds()).not.toContain(victim.id);
  });
});

describe('removing a profile while something is in flight for it leaves nothing behind', () => {
  it('removing a profile while its edit is being checked does not bring it back nor rewrite its keychain entry', async () => {
    proxy.hold('GET', '/users/current');
    const edit = app.profiles.update(profile.id, { apiKey: secondKey });
    await proxy.held('GET', '/users/current');
    const removal = app.profiles.remove(profile.id);
    proxy.release('GET', '/users/current');
    await Promise.allSettled([edit, removal]);
    expect((await app.profiles.list()).map((p) => p.id)).not.toContain(profile.id);
    expect(await keychain.listAccounts()).toEqual([]);
    expect(app.stores.config.read().profiles).toEqual([]);
  });

  it('removing a profile while its "provide key" is being checked does not bring it back', async () => {
    proxy.hold('GET', '/users/current');
    const provide = app.profiles.provideAccessKey(profile.id, secondKey);
    await proxy.held('GET', '/users/current');
    const removal = app.profiles.remove(profile.id);
    proxy.release('GET', '/users/current');
    await Promise.allSettled([provide, removal]);
    expect(app.stores.config.read().profiles).toEqual([]);
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('a refresh during remove leaves no orphan key-list file', async () => {
    const { refresh } = await refreshHeldAtCloudmc();
    await app.profiles.remove(profile.id);
    proxy.release('GET', '/api_keys');
    expect((await failureOf(refresh)).code).toBe('profile-not-found');
    expect(fs.existsSync(path.join(dir, 'key-lists', `${profile.id}.json`))).toBe(false);
  });

  it('a generate during remove leaves no orphan keychain entry', async () => {
    proxy.hold('POST', '/api_keys');
    const generate = app.credentials.generate(profile.id, 'born while removing', true);
    await proxy.held('POST', '/api_keys');
    const removal = app.profiles.remove(profile.id);
    proxy.release('POST', '/api_keys');
    await Promise.allSettled([generate, removal]);
    expect(await keychain.listAccounts()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'key-lists', `${profile.id}.json`))).toBe(false);
  });

  it('updating a profile removed meanwhile answers profile-not-found', async () => {
    await app.profiles.remove(profile.id);
    expect((await failureOf(app.profiles.update(profile.id, { name: 'Back from the dead' }))).code).toBe('profile-not-found');
    expect(app.stores.config.read().profiles).toEqual([]);
  });
});

describe('edits of one profile apply in order', () => {
  it('a rename is not lost when another edit of the same profile is in flight', async () => {
    proxy.hold('GET', '/users/current');
    const keyChange = app.profiles.update(profile.id, { apiKey: secondKey });
    await proxy.held('GET', '/users/current');
    const rename = app.profiles.update(profile.id, { name: 'Acme renamed' });
    proxy.release('GET', '/users/current');
    await keyChange;
    await rename;
    const [saved] = await app.profiles.list();
    expect(saved?.name).toBe('Acme renamed');
    expect(await keychain.getSecret(`profile:${profile.id}`)).toBe(secondKey);
  });

  it('a cancel sent right after a refresh starts is not lost', async () => {
    proxy.hold('GET', '/api_keys');
    const refresh = app.credentials.refresh(profile.id, 'cancel-me-at-once');
    app.cancelRequest('cancel-me-at-once');
    const outcome = await refreshFailure(refresh);
    proxy.release('GET', '/api_keys');
    expect(outcome.code).toBe('cancelled');
  });
});
