// The data shapes that cross the bridge, zod-first: each schema is the one statement of its shape; the types are inferred from it.
import { z } from 'zod';
import { errorCodes, errorKinds } from './errors';
import { clipboardClearMaxSeconds } from './limits';
import { languageChoices, sidebarDensities, themeChoices } from './rules';

/** An error as it crosses the bridge (see errors.ts for the codes and kinds). */
export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  kind: z.enum(errorKinds),
  messageKey: z.string(),
  status: z.number().int().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A UI language choice. */
export const languageChoiceSchema = z.enum(languageChoices);
/** A UI language; `system` follows the operating system. */
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

/** A colour theme choice. */
export const themeChoiceSchema = z.enum(themeChoices);

/** A sidebar density choice. */
export const sidebarDensitySchema = z.enum(sidebarDensities);

/** User preferences, kept in the settings store. */
export const settingsSchema = z.object({
  language: languageChoiceSchema,
  /** Light, dark, or as the operating system says. */
  theme: themeChoiceSchema,
  /** Pre-check "Also store a copy in the keychain" in the Generate form. */
  storeCopyByDefault: z.boolean(),
  /** Seconds before a copied secret is cleared from the clipboard; 0 turns clearing off. */
  clipboardClearSeconds: z.number().int().min(0).max(clipboardClearMaxSeconds),
  /** Days without use after which a key is reported idle (and a never-used key, that long after it was generated). */
  idleDays: z.number().int().min(1).max(3650),
  /** Check for updates automatically (at start and every few hours), download them in the background and offer "Restart to update". */
  updates: z.boolean(),
  /** Sidebar rows: comfortable (several lines) or compact (one line each, grouped: pinned, recent, by organization). */
  sidebarDensity: sidebarDensitySchema,
});
/** User preferences. */
export type Settings = z.infer<typeof settingsSchema>;

/** Why the OS keychain cannot be used. */
export const keychainReasons = [
  'no-secret-service',
  'locked',
  'no-dbus',
  'library-missing',
  'timeout',
  'not-answering',
  'disabled',
  'unknown',
] as const;

/** Whether the OS keychain can be used, and why not. */
export const keychainStatusSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), backend: z.string() }),
  z.object({ available: z.literal(false), reason: z.enum(keychainReasons), messageKey: z.string() }),
]);
/** Whether the OS keychain can be used, and why not. */
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

/** Who a profile acts as on CloudMC. */
export const profileIdentitySchema = z.object({ userName: z.string(), displayName: z.string(), organizationName: z.string() });
/** Who a profile acts as on CloudMC. */
export type ProfileIdentity = z.infer<typeof profileIdentitySchema>;

/** never synced; up to date (synced this session); showing a cached list; access key rejected by CloudMC. */
export const syncStateSchema = z.enum(['never', 'live', 'cached', 'rejected']);

/** A profile as the renderer sees it: never its access key. */
export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  identity: profileIdentitySchema.nullable(),
  /** Where the access key lives: the OS keychain, this session's memory only, nowhere (must be entered again), or unknown (the keychain is not answering). */
  accessKey: z.enum(['keychain', 'session', 'missing', 'unknown']),
  lastSyncedAt: z.string().nullable(),
  syncState: syncStateSchema,
  /** True when the profile trusts an extra CA certificate (on-prem CloudMC). */
  hasCustomCa: z.boolean(),
  /** The id of the API key this profile itself uses, when it could be identified (revoking it locks the profile out). */
  accessKeyId: z.string().nullable(),
  /** Given by the organization's policy (`managed`: name, endpoint and CA fixed, cannot be removed), left by it (`withdrawn`: fixed, may be removed), or the user's own (null). */
  managed: z.enum(['managed', 'withdrawn']).nullable(),
  /** False when the organization's policy does not allow the profile's endpoint: nothing is sent to it, the profile is shown disabled. */
  endpointAllowed: z.boolean(),
  /** How many keys the profile's last synced list holds; null when it was never synced. */
  keyCount: z.number().int().nonnegative().nullable(),
});
/** A profile as the renderer sees it. */
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** One API key's metadata; the key value is never part of it. */
export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  creationDate: z.string(),
  lastUsedDate: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
});
/** One API key's metadata. */
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** A profile's key list and where it came from. */
export const keyListSchema = z.object({
  profileId: z.string(),
  keys: z.array(apiKeyViewSchema),
  syncedAt: z.string(),
  source: z.enum(['live', 'cache']),
});
/** A profile's key list and where it came from. */
export type KeyList = z.infer<typeof keyListSchema>;

/**
 * What the key screen shows for a profile, as main decided it: the list (live or cached, or none yet),
 * the profile's summary (sync state, last sync) and, when the last refresh failed, why.
 */
export const keysViewSchema = z.object({
  profile: profileSummarySchema,
  list: keyListSchema.nullable(),
  failure: appErrorSchema.nullable(),
});
/** What the key screen shows for a profile. */
export type KeysView = z.infer<typeof keysViewSchema>;

/** A stored keychain copy of a generated key's value (the value itself stays in the keychain). */
export const storedCopySchema = z.object({
  keyId: z.string(),
  /** The key's name when it is still known from CloudMC or the cache. */
  keyName: z.string().nullable(),
  /** True when a list CloudMC answered after the copy was stored lacks its key (revoked elsewhere); never decided from an older list. */
  orphaned: z.boolean(),
});
/** A stored keychain copy. */
export type StoredCopy = z.infer<typeof storedCopySchema>;

/** What "Clean up" would remove, from a list CloudMC answered just now: each copy whose key that list lacks, named when the app knows the name. */
export const orphanCheckSchema = z.object({
  orphans: z.array(z.object({ keyId: z.string(), keyName: z.string().nullable() })),
  /** When the list was asked for (every copy named was in the keychain before). */
  checkedAt: z.string(),
  /** The key screen after that list (the check refreshed it). */
  view: keysViewSchema,
});
/** What "Clean up" would remove. */
export type OrphanCheck = z.infer<typeof orphanCheckSchema>;

/** What "Clean up" did: the copies removed, and those named but kept because a fresh list still has (or might have) their key. */
export const orphanRemovalSchema = z.object({ removed: z.array(z.string()), kept: z.array(z.string()) });
/** What "Clean up" did. */
export type OrphanRemoval = z.infer<typeof orphanRemovalSchema>;

/** One hit of a search across every profile's cached list. */
export const keySearchHitSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  key: apiKeyViewSchema,
  /** What matched: the key's name, its last IP, or the local note kept for it (never sent to CloudMC). */
  matched: z.enum(['name', 'ip', 'note']).optional(),
  /** The local note, when the note is what matched. */
  note: z.string().optional(),
});
/** One search hit. */
export type KeySearchHit = z.infer<typeof keySearchHitSchema>;

/**
 * A search's answer: the first hits, how many keys matched in all (so the UI can say "200 of 4,812 shown"), and how many
 * profiles could not be searched (no cached list: never synced, or the cache is gone), for the UI to say so and offer Refresh all.
 */
export const keySearchResultSchema = z.object({
  hits: z.array(keySearchHitSchema),
  total: z.number().int(),
  unsearched: z.number().int().nonnegative(),
});
/** A search's answer. */
export type KeySearchResult = z.infer<typeof keySearchResultSchema>;

/** Exported profiles: a JSON document with names, endpoints and options, never a secret. */
export const profileExportSchema = z.object({ json: z.string(), count: z.number().int() });
/** Exported profiles. */
export type ProfileExport = z.infer<typeof profileExportSchema>;

const entryRef = z.object({ index: z.number().int(), name: z.string() });

/** What an import did, entry by entry. */
export const importReportSchema = z.object({
  added: z.number().int(),
  replaced: z.number().int(),
  /** Entries that match an existing profile (same endpoint and name) and were left alone. */
  skipped: z.array(entryRef),
  /** Replaced profiles whose CA certificate changed: their stored access key was removed (a key is never sent to a server it was not verified against) and must be entered again. */
  accessKeyDropped: z.array(entryRef),
  /** Entries that could not be read (`index` counts from 1; 0 is the whole file); `field` names what is wrong, `messageKey` says it in words. */
  invalid: z.array(z.object({ index: z.number().int(), field: z.string(), messageKey: z.string() })),
});
/** What an import did. */
export type ImportReport = z.infer<typeof importReportSchema>;

/** What generating a key returns: the only time its value crosses the bridge. */
export const generatedKeySchema = z.object({
  key: apiKeyViewSchema,
  /** The one-time value, shown masked in the notification; main keeps it in memory until dismissed. */
  secret: z.string(),
  /** Handle for copy, store and dismiss while the notification is open. */
  secretId: z.string(),
  storedInKeychain: z.boolean(),
  /** Set when storing was asked for and failed; the key itself was generated. */
  storeError: appErrorSchema.nullable(),
  /** Set when the key exists on CloudMC but the local list could not be saved (kind `local`). */
  warning: appErrorSchema.nullable(),
  /** The key screen after the change. */
  view: keysViewSchema,
});
/** What generating a key returns. */
export type GeneratedKey = z.infer<typeof generatedKeySchema>;

/** What a rename did: CloudMC's renamed key, the screen after it, and a warning when the local list could not be saved. */
export const renamedKeySchema = z.object({ key: apiKeyViewSchema, warning: appErrorSchema.nullable(), view: keysViewSchema });
/** What a rename did. */
export type RenamedKey = z.infer<typeof renamedKeySchema>;

/** What a revoke did: revoked now, or confirmed already gone; the screen after it; a warning when the local list could not be saved. */
export const revokeOutcomeSchema = z.object({
  outcome: z.enum(['revoked', 'already-revoked']),
  warning: appErrorSchema.nullable(),
  view: keysViewSchema,
});
/** What a revoke did. */
export type RevokeOutcome = z.infer<typeof revokeOutcomeSchema>;

/**
 * A generated key whose notification is still open in main (e.g. after the window reloaded or crashed):
 * its value stays in main and can still be copied, stored or dismissed, but is not sent again.
 */
export const pendingSecretViewSchema = z.object({
  secretId: z.string(),
  profileId: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  copied: z.boolean(),
  stored: z.boolean(),
});
/** A notification still open in main. */
export type PendingSecretView = z.infer<typeof pendingSecretViewSchema>;

/** Result of a copy: when the clipboard will be cleared, if ever. */
export const copyOutcomeSchema = z.object({ clearAfterSeconds: z.number().int().nullable() });
/** Result of a copy. */
export type CopyOutcome = z.infer<typeof copyOutcomeSchema>;

/** The sidebar's shortcuts, as main keeps them: pinned profiles (in pinning order) and the last profiles opened (newest first); only existing profiles. */
export const profileShortcutsSchema = z.object({ pinned: z.array(z.string()), recent: z.array(z.string()) });
/** The sidebar's shortcuts. */
export type ProfileShortcuts = z.infer<typeof profileShortcutsSchema>;

/** Everything the renderer needs at start-up. */
export const appStateSchema = z.object({
  version: z.string(),
  settings: settingsSchema,
  keychain: keychainStatusSchema,
  profiles: z.array(profileSummarySchema),
  lastProfileId: z.string().nullable(),
  /** Pinned and recent profiles for the sidebar. */
  shortcuts: profileShortcutsSchema,
  /** Set when the store file was unreadable and was backed up: the i18n key of what to tell the user, and the backup path. */
  storeNotice: z.object({ messageKey: z.string(), backupPath: z.string() }).nullable(),
  readOnly: z.boolean(),
  /** Set when the data folder cannot be written (read-only disk, full disk, a folder where a file should be): what to tell the user, where, and the system's reason. The app then browses read-only. */
  dataProblem: z.object({ messageKey: z.string(), path: z.string(), reason: z.string() }).nullable(),
  /** Endpoint to suggest in the Add profile form (set by whoever started the app), or null. */
  defaultEndpoint: z.string().nullable(),
});
/** Everything the renderer needs at start-up. */
export type AppState = z.infer<typeof appStateSchema>;
