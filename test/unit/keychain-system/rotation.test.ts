// Issue 13 against a real Secret Service (a private gnome-keyring this file starts, locks and restarts nothing else): a rotation with grace "now"
// leaves the new key working, its value in the keychain and the old key answering 401; the app killed between steps resumes at the next start;
// a keychain that refuses the write never loses the value.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createCloudmcClient } from '../../../src-main/services/cloudmc/cloudmc-client';
import { keychainService, type Keychain } from '../../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, filesUnder, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';
import { keychainWith, ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';
import { startHeldProxy } from '../flows/held-proxy';

let service: PrivateSecretService;
let sim: Simulator;
let userId: string;
let accessKey: string;
let dir: string;
let aheadMs = 0;
const apps: AppServices[] = [];

const open = async (keychain: Keychain = createKeytarKeychain({ timeoutMs: 10_000 })): Promise<AppServices> => {
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 3_000 },
    now: () => new Date(Date.now() + aheadMs),
    rotationTimers: new ManualTimers(),
  });
  apps.push(app);
  return app;
};
const lookup = (account: string): string =>
  spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', account], { env: service.env, encoding: 'utf8' }).stdout.trim();
const answers401 = async (secret: string): Promise<boolean> =>
  (await failureOf(createCloudmcClient({ endpoint: sim.endpoint, apiKey: secret }, { attempts: 1 }).currentUser())).code === 'unauthorized';
const works = async (secret: string): Promise<boolean> =>
  (await createCloudmcClient({ endpoint: sim.endpoint, apiKey: secret }, { attempts: 1 }).currentUser()).userName === 'rwilson';
const unusedKey = (name: string): { id: string; secret: string } => {
  const { key, secret } = sim.state.issueKey(userId, { name });
  return { id: key.id, secret };
};

beforeAll(async () => {
  service = await startPrivateSecretService();
  const state = new SimState();
  ({ apiKey: accessKey } = seedDemo(state));
  userId = state.findUserByName('rwilson')!.id;
  sim = await startSimulator({ state });
});
beforeEach(() => {
  dir = makeTempDir('cmc-rotation-keychain-');
  aheadMs = 0;
});
afterAll(async () => {
  for (const app of apps) app.rotation.stop();
  await sim?.close();
  await service?.stop();
});

describe('rotation with a real Secret Service', () => {
  it('a rotation with grace "now" leaves the new key working, its value in the keychain (secret-tool finds it), and the old key answering 401', async () => {
    const app = await open();
    expect(await app.keychainStatus()).toEqual({ available: true, backend: 'keytar' });
    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    const old = unusedKey('nightly-backup');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'done', failure: null, storedInKeychain: true });
    const value = lookup(`key:${profile.id}:${started.rotation.newKeyId}`);
    expect(value.length).toBeGreaterThan(0);
    expect(await works(value)).toBe(true);
    expect(await answers401(old.secret)).toBe(true);
    for (const file of filesUnder(dir)) expect(fs.readFileSync(file, 'utf8')).not.toContain(value);
    removeTempDir(dir);
  });

  it("the profile's own key: the profile moves to the new key in the keychain before the old one answers 401", async () => {
    const app = await open();
    const profile = await app.profiles.add({ name: 'Own', endpoint: sim.endpoint, apiKey: accessKey });
    expect(profile.accessKeyId).not.toBeNull();
    const started = await app.rotation.start({ profileId: profile.id, keyId: profile.accessKeyId!, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'done', ownKey: true });
    const newValue = lookup(`profile:${profile.id}`);
    expect(newValue).toBe(lookup(`key:${profile.id}:${started.rotation.newKeyId}`));
    expect(await answers401(accessKey)).toBe(true);
    const reopened = await open();
    expect((await (await reopened.profiles.client(profile.id)).currentUser()).userName).toBe('rwilson');
    accessKey = newValue; // the next tests sign in with the profile's new key
    removeTempDir(dir);
  });

  it('killed after the keychain write, before verification: the next start reads the value back from the keychain, verifies it, retires the old key', async () => {
    const setup = await open();
    const profile = await setup.profiles.add({ name: 'Killed', endpoint: sim.endpoint, apiKey: accessKey });
    const old = unusedKey('killed-mid-way');
    const first = await open(keychainWith(createKeytarKeychain({ timeoutMs: 10_000 }), { hangGet: /^key:/ }));
    void first.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    await expect.poll(() => first.rotation.list(profile.id)[0]?.status).toBe('storing');
    const newKeyId = first.rotation.list(profile.id)[0]!.newKeyId!;
    await expect.poll(() => lookup(`key:${profile.id}:${newKeyId}`)).not.toBe('');

    const second = await open();
    await second.rotationsResumed;
    expect(second.rotation.list(profile.id)[0]).toMatchObject({ status: 'done', failure: null });
    expect(await works(lookup(`key:${profile.id}:${newKeyId}`))).toBe(true);
    expect(await answers401(old.secret)).toBe(true);
    removeTempDir(dir);
  });

  it('a retirement due while the app was closed happens at the next start', async () => {
    const first = await open();
    const profile = await first.profiles.add({ name: 'Overnight', endpoint: sim.endpoint, apiKey: accessKey });
    const old = unusedKey('overnight');
    expect((await first.rotation.start({ profileId: profile.id, keyId: old.id, grace: '7d' })).rotation.status).toBe('retiring');
    first.rotation.stop();
    aheadMs = 8 * 24 * 3_600_000;
    const second = await open();
    await second.rotationsResumed;
    expect(second.rotation.list(profile.id)[0]?.status).toBe('done');
    expect(await answers401(old.secret)).toBe(true);
    removeTempDir(dir);
  });

  it("a keyring locked between CloudMC's answer and the keychain write: the value is never lost (kept for the one-time notification) and the key is listed", async () => {
    const proxy = await startHeldProxy(sim.endpoint);
    try {
      const app = await open();
      const profile = await app.profiles.add({ name: 'Locked', endpoint: proxy.endpoint, apiKey: accessKey });
      const old = unusedKey('locked-out');
      proxy.hold('POST', '/api_keys');
      const starting = app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
      await proxy.held('POST', '/api_keys');
      await service.lockLogin(); // the write of the new value fails; so does reading the profile's access key to roll the new key back
      proxy.release('POST', '/api_keys');
      const started = await starting;
      const newKeyId = started.rotation.newKeyId!;
      expect(started.rotation).toMatchObject({ status: 'failed', storedInKeychain: false, orphanKeyIds: [newKeyId], failure: { kind: 'keychain' } });
      const pending = app.oneTimeSecrets.get(started.secretId!);
      expect(pending).toMatchObject({ keyId: newKeyId, stored: false });
      expect(await works(pending.value)).toBe(true);
      expect(sim.state.authenticate(old.secret)).not.toBeNull();
    } finally {
      await proxy.close();
    }
  });
});
