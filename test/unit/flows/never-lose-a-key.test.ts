// Issue 8 item 1: once CloudMC has answered success, a full or read-only disk never turns it into a failure, and the one-time value is never lost;
// issue 17 item 3: a generate whose intent cannot be journaled is not sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf } from '../src-main/helpers';
import { startHeldProxy } from './held-proxy';
import { fillToTheBrim, mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from '../src-main/services/store/tmpfs';

const accessKey = 'full-disk-access-key-CANARY-5e1f0a9b7c3d';

const breakDisk = {
  'filled to the brim': { apply: fillToTheBrim, reason: 'ENOSPC' },
  'remounted read-only': { apply: remountReadOnly, reason: 'EROFS' },
} as const;

describe.skipIf(tmpfsSkipReason !== null)(`never lose a key on a broken data disk${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`, () => {
  let sim: Simulator;
  let dir: string;
  let keychain: Keychain;
  let app: AppServices;
  let profile: ProfileSummary;
  let userId: string;

  beforeEach(async () => {
    const state = new SimState();
    userId = seedDemo(state, { apiKey: accessKey }).user.id;
    sim = await startSimulator({ state });
    dir = mountTmpfs('1m');
    keychain = createMemoryKeychain();
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: 'test',
      clientOptions: { attempts: 1 },
    });
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(profile.id);
  });
  afterEach(async () => {
    await app?.clipboard.clearSecretNow();
    await sim?.close();
    unmount(dir);
  });

  for (const [how, { apply, reason }] of Object.entries(breakDisk)) {
    it(`full disk before generate: refused before anything is sent, since its intent cannot be journaled (security.md 39; disk ${how})`, async () => {
      const before = sim.state.listKeys(userId).length;
      apply(dir);
      const failure = await failureOf(app.credentials.generate(profile.id, 'never-sent', true));
      expect(failure).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason } });
      expect(sim.state.listKeys(userId).length).toBe(before);
      expect(app.oneTimeSecrets.list()).toEqual([]);
    });

    it(`disk full while the generate is in flight: the key's value is held and returned, and the failed cache write is a warning (disk ${how})`, async () => {
      const proxy = await startHeldProxy(sim.endpoint);
      try {
        await app.profiles.update(profile.id, { endpoint: proxy.endpoint, apiKey: accessKey });
        proxy.hold('POST', '/api_keys');
        const generating = app.credentials.generate(profile.id, 'made-on-a-full-disk', true);
        await proxy.held('POST', '/api_keys'); // journaled and sent; CloudMC has made the key
        apply(dir);
        proxy.release('POST', '/api_keys');
        const generated = await generating;
        expect(generated.secret.length).toBeGreaterThan(0);
        expect(sim.state.authenticate(generated.secret)).not.toBeNull();
        expect(generated.warning).toMatchObject({
          code: 'store-write-failed',
          kind: 'local',
          messageKey: 'warnings.local-copy-not-saved',
          details: { reason },
        });
        // The notification can still copy and store it: the value is held in main.
        expect(app.oneTimeSecrets.list().map((p) => p.keyId)).toEqual([generated.key.id]);
        expect(generated.storedInKeychain).toBe(true);
        expect(await keychain.getSecret(`key:${profile.id}:${generated.key.id}`)).toBe(generated.secret);
        // Handled: nothing is reported as possibly created this session (the journal's clear is written when the disk allows).
        expect(app.maybeCreated.list(profile.id)).toEqual([]);
      } finally {
        await proxy.close();
      }
    });

    it(`rename and revoke done on CloudMC are reported as done, with a warning, not as failures (disk ${how})`, async () => {
      const target = (await app.credentials.generate(profile.id, 'to-rename', false)).key;
      apply(dir);
      const renamed = await app.credentials.rename(profile.id, target.id, 'renamed-on-a-full-disk');
      expect(renamed.key.name).toBe('renamed-on-a-full-disk');
      expect(renamed.warning).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason } });
      const revoked = await app.credentials.revoke(profile.id, target.id, false);
      expect(revoked.outcome).toBe('revoked');
      expect(revoked.warning).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason } });
      expect(sim.state.listKeys(userId).some((k) => k.id === target.id)).toBe(false);
    });

    it(`add-profile that cannot be saved fails, keeps no profile in memory and leaves no access key in the keychain (disk ${how})`, async () => {
      apply(dir);
      const failure = await failureOf(app.profiles.add({ name: 'Second', endpoint: sim.endpoint, apiKey: accessKey }));
      expect(failure).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason } });
      expect((await app.profiles.list()).map((p) => p.name)).toEqual(['Acme']);
      expect((await keychain.listAccounts()).filter((a) => a.startsWith('profile:'))).toEqual([`profile:${profile.id}`]);
    });
  }
});
