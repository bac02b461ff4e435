// Issue 8 item 4, against a real gnome-keyring this test starts and then locks: the probe writes, reads back and deletes
// a probe entry (never findCredentials), so a locked keyring no longer passes it, and an unlocked one keeps nothing of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { keychainService } from '../../../src-main/services/keychain/keychain';
import { failureOf } from '../src-main/helpers';
import { observeKeytar } from './observed-keytar';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

let service: PrivateSecretService;
const observed = observeKeytar();
const keychain = createKeytarKeychain({ timeoutMs: 10_000, load: () => observed.keytar });

beforeAll(async () => {
  service = await startPrivateSecretService();
});
afterAll(async () => {
  await service?.stop();
});

describe('the keychain probe (write, read back, delete)', () => {
  it('an honest probe on an unlocked keyring writes, reads back and deletes a probe entry, and leaves none behind', async () => {
    const before = observed.calls.length;
    expect(await keychain.probe()).toEqual({ available: true, backend: 'keytar' });
    const probeCalls = observed.calls.slice(before);
    expect(probeCalls.map((c) => c.name)).toEqual(['setPassword', 'getPassword', 'deletePassword']);
    const account = probeCalls[0]?.account ?? '';
    expect(account).toMatch(/^probe:/);
    expect(probeCalls.every((c) => c.account === account)).toBe(true);
    expect(service.search(keychainService)).not.toContain('probe:');
  });

  describe('on a locked keyring', () => {
    beforeAll(async () => {
      // An entry of ours is in the keyring when it gets locked, as after a first session.
      await keychain.setSecret('profile:before-lock', 'not-a-key');
      await service.lockLogin();
    });

    it('an honest probe reports a locked keyring as locked, not available, and never calls findCredentials', async () => {
      expect(await keychain.probe()).toEqual({ available: false, reason: 'locked', messageKey: 'keychain.locked' });
      expect(observed.calls.some((c) => c.name === 'findCredentials')).toBe(false);
    });

    it('listing accounts on a locked keyring that holds entries says locked instead of crashing the process in findCredentials', async () => {
      expect(await failureOf(keychain.listAccounts())).toMatchObject({
        code: 'keychain-unavailable',
        messageKey: 'keychain.locked',
        details: { reason: 'locked' },
      });
    });
  });
});
