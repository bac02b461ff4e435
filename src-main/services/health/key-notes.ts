// Local notes on keys (where it is deployed, who owns it, a ticket): one file `<dataDir>/key-notes.json`, never sent to CloudMC.
import { z } from 'zod';
import { codePointLength } from '../../../src-preload/contract/limits';
import { keyNoteMaxCodePoints, noteTooLong } from '../../../src-preload/contract/health';
import { fail } from '../../errors';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from '../store/json-store';
import { writable } from '../store/writable';

/** The notes document: by profile id, then key id. */
export interface NotesDoc {
  schemaVersion: 1;
  notes: Record<string, Record<string, string>>;
}

const notesSchema = z.object({
  schemaVersion: z.literal(1),
  notes: z.record(
    z.string(),
    z.record(
      z.string(),
      z
        .string()
        .min(1)
        .max(4 * keyNoteMaxCodePoints),
    ),
  ),
});

/** The notes use-cases. */
export interface KeyNotes {
  /** A profile's notes by key id (a fresh object). */
  of(profileId: string): Record<string, string>;
  /** One key's note, if any. */
  get(profileId: string, keyId: string): string | undefined;
  /** Sets a note (trimmed; empty removes it); answers the note kept, or null. Throws store-read-only / store-write-failed when it cannot be saved. */
  set(profileId: string, keyId: string, note: string): string | null;
  /** Forgets every note of a removed profile (best effort by the caller). */
  forget(profileId: string): void;
  readonly store: JsonStore<NotesDoc>;
}

/** Opens `<dataDir>/key-notes.json`. */
export function openKeyNotes(dataDir: string, backend: StoreBackendFactory): KeyNotes {
  const store = openJsonStore<NotesDoc>({
    name: 'key-notes',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, notes: {} }),
    isValid: (doc): doc is NotesDoc => notesSchema.safeParse(doc).success,
  });
  const profileNotes = (doc: NotesDoc, profileId: string): Record<string, string> =>
    Object.hasOwn(doc.notes, profileId) ? (doc.notes[profileId] ?? {}) : {};

  return {
    store,
    of: (profileId) => ({ ...profileNotes(store.read(), profileId) }),
    get(profileId, keyId) {
      const notes = profileNotes(store.read(), profileId);
      return Object.hasOwn(notes, keyId) ? notes[keyId] : undefined;
    },
    set(profileId, keyId, note) {
      const text = note.trim();
      if (codePointLength(text) > keyNoteMaxCodePoints) throw fail('invalid-input', noteTooLong);
      writable(store).update((doc) => {
        const mine = Object.entries(profileNotes(doc, profileId)).filter(([id]) => id !== keyId);
        if (text !== '') mine.push([keyId, text]);
        const others = Object.entries(doc.notes).filter(([id]) => id !== profileId);
        // Object.fromEntries: an id such as `__proto__` is an ordinary entry, never the prototype.
        return { schemaVersion: 1, notes: Object.fromEntries(mine.length > 0 ? [...others, [profileId, Object.fromEntries(mine)]] : others) };
      });
      return text === '' ? null : text;
    },
    forget(profileId) {
      if (!Object.hasOwn(store.read().notes, profileId)) return;
      writable(store).update((doc) => ({
        schemaVersion: 1,
        notes: Object.fromEntries(Object.entries(doc.notes).filter(([id]) => id !== profileId)),
      }));
    },
  };
}
