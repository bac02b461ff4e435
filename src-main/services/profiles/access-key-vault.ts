// Holds each profile's CloudMC access key: in the OS keychain when it works, otherwise in memory for this session only.
import { profileAccount } from '../keychain/keychain';
import type { KeychainMonitor } from '../keychain/keychain-monitor';
import { AppFailure, fail } from '../../errors';

/** Where an access key ended up. */
export type AccessKeyPlace = 'keychain' | 'session';

/** A key switch under way (rotation): both keys, by id and value, held in the keychain until the config names one of them. */
interface KeySwitch {
  from: { keyId: string; value: string };
  to: { keyId: string; value: string };
}

/** The keychain account that holds a profile's key switch while it is under way (never a file). */
export function keySwitchAccount(profileId: string): string {
  return `profile-switch:${profileId}`;
}

/** Access keys by profile id; never written to a file. */
export interface AccessKeyVault {
  put(profileId: string, apiKey: string): Promise<AccessKeyPlace>;
  /** The key, null when it is known to be absent; throws keychain-unavailable when the keychain stopped answering (then nobody can tell). */
  get(profileId: string): Promise<string | null>;
  /** Where each profile's key is, with one keychain round trip for all of them; `unknown` while the keychain is not answering. */
  placesOf(profileIds: readonly string[]): Promise<Map<string, AccessKeyPlace | 'unknown' | null>>;
  remove(profileId: string): Promise<void>;
  /** Records the switch (both keys) and puts its new key in the profile's entry, each read back; no session fallback. */
  beginSwitch(profileId: string, change: KeySwitch): Promise<void>;
  /**
   * Settles a switch left under way: the profile's entry made to hold the key `namedKeyId` names (the config's), the old one unless
   * it names the new one; then the switch is forgotten. Nothing to do without one.
   */
  settleSwitch(profileId: string, namedKeyId: string | undefined): Promise<void>;
  /** Forgets a switch once the profile's entry and the config agree. */
  endSwitch(profileId: string): Promise<void>;
  /** The profiles with a switch under way (left by a crash or a failed write). */
  switchingProfiles(): Promise<string[]>;
}

/** Creates the vault over the monitored keychain; a keychain failure on write falls back to session memory, reported as 'session'. */
export function createAccessKeyVault(keychain: KeychainMonitor): AccessKeyVault {
  const session = new Map<string, string>();
  /** Writes an entry and reads it back; throws keychain-mismatch when the keychain does not hold what was written. */
  const putChecked = async (account: string, value: string): Promise<void> => {
    const k = await keychain.require();
    await k.setSecret(account, value);
    if ((await k.getSecret(account)) !== value) throw fail('keychain-mismatch');
  };
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
      if (await keychain.usable()) {
        const k = await keychain.require();
        await k.deleteSecret(profileAccount(profileId));
        await k.deleteSecret(keySwitchAccount(profileId));
      } else if (await keychain.notAnswering()) await keychain.require();
      session.delete(profileId);
    },
    async beginSwitch(profileId, change) {
      await putChecked(keySwitchAccount(profileId), JSON.stringify(change));
      await putChecked(profileAccount(profileId), change.to.value);
      session.delete(profileId);
    },
    async settleSwitch(profileId, namedKeyId) {
      const k = await keychain.require();
      const text = await k.getSecret(keySwitchAccount(profileId));
      const pending = text === null ? null : parseKeySwitch(text);
      if (pending) {
        const value = namedKeyId === pending.to.keyId ? pending.to.value : pending.from.value;
        if ((await k.getSecret(profileAccount(profileId))) !== value) await putChecked(profileAccount(profileId), value);
      }
      if (text !== null) await k.deleteSecret(keySwitchAccount(profileId));
    },
    async endSwitch(profileId) {
      await (await keychain.require()).deleteSecret(keySwitchAccount(profileId));
    },
    async switchingProfiles() {
      if (!(await keychain.usable())) return [];
      const prefix = keySwitchAccount('');
      return (await (await keychain.require()).listAccounts()).filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
    },
  };
}

/** Reads a recorded switch; anything else (a damaged entry) is no switch. */
function parseKeySwitch(text: string): KeySwitch | null {
  try {
    const v = JSON.parse(text) as KeySwitch;
    const ok = (side: unknown): boolean =>
      typeof side === 'object' &&
      side !== null &&
      typeof (side as { keyId: unknown }).keyId === 'string' &&
      typeof (side as { value: unknown }).value === 'string';
    return ok(v.from) && ok(v.to) ? { from: v.from, to: v.to } : null;
  } catch {
    return null;
  }
}
