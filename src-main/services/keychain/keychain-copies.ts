// Stored copies of generated keys in the OS keychain: written, read back and compared before anyone is told "stored".
import type { CopyRecords } from './copy-records';
import { generatedKeyAccount } from './keychain';
import type { KeychainMonitor } from './keychain-monitor';
import { fail } from '../../errors';

/** Copies of generated key values, by profile and key id. */
export interface KeychainCopies {
  store(profileId: string, keyId: string, value: string): Promise<void>;
  read(profileId: string, keyId: string): Promise<string | null>;
  remove(profileId: string, keyId: string): Promise<boolean>;
  /** Key ids of a profile that have a stored copy. */
  keyIds(profileId: string): Promise<string[]>;
  /** Removes every copy of a profile; nothing to do when the keychain was never available, an error when it stopped answering. */
  removeAllOf(profileId: string): Promise<number>;
}

/** Creates the copies store over the monitored keychain; `records` notes when each copy was stored (security promise 38). */
export function createKeychainCopies(keychain: KeychainMonitor, records?: CopyRecords): KeychainCopies {
  return {
    async store(profileId, keyId, value) {
      const k = await keychain.require();
      const account = generatedKeyAccount(profileId, keyId);
      await k.setSecret(account, value);
      const readBack = await k.getSecret(account);
      if (readBack !== value) throw fail('keychain-mismatch');
      records?.stored(profileId, keyId);
    },
    read: async (profileId, keyId) => (await keychain.require()).getSecret(generatedKeyAccount(profileId, keyId)),
    async remove(profileId, keyId) {
      const removed = await (await keychain.require()).deleteSecret(generatedKeyAccount(profileId, keyId));
      records?.forget(profileId, keyId);
      return removed;
    },
    async keyIds(profileId) {
      const prefix = generatedKeyAccount(profileId, '');
      return (await (await keychain.require()).listAccounts()).filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
    },
    async removeAllOf(profileId) {
      if (!(await keychain.usable()) && !(await keychain.notAnswering())) {
        records?.forgetProfile(profileId);
        return 0;
      }
      const k = await keychain.require();
      const prefix = generatedKeyAccount(profileId, '');
      const accounts = (await k.listAccounts()).filter((a) => a.startsWith(prefix));
      for (const account of accounts) await k.deleteSecret(account);
      records?.forgetProfile(profileId);
      return accounts.length;
    },
  };
}
