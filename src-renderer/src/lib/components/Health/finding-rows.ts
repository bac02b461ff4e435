// The Key health queue's rows: main's findings (already in queue order) with a heading row before each profile's group; and a finding's id and reference.
import type { FindingRef, HealthFinding } from '../../../../../src-preload/contract/health';

/** One row of the queue: a profile's heading or a finding. */
export type QueueRow =
  { type: 'group'; profileId: string; profileName: string; count: number } | { type: 'finding'; finding: HealthFinding; index: number };

/** A finding's id within a report (profile, kind, key). */
export function findingId(f: Pick<HealthFinding, 'profileId' | 'kind' | 'keyId'>): string {
  return `${f.profileId}\u0000${f.kind}\u0000${f.keyId}`;
}

/** What main needs to name a finding (a snooze, an unsnooze). */
export function refOf(f: HealthFinding): FindingRef {
  return { profileId: f.profileId, keyId: f.keyId, kind: f.kind as FindingRef['kind'] };
}

/** The rows in main's order: a heading row whenever the profile changes, then its findings. */
export function queueRows(findings: readonly HealthFinding[]): QueueRow[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.profileId, (counts.get(f.profileId) ?? 0) + 1);
  const rows: QueueRow[] = [];
  findings.forEach((f, index) => {
    if (findings[index - 1]?.profileId !== f.profileId)
      rows.push({ type: 'group', profileId: f.profileId, profileName: f.profileName, count: counts.get(f.profileId) ?? 0 });
    rows.push({ type: 'finding', finding: f, index });
  });
  return rows;
}
