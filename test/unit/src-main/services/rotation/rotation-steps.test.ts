// Each rotation step performed against the simulator over loopback and a keychain: what it comes to, and the rules it keeps (a key is
// called lost only when the keychain lacks its value; the key the profile signs in with is never revoked; an unanswered generate may
// have made a key).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../../../src-main/errors';
import type { AppServices } from '../../../../../src-main/services/app-services';
import { generatedKeyAccount, type Keychain } from '../../../../../src-main/services/keychain/keychain';
import { HeldValue } from '../../../../../src-main/services/rotation/rotation-steps';
import { makeTempDir, removeTempDir } from '../../helpers';
import { accessKey, startRotationWorld, type RotationWorld } from '../../../flows/rotation-world';
import { recordOf, stepsOf } from './rotation-parts';

let world: RotationWorld;
let dir: string;
let app: AppServices;
let profileId: string;
const held = (): HeldValue => new HeldValue(() => () => undefined);

beforeEach(async () => {
  world = await startRotationWorld();
  dir = makeTempDir('cmc-rotation-steps-');
  app = await world.open(dir);
  profileId = (await world.addProfile(app)).id;
});
afterEach(async () => {
  await world.close();
  removeTempDir(dir);
});

/** A keychain over the world's whose reads of stored copies fail as a keychain that stopped answering does. */
const notAnsweringCopies = (base: Keychain): Keychain => ({
  ...base,
  probe: () => base.probe(),
  onStatus: (l) => base.onStatus(l),
  async getSecret(account) {
    if (account.startsWith('key:'))
      throw fail('keychain-unavailable', { messageKey: 'keychain.not-answering', details: { reason: 'not-answering' } });
    return base.getSecret(account);
  },
});

describe('generate', () => {
  it('an answer holds the value and names the key; a redirect is "no answer" (CloudMC may have acted); a refusal is final', async () => {
    const perform = stepsOf(app, world.keychain, () => world.clock());
    const old = world.unusedKey('gen');
    const value = held();
    const made = await perform({ kind: 'generate' }, recordOf(profileId, old.id, 'generating'), value);
    expect(made.outcome).toMatchObject({ kind: 'generated', keyName: 'replacement' });
    expect(value.value).not.toBeNull();
    expect(world.alive(value.value!)).toBe(true);

    world.sim.faults.add({ fault: { kind: 'redirect', location: 'http://127.0.0.1:9/x' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect((await perform({ kind: 'generate' }, recordOf(profileId, old.id, 'generating'), held())).outcome.kind).toBe('no-answer');
    world.sim.faults.add({ fault: { kind: 'status', status: 400 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect((await perform({ kind: 'generate' }, recordOf(profileId, old.id, 'generating'), held())).outcome.kind).toBe('refused');
  });
});

describe('find-replacement', () => {
  it("adopts a key made under the replacement's name whose value reached the keychain; names one without a value as an orphan", async () => {
    const perform = stepsOf(app, world.keychain, () => world.clock());
    const old = world.unusedKey('find');
    const known = world.liveIds();
    const kept = world.sim.state.issueKey(world.userId, { name: 'replacement' });
    await world.keychain.setSecret(generatedKeyAccount(profileId, kept.key.id), kept.secret);
    const lost = world.sim.state.issueKey(world.userId, { name: 'replacement' });
    world.sim.state.issueKey(world.userId, { name: 'another name' });
    const value = held();
    const found = await perform({ kind: 'find-replacement' }, recordOf(profileId, old.id, 'generating', { knownKeyIds: known }), value);
    expect(found.outcome).toEqual({ kind: 'found', adopted: kept.key.id, orphans: [lost.key.id] });
    expect(value.value).toBe(kept.secret);
  });

  it('a keychain that does not answer pauses the look: nothing is called lost', async () => {
    const perform = stepsOf(app, notAnsweringCopies(world.keychain), () => world.clock());
    const old = world.unusedKey('unanswered');
    const known = world.liveIds();
    world.sim.state.issueKey(world.userId, { name: 'replacement' });
    const found = await perform({ kind: 'find-replacement' }, recordOf(profileId, old.id, 'generating', { knownKeyIds: known }), held());
    expect(found.outcome).toMatchObject({ kind: 'paused', error: { code: 'keychain-unavailable' } });
  });
});

describe('store after a restart', () => {
  it('finds the value in the keychain, or says it is missing and whether CloudMC still lists the key', async () => {
    const perform = stepsOf(app, world.keychain, () => world.clock());
    const old = world.unusedKey('restart');
    const stored = world.sim.state.issueKey(world.userId, { name: 'replacement' });
    await world.keychain.setSecret(generatedKeyAccount(profileId, stored.key.id), stored.secret);
    expect((await perform({ kind: 'store' }, recordOf(profileId, old.id, 'storing', { newKeyId: stored.key.id }), held())).outcome).toEqual({
      kind: 'stored',
    });
    const lost = world.sim.state.issueKey(world.userId, { name: 'replacement' });
    expect((await perform({ kind: 'store' }, recordOf(profileId, old.id, 'storing', { newKeyId: lost.key.id }), held())).outcome).toEqual({
      kind: 'value-missing',
      live: true,
    });
    world.sim.state.revokeKey(world.userId, lost.key.id);
    expect((await perform({ kind: 'store' }, recordOf(profileId, old.id, 'storing', { newKeyId: lost.key.id }), held())).outcome).toEqual({
      kind: 'value-missing',
      live: false,
    });
  });
});

describe('retiring the old key', () => {
  it('a recent use is reported with its IP; the key the profile signs in with is never revoked (paused, said plainly)', async () => {
    const perform = stepsOf(app, world.keychain, () => world.clock());
    const busy = world.unusedKey('busy');
    world.sim.state.recordUse(busy.id, '198.51.100.4', new Date(Date.now() - 60_000));
    expect((await perform({ kind: 'check-use' }, recordOf(profileId, busy.id, 'retiring'), held())).outcome).toMatchObject({
      kind: 'used-recently',
      lastUse: { ip: '198.51.100.4' },
    });
    const own = world.ownKeyId();
    const refused = await perform({ kind: 'revoke-old' }, recordOf(profileId, own, 'revoking'), held());
    expect(refused.outcome).toMatchObject({ kind: 'paused', error: { messageKey: 'rotation.errors.own-key-in-use' } });
    expect(world.alive(accessKey)).toBe(true);
    await app.credentials.refresh(profileId);
    const revoked = await perform({ kind: 'revoke-old' }, recordOf(profileId, busy.id, 'revoking'), held());
    expect(revoked.outcome.kind).toBe('revoked');
    expect(revoked.view?.list?.keys.map((k) => k.id)).not.toContain(busy.id);
  });

  it('a removed profile stops the rotation', async () => {
    const perform = stepsOf(app, world.keychain, () => world.clock());
    const old = world.unusedKey('removed');
    await app.profiles.remove(profileId);
    expect((await perform({ kind: 'check-use' }, recordOf(profileId, old.id, 'retiring'), held())).outcome).toMatchObject({
      kind: 'stopped',
      error: { code: 'profile-not-found' },
    });
  });
});
