// Stored copies of generated keys in the OS keychain: written, read back and compared before anyone is told "stored".
import type { Keychain } from './keychain';
import { generatedKeyAccount } from './keychain';
import { fail } from '../../errors';

/** Copies of generated key values, by profile and key id. */
export interface KeychainCopies {
  store(profileId: string, keyId: string, value: string): Promise<void>;
  read(profileId: string, keyId: string): Promise<string | null>;
  remove(profileId: string, keyId: string): Promise<boolean>;
  /** Key ids of a profile that have a stored copy. */
  keyIds(profileId: string): Promise<string[]>;
  /** Removes every copy of a profile; does nothing when the keychain is unavailable. */
  removeAllOf(profileId: string): Promise<number>;
}

/** Creates the copies store over a keychain. */
export function createKeychainCopies(keychain: Keychain, keychainUsable: () => boolean): KeychainCopies {
  const usable = (): Keychain => {
    if (!keychainUsable()) throw fail('keychain-unavailable');
    return keychain;
  };
  return {
    async store(profileId, keyId, value) {
      const k = usable();
      const account = generatedKeyAccount(profileId, keyId);
      await k.setSecret(account, value);
      const readBack = await k.getSecret(account);
      if (readBack !== value) throw fail('keychain-mismatch');
    },
    read: (profileId, keyId) => usable().getSecret(generatedKeyAccount(profileId, keyId)),
    remove: (profileId, keyId) => usable().deleteSecret(generatedKeyAccount(profileId, keyId)),
    async keyIds(profileId) {
      const prefix = generatedKeyAccount(profileId, '');
      return (await usable().listAccounts()).filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
    },
    async removeAllOf(profileId) {
      if (!keychainUsable()) return 0;
      const prefix = generatedKeyAccount(profileId, '');
      const accounts = (await keychain.listAccounts()).filter((a) => a.startsWith(prefix));
      for (const account of accounts) await keychain.deleteSecret(account);
      return accounts.length;
    },
  };
}
