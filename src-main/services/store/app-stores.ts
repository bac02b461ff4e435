// The app's local data: `config` (settings and profiles, no secrets) and the key-list cache (metadata only); an unwritable data dir gives read-only stores and a problem to tell.
import { z } from 'zod';
import { profileIdentitySchema, settingsSchema, type ProfileIdentity, type Settings } from '../../../src-preload/contract/models';
import { defaultSettings } from '../../../src-preload/contract/defaults';
import { openKeyCache, type KeyCache } from './key-cache';
import { openJsonStore, type JsonStore, type StoreBackendFactory, type StoreProblem } from './json-store';

/** A profile as saved on disk: never its access key. */
export interface StoredProfile {
  id: string;
  name: string;
  endpoint: string;
  createdAt: string;
  identity: ProfileIdentity | null;
  /** Where the access key was put when last saved. */
  accessKeyStorage: 'keychain' | 'session';
  /** Extra trusted CA (PEM) for on-prem CloudMC. */
  caPem?: string;
  /** The id (not the value) of the key this profile authenticates with, when identified. */
  accessKeyId?: string;
  /** Given by the organization's policy (name, endpoint and CA are the policy's), or left by it (kept read-only until the user removes it). */
  managed?: 'managed' | 'withdrawn';
}

/** The `config` document. */
export interface ConfigDoc {
  schemaVersion: 1;
  /** As written; settings added later (theme, idleDays, updates) may be missing from older files: read them through the settings service. */
  settings: Omit<Settings, 'theme' | 'idleDays' | 'updates' | 'sidebarDensity'> &
    Partial<Pick<Settings, 'theme' | 'idleDays' | 'updates' | 'sidebarDensity'>>;
  profiles: StoredProfile[];
  lastProfileId: string | null;
  /** The settings the user changed (a policy's default never overrides those); absent in files written before policies. */
  settingsChosen?: string[];
}

// The shapes the contract states (settings, identity) are reused here, not restated.
const configSchema = z.object({
  schemaVersion: z.literal(1),
  // `theme`, `idleDays`, `updates` and `sidebarDensity` came after the first files were written: a file without them is still valid and reads as the default.
  settings: settingsSchema.extend({
    theme: settingsSchema.shape.theme.optional(),
    idleDays: settingsSchema.shape.idleDays.optional(),
    updates: settingsSchema.shape.updates.optional(),
    sidebarDensity: settingsSchema.shape.sidebarDensity.optional(),
  }),
  profiles: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      endpoint: z.string(),
      createdAt: z.string(),
      identity: profileIdentitySchema.nullable(),
      accessKeyStorage: z.enum(['keychain', 'session']),
      caPem: z.string().optional(),
      accessKeyId: z.string().optional(),
      managed: z.enum(['managed', 'withdrawn']).optional(),
    }),
  ),
  lastProfileId: z.string().nullable(),
  // Names only (a later version's setting names must not make this file unreadable to this one).
  settingsChosen: z.array(z.string()).optional(),
});

/** The `ui-state` document: small choices remembered between runs, apart from the profiles so a switch rewrites a few bytes. */
export interface UiStateDoc {
  schemaVersion: 1;
  lastProfileId: string | null;
  /** Profiles pinned to the top of the sidebar, in pinning order (absent in files written before pinning). */
  pinnedProfileIds?: string[];
  /** The last profiles opened, newest first (absent in files written before). */
  recentProfileIds?: string[];
}

const uiStateSchema = z.object({
  schemaVersion: z.literal(1),
  lastProfileId: z.string().nullable(),
  pinnedProfileIds: z.array(z.string()).optional(),
  recentProfileIds: z.array(z.string()).optional(),
});

/** What to tell the user when the data dir cannot be written: an i18n key, the file or folder, and the system's reason (errno code). */
export interface DataProblem {
  messageKey: string;
  path: string;
  reason: string;
}

/** The stores of one data directory. */
export interface AppStores {
  config: JsonStore<ConfigDoc>;
  /** The last profile shown; its first value is carried over from the config's `lastProfileId` (older versions kept it there). */
  uiState: JsonStore<UiStateDoc>;
  cache: KeyCache;
  /** Set when the data dir could not be written at start-up; both stores are then read-only. */
  problem: DataProblem | null;
}

/** The i18n key telling the user what an errno code means for the data dir. */
export function dataProblemKey(reason: string): string {
  if (reason === 'EROFS' || reason === 'EACCES' || reason === 'EPERM') return 'data.read-only';
  if (reason === 'ENOSPC' || reason === 'EDQUOT') return 'data.full';
  if (reason === 'EISDIR') return 'data.not-a-file';
  return 'data.unwritable';
}

/** The DataProblem for a store problem. */
export function dataProblemOf(problem: StoreProblem): DataProblem {
  return { messageKey: dataProblemKey(problem.reason), path: problem.path, reason: problem.reason };
}

/** Opens the config store and the key-list cache in `dataDir`; never throws for an unwritable or damaged data dir. */
export function openAppStores(dataDir: string, backend: StoreBackendFactory): AppStores {
  const config = openJsonStore<ConfigDoc>({
    name: 'config',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, settings: { ...defaultSettings }, profiles: [], lastProfileId: null }),
    isValid: (doc): doc is ConfigDoc => configSchema.safeParse(doc).success,
  });
  const uiState = openJsonStore<UiStateDoc>({
    name: 'ui-state',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, lastProfileId: config.read().lastProfileId }),
    isValid: (doc): doc is UiStateDoc => uiStateSchema.safeParse(doc).success,
  });
  const cache = openKeyCache(dataDir, backend, config.readOnly);
  return { config, uiState, cache, problem: config.problem ? dataProblemOf(config.problem) : null };
}
