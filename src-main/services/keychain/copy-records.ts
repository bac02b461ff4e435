// When each stored copy of a generated key reached the keychain (or was first seen there): metadata only, never a value; one 0600 file
// per profile beside the key lists. Security promise 38: a copy is orphaned only when a list asked for after it was stored lacks its key.
import { z } from 'zod';
import { bestEffort } from '../local-writes';
import { defaultClientOptions } from '../cloudmc/cloudmc-client';
import type { StoreBackendFactory } from '../store/json-store';
import { openProfileFiles } from '../store/profile-files';

/** What the app knows of one copy's time: stored by this app or its command line (`stored`), or first seen in the keychain (`seen`: stored at some time before). */
export interface CopyRecord {
  at: string;
  how: 'stored' | 'seen';
  /** The key's name when it was known then (a copy whose key is gone can still be named). */
  name?: string;
}

/**
 * A list answered up to this long after a copy was first seen may have been asked for before the copy was stored (by another
 * process, whose generate this app's list cannot know about): one call's whole deadline, plus slack for the answer's processing.
 */
export const unknownStoreSlackMs = defaultClientOptions.deadlineMs + 30_000;

/** The instant after which a list that lacks the copy's key proves it orphaned; null when nothing is known (never provably orphaned). */
export function provenSince(record: CopyRecord | undefined): number | null {
  if (!record) return null;
  const at = Date.parse(record.at);
  if (Number.isNaN(at)) return null;
  return record.how === 'stored' ? at : at + unknownStoreSlackMs;
}

/**
 * True when a list answered at `answeredAt` lacking the key proves the copy orphaned. A `stored` record is exact: a list this app
 * asked for before its own generate still carries the key (the answer is reconciled with the changes made meanwhile).
 */
export function orphanedBy(
  record: CopyRecord | undefined,
  list: { ids: ReadonlySet<string>; answeredAt: number } | undefined,
  keyId: string,
): boolean {
  if (!list || list.ids.has(keyId)) return false;
  const since = provenSince(record);
  return since !== null && list.answeredAt > since;
}

/** The records of every profile. Writes are best effort: a record that cannot be written leaves its copy "stored at an unknown time". */
export interface CopyRecords {
  /** Notes that a copy was just stored. */
  stored(profileId: string, keyId: string): void;
  /** The records of a profile's copies (by key id): a copy without one is noted as seen now, a record whose copy is gone is dropped. */
  reconcile(profileId: string, keyIds: readonly string[]): ReadonlyMap<string, CopyRecord>;
  /** Forgets one copy's record (the copy was removed). */
  forget(profileId: string, keyId: string): void;
  /** Forgets every record of a profile. */
  forgetProfile(profileId: string): void;
}

interface RecordsDoc {
  schemaVersion: 1;
  copies: Record<string, CopyRecord>;
}

const recordsSchema = z.object({
  schemaVersion: z.literal(1),
  copies: z.record(z.string(), z.object({ at: z.string().min(1), how: z.enum(['stored', 'seen']), name: z.string().optional() }).strict()),
});

/** Opens `<dataDir>/stored-copies`; `nameOf` names a key from what the app knows now (its cached list). */
export function openCopyRecords(opts: {
  dataDir: string;
  backend: StoreBackendFactory;
  readOnly: boolean;
  now: () => Date;
  nameOf: (profileId: string, keyId: string) => string | undefined;
}): CopyRecords {
  const files = openProfileFiles<RecordsDoc>({
    dataDir: opts.dataDir,
    folder: 'stored-copies',
    backend: opts.backend,
    readOnly: opts.readOnly,
    empty: () => ({ schemaVersion: 1, copies: {} }),
    isValid: (doc): doc is RecordsDoc => recordsSchema.safeParse(doc).success,
  });
  // Maps, not plain objects: a key id such as `__proto__` is a valid CloudMC id and must stay a plain entry.
  const copiesOf = (profileId: string): Map<string, CopyRecord> => new Map(Object.entries(files.get(profileId)?.copies ?? {}));
  const save = (profileId: string, copies: ReadonlyMap<string, CopyRecord>): void => {
    bestEffort(() => (copies.size > 0 ? files.put(profileId, { schemaVersion: 1, copies: Object.fromEntries(copies) }) : files.remove(profileId)));
  };
  const recordOf = (profileId: string, keyId: string, how: CopyRecord['how']): CopyRecord => {
    const name = opts.nameOf(profileId, keyId);
    return { at: opts.now().toISOString(), how, ...(name !== undefined ? { name } : {}) };
  };

  return {
    stored(profileId, keyId) {
      save(profileId, copiesOf(profileId).set(keyId, recordOf(profileId, keyId, 'stored')));
    },
    reconcile(profileId, keyIds) {
      const copies = copiesOf(profileId);
      const present = new Set(keyIds);
      let changed = false;
      for (const keyId of present)
        if (!copies.has(keyId)) {
          copies.set(keyId, recordOf(profileId, keyId, 'seen'));
          changed = true;
        }
      for (const keyId of [...copies.keys()]) if (!present.has(keyId)) changed = copies.delete(keyId) || changed;
      if (changed) save(profileId, copies);
      return copies;
    },
    forget(profileId, keyId) {
      const copies = copiesOf(profileId);
      if (copies.delete(keyId)) save(profileId, copies);
    },
    forgetProfile(profileId) {
      bestEffort(() => files.remove(profileId));
    },
  };
}
