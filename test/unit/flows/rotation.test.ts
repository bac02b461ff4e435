// Issue 13: rotating a key without downtime, against the simulator over loopback: each step made to fail in turn, and the app killed between steps
// (a fresh createAppServices on the same data dir and keychain). No key value lost, no key left the user does not know about, the state says where it stands.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createCloudmcClient } from '../../../src-main/services/cloudmc/cloudmc-client';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, filesUnder, keysOf, makeTempDir, removeTempDir } from '../src-main/helpers';
import { startHeldProxy, type HeldProxy } from './held-proxy';
import { ManualTimers, keychainWith } from '../src-main/services/rotation/rotation-helpers';

const accessKey = 'rotation-access-key-CANARY-7d1e3f5a9b2c';

/** A loopback proxy that forwards every call, but for POST /api_keys lets CloudMC answer and then cuts the app's connection (the key exists, its value never arrives). */
async function startDroppingProxy(target: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (req.method === 'POST' && (req.url ?? '').endsWith('/api_keys')) return void res.socket?.destroy();
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let sim: Simulator;
let dir: string;
let userId: string;
let baseKeychain: Keychain;
let timers: ManualTimers;
/** How far the app's clock is ahead of real time (the simulator records uses in real time). */
let aheadMs: number;
const clock = (): Date => new Date(Date.now() + aheadMs);
let apps: AppServices[];

const open = async (keychain: Keychain = baseKeychain, timeoutMs = 2_000, systemLocale = 'en-US'): Promise<AppServices> => {
  const app = await createAppServices({
    systemLocale: () => systemLocale,
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs, deadlineMs: timeoutMs },
    now: clock,
    rotationTimers: timers,
  });
  apps.push(app);
  return app;
};
const addProfile = (app: AppServices, endpoint = sim.endpoint): Promise<ProfileSummary> =>
  app.profiles.add({ name: 'Acme', endpoint, apiKey: accessKey });
/** A key of the profile's user that nobody has used, with its value known to the test. */
const unusedKey = (name: string): { id: string; secret: string } => {
  const { key, secret } = sim.state.issueKey(userId, { name });
  return { id: key.id, secret };
};
const answers401 = async (secret: string): Promise<boolean> =>
  (await failureOf(createCloudmcClient({ endpoint: sim.endpoint, apiKey: secret }, { attempts: 1 }).currentUser())).code === 'unauthorized';
/** An authenticated call with this key works (CloudMC records the use: for new keys, and old keys once retired). */
const works = async (secret: string): Promise<boolean> =>
  (await createCloudmcClient({ endpoint: sim.endpoint, apiKey: secret }, { attempts: 1 }).currentUser()).userName === 'rwilson';
/** CloudMC still accepts this key; asked of the simulator's state, so no use is recorded (a use would make the app ask before retiring it). */
const alive = (secret: string): boolean => sim.state.authenticate(secret) !== null;
const storedValue = (profileId: string, keyId: string): Promise<string | null> => baseKeychain.getSecret(`key:${profileId}:${keyId}`);
const liveIds = (): string[] => sim.state.listKeys(userId).map((k) => k.id);

beforeEach(async () => {
  const state = new SimState();
  userId = seedDemo(state, { apiKey: accessKey }).user.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-rotation-');
  baseKeychain = createMemoryKeychain();
  timers = new ManualTimers();
  aheadMs = 0;
  apps = [];
});
afterEach(async () => {
  for (const app of apps) {
    app.rotation.stop();
    await app.clipboard.clearSecretNow();
  }
  await sim.close();
  removeTempDir(dir);
});

describe('rotate a key', () => {
  it("the replacement's default name is in the app's language: the chosen one, else the system's", async () => {
    const app = await open(baseKeychain, 2_000, 'es-MX');
    const profile = await addProfile(app);
    const old = unusedKey('ci-deploy');
    const day = clock().toISOString().slice(0, 10);
    await app.credentials.refresh(profile.id);
    expect((await app.rotation.plan(profile.id, old.id)).defaultName).toBe(`ci-deploy (rotada el ${day})`);
    app.settings.update({ language: 'fr' });
    expect((await app.rotation.plan(profile.id, old.id)).defaultName).toBe(`ci-deploy (renouvelée le ${day})`);
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation.newKeyName).toBe(`ci-deploy (renouvelée le ${day})`);
  });

  it('a rotation with grace "now" leaves the new key working, its value in the keychain, and the old key answering 401', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('ci-deploy');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });

    expect(started.rotation).toMatchObject({ status: 'done', failure: null, orphanKeyIds: [], storedInKeychain: true, oldKeyId: old.id });
    expect(started.rotation.newKeyName).toBe(`ci-deploy (rotated ${clock().toISOString().slice(0, 10)})`);
    const newKeyId = started.rotation.newKeyId!;
    const value = await storedValue(profile.id, newKeyId);
    expect(value).not.toBeNull();
    expect(await works(value!)).toBe(true);
    expect(await answers401(old.secret)).toBe(true);
    // The one-time notification holds the value (already stored); main's key view replaces the renderer's list.
    expect(app.oneTimeSecrets.list()).toEqual([expect.objectContaining({ secretId: started.secretId, keyId: newKeyId, stored: true })]);
    expect(keysOf(started.view).map((k) => k.id)).toContain(newKeyId);
    expect(keysOf(started.view).map((k) => k.id)).not.toContain(old.id);
    // The journal says where it stands, 0600, and never holds a key value.
    const journal = path.join(dir, 'rotations.json');
    expect(fs.statSync(journal).mode & 0o777).toBe(0o600);
    for (const file of filesUnder(dir)) expect(fs.readFileSync(file, 'utf8')).not.toContain(value!);
    expect(app.rotation.list(profile.id)).toEqual([started.rotation]);
  });

  it('a replacement name is checked like any key name, and a taken rotation is refused', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('named');
    expect(await failureOf(app.rotation.start({ profileId: profile.id, keyId: old.id, name: '\u200b', grace: 'now' }))).toMatchObject({
      code: 'name-invalid',
      kind: 'invalid',
    });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, name: '  my new name  ', grace: '1h' });
    expect(started.rotation).toMatchObject({ newKeyName: 'my new name', status: 'retiring' });
    expect(await failureOf(app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }))).toMatchObject({
      code: 'invalid-input',
      messageKey: 'rotation.errors.already-rotating',
    });
  });

  it('without a keychain, rotation is refused up front with the reason, and CloudMC is asked nothing', async () => {
    const app = await open(createMemoryKeychain({ unavailable: true }));
    const profile = await addProfile(app);
    const old = unusedKey('no-keychain');
    const before = sim.requests.length;
    expect(await failureOf(app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }))).toMatchObject({
      code: 'keychain-unavailable',
      kind: 'keychain',
      messageKey: 'rotation.errors.keychain-required',
      details: { reason: 'disabled' },
    });
    expect(sim.requests.length).toBe(before);
    expect(app.rotation.list()).toEqual([]);
  });

  it('a grace period of 1 hour keeps the old key "Retiring" until the deadline, then the timer in main revokes it', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('hourly');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    expect(started.rotation.status).toBe('retiring');
    const deadline = Date.parse(started.rotation.retireAt!);
    expect(deadline - Date.parse(started.rotation.startedAt)).toBeGreaterThanOrEqual(3_600_000);
    expect(deadline - Date.parse(started.rotation.startedAt)).toBeLessThan(3_600_000 + 10_000);
    expect(app.rotation.nextWakeAt()?.getTime()).toBe(deadline);
    expect(timers.delay).toBeGreaterThan(3_600_000 - 10_000);
    expect(timers.delay).toBeLessThanOrEqual(3_600_000);
    expect(alive(old.secret)).toBe(true);

    aheadMs = 3_600_000;
    timers.fire();
    await expect.poll(() => app.rotation.list(profile.id)[0]?.status).toBe('done');
    expect(await answers401(old.secret)).toBe(true);
  });

  it('a retirement due while the app was closed happens at the next start', async () => {
    const first = await open();
    const profile = await addProfile(first);
    const old = unusedKey('overnight');
    await first.rotation.start({ profileId: profile.id, keyId: old.id, grace: '24h' });
    first.rotation.stop();

    aheadMs = 25 * 3_600_000;
    const second = await open();
    await second.rotationsResumed;
    expect(second.rotation.list(profile.id)[0]).toMatchObject({ status: 'done', failure: null });
    expect(await answers401(old.secret)).toBe(true);
  });

  it('an old key used within the last hour is not revoked unasked: the rotation shows its last IP and time; confirm revokes, cancel keeps it', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const busy = unusedKey('still-busy');
    sim.state.recordUse(busy.id, '203.0.113.77', new Date(Date.now() - 10 * 60_000));
    const asked = await app.rotation.start({ profileId: profile.id, keyId: busy.id, grace: 'now' });
    expect(asked.rotation).toMatchObject({ status: 'needs-confirmation', lastUse: { ip: '203.0.113.77' } });
    expect(alive(busy.secret)).toBe(true);
    const confirmed = await app.rotation.confirmRetire(asked.rotation.id);
    expect(confirmed.rotation.status).toBe('done');
    expect(await answers401(busy.secret)).toBe(true);

    const kept = unusedKey('kept');
    sim.state.recordUse(kept.id, '198.51.100.9', new Date(Date.now() - 60_000));
    const second = await app.rotation.start({ profileId: profile.id, keyId: kept.id, grace: 'now' });
    expect(second.rotation.status).toBe('needs-confirmation');
    expect((await app.rotation.cancelRetire(second.rotation.id)).rotation.status).toBe('cancelled');
    expect(alive(kept.secret)).toBe(true);
    expect(await works((await storedValue(profile.id, second.rotation.newKeyId!))!)).toBe(true);
  });

  it("rotating the profile's own key switches the profile to the new key (verified, in the keychain) before the old one is revoked", async () => {
    const app = await open();
    const profile = await addProfile(app);
    const ownId = sim.state.authenticate(accessKey)!.key.id;
    expect(profile.accessKeyId).toBe(ownId);

    const started = await app.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'done', ownKey: true, failure: null });
    const newKeyId = started.rotation.newKeyId!;
    expect(await answers401(accessKey)).toBe(true);
    const profileKey = await baseKeychain.getSecret(`profile:${profile.id}`);
    expect(profileKey).toBe(await storedValue(profile.id, newKeyId));
    expect(started.view.profile).toMatchObject({ accessKeyId: newKeyId, accessKey: 'keychain' });
    // The profile goes on working, now and after a restart.
    expect((await (await app.profiles.client(profile.id)).currentUser()).userName).toBe('rwilson');
    const again = await open();
    expect((await (await again.profiles.client(profile.id)).currentUser()).userName).toBe('rwilson');
  });
});

describe('each step made to fail in turn', () => {
  it('generate dropped mid-answer: the key CloudMC made is listed as an orphan to revoke, the old key untouched', async () => {
    const proxy = await startDroppingProxy(sim.endpoint);
    try {
      const app = await open();
      const profile = await addProfile(app, proxy.endpoint);
      const old = unusedKey('dropped');
      const before = liveIds();
      const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
      const minted = liveIds().filter((id) => !before.includes(id));
      expect(minted).toHaveLength(1);
      expect(started.rotation).toMatchObject({ status: 'failed', orphanKeyIds: minted, newKeyId: null, failure: { kind: 'uncertain' } });
      expect(started.secretId).toBeNull();
      expect(alive(old.secret)).toBe(true);

      expect(() => app.rotation.dismiss(started.rotation.id)).toThrow();
      const cleaned = await app.rotation.revokeOrphans(started.rotation.id);
      expect(cleaned.rotation.orphanKeyIds).toEqual([]);
      expect(liveIds()).not.toContain(minted[0]);
      app.rotation.dismiss(started.rotation.id);
      expect(app.rotation.list()).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('generate dropped before CloudMC made anything: a replacement may exist (looked for again later), nothing to revoke, the old key untouched', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('never-made');
    const before = liveIds();
    sim.faults.add({ fault: { kind: 'drop' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({
      status: 'generating',
      orphanKeyIds: [],
      failure: { kind: 'uncertain', messageKey: 'rotation.errors.may-exist' },
    });
    expect(started.rotation.retryAt).not.toBeNull();
    expect(liveIds()).toEqual(before);
    expect(alive(old.secret)).toBe(true);
  });

  it('keychain write failing: the replacement is revoked again, the old key untouched, and the state says keychain', async () => {
    const app = await open(keychainWith(baseKeychain, { failSet: /^key:/ }));
    const profile = await addProfile(app);
    const old = unusedKey('keychain-refuses');
    const before = liveIds();
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'failed', orphanKeyIds: [], storedInKeychain: false, failure: { kind: 'keychain' } });
    expect(started.secretId).toBeNull();
    expect(liveIds()).toEqual(before);
    expect(alive(old.secret)).toBe(true);
  });

  it('keychain write failing and the roll-back refused: the value goes to the one-time notification and the key is listed as an orphan', async () => {
    const app = await open(keychainWith(baseKeychain, { failSet: /^key:/ }));
    const profile = await addProfile(app);
    const old = unusedKey('nowhere-to-go');
    sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'DELETE', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    const newKeyId = started.rotation.newKeyId!;
    expect(started.rotation).toMatchObject({ status: 'failed', orphanKeyIds: [newKeyId], failure: { kind: 'keychain' } });
    const pending = app.oneTimeSecrets.get(started.secretId!);
    expect(pending.keyId).toBe(newKeyId);
    expect(await works(pending.value)).toBe(true);
    expect(alive(old.secret)).toBe(true);
  });

  it('verification 401: the replacement is revoked and its keychain copy removed, the old key untouched', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('rejected-replacement');
    const before = liveIds();
    sim.faults.add({ fault: { kind: 'status', status: 401 }, method: 'GET', pathPrefix: '/users/current', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({
      status: 'failed',
      orphanKeyIds: [],
      failure: { code: 'unauthorized', messageKey: 'rotation.errors.new-key-rejected' },
    });
    expect(liveIds()).toEqual(before);
    expect(await storedValue(profile.id, started.rotation.newKeyId!)).toBeNull();
    expect(alive(old.secret)).toBe(true);
  });

  it('verification offline: paused at "verifying" with the value in the keychain, verified again later, then retired', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('offline-verify');
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: '/users/current', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'verifying', storedInKeychain: true, failure: { code: 'server-error' } });
    expect(started.rotation.retryAt).not.toBeNull();
    expect(await storedValue(profile.id, started.rotation.newKeyId!)).not.toBeNull();
    expect(alive(old.secret)).toBe(true);

    const resumed = await app.rotation.resume(started.rotation.id);
    expect(resumed.rotation).toMatchObject({ status: 'done', failure: null });
    expect(await answers401(old.secret)).toBe(true);
  });

  it('revoke 5xx: the retirement stays scheduled with the reason, and the timer tries again', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const old = unusedKey('revoke-fails');
    sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'DELETE', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'retiring', failure: { code: 'server-error' } });
    expect(alive(old.secret)).toBe(true);
    expect(app.rotation.nextWakeAt()?.toISOString()).toBe(started.rotation.retryAt);

    aheadMs = Date.parse(started.rotation.retryAt!) - Date.now() + 1;
    timers.fire();
    await expect.poll(() => app.rotation.list(profile.id)[0]?.status).toBe('done');
    expect(await answers401(old.secret)).toBe(true);
  });
});

describe('the app killed between steps resumes or rolls back at the next start', () => {
  it('killed after asking CloudMC, before its answer: the key it made is listed as an orphan, the user told', async () => {
    const proxy: HeldProxy = await startHeldProxy(sim.endpoint);
    try {
      const first = await open(baseKeychain, 60_000);
      const profile = await addProfile(first, proxy.endpoint);
      const old = unusedKey('killed-generating');
      const before = liveIds();
      proxy.hold('POST', '/api_keys');
      void first.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
      await proxy.held('POST', '/api_keys'); // CloudMC made the key; the app never hears of it
      const minted = liveIds().filter((id) => !before.includes(id));

      const second = await open();
      await second.rotationsResumed;
      expect(second.rotation.list(profile.id)[0]).toMatchObject({
        status: 'failed',
        orphanKeyIds: minted,
        failure: { messageKey: 'rotation.errors.value-lost' },
      });
      expect(alive(old.secret)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('killed after the answer, before the keychain had the value: the value is lost with the process, the new key listed as an orphan', async () => {
    const first = await open(keychainWith(baseKeychain, { hangSet: /^key:/ }));
    const profile = await addProfile(first);
    const old = unusedKey('killed-storing');
    void first.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    await expect.poll(() => first.rotation.list(profile.id)[0]?.status).toBe('storing');
    const newKeyId = first.rotation.list(profile.id)[0]!.newKeyId!;

    const second = await open();
    await second.rotationsResumed;
    expect(second.rotation.list(profile.id)[0]).toMatchObject({
      status: 'failed',
      orphanKeyIds: [newKeyId],
      failure: { messageKey: 'rotation.errors.value-lost' },
    });
    expect(alive(old.secret)).toBe(true);
    await second.rotation.revokeOrphans(second.rotation.list(profile.id)[0]!.id);
    expect(liveIds()).not.toContain(newKeyId);
  });

  it('killed after the keychain write, before verification: verified again at the next start, then retired', async () => {
    const first = await open(keychainWith(baseKeychain, { hangGet: /^key:/ }));
    const profile = await addProfile(first);
    const old = unusedKey('killed-stored');
    void first.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    await expect.poll(() => first.rotation.list(profile.id)[0]?.status).toBe('storing');
    const newKeyId = first.rotation.list(profile.id)[0]!.newKeyId!;
    await expect.poll(() => storedValue(profile.id, newKeyId)).not.toBeNull();

    const second = await open();
    await second.rotationsResumed;
    expect(second.rotation.list(profile.id)[0]).toMatchObject({ status: 'done', newKeyId, failure: null, storedInKeychain: true });
    expect(await works((await storedValue(profile.id, newKeyId))!)).toBe(true);
    expect(await answers401(old.secret)).toBe(true);
  });

  it("killed while switching the profile's own key: the next start switches it, and only then retires the old key", async () => {
    const setup = await open();
    const profile = await addProfile(setup);
    const first = await open(keychainWith(baseKeychain, { hangSet: /^profile:/ }));
    const ownId = sim.state.authenticate(accessKey)!.key.id;
    void first.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
    await expect.poll(() => first.rotation.list(profile.id)[0]?.status).toBe('switching');
    expect(alive(accessKey)).toBe(true);

    const second = await open();
    await second.rotationsResumed;
    const rotation = second.rotation.list(profile.id)[0]!;
    expect(rotation).toMatchObject({ status: 'done', ownKey: true });
    expect(await baseKeychain.getSecret(`profile:${profile.id}`)).toBe(await storedValue(profile.id, rotation.newKeyId!));
    expect(await answers401(accessKey)).toBe(true);
    expect((await (await second.profiles.client(profile.id)).currentUser()).userName).toBe('rwilson');
  });
});
