// The bridge's function names and the IPC channel behind each: the only part of the contract the preload bundles.

/** Maps each named bridge function to its IPC channel (`domain:verb-noun`). */
export const bridgeChannels = {
  getAppState: 'app:get-state',
  cancelRequest: 'app:cancel-request',
  retryKeychain: 'app:retry-keychain',
  updateSettings: 'settings:update-settings',
  listProfiles: 'profiles:list-profiles',
  addProfile: 'profiles:add-profile',
  provideAccessKey: 'profiles:provide-access-key',
  selectProfile: 'profiles:select-profile',
  updateProfile: 'profiles:update-profile',
  duplicateProfile: 'profiles:duplicate-profile',
  removeProfile: 'profiles:remove-profile',
  exportProfiles: 'profiles:export-profiles',
  importProfiles: 'profiles:import-profiles',
  listCachedKeys: 'keys:list-cached',
  refreshKeys: 'keys:refresh-keys',
  searchCachedKeys: 'keys:search-cached',
  generateKey: 'keys:generate-key',
  renameKey: 'keys:rename-key',
  revokeKey: 'keys:revoke-key',
  copySecret: 'secrets:copy-secret',
  storeSecret: 'secrets:store-secret',
  dismissSecret: 'secrets:dismiss-secret',
  listPendingSecrets: 'secrets:list-pending',
  listStoredCopies: 'copies:list-copies',
  copyStoredCopy: 'copies:copy-stored',
  revealStoredCopy: 'copies:reveal-stored',
  removeStoredCopy: 'copies:remove-copy',
  removeOrphanedCopies: 'copies:remove-orphans',
  copyText: 'clipboard:copy-text',
} as const;

/** A bridge function name, e.g. `generateKey`. */
export type BridgeFunctionName = keyof typeof bridgeChannels;

/** An IPC channel name, e.g. `keys:generate-key`. */
export type Channel = (typeof bridgeChannels)[BridgeFunctionName];

/** Every channel, for registration and completeness checks. */
export const allChannels: readonly Channel[] = Object.values(bridgeChannels);
