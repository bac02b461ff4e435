// Issue 17 item 4: one rotation per key (security.md 40). A double click, two windows (one app's services asked twice) and a second
// process on the same data dir (another app's services: its journal is only on disk) all start one rotation; the second caller is told
// "already rotating" and given the first one's id, and CloudMC makes one replacement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, makeTempDir, removeTempDir } from '../src-main/helpers';
import { startHeldProxy, type HeldProxy } from './held-proxy';
import { startRotationWorld, type RotationWorld } from './rotation-world';

let world: RotationWorld;
let dir: string;
let proxy: HeldProxy;

beforeEach(async () => {
  world = await startRotationWorld();
  proxy = await startHeldProxy(world.sim.endpoint);
  dir = makeTempDir('cmc-rotation-once-');
});
afterEach(async () => {
  await proxy.close();
  await world.close();
  removeTempDir(dir);
});

const posts = (since: number): number => world.sim.requests.slice(since).filter((r) => r.method === 'POST' && r.path.endsWith('/api_keys')).length;

describe('one rotation per key', () => {
  it('a double click starts one rotation: the second call is "already rotating" with the first one\'s id, before anything is asked of CloudMC', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('double-click');
    const before = world.liveIds();
    const seen = world.sim.requests.length;
    const first = app.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    const second = app.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    const refused = await failureOf(second);
    const started = await first;
    expect(refused).toMatchObject({
      code: 'invalid-input',
      kind: 'invalid',
      messageKey: 'rotation.errors.already-rotating',
      details: { field: 'keyId', reason: 'rotating', rotationId: started.rotation.id },
    });
    expect(posts(seen)).toBe(1);
    expect(world.liveIds().filter((id) => !before.includes(id))).toEqual([started.rotation.newKeyId]);
    expect(app.rotation.list(profile.id)).toHaveLength(1);
  });

  it('two windows asking while the first rotation waits for CloudMC: refused, one replacement', async () => {
    const app = await world.open(dir, world.keychain, 10_000);
    const profile = await world.addProfile(app, proxy.endpoint);
    const old = world.unusedKey('two-windows');
    proxy.hold('POST', '/api_keys');
    const first = app.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    await proxy.held('POST', '/api_keys');
    const refused = await failureOf(app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }));
    expect(refused).toMatchObject({ messageKey: 'rotation.errors.already-rotating', details: { rotationId: app.rotation.list(profile.id)[0]!.id } });
    proxy.release('POST', '/api_keys');
    expect((await first).rotation.status).toBe('retiring');
    expect(app.rotation.list(profile.id)).toHaveLength(1);
  });

  it('another process on the same data dir (the journal on disk names an unfinished rotation of the key) is refused too', async () => {
    const appA = await world.open(dir, world.keychain, 10_000);
    const profile = await world.addProfile(appA, proxy.endpoint);
    const old = world.unusedKey('app-and-cli');
    const appB = await world.open(dir); // opened before A's rotation exists: its journal in memory knows nothing of it
    proxy.hold('POST', '/api_keys');
    const first = appA.rotation.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    await proxy.held('POST', '/api_keys');
    const seen = world.sim.requests.length;
    const refused = await failureOf(appB.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }));
    expect(refused).toMatchObject({ messageKey: 'rotation.errors.already-rotating', details: { rotationId: appA.rotation.list(profile.id)[0]!.id } });
    expect(posts(seen)).toBe(0);
    proxy.release('POST', '/api_keys');
    await first;
    expect(world.alive(old.secret)).toBe(true);
  });

  it('the claim is given back when a start fails before CloudMC was asked, so the key can be rotated afterwards', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('after-a-refusal');
    world.sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    expect((await failureOf(app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }))).code).toBe('server-error');
    expect((await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' })).rotation.status).toBe('done');
  });
});
