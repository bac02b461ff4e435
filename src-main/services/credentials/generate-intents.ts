// The generate-intent journal, `<dataDir>/generate-intents.json` (0600, versioned): each Generate is recorded before its request is
// sent and cleared once its answer is handled, so one a crash cut short is known at the next start (security.md 39). Never a value.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from '../store/json-store';
import { writable } from '../store/writable';

/** One Generate about to be sent: who asked, what for, and which keys existed before it. */
const generateIntentSchema = z.object({
  id: z.string().min(1),
  profileId: z.string().min(1),
  /** The name asked for (trimmed); null when CloudMC picks one. */
  name: z.string().nullable(),
  /** Key ids the app knew for the profile before sending (and those it got values for since): never this Generate's key. */
  knownKeyIds: z.array(z.string()),
  /** When the request was about to be sent (ISO 8601). */
  startedAt: z.string().min(1),
});
/** One recorded Generate. */
export type GenerateIntent = z.infer<typeof generateIntentSchema>;

interface IntentsDoc {
  schemaVersion: 1;
  intents: GenerateIntent[];
}
const intentsSchema = z.object({ schemaVersion: z.literal(1), intents: z.array(generateIntentSchema) });

/** The journal's operations. */
export interface GenerateIntents {
  /** The intents on record (those a previous run left, and this run's not yet cleared). */
  all(): GenerateIntent[];
  /** Records an intent; throws store-write-failed / store-read-only when it cannot be written (the Generate is then not sent). */
  record(intent: Omit<GenerateIntent, 'id'>): GenerateIntent;
  /** Replaces an intent's known key ids (best effort: false when it could not be written). */
  setKnown(intentId: string, knownKeyIds: string[]): boolean;
  /** Removes an intent (best effort: one that cannot be removed now is removed with the next write that works). */
  clear(intentId: string): void;
}

/** Opens the journal in `dataDir` (a corrupt file is backed up by openJsonStore and the journal starts empty). */
export function openGenerateIntents(dataDir: string, backend: StoreBackendFactory): GenerateIntents {
  const store: JsonStore<IntentsDoc> = openJsonStore<IntentsDoc>({
    name: 'generate-intents',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, intents: [] }),
    isValid: (doc): doc is IntentsDoc => intentsSchema.safeParse(doc).success,
  });
  /** Intents cleared in memory whose removal could not be written yet. */
  const cleared = new Set<string>();
  const write = (change: (intents: GenerateIntent[]) => GenerateIntent[]): void => {
    writable(store).update((doc) => ({ ...doc, intents: change(doc.intents.filter((i) => !cleared.has(i.id))) }));
    cleared.clear();
  };
  const tryWrite = (change: (intents: GenerateIntent[]) => GenerateIntent[]): boolean => {
    try {
      write(change);
      return true;
    } catch {
      return false;
    }
  };

  return {
    all: () => store.read().intents.filter((i) => !cleared.has(i.id)),
    record(fields) {
      const intent: GenerateIntent = { id: randomUUID(), ...fields };
      write((intents) => [...intents, intent]);
      return intent;
    },
    setKnown: (intentId, knownKeyIds) => tryWrite((intents) => intents.map((i) => (i.id === intentId ? { ...i, knownKeyIds } : i))),
    clear(intentId) {
      cleared.add(intentId);
      tryWrite((intents) => intents);
    },
  };
}
