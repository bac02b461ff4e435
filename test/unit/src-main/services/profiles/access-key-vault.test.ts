// Issue 8 item 3 (app side): a keychain that stopped answering is not a missing access key, and the UI can tell.
import { describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../../../src-preload/contract/models';
import { fail } from '../../../../../src-main/errors';
import { createAccessKeyVault, keySwitchAccount } from '../../../../../src-main/services/profiles/access-key-vault';
import { KeychainMonitor } from '../../../../../src-main/services/keychain/keychain-monitor';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../../../src-main/services/keychain/keychain';
import { failureOf } from '../../helpers';

const notAnswering: KeychainStatus = { available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' };

/** An OS keychain that worked, then stops answering (as keytar reports a time-out: the status changes and calls fail). */
function keychainThatStops(): { keychain: Keychain; stop: () => void } {
  const inner = createMemoryKeychain();
  const listeners: ((s: KeychainStatus) => void)[] = [];
  let stopped = false;
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (stopped) throw fail('keychain-unavailable', { messageKey: 'keychain.not-answering', details: { reason: 'not-answering' } });
    return work();
  };
  return {
    keychain: {
      probe: async () => (stopped ? notAnswering : { available: true, backend: 'os' }),
      onStatus: (l) => void listeners.push(l),
      setSecret: (a, v) => guard(() => inner.setSecret(a, v)),
      getSecret: (a) => guard(() => inner.getSecret(a)),
      deleteSecret: (a) => guard(() => inner.deleteSecret(a)),
      listAccounts: () => guard(() => inner.listAccounts()),
    },
    stop: () => {
      stopped = true;
      listeners.forEach((l) => l(notAnswering));
    },
  };
}

describe('the access key vault over a keychain that stops answering', () => {
  it('a timed-out read is reported as "keychain not answering", never as "access key missing"', async () => {
    const { keychain, stop } = keychainThatStops();
    const vault = createAccessKeyVault(new KeychainMonitor(keychain));
    expect(await vault.put('p1', 'access-key-value-123456')).toBe('keychain');
    stop();
    expect(await failureOf(vault.get('p1'))).toMatchObject({ code: 'keychain-unavailable', kind: 'keychain', messageKey: 'keychain.not-answering' });
    expect((await vault.placesOf(['p1'])).get('p1')).toBe('unknown');
  });

  it('a keychain that was never available still means "missing" (the key was kept for a past session only)', async () => {
    const vault = createAccessKeyVault(new KeychainMonitor(createMemoryKeychain({ unavailable: true })));
    expect(await vault.get('p1')).toBeNull();
    expect((await vault.placesOf(['p1'])).get('p1')).toBeNull();
  });

  it('Try again reads the status afresh', async () => {
    const { keychain, stop } = keychainThatStops();
    const monitor = new KeychainMonitor(keychain);
    expect(await monitor.status()).toEqual({ available: true, backend: 'os' });
    stop();
    expect(await monitor.status()).toEqual(notAnswering);
    expect(await monitor.retry()).toEqual(notAnswering);
  });
});

describe("the vault's key switch (both keys kept in the keychain while the config is written)", () => {
  const change = { from: { keyId: 'k-old', value: 'old-value-0123456789' }, to: { keyId: 'k-new', value: 'new-value-0123456789' } };

  it('begin puts the new key in the profile entry and lists the profile as switching; settle follows the key the config names, then forgets', async () => {
    const keychain = createMemoryKeychain();
    const vault = createAccessKeyVault(new KeychainMonitor(keychain));
    await vault.put('p1', change.from.value);
    await vault.beginSwitch('p1', change);
    expect(await vault.get('p1')).toBe(change.to.value);
    expect(await vault.switchingProfiles()).toEqual(['p1']);
    await vault.settleSwitch('p1', 'k-old');
    expect(await vault.get('p1')).toBe(change.from.value);
    expect(await vault.switchingProfiles()).toEqual([]);

    await vault.beginSwitch('p1', change);
    await vault.settleSwitch('p1', 'k-new');
    expect(await vault.get('p1')).toBe(change.to.value);
    expect(await keychain.getSecret(keySwitchAccount('p1'))).toBeNull();
  });

  it('a damaged switch record changes nothing and is forgotten; removing a profile removes its switch record', async () => {
    const keychain = createMemoryKeychain();
    const vault = createAccessKeyVault(new KeychainMonitor(keychain));
    await vault.put('p1', change.from.value);
    await keychain.setSecret(keySwitchAccount('p1'), '{"from": 3}');
    await vault.settleSwitch('p1', 'k-new');
    expect(await vault.get('p1')).toBe(change.from.value);
    expect(await vault.switchingProfiles()).toEqual([]);
    await vault.beginSwitch('p1', change);
    await vault.remove('p1');
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('a keychain that stopped answering refuses the switch: nothing falls back to session memory', async () => {
    const { keychain, stop } = keychainThatStops();
    const vault = createAccessKeyVault(new KeychainMonitor(keychain));
    await vault.put('p1', change.from.value);
    stop();
    expect(await failureOf(vault.beginSwitch('p1', change))).toMatchObject({ code: 'keychain-unavailable' });
    expect((await vault.placesOf(['p1'])).get('p1')).toBe('unknown');
  });
});
