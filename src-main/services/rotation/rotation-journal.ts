// The rotation journal, `<dataDir>/rotations.json`: each step of each rotation recorded before the next one starts (ids, names, dates;
// never a key value). A record that could not be written is held in memory, marked as such, and no step runs from it until it is written.
import fs from 'node:fs';
import { z } from 'zod';
import type { AppError } from '../../../src-preload/contract/errors';
import { rotationViewSchema, type RotationView } from '../../../src-preload/contract/rotation';
import { AppFailure, fail, toAppError } from '../../errors';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from '../store/json-store';
import { writable } from '../store/writable';

/** One rotation as recorded: what the renderer sees, plus what resuming needs. */
const rotationRecordSchema = rotationViewSchema.extend({
  /** The profile's key ids just before the replacement was asked for: a key not among them with the replacement's name is this rotation's. */
  knownKeyIds: z.array(z.string()),
  /** When the profile moved to the new key (own key only): uses of the old key before it were the app's own. */
  switchedAt: z.string().nullable(),
  /** How many times CloudMC's list was searched for a replacement whose generate got no answer (absent in older journals: none). */
  lookups: z.number().int().nonnegative().optional(),
  /** The user chose to revoke the old key (Revoke now, or Revoke anyway): a retry does not ask again. */
  revokeConfirmed: z.boolean().optional(),
});
/** One rotation as recorded. */
export type RotationRecord = z.infer<typeof rotationRecordSchema>;

interface JournalDoc {
  schemaVersion: 1;
  rotations: RotationRecord[];
}
const journalSchema = z.object({ schemaVersion: z.literal(1), rotations: z.array(rotationRecordSchema) });

/** Finished rotations older than this are dropped when the journal opens. */
const keepFinishedMs = 30 * 24 * 60 * 60 * 1000;
const finished = new Set(['done', 'failed', 'cancelled']);

/** The journal's operations. */
export interface RotationJournal {
  /** Every rotation, oldest first: the file's records, with those this session could not write in their place. */
  all(): RotationRecord[];
  get(rotationId: string): RotationRecord | undefined;
  /** Throws store-write-failed / store-read-only when the journal cannot be written (a rotation then does not start). */
  requireWritable(): void;
  /** Writes a record; null once the file holds it, else why not (nothing is remembered then: see `holdUnsaved`). */
  save(record: RotationRecord): AppError | null;
  /** Shows a record the file could not take (its failure says so) until a later `save` of it works. */
  holdUnsaved(record: RotationRecord): void;
  /** True while the record shown for this rotation is one the file does not hold. */
  isUnsaved(rotationId: string): boolean;
  /** Removes a record; one the file still holds after a failed write is hidden for this session. */
  remove(rotationId: string): AppError | null;
  /** The records in the file now, read afresh (another process may have written it). */
  readFromDisk(): RotationRecord[];
}

/** The view of a record (the fields only resuming needs are dropped). */
export function viewOf({
  knownKeyIds: _known,
  switchedAt: _switched,
  lookups: _lookups,
  revokeConfirmed: _confirmed,
  ...view
}: RotationRecord): RotationView {
  return view;
}

/** The failure a paused rotation shows when its journal could not be written: the step stops there, the old key still works. */
export function journalUnwritten(error: AppError): AppError {
  return { ...error, messageKey: 'rotation.errors.journal-unwritten', details: { reason: String(error.details?.['reason'] ?? error.code) } };
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
  /** Records this session could not write (null: removed here, still in the file). */
  const unsaved = new Map<string, RotationRecord | null>();

  const write = (change: (list: RotationRecord[]) => RotationRecord[]): AppError | null => {
    try {
      writable(store).update((doc) => ({ ...doc, rotations: change(doc.rotations) }));
      return null;
    } catch (e) {
      if (e instanceof AppFailure) return e.appError;
      return toAppError(fail('store-write-failed', { details: { reason: 'internal' } }));
    }
  };
  const stale = store.read().rotations.filter((r) => finished.has(r.status) && now().getTime() - Date.parse(r.updatedAt) > keepFinishedMs);
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
      const error = write((list) => [...list.filter((r) => r.id !== record.id), record]);
      if (!error) unsaved.delete(record.id);
      return error;
    },
    holdUnsaved: (record) => void unsaved.set(record.id, record),
    isUnsaved: (rotationId) => unsaved.get(rotationId) != null,
    remove(rotationId) {
      const error = write((list) => list.filter((r) => r.id !== rotationId));
      if (error) unsaved.set(rotationId, null);
      else unsaved.delete(rotationId);
      return error;
    },
    readFromDisk() {
      try {
        const parsed = journalSchema.safeParse(JSON.parse(fs.readFileSync(store.filePath, 'utf8')));
        return parsed.success ? parsed.data.rotations : [];
      } catch {
        return []; // no file yet, or one being replaced: the store's own copy is what this process knows
      }
    },
  };
}
