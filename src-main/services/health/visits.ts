// The profiles' last visits ("Changes since your last visit"): one small file per profile under `<dataDir>/visits/`, names and last IPs only, never a key value.
import { z } from 'zod';
import type { StoreBackendFactory } from '../store/json-store';
import { openProfileFiles, type ProfileFiles } from '../store/profile-files';
import type { SeenKey, Visit } from './key-changes';

/** A visit as the file holds it: per key id `[name, lastUsedIp, used]`. */
interface VisitDoc {
  schemaVersion: 1;
  at: string;
  keys: Record<string, [name: string, lastUsedIp: string | null, used: boolean]>;
}

const text = z.string().max(1000);
const visitSchema = z.object({
  schemaVersion: z.literal(1),
  at: z.string().min(1).max(100),
  keys: z.record(z.string().max(200), z.tuple([text, text.nullable(), z.boolean()])),
});

/** The visits store. */
export interface VisitStore {
  /** A profile's last visit, or undefined when it was never visited (or its file was damaged, then backed up). */
  get(profileId: string): Visit | undefined;
  /** Saves a profile's visit (atomically); throws store-write-failed (nothing changed) when it cannot. Does nothing when read-only. */
  put(profileId: string, visit: Visit): void;
  /** Forgets a removed profile's visit (its file is deleted). */
  remove(profileId: string): void;
  readonly files: ProfileFiles<VisitDoc>;
}

/** Opens the visits folder; read-only when the app's config is. */
export function openVisits(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): VisitStore {
  const files = openProfileFiles<VisitDoc>({
    dataDir,
    folder: 'visits',
    backend,
    readOnly,
    empty: () => ({ schemaVersion: 1, at: new Date(0).toISOString(), keys: {} }),
    serialize: (doc) => JSON.stringify(doc),
    isValid: (doc): doc is VisitDoc => visitSchema.safeParse(doc).success,
  });
  return {
    files,
    get(profileId) {
      const doc = files.get(profileId);
      if (!doc) return undefined;
      const keys = Object.entries(doc.keys).map(([id, [name, lastUsedIp, used]]): [string, SeenKey] => [id, { name, lastUsedIp, used }]);
      return { at: doc.at, keys: Object.fromEntries(keys) };
    },
    put(profileId, visit) {
      const keys = Object.entries(visit.keys).map(([id, k]): [string, VisitDoc['keys'][string]] => [id, [k.name, k.lastUsedIp, k.used]]);
      files.put(profileId, { schemaVersion: 1, at: visit.at, keys: Object.fromEntries(keys) });
    },
    remove: (profileId) => files.remove(profileId),
  };
}
