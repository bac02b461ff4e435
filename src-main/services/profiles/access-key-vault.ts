// Holds each profile's CloudMC access key: in the OS keychain when it works, otherwise in memory for this session only.
import { profileAccount } from '../keychain/keychain';
import type { KeychainMonitor } from '../keychain/keychain-monitor';
import { AppFailure } from '../../errors';

/** Where an access key ended up. */
export type AccessKeyPlace = 'keychain' | 'session';

/** Access keys by profile id; never written to a file. */
export interface AccessKeyVault {
  put(profileId: string, apiKey: string): Promise<AccessKeyPlace>;
  /** The key, null when it is known to be absent; throws keychain-unavailable when the keychain stopped answering (then nobody can tell). */
  get(profileId: string): Promise<string | null>;
  /** Where each profile's key is, with one keychain round trip for all of them; `unknown` while the keychain is not answering. */
  placesOf(profileIds: readonly string[]): Promise<Map<string, AccessKeyPlace | 'unknown' | null>>;
  remove(profileId: string): Promise<void>;
}

/** Creates the vault over the monitored keychain; a keychain failure on write falls back to session memory, reported as 'session'. */
export function createAccessKeyVault(keychain: KeychainMonitor): AccessKeyVault {
  const session = new Map<string, string>();
  const fromKeychain = async (profileId: string): Promise<string | null> => {
    if (await keychain.notAnswering()) await keychain.require(); // throws: a read that cannot happen is not "missing"
    if (!(await keychain.usable())) return null;
    try {
      return await (await keychain.require()).getSecret(profileAccount(profileId));
    } catch (e) {
      if (e instanceof AppFailure && !(await keychain.notAnswering())) return null;
      throw e;
    }
  };
  return {
    async put(profileId, apiKey) {
      if (await keychain.usable()) {
        try {
          const k = await keychain.require();
          await k.setSecret(profileAccount(profileId), apiKey);
          const readBack = await k.getSecret(profileAccount(profileId));
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
    async placesOf(profileIds) {
      let inKeychain = new Set<string>();
      let unknown = await keychain.notAnswering();
      if (!unknown && (await keychain.usable())) {
        try {
          inKeychain = new Set(await (await keychain.require()).listAccounts());
        } catch (e) {
          if (!(e instanceof AppFailure)) throw e;
          unknown = await keychain.notAnswering();
        }
      }
      const placeOf = (id: string): AccessKeyPlace | 'unknown' | null => {
        if (session.has(id)) return 'session';
        if (inKeychain.has(profileAccount(id))) return 'keychain';
        return unknown ? 'unknown' : null;
      };
      return new Map(profileIds.map((id) => [id, placeOf(id)]));
    },
    async remove(profileId) {
      // A keychain that works but fails to delete is reported: the caller must not say the key is gone.
      if (await keychain.usable()) await (await keychain.require()).deleteSecret(profileAccount(profileId));
      else if (await keychain.notAnswering()) await keychain.require();
      session.delete(profileId);
    },
  };
}
