// The app's two store files: `config` (settings and profiles, no secrets) and `cache` (last key lists, metadata only).
import { z } from 'zod';
import type { ApiKeyView, ProfileIdentity, Settings } from '../../../src-preload/contract/models';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from './json-store';

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
}

/** The `config` document. */
export interface ConfigDoc {
  schemaVersion: 1;
  settings: Settings;
  profiles: StoredProfile[];
  lastProfileId: string | null;
}

/** One cached key list. */
export interface CachedList {
  keys: ApiKeyView[];
  syncedAt: string;
}

/** The `cache` document. */
export interface CacheDoc {
  schemaVersion: 1;
  lists: Record<string, CachedList>;
}

/** Settings for a first run. */
export const defaultSettings: Settings = { language: 'system', storeCopyByDefault: true, clipboardClearSeconds: 30 };

const identitySchema = z.object({ userName: z.string(), displayName: z.string(), organizationName: z.string() });
const configSchema = z.object({
  schemaVersion: z.literal(1),
  settings: z.object({
    language: z.enum(['system', 'en', 'fr', 'es']),
    storeCopyByDefault: z.boolean(),
    clipboardClearSeconds: z.number().int().min(0).max(3600),
  }),
  profiles: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      endpoint: z.string(),
      createdAt: z.string(),
      identity: identitySchema.nullable(),
      accessKeyStorage: z.enum(['keychain', 'session']),
      caPem: z.string().optional(),
    }),
  ),
  lastProfileId: z.string().nullable(),
});
const keySchema = z.object({ id: z.string(), name: z.string(), creationDate: z.string(), lastUsedDate: z.string().nullable(), lastUsedIp: z.string().nullable() });
const cacheSchema = z.object({ schemaVersion: z.literal(1), lists: z.record(z.string(), z.object({ keys: z.array(keySchema), syncedAt: z.string() })) });

/** Both stores of one data directory. */
export interface AppStores {
  config: JsonStore<ConfigDoc>;
  cache: JsonStore<CacheDoc>;
}

/** Opens the config and cache stores in `dataDir`. */
export function openAppStores(dataDir: string, backend: StoreBackendFactory): AppStores {
  const config = openJsonStore<ConfigDoc>({
    name: 'config',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, settings: { ...defaultSettings }, profiles: [], lastProfileId: null }),
    isValid: (doc): doc is ConfigDoc => configSchema.safeParse(doc).success,
  });
  const cache = openJsonStore<CacheDoc>({
    name: 'cache',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, lists: {} }),
    isValid: (doc): doc is CacheDoc => cacheSchema.safeParse(doc).success,
  });
  return { config, cache };
}
