// The rotation driver: each step only once the record before it is on disk (a real journal on a tmpfs remounted read-only), a record the
// file could not take written first when the rotation goes on, and one piece of work per rotation at a time.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../../src-main/services/app-services';
import { generatedKeyAccount } from '../../../../../src-main/services/keychain/keychain';
import { createRotationDriver } from '../../../../../src-main/services/rotation/rotation-driver';
import { openRotationJournal, type RotationJournal } from '../../../../../src-main/services/rotation/rotation-journal';
import { defaultPolicy } from '../../../../../src-main/services/rotation/rotation-machine';
import { HeldValue } from '../../../../../src-main/services/rotation/rotation-steps';
import { confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';
import { mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from '../store/tmpfs';
import { startRotationWorld, type RotationWorld } from '../../../flows/rotation-world';
import { recordOf, stepsOf } from './rotation-parts';

let world: RotationWorld;
let dir: string;
let app: AppServices;
let profileId: string;
const held = (): HeldValue => new HeldValue(() => () => undefined);

beforeEach(async () => {
  world = await startRotationWorld();
  dir = makeTempDir('cmc-rotation-driver-');
  app = await world.open(dir);
  app.rotation.stop();
  profileId = (await world.addProfile(app)).id;
});
afterEach(async () => {
  await world.close();
  removeTempDir(dir);
});

const driverOn = (journal: RotationJournal, changes: string[] = []) =>
  createRotationDriver({
    journal,
    perform: stepsOf(app, world.keychain, () => world.clock()),
    policy: defaultPolicy,
    now: () => world.clock(),
    onChange: (id) => changes.push(id),
  });

describe.skipIf(tmpfsSkipReason !== null)(`a journal that stops taking writes${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`, () => {
  let mount: string;
  beforeEach(() => {
    mount = mountTmpfs('1m');
  });
  afterEach(() => {
    unmount(mount);
  });

  it('the step whose record cannot be written is the last one run; the rotation goes on once the file takes it', async () => {
    const old = world.unusedKey('driven');
    const made = world.sim.state.issueKey(world.userId, { name: 'replacement' });
    await world.keychain.setSecret(generatedKeyAccount(profileId, made.key.id), made.secret);
    const journal = openRotationJournal(mount, confStoreBackend, () => world.clock());
    const verifying = recordOf(profileId, old.id, 'verifying', { newKeyId: made.key.id, storedInKeychain: true });
    expect(journal.save(verifying)).toBeNull();
    const changes: string[] = [];
    const driver = driverOn(journal, changes);

    remountReadOnly(mount);
    const stopped = await driver.run(verifying, held());
    // Verified, but "retiring" could not be written: the revoke that would follow never ran.
    expect(stopped.record).toMatchObject({
      status: 'retiring',
      failure: { code: 'store-write-failed', messageKey: 'rotation.errors.journal-unwritten', details: { reason: 'EROFS' } },
    });
    expect(stopped.record.retryAt).not.toBeNull();
    expect(journal.isUnsaved(verifying.id)).toBe(true);
    expect(journal.readFromDisk()[0]?.status).toBe('verifying');
    expect(world.alive(old.secret)).toBe(true);
    expect(changes).toEqual([profileId]);

    execFileSync('mount', ['-o', 'remount,rw', mount], { stdio: 'pipe' });
    const resumed = await driver.run(journal.get(verifying.id)!, held());
    expect(resumed.record).toMatchObject({ status: 'done', failure: null });
    expect(journal.isUnsaved(verifying.id)).toBe(false);
    expect(journal.readFromDisk()[0]?.status).toBe('done');
    expect(await world.answers401(old.secret)).toBe(true);
  });

  it('a value held only in memory when the journal stops is put in the keychain before stopping', async () => {
    const old = world.unusedKey('secured');
    const journal = openRotationJournal(mount, confStoreBackend, () => world.clock());
    const generating = recordOf(profileId, old.id, 'generating', { knownKeyIds: world.liveIds() });
    expect(journal.save(generating)).toBeNull();
    remountReadOnly(mount);
    const value = held();
    const stopped = await driverOn(journal).run(generating, value, { kind: 'generate' });
    const newKeyId = stopped.record.newKeyId!;
    expect(stopped.record).toMatchObject({
      status: 'verifying',
      storedInKeychain: true,
      failure: { messageKey: 'rotation.errors.journal-unwritten' },
    });
    expect(await world.storedCopy(profileId, newKeyId)).toBe(value.value);
    expect(journal.readFromDisk()[0]?.status).toBe('generating');
  });
});

describe('one piece of work per rotation', () => {
  it('work on one rotation waits for the work before it, even when that work fails; other rotations do not wait', async () => {
    const driver = driverOn(openRotationJournal(dir, confStoreBackend, () => world.clock()));
    const order: string[] = [];
    let release!: () => void;
    const first = driver.exclusive('r1', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first');
      throw new Error('first failed');
    });
    const second = driver.exclusive('r1', async () => void order.push('second'));
    await driver.exclusive('r2', async () => void order.push('other'));
    expect(order).toEqual(['other']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await second;
    expect(order).toEqual(['other', 'first', 'second']);
  });
});
