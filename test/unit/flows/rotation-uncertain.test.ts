// Issue 17 item 3 (the rotation part): the app dies with the replacement's POST in flight and CloudMC completes it late. After a crash in
// "generating" the outcome is uncertain: the view says a replacement may exist, looks again a bounded number of times with backoff (the
// rotation timer, fired by the test), names what it finds with Revoke, and says "none found after N checks" only after the last check
// (security.md 35 and 39).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src-main/services/app-services';
import { makeTempDir, removeTempDir } from '../src-main/helpers';
import { startHeldProxy, type HeldProxy } from './held-proxy';
import { startRotationWorld, type RotationWorld } from './rotation-world';

let world: RotationWorld;
let dir: string;
let proxy: HeldProxy;

beforeEach(async () => {
  world = await startRotationWorld();
  proxy = await startHeldProxy(world.sim.endpoint);
  dir = makeTempDir('cmc-rotation-uncertain-');
});
afterEach(async () => {
  await proxy.close();
  await world.close();
  removeTempDir(dir);
});

/** Starts a rotation whose POST reaches CloudMC and whose answer never reaches the app (the app is as good as killed); resolves once CloudMC has
 * the POST, with the live keys before it. */
async function crashWhileGenerating(oldName: string): Promise<{ profileId: string; old: { id: string; secret: string }; before: string[] }> {
  const first = await world.open(dir, world.keychain, 60_000);
  const profile = await world.addProfile(first, proxy.endpoint);
  const old = world.unusedKey(oldName);
  const before = world.liveIds();
  proxy.hold('POST', '/api_keys');
  const seen = world.sim.requests.length;
  void first.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' }).catch(() => undefined);
  await expect.poll(() => world.sim.requests.slice(seen).some((r) => r.method === 'POST' && r.path.endsWith('/api_keys'))).toBe(true);
  return { profileId: profile.id, old, before };
}

/** Moves the app's clock to the paused rotation's next try and fires the timer; resolves once the check ran. */
async function nextCheck(app: AppServices, profileId: string): Promise<void> {
  const before = app.rotation.list(profileId)[0]!;
  expect(app.rotation.nextWakeAt()?.toISOString()).toBe(before.retryAt);
  world.aheadMs = Date.parse(before.retryAt!) - Date.now() + 1;
  world.timers.fire();
  await expect.poll(() => app.rotation.list(profileId)[0]!.updatedAt).not.toBe(before.updatedAt);
}

describe('a crash while the replacement is generated', () => {
  it('a key CloudMC makes after the first look is not denied: "may exist", looked for again, then named as an orphan with Revoke', async () => {
    // CloudMC takes 1.5 s to make the key: the restarted app's first look comes too early.
    world.sim.faults.add({ fault: { kind: 'latency', ms: 1500 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    const { profileId, old, before } = await crashWhileGenerating('late-key');

    const second = await world.open(dir);
    await second.rotationsResumed;
    const waiting = second.rotation.list(profileId)[0]!;
    expect(waiting).toMatchObject({
      status: 'generating',
      orphanKeyIds: [],
      failure: { kind: 'uncertain', messageKey: 'rotation.errors.may-exist', details: { checks: 1 } },
    });
    expect(waiting.failure?.messageKey).not.toBe('rotation.errors.not-created');
    expect(waiting.retryAt).not.toBeNull();
    expect(world.alive(old.secret)).toBe(true);

    // The key appears on CloudMC; the next check (the timer) finds it and names it.
    await expect.poll(() => world.liveIds().filter((id) => !before.includes(id)), { timeout: 5_000 }).toHaveLength(1);
    const minted = world.liveIds().filter((id) => !before.includes(id));
    await nextCheck(second, profileId);
    const found = second.rotation.list(profileId)[0]!;
    expect(found).toMatchObject({ status: 'failed', orphanKeyIds: minted, failure: { messageKey: 'rotation.errors.value-lost' } });
    expect(world.alive(old.secret)).toBe(true);

    const cleaned = await second.rotation.revokeOrphans(found.id);
    expect(cleaned.rotation.orphanKeyIds).toEqual([]);
    expect(world.liveIds()).not.toContain(minted[0]);
    expect(world.alive(old.secret)).toBe(true);
  });

  it('when every check finds nothing, the rotation says "none found after N checks", never before; the checks back off and stop', async () => {
    // CloudMC never makes the key (the POST hangs there until the test ends).
    world.sim.faults.add({ fault: { kind: 'hang' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    const { profileId, old, before } = await crashWhileGenerating('never-made');

    const second = await world.open(dir);
    await second.rotationsResumed;
    const delays: number[] = [];
    let view = second.rotation.list(profileId)[0]!;
    while (view.status === 'generating') {
      expect(view.failure).toMatchObject({ kind: 'uncertain', messageKey: 'rotation.errors.may-exist' });
      delays.push(Date.parse(view.retryAt!) - Date.parse(view.updatedAt));
      expect(delays.length).toBeLessThan(10);
      await nextCheck(second, profileId);
      view = second.rotation.list(profileId)[0]!;
    }
    const checks = delays.length + 1;
    expect(checks).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30 * 60_000);
    expect(view).toMatchObject({ status: 'failed', orphanKeyIds: [], failure: { messageKey: 'rotation.errors.none-found', details: { checks } } });
    expect(second.rotation.nextWakeAt()).toBeNull();
    expect(world.liveIds()).toEqual(before);
    expect(world.alive(old.secret)).toBe(true);
    // The journal holds no value and says the same thing.
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'rotations.json'), 'utf8')) as { rotations: { status: string }[] };
    expect(onDisk.rotations[0]?.status).toBe('failed');
  });

  it('a generate that got no answer in this session is "may exist" too, until the checks say otherwise', async () => {
    const app = await world.open(dir);
    const profile = await world.addProfile(app);
    const old = world.unusedKey('dropped-here');
    world.sim.faults.add({ fault: { kind: 'drop' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    const started = await app.rotation.start({ profileId: profile.id, keyId: old.id, grace: 'now' });
    expect(started.rotation).toMatchObject({
      status: 'generating',
      orphanKeyIds: [],
      failure: { kind: 'uncertain', messageKey: 'rotation.errors.may-exist', details: { checks: 1 } },
    });
    expect(world.alive(old.secret)).toBe(true);
  });
});
