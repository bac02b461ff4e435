// The rotation journal, `<dataDir>/rotations.json`: each step of each rotation recorded before the next one starts (ids, names, dates; never a key value).
import { z } from 'zod';
import type { AppError } from '../../../src-preload/contract/errors';
import { rotationViewSchema, type RotationStatus, type RotationView } from '../../../src-preload/contract/rotation';
import { localCopyWarning } from '../local-writes';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from '../store/json-store';
import { writable } from '../store/writable';

/** One rotation as recorded: what the renderer sees, plus what resuming needs. */
export const rotationRecordSchema = rotationViewSchema.extend({
  /** The profile's key ids just before the replacement was asked for: a key not among them with the replacement's name is this rotation's. */
  knownKeyIds: z.array(z.string()),
  /** When the profile moved to the new key (own key only): uses of the old key before it were the app's own. */
  switchedAt: z.string().nullable(),
});
/** One rotation as recorded. */
export type RotationRecord = z.infer<typeof rotationRecordSchema>;

interface JournalDoc {
  schemaVersion: 1;
  rotations: RotationRecord[];
}
const journalSchema = z.object({ schemaVersion: z.literal(1), rotations: z.array(rotationRecordSchema) });

/** Statuses after which nothing more happens by itself. */
export const finishedStatuses: ReadonlySet<RotationStatus> = new Set(['done', 'failed', 'cancelled']);
/** Finished rotations older than this are dropped when the journal opens. */
const keepFinishedMs = 30 * 24 * 60 * 60 * 1000;

/** The journal's operations. */
export interface RotationJournal {
  all(): RotationRecord[];
  get(rotationId: string): RotationRecord | undefined;
  /** Throws store-write-failed / store-read-only when the journal cannot be written (a rotation then does not start). */
  requireWritable(): void;
  /** Records a step; the file first, then memory. A write that fails once CloudMC has acted is a warning: this session goes on from memory. */
  save(record: RotationRecord): AppError | null;
  remove(rotationId: string): AppError | null;
}

/** The view of a record (the fields only resuming needs are dropped). */
export function viewOf({ knownKeyIds: _known, switchedAt: _switched, ...view }: RotationRecord): RotationView {
  return view;
}

/** Opens the journal in `dataDir` (0600, versioned, corrupt file backed up by openJsonStore) and drops old finished rotations. */
export function openRotationJournal(dataDir: string, backend: StoreBackendFactory, now: () => Date): RotationJournal {
  const store: JsonStore<JournalDoc> = openJsonStore<JournalDoc>({
    name: 'rotations',
    cwd: dataDir,
    backend,
    now,
    defaults: () => ({ schemaVersion: 1, rotations: [] }),
    isValid: (doc): doc is JournalDoc => journalSchema.safeParse(doc).success,
  });
  /** Records this session could not write: kept so the rotation goes on, and written again with the next step. */
  const unsaved = new Map<string, RotationRecord | null>();

  const write = (change: (list: RotationRecord[]) => RotationRecord[]): AppError | null => {
    try {
      writable(store).update((doc) => ({ ...doc, rotations: change(doc.rotations) }));
      return null;
    } catch (e) {
      return localCopyWarning(e);
    }
  };
  const stale = store.read().rotations.filter((r) => finishedStatuses.has(r.status) && now().getTime() - Date.parse(r.updatedAt) > keepFinishedMs);
  if (stale.length > 0 && !store.readOnly) write((list) => list.filter((r) => !stale.includes(r)));

  const all = (): RotationRecord[] => {
    const saved = store.read().rotations.filter((r) => !unsaved.has(r.id));
    const pending = [...unsaved.values()].filter((r): r is RotationRecord => r !== null);
    return [...saved, ...pending].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  };

  return {
    all,
    get: (rotationId) => all().find((r) => r.id === rotationId),
    requireWritable: () => void writable(store),
    save(record) {
      const warning = write((list) => [...list.filter((r) => r.id !== record.id), record]);
      if (warning) unsaved.set(record.id, record);
      else unsaved.delete(record.id);
      return warning;
    },
    remove(rotationId) {
      const warning = write((list) => list.filter((r) => r.id !== rotationId));
      if (warning) unsaved.set(rotationId, null);
      else unsaved.delete(rotationId);
      return warning;
    },
  };
}
