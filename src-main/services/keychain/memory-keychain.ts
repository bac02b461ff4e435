// A keychain held in process memory: for the web host's default mode and for tests that are not about the OS keychain.
import type { Keychain } from './keychain';
import { fail } from '../../errors';

/** Creates an in-memory keychain; `unavailable` makes it behave like a machine without one. */
export function createMemoryKeychain(options: { unavailable?: boolean } = {}): Keychain {
  const entries = new Map<string, string>();
  const guard = (): void => {
    if (options.unavailable) throw fail('keychain-unavailable', { messageKey: 'keychain.disabled' });
  };
  return {
    async probe() {
      return options.unavailable ? { available: false, reason: 'disabled', messageKey: 'keychain.disabled' } : { available: true, backend: 'memory' };
    },
    onStatus() {
      /* an in-memory keychain never changes status */
    },
    async setSecret(account, value) {
      guard();
      entries.set(account, value);
    },
    async getSecret(account) {
      guard();
      return entries.get(account) ?? null;
    },
    async deleteSecret(account) {
      guard();
      return entries.delete(account);
    },
    async listAccounts() {
      guard();
      return [...entries.keys()];
    },
  };
}
