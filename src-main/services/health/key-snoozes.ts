// Snoozed key-health findings: one file `<dataDir>/key-snoozes.json`, by profile then finding (kind and key id), each with its expiry and note.
import { z } from 'zod';
import { codePointLength } from '../../../src-preload/contract/limits';
import { keyNoteMaxCodePoints, noteTooLong, type FindingRef, type Snooze } from '../../../src-preload/contract/health';
import type { snoozePeriods } from '../../../src-preload/contract/rules';
import { fail } from '../../errors';
import { openJsonStore, type JsonStore, type StoreBackendFactory } from '../store/json-store';
import { writable } from '../store/writable';
import { snoozeKey } from './health-findings';

const dayMs = 86_400_000;

/** How long each snooze period lasts, in days. */
const periodDays: Record<(typeof snoozePeriods)[number], number> = { '1d': 1, '7d': 7, '30d': 30, '90d': 90 };

/** The snoozes document: by profile id, then snoozeKey. */
export interface SnoozesDoc {
  schemaVersion: 1;
  snoozes: Record<string, Record<string, Snooze>>;
}

const snoozesSchema = z.object({
  schemaVersion: z.literal(1),
  snoozes: z.record(
    z.string(),
    z.record(z.string(), z.object({ until: z.string(), note: z.string().max(4 * keyNoteMaxCodePoints), at: z.string() }).strict()),
  ),
});

/** The snooze use-cases. */
export interface KeySnoozes {
  /** A profile's snoozes by snoozeKey (a fresh object; expired ones included, the findings computation ignores them). */
  of(profileId: string): Record<string, Snooze>;
  /** Snoozes findings for a period from `now`, with a note (trimmed); answers the expiry. Expired snoozes are dropped on the way. */
  snooze(findings: readonly FindingRef[], period: (typeof snoozePeriods)[number], note: string, now: Date): string;
  /** Ends these findings' snoozes; answers how many there were. */
  unsnooze(findings: readonly FindingRef[]): number;
  /** Forgets every snooze of a removed profile (best effort by the caller). */
  forget(profileId: string): void;
  readonly store: JsonStore<SnoozesDoc>;
}

/** Opens `<dataDir>/key-snoozes.json`. */
export function openKeySnoozes(dataDir: string, backend: StoreBackendFactory): KeySnoozes {
  const store = openJsonStore<SnoozesDoc>({
    name: 'key-snoozes',
    cwd: dataDir,
    backend,
    defaults: () => ({ schemaVersion: 1, snoozes: {} }),
    isValid: (doc): doc is SnoozesDoc => snoozesSchema.safeParse(doc).success,
  });
  const profileSnoozes = (doc: SnoozesDoc, profileId: string): Record<string, Snooze> =>
    Object.hasOwn(doc.snoozes, profileId) ? (doc.snoozes[profileId] ?? {}) : {};

  /** Rewrites the document with `change` applied to each profile's entries; a profile left without any is dropped. */
  const update = (change: (profileId: string, entries: [string, Snooze][]) => [string, Snooze][], profileIds: readonly string[]): void => {
    writable(store).update((doc) => {
      const ids = new Set([...Object.keys(doc.snoozes), ...profileIds]);
      // Object.fromEntries: an id such as `__proto__` is an ordinary entry, never the prototype.
      const next = [...ids]
        .map((id) => [id, Object.fromEntries(change(id, Object.entries(profileSnoozes(doc, id))))] as const)
        .filter(([, entries]) => Object.keys(entries).length > 0);
      return { schemaVersion: 1, snoozes: Object.fromEntries(next) };
    });
  };

  return {
    store,
    of: (profileId) => ({ ...profileSnoozes(store.read(), profileId) }),
    snooze(findings, period, note, now) {
      const text = note.trim();
      if (codePointLength(text) > keyNoteMaxCodePoints) throw fail('invalid-input', noteTooLong);
      const until = new Date(now.getTime() + periodDays[period] * dayMs).toISOString();
      const snooze: Snooze = { until, note: text, at: now.toISOString() };
      update(
        (id, entries) => {
          const added = new Map(findings.filter((f) => f.profileId === id).map((f) => [snoozeKey(f.kind, f.keyId), snooze]));
          const kept = entries.filter(([k, s]) => !added.has(k) && Date.parse(s.until) > now.getTime());
          return [...kept, ...added];
        },
        findings.map((f) => f.profileId),
      );
      return until;
    },
    unsnooze(findings) {
      let removed = 0;
      update((id, entries) => {
        const gone = new Set(findings.filter((f) => f.profileId === id).map((f) => snoozeKey(f.kind, f.keyId)));
        const kept = entries.filter(([k]) => !gone.has(k));
        removed += entries.length - kept.length;
        return kept;
      }, []);
      return removed;
    },
    forget(profileId) {
      if (!Object.hasOwn(store.read().snoozes, profileId)) return;
      update((id, entries) => (id === profileId ? [] : entries), []);
    },
  };
}
