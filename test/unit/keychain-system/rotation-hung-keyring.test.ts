// Issue 17 item 11 (the rotation part), against a real gnome-keyring this file starts and stops (SIGSTOP): the keychain hangs at the
// rotation's store step, and at the profile's key switch. Nothing is lost (the value goes to the one-time notification, the key is named
// as an orphan), the profile keeps a working key whose id config.json names, and the rotation says what happened, never more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { confStoreBackend, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { startHeldProxy, type HeldProxy } from '../flows/held-proxy';
import { configKeyIdIn } from '../flows/rotation-world';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

let service: PrivateSecretService;
let sim: Simulator;
let userId: string;
let accessKey: string;
let dir: string;
let proxy: HeldProxy;
const apps: AppServices[] = [];

const open = async (): Promise<AppServices> => {
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createKeytarKeychain({ timeoutMs: 1500 }),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
    rotationTimers: new ManualTimers(),
  });
  apps.push(app);
  return app;
};
const configKeyId = (profileId: string): string | undefined => configKeyIdIn(dir, profileId);
const liveIds = (): string[] => sim.state.listKeys(userId).map((k) => k.id);

/** Runs `work` with the keyring daemon stopped, and continues it whatever happens. */
async function withKeyringStopped<T>(work: () => Promise<T>): Promise<T> {
  process.kill(service.daemonPid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(service.daemonPid, 'SIGCONT');
  }
}

beforeAll(async () => {
  service = await startPrivateSecretService();
  const state = new SimState();
  ({ apiKey: accessKey } = seedDemo(state));
  userId = state.findUserByName('rwilson')!.id;
  sim = await startSimulator({ state });
  proxy = await startHeldProxy(sim.endpoint);
});
beforeEach(() => {
  dir = makeTempDir('cmc-rotation-hung-');
});
afterAll(async () => {
  for (const app of apps) app.rotation.stop();
  await proxy?.close();
  await sim?.close();
  await service?.stop();
});

describe('the keyring hangs during a rotation', () => {
  it('at the store step: the value goes to the one-time notification, the new key is named as an orphan, the old key untouched', async () => {
    const app = await open();
    const profile = await app.profiles.add({ name: 'Hung store', endpoint: proxy.endpoint, apiKey: accessKey });
    const old = sim.state.issueKey(userId, { name: 'hung-store' });
    const before = liveIds();
    proxy.hold('POST', '/api_keys');
    const starting = app.rotation.start({ profileId: profile.id, keyId: old.key.id, grace: 'now' });
    await proxy.held('POST', '/api_keys');
    const started = await withKeyringStopped(async () => {
      proxy.release('POST', '/api_keys');
      return starting;
    });
    const newKeyId = liveIds().find((id) => !before.includes(id))!;
    expect(started.rotation).toMatchObject({ status: 'failed', newKeyId, storedInKeychain: false, failure: { kind: 'keychain' } });
    // The replacement could not be revoked either (the profile's own key sits in the stopped keychain): it is named, its value kept.
    expect(started.rotation.orphanKeyIds).toEqual([newKeyId]);
    const pending = app.oneTimeSecrets.get(started.secretId!);
    expect(pending).toMatchObject({ keyId: newKeyId, stored: false });
    expect(sim.state.authenticate(pending.value)?.key.id).toBe(newKeyId);
    expect(sim.state.authenticate(old.secret)).not.toBeNull();

    // The keyring answers again: Try again, then the orphan is revoked; the key can be rotated afresh.
    // (the call stuck in the stopped daemon returns first; Try again never stacks a call on it)
    await expect.poll(() => app.retryKeychain(), { timeout: 10_000 }).toEqual({ available: true, backend: 'keytar' });
    const cleaned = await app.rotation.revokeOrphans(started.rotation.id);
    expect(cleaned.rotation.orphanKeyIds).toEqual([]);
    expect(liveIds()).not.toContain(newKeyId);
    proxy.stop('POST', '/api_keys');
    expect((await app.rotation.start({ profileId: profile.id, keyId: old.key.id, grace: 'now' })).rotation.status).toBe('done');
    removeTempDir(dir);
  });

  it('at the profile\'s key switch: paused at "switching", the profile signing in with the key config.json names; Try again switches', async () => {
    const app = await open();
    const profile = await app.profiles.add({ name: 'Hung switch', endpoint: proxy.endpoint, apiKey: accessKey });
    const ownId = profile.accessKeyId!;
    // The first /users/current verifies the replacement; the second is the switch's own check, answered while the keyring is stopped.
    proxy.hold('GET', '/users/current');
    const starting = app.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
    await proxy.held('GET', '/users/current');
    await proxy.passAndHoldNext('GET', '/users/current');
    const started = await withKeyringStopped(async () => {
      proxy.release('GET', '/users/current');
      return starting;
    });
    expect(started.rotation).toMatchObject({ status: 'switching', failure: { kind: 'keychain' } });
    expect(started.rotation.retryAt).not.toBeNull();
    expect(sim.state.authenticate(accessKey)).not.toBeNull();
    expect(configKeyId(profile.id)).toBe(ownId);

    await expect.poll(() => app.retryKeychain(), { timeout: 10_000 }).toEqual({ available: true, backend: 'keytar' });
    const reopened = await open(); // a restart settles any switch the hang left half done
    await reopened.rotationsResumed;
    const profileKey = await (await reopened.profiles.client(profile.id)).currentUser();
    expect(profileKey.userName).toBe('rwilson');
    const done = reopened.rotation.list(profile.id)[0]!;
    expect(done).toMatchObject({ status: 'done', failure: null });
    expect(configKeyId(profile.id)).toBe(done.newKeyId);
    expect(sim.state.authenticate(accessKey)).toBeNull();
    accessKey = (await createKeytarKeychain({ timeoutMs: 5_000 }).getSecret(`profile:${profile.id}`))!;
    expect(sim.state.authenticate(accessKey)?.key.id).toBe(done.newKeyId);
    removeTempDir(dir);
  });
});
