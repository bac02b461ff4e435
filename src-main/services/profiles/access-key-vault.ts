// Holds each profile's CloudMC access key: in the OS keychain when it works, otherwise in memory for this session only.
import type { Keychain } from '../keychain/keychain';
import { profileAccount } from '../keychain/keychain';
import { AppFailure } from '../../errors';

/** Where an access key ended up. */
export type AccessKeyPlace = 'keychain' | 'session';

/** Access keys by profile id; never written to a file. */
export interface AccessKeyVault {
  put(profileId: string, apiKey: string): Promise<AccessKeyPlace>;
  get(profileId: string): Promise<string | null>;
  has(profileId: string): Promise<AccessKeyPlace | null>;
  /** Where each profile's key is, with one keychain round trip for all of them (lists of hundreds of profiles). */
  placesOf(profileIds: readonly string[]): Promise<Map<string, AccessKeyPlace | null>>;
  remove(profileId: string): Promise<void>;
}

/** Creates the vault over a keychain; a keychain failure falls back to session memory, reported as 'session'. */
export function createAccessKeyVault(keychain: Keychain, keychainUsable: () => boolean): AccessKeyVault {
  const session = new Map<string, string>();
  const fromKeychain = async (profileId: string): Promise<string | null> => {
    if (!keychainUsable()) return null;
    try {
      return await keychain.getSecret(profileAccount(profileId));
    } catch (e) {
      if (e instanceof AppFailure) return null;
      throw e;
    }
  };
  return {
    async put(profileId, apiKey) {
      if (keychainUsable()) {
        try {
          await keychain.setSecret(profileAccount(profileId), apiKey);
          const readBack = await keychain.getSecret(profileAccount(profileId));
          if (readBack === apiKey) {
            session.delete(profileId);
            return 'keychain';
          }
        } catch (e) {
          if (!(e instanceof AppFailure)) throw e;
        }
      }
      session.set(profileId, apiKey);
      return 'session';
    },
    async get(profileId) {
      return session.get(profileId) ?? (await fromKeychain(profileId));
    },
    async has(profileId) {
      if (session.has(profileId)) return 'session';
      return (await fromKeychain(profileId)) !== null ? 'keychain' : null;
    },
    async placesOf(profileIds) {
      let inKeychain = new Set<string>();
      if (keychainUsable()) {
        try {
          inKeychain = new Set(await keychain.listAccounts());
        } catch (e) {
          if (!(e instanceof AppFailure)) throw e;
        }
      }
      return new Map(profileIds.map((id) => [id, session.has(id) ? 'session' : inKeychain.has(profileAccount(id)) ? 'keychain' : null]));
    },
    async remove(profileId) {
      // A keychain that works but fails to delete is reported: the caller must not say the key is gone.
      if (keychainUsable()) await keychain.deleteSecret(profileAccount(profileId));
      session.delete(profileId);
    },
  };
}
