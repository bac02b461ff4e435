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

/** Secret storage in the OS keychain; every method rejects with AppFailure (keychain-unavailable / keychain-failed). */
export interface Keychain {
  /** Checks whether the keychain works now, and why not. */
  probe(): Promise<KeychainStatus>;
  setSecret(account: string, value: string): Promise<void>;
  getSecret(account: string): Promise<string | null>;
  deleteSecret(account: string): Promise<boolean>;
  listAccounts(): Promise<string[]>;
}
