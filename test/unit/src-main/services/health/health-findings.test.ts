// Issue 19 items 4 and 6, main's side: the triage queue's order (severity, grouped by profile), "used by this app" as a fact apart
// (never a finding, never counted in the sidebar badge), and snoozed findings out of the queue until their snooze ends.
import { describe, expect, it } from 'vitest';
import { computeHealth, snoozeKey, type ProfileHealthInput } from '../../../../../src-main/services/health/health-findings';
import type { ApiKeyView } from '../../../../../src-preload/contract/models';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00.000Z');
const ago = (days: number): string => new Date(now.getTime() - days * DAY).toISOString();

function key(id: string, name: string, created: string, lastUsed: string | null, ip: string | null = null): ApiKeyView {
  return { id, name, creationDate: created, lastUsedDate: lastUsed, lastUsedIp: ip } as ApiKeyView;
}

function profile(id: string, keys: ApiKeyView[], extra: Partial<ProfileHealthInput> = {}): ProfileHealthInput {
  return { id, name: `Profile ${id}`, accessKeyId: null, keys, history: undefined, orphanedCopies: [], notes: {}, snoozes: {}, ...extra };
}

describe('key health: the triage queue', () => {
  it('"used by this app" is a fact apart: no finding, no badge for a profile whose only fact is its own key', () => {
    const access = key('k-access', 'ci-access', ago(2), ago(0));
    const report = computeHealth({ now, idleDays: 90, copiesChecked: true, profiles: [profile('p1', [access], { accessKeyId: 'k-access' })] });
    expect(report.findings).toEqual([]);
    expect(report.byProfile).toEqual({});
    expect(report.facts.map((f) => [f.keyId, f.kind])).toEqual([['k-access', 'profile-access-key']]);
    expect(Object.keys(report.counts)).not.toContain('profile-access-key');
  });

  it('orders by severity (new IP > copy of a revoked key > never used > idle > default name), grouped by profile, worst group first', () => {
    const mild = profile('mild', [key('m1', 'key-00aa11', ago(1), ago(0))]);
    const bad = profile('bad', [key('b1', 'key-abcdef', ago(400), ago(200)), key('b2', 'never', ago(300), null)], { orphanedCopies: ['b-gone'] });
    const report = computeHealth({ now, idleDays: 90, copiesChecked: true, profiles: [mild, bad] });
    expect(report.findings.map((f) => `${f.profileId}:${f.kind}:${f.keyId}`)).toEqual([
      'bad:orphaned-copy:b-gone',
      'bad:never-used:b2',
      'bad:idle:b1',
      'bad:default-name:b1',
      'mild:default-name:m1',
    ]);
    expect(report.byProfile).toEqual({ bad: 4, mild: 1 });
  });

  it('a snoozed finding leaves the queue (and the badge) until its snooze ends, and is reported apart with its note', () => {
    const p = (until: string): ProfileHealthInput =>
      profile('p1', [key('k1', 'old', ago(300), null), key('k2', 'key-123abc', ago(1), ago(0))], {
        snoozes: { [snoozeKey('never-used', 'k1')]: { until, note: 'ticket 42', at: ago(1) } },
      });
    const active = computeHealth({ now, idleDays: 90, copiesChecked: true, profiles: [p(new Date(now.getTime() + DAY).toISOString())] });
    expect(active.findings.map((f) => f.kind)).toEqual(['default-name']);
    expect(active.byProfile).toEqual({ p1: 1 });
    expect(active.counts['never-used']).toBe(0);
    expect(active.snoozed.map((f) => [f.keyId, f.kind, f.snooze.note])).toEqual([['k1', 'never-used', 'ticket 42']]);

    const expired = computeHealth({ now, idleDays: 90, copiesChecked: true, profiles: [p(ago(0.001))] });
    expect(expired.findings.map((f) => f.kind)).toEqual(['never-used', 'default-name']);
    expect(expired.snoozed).toEqual([]);
  });

  it("says a never-used key's age plainly: the days since it was generated", () => {
    const report = computeHealth({ now, idleDays: 90, copiesChecked: true, profiles: [profile('p1', [key('k1', 'old', ago(120), null)])] });
    expect(report.findings[0]?.values).toMatchObject({ days: 120 });
  });
});
