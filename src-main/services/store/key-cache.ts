// The last key list fetched for each profile (metadata only, never a key value), one small file per profile (store/profile-files).
import { z } from 'zod';
import { apiKeyViewSchema, type ApiKeyView } from '../../../src-preload/contract/models';
import type { OpenNotice, StoreBackendFactory } from './json-store';
import { openProfileFiles } from './profile-files';

/** One cached key list. */
export interface CachedList {
  keys: ApiKeyView[];
  syncedAt: string;
}

interface CacheDoc extends CachedList {
  schemaVersion: 1;
}

/** The cached key lists by profile id. */
export interface KeyCache {
  get(profileId: string): CachedList | undefined;
  /** Saves a list; throws store-write-failed (nothing changed, in memory or on disk) when its file cannot be written. */
  put(profileId: string, list: CachedList): void;
  /** Deletes a list's file; throws store-write-failed (the list stays) when the file cannot be deleted. */
  remove(profileId: string): void;
  /** Every cached list, reading the files not read yet. */
  all(): Map<string, CachedList>;
  /** The first problem found in a cache file (backed up), if any. */
  notice(): { notice: OpenNotice; filePath: string } | null;
  readonly readOnly: boolean;
}

const cacheSchema = z.object({ schemaVersion: z.literal(1), keys: z.array(apiKeyViewSchema), syncedAt: z.string().min(1) });

/** Opens the cache folder `<dataDir>/key-lists`; `readOnly` when the app's config is (a newer version's data, or an unwritable data dir): then put and remove do nothing. */
export function openKeyCache(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): KeyCache {
  const files = openProfileFiles<CacheDoc>({
    dataDir,
    folder: 'key-lists',
    backend,
    readOnly,
    empty: () => ({ schemaVersion: 1, keys: [], syncedAt: new Date(0).toISOString() }),
    isValid: (doc): doc is CacheDoc => cacheSchema.safeParse(doc).success,
  });
  const toList = (doc: CacheDoc): CachedList => ({ keys: doc.keys, syncedAt: doc.syncedAt });

  return {
    readOnly,
    get(profileId) {
      const doc = files.get(profileId);
      return doc ? toList(doc) : undefined;
    },
    put(profileId, list) {
      files.put(profileId, { schemaVersion: 1, keys: list.keys, syncedAt: list.syncedAt });
    },
    remove: (profileId) => files.remove(profileId),
    all() {
      const lists = new Map<string, CachedList>();
      for (const id of files.ids()) {
        const doc = files.get(id);
        if (doc) lists.set(id, toList(doc));
      }
      return lists;
    },
    notice: () => files.notice(),
  };
}
