// The profile's key switch (rotation of its own key) as one change of config and keychain, recovering either way at start-up
// (security.md 37): whichever key id config.json names is the key in the keychain's profile entry, checked by value.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keySwitchAccount, createAccessKeyVault } from '../../../../../src-main/services/profiles/access-key-vault';
import { KeychainMonitor } from '../../../../../src-main/services/keychain/keychain-monitor';
import { generatedKeyAccount, profileAccount } from '../../../../../src-main/services/keychain/keychain';
import { failureOf, makeTempDir, removeTempDir } from '../../helpers';
import { keychainWith } from '../rotation/rotation-helpers';
import { accessKey, configKeyIdIn, startRotationWorld, type RotationWorld } from '../../../flows/rotation-world';

let world: RotationWorld;
let dir: string;

beforeEach(async () => {
  world = await startRotationWorld();
  dir = makeTempDir('cmc-key-switch-');
});
afterEach(async () => {
  await world.close();
  removeTempDir(dir);
});

const configKeyId = (profileId: string): string | undefined => configKeyIdIn(dir, profileId);

/** A profile and a second key of its user (the switch's target). */
async function profileWithReplacement(): Promise<{ profileId: string; ownId: string; next: { id: string; secret: string } }> {
  const app = await world.open(dir);
  const profile = await world.addProfile(app);
  return { profileId: profile.id, ownId: world.ownKeyId(), next: world.unusedKey('next') };
}

describe("the profile's key switch", () => {
  it('moves the keychain entry and config.json together, and leaves no switch record behind', async () => {
    const { profileId, next } = await profileWithReplacement();
    const app = await world.open(dir);
    const summary = await app.profiles.switchAccessKey(profileId, next.secret, next.id);
    expect(summary).toMatchObject({ accessKeyId: next.id, accessKey: 'keychain' });
    expect(await world.profileKey(profileId)).toBe(next.secret);
    expect(configKeyId(profileId)).toBe(next.id);
    expect(await world.keychain.getSecret(keySwitchAccount(profileId))).toBeNull();
  });

  it('killed after the keychain took the new key, before config.json named it: the next start puts the old key back', async () => {
    const { profileId, ownId, next } = await profileWithReplacement();
    // What the switch leaves when the process dies between its keychain writes and its config write.
    await createAccessKeyVault(new KeychainMonitor(world.keychain)).beginSwitch(profileId, {
      from: { keyId: ownId, value: accessKey },
      to: { keyId: next.id, value: next.secret },
    });
    expect(await world.profileKey(profileId)).toBe(next.secret);
    const restarted = await world.open(dir);
    await restarted.rotationsResumed;
    expect(await world.profileKey(profileId)).toBe(accessKey);
    expect(configKeyId(profileId)).toBe(ownId);
    expect(await world.keychain.getSecret(keySwitchAccount(profileId))).toBeNull();
  });

  it('killed after config.json named the new key, before the switch record was forgotten: the next start keeps the new key', async () => {
    const { profileId, ownId, next } = await profileWithReplacement();
    await createAccessKeyVault(new KeychainMonitor(world.keychain)).beginSwitch(profileId, {
      from: { keyId: ownId, value: accessKey },
      to: { keyId: next.id, value: next.secret },
    });
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { profiles: { id: string; accessKeyId?: string }[] };
    config.profiles.find((p) => p.id === profileId)!.accessKeyId = next.id;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    // The keychain entry went back to the old value meanwhile (the worst case): the config's key wins.
    await world.keychain.setSecret(profileAccount(profileId), accessKey);
    const restarted = await world.open(dir);
    await restarted.rotationsResumed;
    expect(await world.profileKey(profileId)).toBe(next.secret);
    expect(await world.keychain.getSecret(keySwitchAccount(profileId))).toBeNull();
  });

  it("a keychain that refuses the new key: refused in the rotation's words, the profile on its old key, nothing kept in session memory", async () => {
    const { profileId, ownId, next } = await profileWithReplacement();
    const app = await world.open(dir, keychainWith(world.keychain, { failSet: /^profile:/ }));
    expect(await failureOf(app.profiles.switchAccessKey(profileId, next.secret, next.id))).toMatchObject({
      kind: 'keychain',
      messageKey: 'rotation.errors.switch-not-stored',
    });
    expect(await world.profileKey(profileId)).toBe(accessKey);
    expect(configKeyId(profileId)).toBe(ownId);
    expect((await app.profiles.summary(profileId)).accessKey).toBe('keychain');
    expect(world.sim.state.authenticate(accessKey)).not.toBeNull();
    expect(await world.keychain.getSecret(keySwitchAccount(profileId))).toBeNull();
  });

  it('signsInWith: the key config.json names, or a key whose stored copy is the value the profile signs in with', async () => {
    const { profileId, ownId, next } = await profileWithReplacement();
    const app = await world.open(dir);
    expect(await app.profiles.signsInWith(profileId, ownId, null)).toBe(true);
    expect(await app.profiles.signsInWith(profileId, next.id, next.secret)).toBe(false);
    await world.keychain.setSecret(generatedKeyAccount(profileId, 'k-copy'), accessKey);
    expect(await app.profiles.signsInWith(profileId, 'k-copy', accessKey)).toBe(true);
  });
});
