// Issue 8 item 3 (app side): a keychain that stopped answering is not a missing access key, and the UI can tell.
import { describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../../../src-preload/contract/models';
import { fail } from '../../../../../src-main/errors';
import { createAccessKeyVault } from '../../../../../src-main/services/profiles/access-key-vault';
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
