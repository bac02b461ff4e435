// The small interface the app needs from an OS keychain; backends live beside it (keytar today).
import type { KeychainStatus } from '../../../src-preload/contract/models';

/** The keychain service name every entry is stored under. */
export const keychainService = 'CloudMC Credentials';

/** Account name for a profile's access key. */
export function profileAccount(profileId: string): string {
  return `profile:${profileId}`;
}

/** Account name for a stored copy of a generated key. */
export function generatedKeyAccount(profileId: string, keyId: string): string {
  return `key:${profileId}:${keyId}`;
}

/**
 * Secret storage in the OS keychain; every method rejects with AppFailure (keychain-unavailable / keychain-failed).
 * A call that times out marks the keychain "not answering" for the session: later calls fail at once with
 * keychain-unavailable (reason `not-answering`) until `probe()` finds it answering again.
 */
export interface Keychain {
  /** Checks whether the keychain works now (writes, reads back and deletes a probe entry), and why not; also "Try again". */
  probe(): Promise<KeychainStatus>;
  /** Tells the listener each time the status changes after a call (e.g. a time-out marks it not answering). */
  onStatus(listener: (status: KeychainStatus) => void): void;
  setSecret(account: string, value: string): Promise<void>;
  getSecret(account: string): Promise<string | null>;
  deleteSecret(account: string): Promise<boolean>;
  listAccounts(): Promise<string[]>;
}
