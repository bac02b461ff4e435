// The rotation service (the driver and scheduler over the machine), built from the app's real services on a temp data dir, against the
// simulator over loopback: main's default name (rotation.plan), the onChange hook after every save and removal (the timer's included),
// dismiss and forget, and a second start refused before any await.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../../src-main/services/app-services';
import { CancellableRequests } from '../../../../../src-main/services/cancellable-requests';
import { createCloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { createKeychainCopies } from '../../../../../src-main/services/keychain/keychain-copies';
import { KeychainMonitor } from '../../../../../src-main/services/keychain/keychain-monitor';
import { ProfileQueue } from '../../../../../src-main/services/profile-queue';
import { openRotationJournal } from '../../../../../src-main/services/rotation/rotation-journal';
import { createRotationService, type RotationService } from '../../../../../src-main/services/rotation/rotation-service';
import { defaultRotatedName } from '../../../../../src-main/services/rotation/rotation-plan';
import { confStoreBackend, failureOf, makeTempDir, removeTempDir } from '../../helpers';
import { startRotationWorld, type RotationWorld } from '../../../flows/rotation-world';

let world: RotationWorld;
let dir: string;
let app: AppServices;
let changes: string[];
let service: RotationService;

/** A rotation service over the app's own services and journal file, told of changes through `onChange`. */
function serviceOf(base: AppServices): RotationService {
  const monitor = new KeychainMonitor(world.keychain);
  return createRotationService({
    journal: openRotationJournal(dir, confStoreBackend, () => world.clock()),
    profiles: base.profiles,
    credentials: base.credentials,
    copies: createKeychainCopies(monitor),
    secrets: base.oneTimeSecrets,
    queue: new ProfileQueue(),
    requests: new CancellableRequests(),
    makeClient: (conn) => createCloudmcClient(conn, { attempts: 1, timeoutMs: 2_000 }),
    keychainStatus: () => monitor.status(),
    now: () => world.clock(),
    hideFromLogs: () => () => undefined,
    timers: world.timers,
    onChange: (profileId) => changes.push(profileId),
  });
}

beforeEach(async () => {
  world = await startRotationWorld();
  dir = makeTempDir('cmc-rotation-service-');
  app = await world.open(dir);
  app.rotation.stop();
  changes = [];
  service = serviceOf(app);
});
afterEach(async () => {
  service.stop();
  await world.close();
  removeTempDir(dir);
});

describe('rotation.plan: main names the replacement', () => {
  it("answers main's default for a key of the cached list, shortened so the whole fits 100 characters", async () => {
    const profile = await world.addProfile(app);
    const long = world.unusedKey('x'.repeat(95));
    await app.credentials.refresh(profile.id);
    const plan = await service.plan(profile.id, long.id);
    expect(plan.defaultName).toBe(defaultRotatedName('x'.repeat(95), world.clock()));
    expect([...plan.defaultName].length).toBeLessThanOrEqual(100);
    expect(plan.defaultName.endsWith(` (rotated ${world.clock().toISOString().slice(0, 10)})`)).toBe(true);
    // Started with no name, the replacement gets that very name.
    const started = await service.start({ profileId: profile.id, keyId: long.id, grace: '1h' });
    expect(started.rotation.newKeyName).toBe(plan.defaultName);
  });

  it('a key the cached list does not hold is "no longer exists"', async () => {
    const profile = await world.addProfile(app);
    expect(await failureOf(service.plan(profile.id, 'f0000000-0000-4000-8000-000000000000'))).toMatchObject({
      code: 'not-found',
      messageKey: 'rotation.errors.key-gone',
    });
  });
});

describe('onChange: told after every save and removal', () => {
  it("each step of a rotation, the timer's retirement, and a dismissal tell the profile", async () => {
    const profile = await world.addProfile(app);
    const old = world.unusedKey('told');
    const started = await service.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    expect(started.rotation.status).toBe('retiring');
    // generating, storing, verifying, retiring: one change each.
    expect(changes).toEqual([profile.id, profile.id, profile.id, profile.id]);

    changes = [];
    world.aheadMs = 3_600_000 + 1_000;
    world.timers.fire();
    await expect.poll(() => service.list(profile.id)[0]?.status).toBe('done');
    expect(changes.length).toBeGreaterThanOrEqual(2); // revoking, done: the timer's work is told too
    expect(new Set(changes)).toEqual(new Set([profile.id]));

    changes = [];
    service.dismiss(started.rotation.id);
    expect(changes).toEqual([profile.id]);
    expect(service.list()).toEqual([]);
  });

  it('forget (a removed profile) drops its rotations and tells', async () => {
    const profile = await world.addProfile(app);
    const old = world.unusedKey('forgotten');
    await service.start({ profileId: profile.id, keyId: old.id, grace: '7d' });
    changes = [];
    service.forget(profile.id);
    expect(service.list(profile.id)).toEqual([]);
    expect(changes).toEqual([profile.id]);
    expect(service.nextWakeAt()).toBeNull();
  });
});

describe('what the service refuses', () => {
  it('dismissing an unfinished rotation, or one that still lists keys to revoke', async () => {
    const profile = await world.addProfile(app);
    const old = world.unusedKey('not-yet');
    const started = await service.start({ profileId: profile.id, keyId: old.id, grace: '1h' });
    expect(() => service.dismiss(started.rotation.id)).toThrow(
      expect.objectContaining({ appError: expect.objectContaining({ messageKey: 'rotation.errors.not-now' }) }),
    );
    expect(await failureOf(service.confirmRetire(started.rotation.id))).toMatchObject({ messageKey: 'rotation.errors.not-now' });
    expect(await failureOf(service.resume('no-such-rotation'))).toMatchObject({ code: 'not-found', messageKey: 'rotation.errors.not-found' });
  });

  it('a second start of the key in the same tick is refused before any await, naming the first; another key may rotate at once', async () => {
    const profile = await world.addProfile(app);
    const a = world.unusedKey('a');
    const b = world.unusedKey('b');
    const first = service.start({ profileId: profile.id, keyId: a.id, grace: '1h' });
    const second = service.start({ profileId: profile.id, keyId: a.id, grace: '1h' });
    const other = service.start({ profileId: profile.id, keyId: b.id, grace: '1h' });
    const refused = await failureOf(second);
    const [one, two] = await Promise.all([first, other]);
    expect(refused.details).toMatchObject({ rotationId: one.rotation.id });
    expect(two.rotation.status).toBe('retiring');
    expect(service.list(profile.id)).toHaveLength(2);
  });
});
