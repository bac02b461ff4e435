// The activity log of a profile: the last fetched entries cached per profile for offline, and the panel's view (IPs known or new, codes in plain words).
import { z } from 'zod';
import type { ActivityEntry } from '../../../src-preload/contract/health';
import { knownActivityStatuses, knownEventCodes } from '../../../src-preload/contract/health';
import type { ActivityRecord } from '../cloudmc/cloudmc-api';
import type { StoreBackendFactory } from '../store/json-store';
import { ipsSeen, type KeyHistory } from './key-history';
import { openProfileFiles, type ProfileFiles } from '../store/profile-files';

/** Most entries kept in a profile's activity cache (the newest). */
export const activityEntriesMax = 10_000;

/** A profile's cached activity. */
export interface ActivityDoc {
  schemaVersion: 1;
  syncedAt: string;
  /** Newest first. */
  entries: ActivityRecord[];
  /** Entries of that answer the app could not read (absent in files written before it was counted: 0). */
  skipped?: number;
  /** Readable entries of that answer older than the newest activityEntriesMax kept. */
  older?: number;
}

const recordSchema = z
  .object({
    id: z.string(),
    created: z.string(),
    eventCode: z.string(),
    category: z.string(),
    status: z.string(),
    requesterIp: z.string().nullable(),
    // Absent in copies cached before the key's name was read.
    keyName: z.string().nullable().optional(),
  })
  .strict();
const activityDocSchema = z.object({
  schemaVersion: z.literal(1),
  syncedAt: z.string().min(1),
  entries: z.array(recordSchema).max(activityEntriesMax),
  skipped: z.number().int().nonnegative().optional(),
  older: z.number().int().nonnegative().optional(),
});

/** Opens `<dataDir>/activity/`, one file per profile. */
export function openActivityCache(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): ProfileFiles<ActivityDoc> {
  return openProfileFiles<ActivityDoc>({
    dataDir,
    folder: 'activity',
    backend,
    readOnly,
    empty: () => ({ schemaVersion: 1, syncedAt: new Date(0).toISOString(), entries: [] }),
    isValid: (doc): doc is ActivityDoc => activityDocSchema.safeParse(doc).success,
  });
}

/** The newest activityEntriesMax entries, newest first, and how many older ones were left out. */
export function keepNewestActivity(records: readonly ActivityRecord[]): { entries: ActivityRecord[]; older: number } {
  const dated = records.map((record) => ({ record, at: Date.parse(record.created) }));
  dated.sort((a, b) => b.at - a.at || (a.record.id < b.record.id ? -1 : 1));
  const entries = dated.slice(0, activityEntriesMax).map((d) => d.record);
  return { entries, older: records.length - entries.length };
}

const eventKeys: ReadonlySet<string> = new Set(knownEventCodes);

/** The i18n key of an event code the app can say in plain words, or null (the code is then shown as text). */
export function eventKeyOf(eventCode: string): string | null {
  return eventKeys.has(eventCode) ? `activity.event.${eventCode}` : null;
}

const statusKeys: ReadonlySet<string> = new Set(knownActivityStatuses);

/** The i18n key of a status the app can say in plain words, or null (the status is then shown as text). */
function statusKeyOf(status: string): string | null {
  return statusKeys.has(status) ? `activity.statusValue.${status}` : null;
}

/**
 * The panel's entries (newest first): each requester IP is `known` when the profile's key history or an earlier activity
 * has it, else `new` (the first time it appears); `none` when CloudMC gave no IP.
 */
export function toActivityEntries(records: readonly ActivityRecord[], history: Readonly<Record<string, KeyHistory>> | undefined): ActivityEntry[] {
  const known = new Set<string>();
  for (const key of Object.values(history ?? {})) for (const ip of ipsSeen(key).keys()) known.add(ip);
  const entries: ActivityEntry[] = new Array<ActivityEntry>(records.length);
  // Oldest first, so "earlier activity" is what was walked already.
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    const ip = r.requesterIp;
    const ipStatus = ip === null || ip === '' ? 'none' : known.has(ip) ? 'known' : 'new';
    if (ip) known.add(ip);
    entries[i] = {
      id: r.id,
      created: r.created,
      eventCode: r.eventCode,
      eventKey: eventKeyOf(r.eventCode),
      category: r.category,
      status: r.status,
      statusKey: statusKeyOf(r.status),
      requesterIp: ip === '' ? null : ip,
      ipStatus,
      keyName: r.keyName ?? null,
    };
  }
  return entries;
}
