// "Changes since your last visit": what differs between a profile's last visit (a small snapshot) and its cached key list, read with the key-use history. Pure.
import type { ApiKeyView } from '../../../src-preload/contract/models';
import type { KeyHistory } from './key-history';

/** What the app noted of one key when the user last left the profile's key screen (never a key value). */
export interface SeenKey {
  name: string;
  lastUsedIp: string | null;
  used: boolean;
}

/** A profile's last visit: when, and each key as it was then, by key id. */
export interface Visit {
  at: string;
  keys: Readonly<Record<string, SeenKey>>;
}

/** One change on one key: its id and name, when it happened (null when unknown), and the IP for a use. */
export interface KeyChange {
  keyId: string;
  keyName: string;
  at: string | null;
  ip: string | null;
}

/** The changes since a visit, by kind; each newest first (then by name). */
export interface ProfileChanges {
  newKeys: KeyChange[];
  revokedKeys: KeyChange[];
  newIps: KeyChange[];
  firstUsed: KeyChange[];
}

/** No change at all (also the answer when there was no visit to compare with). */
const noChanges = (): ProfileChanges => ({ newKeys: [], revokedKeys: [], newIps: [], firstUsed: [] });

/** A visit's snapshot of a key list. */
export function snapshotOf(keys: readonly ApiKeyView[], at: string): Visit {
  const entries = keys.map((k): [string, SeenKey] => [k.id, { name: k.name, lastUsedIp: k.lastUsedIp, used: isUsed(k) }]);
  // Object.fromEntries: a key id such as `__proto__` is an ordinary entry, never the prototype.
  return { at, keys: Object.fromEntries(entries) };
}

const isUsed = (k: ApiKeyView): boolean => k.lastUsedDate !== null || k.lastUsedIp !== null;

/** When the history first saw the key used from `ip`, or undefined when it never did. */
function ipFirstSeen(history: KeyHistory | undefined, ip: string): string | undefined {
  return history?.runs.find((r) => r.ip === ip)?.from;
}

/** Newest first; unknown times last; then by name, then id (a stable order). */
function byTimeThenName(a: KeyChange, b: KeyChange): number {
  const ta = a.at === null ? -Infinity : Date.parse(a.at);
  const tb = b.at === null ? -Infinity : Date.parse(b.at);
  if (ta !== tb) return tb - ta;
  return a.keyName.localeCompare(b.keyName) || a.keyId.localeCompare(b.keyId);
}

/**
 * The changes between a visit and the current list: keys new since (by id: a renamed key is not new), keys gone (revoked),
 * keys now used from an IP the app had not seen for them by the visit, keys used for the first time. A key generated and
 * revoked between two visits is in neither and not shown. No visit: nothing to compare, no changes.
 */
export function changesSince(
  visit: Visit | undefined,
  current: { keys: readonly ApiKeyView[]; syncedAt: string } | undefined,
  history: Readonly<Record<string, KeyHistory>> | undefined,
): ProfileChanges {
  const changes = noChanges();
  if (!visit || !current) return changes;
  const visitAt = Date.parse(visit.at);
  const listed = new Set<string>();
  for (const key of current.keys) {
    listed.add(key.id);
    const seen = Object.hasOwn(visit.keys, key.id) ? visit.keys[key.id] : undefined;
    const h = history && Object.hasOwn(history, key.id) ? history[key.id] : undefined;
    if (!seen) changes.newKeys.push({ keyId: key.id, keyName: key.name, at: key.creationDate || h?.firstSeen || null, ip: null });
    if (!isUsed(key)) continue;
    if (!seen?.used) {
      changes.firstUsed.push({ keyId: key.id, keyName: key.name, at: key.lastUsedDate, ip: key.lastUsedIp });
      continue;
    }
    const ip = key.lastUsedIp;
    if (ip === null || ip === seen.lastUsedIp) continue;
    const first = ipFirstSeen(h, ip);
    // Seen from this IP at or before the visit: a place the user already had in front of them.
    if (first !== undefined && Date.parse(first) <= visitAt) continue;
    changes.newIps.push({ keyId: key.id, keyName: key.name, at: first ?? key.lastUsedDate, ip });
  }
  for (const [id, seen] of Object.entries(visit.keys)) {
    if (!listed.has(id)) changes.revokedKeys.push({ keyId: id, keyName: seen.name, at: null, ip: null });
  }
  for (const list of Object.values(changes)) list.sort(byTimeThenName);
  return changes;
}
