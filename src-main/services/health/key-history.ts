// The key-use history CloudMC does not keep: per key, each change of (lastUsedDate, lastUsedIp) the app observed, bounded; never a key value.
import { z } from 'zod';
import type { ApiKeyView } from '../../../src-preload/contract/models';
import type { StoreBackendFactory } from '../store/json-store';
import { openProfileFiles, type ProfileFiles } from '../store/profile-files';

/**
 * Most runs kept per key (the oldest are dropped): a run is the observations in a row with one last IP. Key health
 * needs the current place, when it was first seen and whether another was seen before it: a few recent places do.
 */
export const runsPerKeyMax = 8;

/**
 * Consecutive observations of a key with the same last IP, folded into one run: when the app first and last saw its
 * last use change, and CloudMC's first and last `lastUsedDate` meanwhile. Folding keeps the file in proportion to
 * how often a key changes place, not to how often the app syncs; `ip` null is a time the key was never used.
 */
export interface UseRun {
  ip: string | null;
  /** When the app first observed this run (a sync's time). */
  from: string;
  /** When the app last observed a change within it. */
  to: string;
  firstUsed: string | null;
  lastUsed: string | null;
}

/** What the app knows of one key's use over time. */
export interface KeyHistory {
  /** When the app first saw the key. */
  firstSeen: string;
  /** Oldest first; two runs in a row never have the same IP. */
  runs: UseRun[];
}

/** A run as the file holds it: [ip, from, to, firstUsed, lastUsed], the app's own times in ms since the epoch. */
export type StoredRun = [ip: string | null, from: number, to: number, firstUsed: string | null, lastUsed: string | null];

/** A profile's history file (version 2): per key id `[firstSeen (ms), runs]`, written without indentation. */
export interface HistoryDoc {
  schemaVersion: 2;
  /** By key id; a key no longer listed is dropped at the next sync (so the file stays bounded by the list). */
  keys: Record<string, [firstSeen: number, runs: StoredRun[]]>;
}

/** A time the app wrote itself (ms): a file holding anything else is damaged, never shown as a date. */
const appTime = z.number().int().min(0).max(8.64e15);
/** What CloudMC sent (its own limits, as the client reads them). */
const cloudmcText = z.string().max(100).nullable();
const runSchema = z.tuple([cloudmcText, appTime, appTime, cloudmcText, cloudmcText]);
const historySchema = z.object({
  schemaVersion: z.literal(2),
  keys: z.record(z.string().max(200), z.tuple([appTime, z.array(runSchema).max(runsPerKeyMax)])),
});

/** Version 1 (tab-indented objects, ISO times, up to 50 runs) read as version 2: the newest runs kept, times as ms. */
const fromVersion1 = (doc: Record<string, unknown>): Record<string, unknown> => {
  const keys = (doc.keys ?? {}) as Record<string, { firstSeen?: unknown; runs?: unknown }>;
  const ms = (t: unknown): number => (typeof t === 'string' ? Date.parse(t) : NaN);
  const entries = Object.entries(keys).map(([id, k]) => {
    const runs = Array.isArray(k?.runs) ? (k.runs as Partial<UseRun>[]) : [];
    return [id, [ms(k?.firstSeen), runs.slice(-runsPerKeyMax).map((r) => [r?.ip, ms(r?.from), ms(r?.to), r?.firstUsed, r?.lastUsed])]];
  });
  // Anything malformed fails the version 2 check afterwards and is backed up as damaged.
  return { schemaVersion: 2, keys: Object.fromEntries(entries) };
};

/** The history file's text: compact JSON (no indentation). */
export const serializeHistory = (doc: Record<string, unknown>): string => JSON.stringify(doc);

/** The file form of a profile's histories. */
export function encodeHistory(keys: Readonly<Record<string, KeyHistory>>): HistoryDoc {
  const entries = Object.entries(keys).map(([id, k]): [string, [number, StoredRun[]]] => [
    id,
    [Date.parse(k.firstSeen), k.runs.map((r): StoredRun => [r.ip, Date.parse(r.from), Date.parse(r.to), r.firstUsed, r.lastUsed])],
  ]);
  return { schemaVersion: 2, keys: Object.fromEntries(entries) };
}

/** A profile's histories read from the file form. */
export function decodeHistory(doc: HistoryDoc): Record<string, KeyHistory> {
  const iso = (t: number): string => new Date(t).toISOString();
  const entries = Object.entries(doc.keys).map(([id, [firstSeen, runs]]): [string, KeyHistory] => [
    id,
    {
      firstSeen: iso(firstSeen),
      runs: runs.map(([ip, from, to, firstUsed, lastUsed]) => ({ ip, from: iso(from), to: iso(to), firstUsed, lastUsed })),
    },
  ]);
  return Object.fromEntries(entries);
}

/** A history file found damaged at its first read: moved aside to `backupPath`, the profile's history started again. */
export interface DamagedHistory {
  profileId: string;
  backupPath: string;
}

/** The key-use histories, one file per profile under `<dataDir>/key-history/`. */
export interface KeyHistoryStore {
  /** Records a list CloudMC answered at `observedAt`; writes only when something changed; throws store-write-failed (nothing changed) when it cannot. */
  record(profileId: string, keys: readonly ApiKeyView[], observedAt: string): void;
  /** A profile's history by key id, or undefined when none. */
  get(profileId: string): Readonly<Record<string, KeyHistory>> | undefined;
  /** Forgets a profile's history (its file is deleted). */
  remove(profileId: string): void;
  /** The damaged files found since the last call (each told once), oldest first. */
  takeDamaged(): DamagedHistory[];
  readonly files: ProfileFiles<HistoryDoc>;
}

/** Opens the history folder; read-only when the app's config is. */
export function openKeyHistory(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): KeyHistoryStore {
  const damaged: DamagedHistory[] = [];
  const files = openProfileFiles<HistoryDoc>({
    dataDir,
    folder: 'key-history',
    backend,
    readOnly,
    empty: () => ({ schemaVersion: 2, keys: {} }),
    migrations: { 1: fromVersion1 },
    serialize: serializeHistory,
    isValid: (doc): doc is HistoryDoc => historySchema.safeParse(doc).success,
    onNotice: (profileId, notice) => {
      if (notice.kind === 'corrupt-backed-up') damaged.push({ profileId, backupPath: notice.backupPath });
    },
  });
  // Decoded once per document read or written (health reads every profile's history).
  const decoded = new WeakMap<HistoryDoc, Record<string, KeyHistory>>();
  const get = (profileId: string): Record<string, KeyHistory> | undefined => {
    const doc = files.get(profileId);
    if (!doc) return undefined;
    const known = decoded.get(doc);
    if (known) return known;
    const keys = decodeHistory(doc);
    decoded.set(doc, keys);
    return keys;
  };
  return {
    takeDamaged: () => damaged.splice(0),
    files,
    record(profileId, keys, observedAt) {
      const next = nextHistory(get(profileId) ?? {}, keys, observedAt);
      if (next === null) return;
      const doc = encodeHistory(next);
      files.put(profileId, doc);
      decoded.set(doc, next);
    },
    get,
    remove: (profileId) => files.remove(profileId),
  };
}

/** One key's history after observing it at `at`: the same object when nothing changed. */
export function observeKey(old: KeyHistory | undefined, key: ApiKeyView, at: string): KeyHistory {
  const last = old?.runs.at(-1);
  if (old && last && last.ip === key.lastUsedIp) {
    if (last.lastUsed === key.lastUsedDate) return old;
    return { firstSeen: old.firstSeen, runs: [...old.runs.slice(0, -1), { ...last, to: at, lastUsed: key.lastUsedDate }] };
  }
  const run: UseRun = { ip: key.lastUsedIp, from: at, to: at, firstUsed: key.lastUsedDate, lastUsed: key.lastUsedDate };
  return { firstSeen: old?.firstSeen ?? at, runs: [...(old?.runs ?? []), run].slice(-runsPerKeyMax) };
}

/** The history after observing a list, or null when nothing changed (no write needed). */
export function nextHistory(
  before: Readonly<Record<string, KeyHistory>>,
  keys: readonly ApiKeyView[],
  observedAt: string,
): Record<string, KeyHistory> | null {
  let changed = Object.keys(before).length !== keys.length;
  const entries: [string, KeyHistory][] = [];
  for (const key of keys) {
    const old = Object.hasOwn(before, key.id) ? before[key.id] : undefined;
    const next = observeKey(old, key, observedAt);
    if (next !== old) changed = true;
    entries.push([key.id, next]);
  }
  // Object.fromEntries: a key id such as `__proto__` is an ordinary entry, never the prototype.
  return changed ? Object.fromEntries(entries) : null;
}

/** Every IP a key was seen used from, with when the app first saw each (in order of appearance). */
export function ipsSeen(history: KeyHistory | undefined): Map<string, string> {
  const seen = new Map<string, string>();
  for (const r of history?.runs ?? []) if (r.ip !== null && !seen.has(r.ip)) seen.set(r.ip, r.from);
  return seen;
}

/**
 * The key's current IP when it is new: first seen within `windowMs` before `now`, and the key had been seen used from
 * another IP before it (a key's very first use is not "a place never seen before"). Null otherwise.
 */
export function newIpOf(
  history: KeyHistory | undefined,
  now: number,
  windowMs: number,
): { ip: string; firstSeen: string; knownBefore: number } | null {
  const runs = history?.runs;
  const last = runs?.at(-1);
  if (!runs || !last || last.ip === null || runs.length < 2) return null;
  // The run's start is the app's own ISO time: an IP first seen before the window was seen before this run too.
  if (now - Date.parse(last.from) > windowMs) return null;
  const ip = last.ip;
  const first = runs.findIndex((r) => r.ip === ip);
  const earlier = new Set<string>();
  for (let i = 0; i < first; i++) if (runs[i]!.ip !== null) earlier.add(runs[i]!.ip!);
  if (earlier.size === 0 || now - Date.parse(runs[first]!.from) > windowMs) return null;
  return { ip, firstSeen: runs[first]!.from, knownBefore: earlier.size };
}
