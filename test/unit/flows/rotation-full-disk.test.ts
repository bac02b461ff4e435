// Issue 17 item 1: a full disk while the profile's own key is rotated (a real tmpfs filled to the brim at the step under test, the
// simulator over loopback, a keychain that outlives the app). A rotation never runs ahead of what is on disk; the profile's key switch
// (config + keychain) recovers either way at start-up; recovery checks the keychain before calling a key lost; no action revokes the key
// the profile signs in with (security.md 37).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src-main/services/app-services';
import { failureOf } from '../src-main/helpers';
import { fillToTheBrim, mountTmpfs, tmpfsSkipReason, unmount } from '../src-main/services/store/tmpfs';
import { startHeldProxy, type HeldProxy } from './held-proxy';
import { accessKey, configKeyIdIn, startRotationWorld, type RotationWorld } from './rotation-world';

let world: RotationWorld;
let mount: string;
let dir: string;
let proxy: HeldProxy;

/** What the data dir's journal says, read from the file (not from any app). */
const journalOnDisk = (): { status: string; newKeyId: string | null; orphanKeyIds: string[] }[] =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'rotations.json'), 'utf8')) as { rotations: never[] }).rotations;
/** The key id config.json names as the profile's own. */
const configKeyId = (profileId: string): string | undefined => configKeyIdIn(dir, profileId);
const freeTheDisk = (): void => {
  for (const name of ['filler.bin', 'filler-check.bin']) fs.rmSync(path.join(mount, name), { force: true });
};
/** The profile signs in with the key its keychain entry holds, and config.json names that very key. */
async function profileIsWhole(app: AppServices, profileId: string): Promise<void> {
  const value = await world.profileKey(profileId);
  expect(value).not.toBeNull();
  expect(world.sim.state.authenticate(value!)?.key.id).toBe(configKeyId(profileId));
  expect((await (await app.profiles.client(profileId)).currentUser()).userName).toBe('rwilson');
}

describe.skipIf(tmpfsSkipReason !== null)(
  `a full disk while the profile's own key is rotated${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`,
  () => {
    beforeEach(async () => {
      world = await startRotationWorld();
      proxy = await startHeldProxy(world.sim.endpoint);
      mount = mountTmpfs('2m');
      dir = path.join(mount, 'userData');
    });
    afterEach(async () => {
      await proxy.close();
      await world.close();
      unmount(mount);
    });

    it('the journal cannot record the replacement: the rotation pauses there, said plainly, the old key working and the new value kept in the keychain', async () => {
      const app = await world.open(dir);
      const profile = await world.addProfile(app, proxy.endpoint);
      const ownId = world.ownKeyId();
      proxy.hold('POST', '/api_keys');
      const starting = app.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
      await proxy.held('POST', '/api_keys');
      expect(journalOnDisk()[0]?.status).toBe('generating');
      fillToTheBrim(mount);
      proxy.release('POST', '/api_keys');
      const started = await starting;

      // Paused where the disk stopped it, in words the user reads; nothing ran ahead of the journal.
      expect(started.rotation.failure).toMatchObject({ code: 'store-write-failed', kind: 'local', messageKey: 'rotation.errors.journal-unwritten' });
      expect(started.rotation.retryAt).not.toBeNull();
      expect(journalOnDisk()[0]?.status).toBe('generating');
      expect(world.alive(accessKey)).toBe(true);
      expect(await world.profileKey(profile.id)).toBe(accessKey);
      expect(configKeyId(profile.id)).toBe(ownId);
      await profileIsWhole(app, profile.id);
      // The replacement's value is not lost: the keychain holds it (the keychain is not the full disk).
      const newKeyId = started.rotation.newKeyId!;
      expect(world.liveIds()).toContain(newKeyId);
      const value = await world.storedCopy(profile.id, newKeyId);
      expect(value).not.toBeNull();
      expect(world.alive(value!)).toBe(true);
      // Nothing offered can revoke the key the profile signs in with.
      expect(started.rotation.orphanKeyIds).not.toContain(ownId);

      // Restarted with the disk still full: still paused, the profile still whole.
      app.rotation.stop();
      const stillFull = await world.open(dir);
      await stillFull.rotationsResumed;
      expect(stillFull.rotation.list(profile.id)[0]?.failure).toMatchObject({ code: 'store-write-failed' });
      expect(world.alive(accessKey)).toBe(true);
      await profileIsWhole(stillFull, profile.id);
      stillFull.rotation.stop();

      // Restarted with room again: the journal said "generating", but the key CloudMC made has its value in the keychain, so it is adopted,
      // verified, switched to, and only then is the old key retired. Nothing is called an orphan.
      freeTheDisk();
      const later = await world.open(dir);
      await later.rotationsResumed;
      const resumed = later.rotation.list(profile.id)[0]!;
      expect(resumed).toMatchObject({ status: 'done', newKeyId, orphanKeyIds: [], failure: null, ownKey: true });
      expect(await world.profileKey(profile.id)).toBe(value);
      expect(configKeyId(profile.id)).toBe(newKeyId);
      expect(await world.answers401(accessKey)).toBe(true);
      await profileIsWhole(later, profile.id);
    });

    it('the config cannot name the new key when the profile switches: the keychain goes back to the old key, the switch is tried again later', async () => {
      const app = await world.open(dir);
      const profile = await world.addProfile(app, proxy.endpoint);
      const ownId = world.ownKeyId();
      // The first /users/current is the replacement's verification; the second is the switch's own check, held while the disk fills.
      proxy.hold('GET', '/users/current');
      const starting = app.rotation.start({ profileId: profile.id, keyId: ownId, grace: 'now' });
      await proxy.held('GET', '/users/current');
      await proxy.passAndHoldNext('GET', '/users/current');
      expect(journalOnDisk()[0]?.status).toBe('switching');
      fillToTheBrim(mount);
      proxy.release('GET', '/users/current');
      const started = await starting;

      expect(started.rotation).toMatchObject({ status: 'switching', failure: { code: 'store-write-failed' } });
      expect(world.alive(accessKey)).toBe(true);
      expect(configKeyId(profile.id)).toBe(ownId);
      expect(await world.profileKey(profile.id)).toBe(accessKey);
      await profileIsWhole(app, profile.id);

      app.rotation.stop();
      freeTheDisk();
      const later = await world.open(dir);
      await later.rotationsResumed;
      expect(later.rotation.list(profile.id)[0]).toMatchObject({ status: 'done', failure: null, orphanKeyIds: [] });
      expect(await world.answers401(accessKey)).toBe(true);
      await profileIsWhole(later, profile.id);
    });

    it('Revoke unusable keys refuses the key the profile signs in with, with a clear error, and leaves it live', async () => {
      const app = await world.open(dir);
      const profile = await world.addProfile(app);
      const ownId = world.ownKeyId();
      app.rotation.stop();
      // A journal left by an older version that called the profile's own key an orphan (what issue 17 item 1 produced).
      const at = new Date().toISOString();
      const record = {
        id: 'r-left-behind',
        profileId: profile.id,
        oldKeyId: 'k-old',
        oldKeyName: 'old',
        newKeyId: null,
        newKeyName: 'replacement',
        ownKey: true,
        status: 'failed',
        grace: 'now',
        retireAt: null,
        lastUse: null,
        failure: null,
        retryAt: null,
        orphanKeyIds: [ownId],
        storedInKeychain: false,
        startedAt: at,
        updatedAt: at,
        knownKeyIds: [],
        switchedAt: null,
      };
      fs.writeFileSync(path.join(dir, 'rotations.json'), JSON.stringify({ schemaVersion: 1, rotations: [record] }), { mode: 0o600 });
      const later = await world.open(dir);
      await later.rotationsResumed;
      expect(await failureOf(later.rotation.revokeOrphans('r-left-behind'))).toMatchObject({
        code: 'invalid-input',
        messageKey: 'rotation.errors.own-key-in-use',
      });
      expect(world.alive(accessKey)).toBe(true);
      await profileIsWhole(later, profile.id);
    });
  },
);
