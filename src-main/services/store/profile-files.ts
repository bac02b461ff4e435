// One small versioned file per profile in a folder of the data dir (key lists, key-use history, activity cache): a sync rewrites only its own profile's file.
import fs from 'node:fs';
import path from 'node:path';
import {
  openJsonStore,
  removeStaleTempFiles,
  storeWriteFailed,
  type JsonStore,
  type OpenNotice,
  type Migration,
  type StoreBackendFactory,
  type Versioned,
} from './json-store';

/** The documents of one folder, by profile id. */
export interface ProfileFiles<T extends Versioned> {
  /** The profile's document, or undefined when none (or a damaged one, backed up). */
  get(profileId: string): T | undefined;
  /** Writes a profile's document, and only then keeps it; throws store-write-failed (nothing changed) when it cannot. Does nothing when read-only. */
  put(profileId: string, doc: T): void;
  /** Deletes a profile's file; throws store-write-failed when it cannot. */
  remove(profileId: string): void;
  /** The ids of the profiles that have a file in the folder. */
  ids(): string[];
  /** The first problem found in a file (backed up), if any. */
  notice(): { notice: OpenNotice; filePath: string } | null;
  readonly dir: string;
  readonly readOnly: boolean;
}

/** Profile ids that may name a file (the app's own ids are UUIDs). */
const safeId = /^[A-Za-z0-9_-]{1,200}$/;

/** Opens `<dataDir>/<folder>`: files 0600, versioned, a corrupt file backed up and treated as absent. */
export function openProfileFiles<T extends Versioned>(opts: {
  dataDir: string;
  folder: string;
  backend: StoreBackendFactory;
  readOnly: boolean;
  empty: () => T;
  isValid: (doc: unknown) => doc is T;
  migrations?: Record<number, Migration>;
  /** The file's text (the backend's own, tab-indented JSON, when not given). */
  serialize?: (doc: Record<string, unknown>) => string;
  /** Told of each file found damaged (or newer) when it is opened, with its profile id: the caller may tell the user. */
  onNotice?: (profileId: string, notice: NonNullable<OpenNotice>) => void;
}): ProfileFiles<T> {
  const dir = path.join(opts.dataDir, opts.folder);
  const open = new Map<string, JsonStore<T>>();
  let firstNotice: { notice: OpenNotice; filePath: string } | null = null;
  const fileOf = (profileId: string): string => path.join(dir, `${profileId}.json`);

  const storeOf = (profileId: string, create: T | null): JsonStore<T> | null => {
    if (!safeId.test(profileId)) return null;
    const existing = open.get(profileId);
    if (existing) return existing;
    if (!create && !fs.existsSync(fileOf(profileId))) return null;
    const store = openJsonStore<T>({
      name: profileId,
      cwd: dir,
      backend: opts.backend,
      defaults: () => create ?? opts.empty(),
      isValid: opts.isValid,
      ...(opts.migrations ? { migrations: opts.migrations } : {}),
      ...(opts.serialize ? { serialize: opts.serialize } : {}),
    });
    if (store.notice && !firstNotice) firstNotice = { notice: store.notice, filePath: store.filePath };
    if (store.notice) opts.onNotice?.(profileId, store.notice);
    if (store.notice?.kind === 'corrupt-kept' && !create) return null;
    if (store.notice?.kind === 'corrupt-backed-up' && !create) {
      // The damaged file was backed up; what the defaults wrote in its place is not a document anyone saved.
      try {
        fs.rmSync(store.filePath, { force: true });
      } catch {
        // nothing written, nothing to remove
      }
      return null;
    }
    if (!store.problem || opts.readOnly) open.set(profileId, store);
    return store;
  };

  return {
    dir,
    readOnly: opts.readOnly,
    get(profileId) {
      return storeOf(profileId, null)?.read();
    },
    put(profileId, doc) {
      if (opts.readOnly) return;
      const store = storeOf(profileId, doc);
      if (!store) return;
      if (store.problem) {
        open.delete(profileId);
        throw storeWriteFailed(store.problem);
      }
      store.update(() => doc);
    },
    remove(profileId) {
      if (opts.readOnly || !safeId.test(profileId)) return;
      const file = fileOf(profileId);
      try {
        if (fs.lstatSync(file, { throwIfNoEntry: false })) fs.unlinkSync(file);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code;
        if (reason !== 'ENOENT') throw storeWriteFailed({ reason: reason ?? 'unknown', path: file });
      }
      open.delete(profileId);
      removeStaleTempFiles(dir, profileId);
    },
    ids() {
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length));
    },
    notice: () => firstNotice,
  };
}
