// Issue 17 item 11 (the rotation part): a redirect answered at each step of a rotation (generate, verify, the list before retiring,
// revoke, the profile's switch). The redirect is never followed (nothing reaches the other host, so no key header is sent on), nothing is
// lost, and the rotation pauses or fails in words that claim nothing that did not happen.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../src-main/helpers';
import { startHeldProxy } from './held-proxy';
import { accessKey, startRotationWorld, type RotationWorld } from './rotation-world';

let world: RotationWorld;
let dir: string;
/** Another host the redirects point to; it records every request that reaches it. */
let elsewhere: { url: string; hits: http.IncomingHttpHeaders[]; close(): Promise<void> };

beforeEach(async () => {
  world = await startRotationWorld();
  dir = makeTempDir('cmc-rotation-redirect-');
  const hits: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/steal`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
});
afterEach(async () => {
  await elsewhere.close();
  await world.close();
  removeTempDir(dir);
});

const redirectOnce = (method: string, pathPrefix: string): void =>
  void world.sim.faults.add({ fault: { kind: 'redirect', location: elsewhere.url }, method, pathPrefix, times: 1 });

describe('a redirect answered during a rotation step', () => {
  it('at generate: not followed, the rotation says a replacement may exist and looks again; the old key untouched', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('redirect-generate');
    const before = world.liveIds();
    redirectOnce('POST', '/api_keys');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'generating', failure: { kind: 'uncertain', messageKey: 'rotation.errors.may-exist' } });
    expect(started.secretId).toBeNull();
    expect(world.liveIds()).toEqual(before);
    expect(world.alive(old.secret)).toBe(true);
    expect(elsewhere.hits).toEqual([]);
  });

  it('at verify: paused at "verifying" with the value in the keychain; Try again finishes', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('redirect-verify');
    redirectOnce('GET', '/users/current');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({ status: 'verifying', storedInKeychain: true, failure: { code: 'redirect-refused' } });
    expect(await world.storedCopy(profile.id, started.rotation.newKeyId!)).not.toBeNull();
    expect(world.alive(old.secret)).toBe(true);
    expect((await app.rotation.resume(started.rotation.id)).rotation).toMatchObject({ status: 'done', failure: null });
    expect(await world.answers401(old.secret)).toBe(true);
    expect(elsewhere.hits).toEqual([]);
  });

  it('at the list before retiring and at revoke: the retirement stays scheduled with the reason, then completes', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('redirect-retire');
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    expect(started.rotation.status).toBe('retiring');

    redirectOnce('GET', '/api_keys');
    world.aheadMs = 3_600_000 + 1_000;
    world.timers.fire();
    await expect.poll(() => app.rotation.list(profile.id)[0]?.failure?.code).toBe('redirect-refused');
    expect(app.rotation.list(profile.id)[0]).toMatchObject({ status: 'retiring' });
    expect(world.alive(old.secret)).toBe(true);

    redirectOnce('DELETE', '/api_keys');
    const revoking = await app.rotation.revokeNow(started.rotation.id);
    expect(revoking.rotation.failure).toMatchObject({ code: 'redirect-refused' });
    expect(revoking.rotation.status).not.toBe('done');
    expect(world.alive(old.secret)).toBe(true);
    expect((await app.rotation.revokeNow(started.rotation.id)).rotation.status).toBe('done');
    expect(await world.answers401(old.secret)).toBe(true);
    expect(elsewhere.hits).toEqual([]);
  });

  it('at the profile\'s switch: paused at "switching", the profile still on its old key (config and keychain agree); Try again switches', async () => {
    const proxy = await startHeldProxy(world.sim.endpoint);
    try {
      const app = await world.open(dir);
      const profile = await world.addProfile(app, proxy.endpoint);
      const ownId = world.ownKeyId();
      // The first /users/current verifies the replacement; the redirect is set while its answer is held, so it meets the switch's own check.
      proxy.hold('GET', '/users/current');
      const starting = app.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
      await proxy.held('GET', '/users/current');
      redirectOnce('GET', '/users/current');
      proxy.release('GET', '/users/current');
      const started = await starting;
      expect(started.rotation).toMatchObject({ status: 'switching', failure: { code: 'redirect-refused' } });
      expect(await world.profileKey(profile.id)).toBe(accessKey);
      expect((await app.profiles.summary(profile.id)).accessKeyId).toBe(ownId);
      expect(world.alive(accessKey)).toBe(true);
      const resumed = await app.rotation.resume(started.rotation.id);
      expect(resumed.rotation).toMatchObject({ status: 'done', failure: null });
      expect(await world.profileKey(profile.id)).toBe(await world.storedCopy(profile.id, resumed.rotation.newKeyId!));
      expect(elsewhere.hits).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
