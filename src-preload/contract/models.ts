// The data shapes that cross the bridge (outputs); plain types, no runtime code.

/** A UI language; `system` follows the operating system. */
export type LanguageChoice = 'system' | 'en' | 'fr' | 'es';

/** User preferences, kept in the settings store. */
export interface Settings {
  language: LanguageChoice;
  /** Pre-check "Also store a copy in the keychain" in the Generate form. */
  storeCopyByDefault: boolean;
  /** Seconds before a copied secret is cleared from the clipboard; 0 turns clearing off. */
  clipboardClearSeconds: number;
}

/** Whether the OS keychain can be used, and why not. */
export type KeychainStatus =
  | { available: true; backend: string }
  | { available: false; reason: 'no-secret-service' | 'locked' | 'no-dbus' | 'library-missing' | 'timeout' | 'not-answering' | 'disabled' | 'unknown'; messageKey: string };

/** Who a profile acts as on CloudMC. */
export interface ProfileIdentity {
  userName: string;
  displayName: string;
  organizationName: string;
}

/** A profile as the renderer sees it: never its access key. */
export interface ProfileSummary {
  id: string;
  name: string;
  endpoint: string;
  identity: ProfileIdentity | null;
  /** Where the access key lives: the OS keychain, this session's memory only, nowhere (must be entered again), or unknown (the keychain is not answering). */
  accessKey: 'keychain' | 'session' | 'missing' | 'unknown';
  lastSyncedAt: string | null;
  /** never synced; up to date (synced this session); showing a cached list; access key rejected by CloudMC. */
  syncState: 'never' | 'live' | 'cached' | 'rejected';
  /** True when the profile trusts an extra CA certificate (on-prem CloudMC). */
  hasCustomCa: boolean;
  /** The id of the API key this profile itself uses, when it could be identified (revoking it locks the profile out). */
  accessKeyId: string | null;
}

/** A stored keychain copy of a generated key's value (the value itself stays in the keychain). */
export interface StoredCopy {
  keyId: string;
  /** The key's name when it is still known from CloudMC or the cache. */
  keyName: string | null;
  /** True when the key no longer exists on CloudMC (revoked elsewhere). */
  orphaned: boolean;
}

/** One hit of a search across every profile's cached list. */
export interface KeySearchHit {
  profileId: string;
  profileName: string;
  key: ApiKeyView;
}

/** Exported profiles: a JSON document with names, endpoints and options, never a secret. */
export interface ProfileExport {
  json: string;
  count: number;
}

/** What an import did, entry by entry. */
export interface ImportReport {
  added: number;
  replaced: number;
  /** Entries that match an existing profile (same endpoint and name) and were left alone. */
  skipped: { index: number; name: string }[];
  /** Replaced profiles whose CA certificate changed: their stored access key was removed (a key is never sent to a server it was not verified against) and must be entered again. */
  accessKeyDropped: { index: number; name: string }[];
  /** Entries that could not be read (`index` counts from 1; 0 is the whole file); `field` names what is wrong, `messageKey` says it in words. */
  invalid: { index: number; field: string; messageKey: string }[];
}

/** One API key's metadata; the key value is never part of it. */
export interface ApiKeyView {
  id: string;
  name: string;
  creationDate: string;
  lastUsedDate: string | null;
  lastUsedIp: string | null;
}

/** A profile's key list and where it came from. */
export interface KeyList {
  profileId: string;
  keys: ApiKeyView[];
  syncedAt: string;
  source: 'live' | 'cache';
}

/** What generating a key returns: the only time its value crosses the bridge. */
export interface GeneratedKey {
  key: ApiKeyView;
  /** The one-time value, shown masked in the notification; main keeps it in memory until dismissed. */
  secret: string;
  /** Handle for copy, store and dismiss while the notification is open. */
  secretId: string;
  storedInKeychain: boolean;
  /** Set when storing was asked for and failed; the key itself was generated. */
  storeError: import('./errors').AppError | null;
  /** Set when the key exists on CloudMC but the local list could not be saved (kind `local`). */
  warning: import('./errors').AppError | null;
}

/** What a rename did: CloudMC's renamed key, and a warning when the local list could not be saved. */
export interface RenamedKey {
  key: ApiKeyView;
  warning: import('./errors').AppError | null;
}

/** What a revoke did: revoked now, or confirmed already gone; a warning when the local list could not be saved. */
export interface RevokeOutcome {
  outcome: 'revoked' | 'already-revoked';
  warning: import('./errors').AppError | null;
}

/**
 * A generated key whose notification is still open in main (e.g. after the window reloaded or crashed):
 * its value stays in main and can still be copied, stored or dismissed, but is not sent again.
 */
export interface PendingSecretView {
  secretId: string;
  profileId: string;
  keyId: string;
  keyName: string;
  copied: boolean;
  stored: boolean;
}

/** Result of a copy: when the clipboard will be cleared, if ever. */
export interface CopyOutcome {
  clearAfterSeconds: number | null;
}

/** Everything the renderer needs at start-up. */
export interface AppState {
  version: string;
  settings: Settings;
  keychain: KeychainStatus;
  profiles: ProfileSummary[];
  lastProfileId: string | null;
  /** Set when the store file was unreadable and was backed up: the i18n key of what to tell the user, and the backup path. */
  storeNotice: { messageKey: string; backupPath: string } | null;
  readOnly: boolean;
  /** Set when the data folder cannot be written (read-only disk, full disk, a folder where a file should be): what to tell the user, where, and the system's reason. The app then browses read-only. */
  dataProblem: { messageKey: string; path: string; reason: string } | null;
  /** Endpoint to suggest in the Add profile form (set by whoever started the app), or null. */
  defaultEndpoint: string | null;
}
