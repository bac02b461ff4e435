// The last key list fetched for each profile (metadata only, never a key value), one small file per profile so a sync rewrites only its own list.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { apiKeyViewSchema, type ApiKeyView } from '../../../src-preload/contract/models';
import { openJsonStore, removeStaleTempFiles, storeWriteFailed, type JsonStore, type OpenNotice, type StoreBackendFactory } from './json-store';

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
const safeId = /^[A-Za-z0-9_-]{1,200}$/;

/** Opens the cache folder `<dataDir>/key-lists`; `readOnly` when the app's config is (a newer version's data, or an unwritable data dir): then put and remove do nothing. */
export function openKeyCache(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): KeyCache {
  const dir = path.join(dataDir, 'key-lists');
  const open = new Map<string, JsonStore<CacheDoc>>();
  let firstNotice: { notice: OpenNotice; filePath: string } | null = null;

  const fileOf = (profileId: string): string => path.join(dir, `${profileId}.json`);
  const storeOf = (profileId: string, create: CachedList | null): JsonStore<CacheDoc> | null => {
    if (!safeId.test(profileId)) return null;
    const existing = open.get(profileId);
    if (existing) return existing;
    if (!create && !fs.existsSync(fileOf(profileId))) return null;
    const store = openJsonStore<CacheDoc>({
      name: profileId,
      cwd: dir,
      backend,
      defaults: () => ({ schemaVersion: 1, keys: create?.keys ?? [], syncedAt: create?.syncedAt ?? new Date(0).toISOString() }),
      isValid: (doc): doc is CacheDoc => cacheSchema.safeParse(doc).success,
    });
    if (store.notice && !firstNotice) firstNotice = { notice: store.notice, filePath: store.filePath };
    if (store.notice?.kind === 'corrupt-kept' && !create) return null; // damaged and left in place: nothing valid to show
    if (store.notice?.kind === 'corrupt-backed-up' && !create) {
      // The damaged list was backed up; nothing valid is cached for this profile any more.
      try {
        fs.rmSync(store.filePath, { force: true });
      } catch {
        // the defaults could not be written either; nothing to remove
      }
      return null;
    }
    // A list that could not be opened for writing is read again next time, when the disk may have room.
    if (!store.problem || readOnly) open.set(profileId, store);
    return store;
  };

  const toList = (doc: CacheDoc): CachedList => ({ keys: doc.keys, syncedAt: doc.syncedAt });

  return {
    readOnly,
    get(profileId) {
      const store = storeOf(profileId, null);
      return store ? toList(store.read()) : undefined;
    },
    put(profileId, list) {
      if (readOnly) return;
      const store = storeOf(profileId, list);
      if (!store) return;
      if (store.problem) {
        // A new list whose file could not be created (or an old one that cannot be rewritten): nothing is kept.
        open.delete(profileId);
        throw storeWriteFailed(store.problem);
      }
      store.update(() => ({ schemaVersion: 1, keys: list.keys, syncedAt: list.syncedAt }));
    },
    remove(profileId) {
      if (readOnly || !safeId.test(profileId)) return;
      const file = fileOf(profileId);
      try {
        // Only a file that is there is deleted (unlink answers EROFS even for a missing file on a read-only disk).
        if (fs.lstatSync(file, { throwIfNoEntry: false })) fs.unlinkSync(file);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code;
        if (reason !== 'ENOENT') throw storeWriteFailed({ reason: reason ?? 'unknown', path: file });
      }
      open.delete(profileId);
      removeStaleTempFiles(dir, profileId);
    },
    all() {
      const names = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.json'))
            .map((f) => f.slice(0, -'.json'.length))
        : [];
      const lists = new Map<string, CachedList>();
      for (const id of names) {
        const store = storeOf(id, null);
        if (store) lists.set(id, toList(store.read()));
      }
      return lists;
    },
    notice: () => firstNotice,
  };
}
