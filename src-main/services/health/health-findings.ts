// Computes key-health findings across every profile from what main already holds (cached lists, key history, stored copies, notes): pure, no I/O.
import type { ApiKeyView } from '../../../src-preload/contract/models';
import {
  defaultKeyNamePattern,
  type HealthCounts,
  type HealthFinding,
  type HealthKind,
  type HealthReport,
  type Snooze,
  type SnoozedFinding,
} from '../../../src-preload/contract/health';
import { healthFactKinds, healthFindingKinds } from '../../../src-preload/contract/rules';
import { newIpOf, type KeyHistory } from './key-history';

const dayMs = 86_400_000;

/** How long a key's new IP stays a finding after the app first saw it. */
export const newIpWindowDays = 30;

/** One profile as the computation needs it. */
export interface ProfileHealthInput {
  id: string;
  name: string;
  /** The id of the key this profile authenticates with, when known. */
  accessKeyId: string | null;
  /** The last list synced from CloudMC; null when never synced (no key finding can be made then). */
  keys: readonly ApiKeyView[] | null;
  history: Readonly<Record<string, KeyHistory>> | undefined;
  /** Key ids of stored keychain copies whose key a list answered after the copy was stored lacks (the stored-copies service decides: promise 38). */
  orphanedCopies: readonly string[];
  notes: Readonly<Record<string, string>>;
  /** The profile's snoozes by snoozeKey (expired ones are ignored). */
  snoozes: Readonly<Record<string, Snooze>>;
}

/** The key a finding's snooze is kept under within its profile: its kind and key id. */
export function snoozeKey(kind: string, keyId: string): string {
  return `${kind}:${keyId}`;
}

/** A kind's rank in the queue (0: most severe). */
function severity(kind: HealthKind): number {
  return (healthFindingKinds as readonly string[]).indexOf(kind);
}

/** Whether a kind is an informational fact rather than a finding. */
function isFact(kind: HealthKind): boolean {
  return (healthFactKinds as readonly string[]).includes(kind);
}

/** Everything the computation reads. */
export interface HealthInput {
  now: Date;
  idleDays: number;
  profiles: readonly ProfileHealthInput[];
  /** Only this profile's findings are listed (counts per profile still cover all). */
  onlyProfileId?: string;
  copiesChecked: boolean;
}

/** A zero count for each kind. */
export function emptyCounts(): HealthCounts {
  return Object.fromEntries(healthFindingKinds.map((k) => [k, 0])) as HealthCounts;
}

/** Whole days between two instants (rounded down). */
function daysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / dayMs);
}

/** Computes the report: the queue grouped by profile (the group with the most severe finding first), by severity inside a group, then key in list order; facts and snoozed findings apart. */
export function computeHealth(input: HealthInput): Omit<HealthReport, 'notices'> {
  const nowMs = input.now.getTime();
  const idleMs = input.idleDays * dayMs;
  const windowMs = newIpWindowDays * dayMs;
  const groups: HealthFinding[][] = [];
  const facts: HealthFinding[] = [];
  const snoozed: SnoozedFinding[][] = [];
  const counts = emptyCounts();
  const byProfile: Record<string, number> = {};

  // Keys used by a profile of this app: key id → the names of the profiles using it.
  const usedBy = new Map<string, string[]>();
  for (const p of input.profiles) if (p.accessKeyId) usedBy.set(p.accessKeyId, [...(usedBy.get(p.accessKeyId) ?? []), p.name]);

  for (const p of input.profiles) {
    const listed = input.onlyProfileId === undefined || input.onlyProfileId === p.id;
    let found = 0;
    const mine: HealthFinding[] = [];
    const mineSnoozed: SnoozedFinding[] = [];
    const add = (kind: HealthKind, keyId: string, keyName: string | null, values: Record<string, string | number>): void => {
      const sk = snoozeKey(kind, keyId);
      const snooze = !isFact(kind) && Object.hasOwn(p.snoozes, sk) ? p.snoozes[sk] : undefined;
      const active = snooze !== undefined && Date.parse(snooze.until) > nowMs;
      if (!isFact(kind) && !active) found += 1;
      if (!listed) return;
      const note = Object.hasOwn(p.notes, keyId) ? (p.notes[keyId] ?? null) : null;
      const finding: HealthFinding = { profileId: p.id, profileName: p.name, keyId, keyName, kind, messageKey: `health.why.${kind}`, values, note };
      if (isFact(kind)) facts.push(finding);
      else if (active) mineSnoozed.push({ ...finding, snooze });
      else {
        counts[kind as keyof HealthCounts] += 1;
        mine.push(finding);
      }
    };
    for (const key of p.keys ?? []) {
      if (key.lastUsedDate === null) {
        const created = Date.parse(key.creationDate);
        if (nowMs - created > idleMs)
          add('never-used', key.id, key.name, { days: daysBetween(created, nowMs), idleDays: input.idleDays, created: key.creationDate });
      } else {
        const used = Date.parse(key.lastUsedDate);
        if (nowMs - used > idleMs)
          add('idle', key.id, key.name, { days: daysBetween(used, nowMs), idleDays: input.idleDays, lastUsed: key.lastUsedDate });
      }
      const history = p.history && Object.hasOwn(p.history, key.id) ? p.history[key.id] : undefined;
      const fresh = history ? newIpOf(history, nowMs, windowMs) : null;
      // Only while CloudMC still reports that IP as the last one.
      if (fresh && fresh.ip === key.lastUsedIp)
        add('new-ip', key.id, key.name, { ip: fresh.ip, firstSeen: fresh.firstSeen, knownBefore: fresh.knownBefore });
      if (defaultKeyNamePattern.test(key.name)) add('default-name', key.id, key.name, { name: key.name });
      const users = usedBy.get(key.id);
      if (users) add('profile-access-key', key.id, key.name, { profiles: users.join(', '), count: users.length });
    }
    for (const keyId of p.orphanedCopies) add('orphaned-copy', keyId, null, {});
    if (found > 0) byProfile[p.id] = found;
    const bySeverity = (a: HealthFinding, b: HealthFinding): number => severity(a.kind) - severity(b.kind); // stable: list order kept
    if (mine.length > 0) groups.push(mine.sort(bySeverity));
    if (mineSnoozed.length > 0) snoozed.push(mineSnoozed.sort(bySeverity));
  }
  // The worst group first; a tie keeps the profiles' order (the sort is stable).
  const worst = (g: readonly HealthFinding[]): number => severity(g[0]!.kind);
  return {
    findings: groups.sort((a, b) => worst(a) - worst(b)).flat(),
    facts,
    snoozed: snoozed.flat(),
    counts,
    byProfile,
    idleDays: input.idleDays,
    copiesChecked: input.copiesChecked,
    computedAt: input.now.toISOString(),
  };
}
