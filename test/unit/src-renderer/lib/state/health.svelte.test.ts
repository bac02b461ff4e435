// The renderer's key-health state over the bridge: what it asks main, what it keeps of main's answers (report, badges per profile,
// errors, activity), and the reload after each change.
import { beforeEach, describe, expect, it } from 'vitest';
import { HealthStore } from '../../../../../src-renderer/src/lib/state/health.svelte';
import { isolate } from '../../../../../src-renderer/src/lib/format/bidi';
import { notices } from '../../../../../src-renderer/src/lib/state/notices.svelte';
import type { ActivityView, HealthFinding, HealthReport } from '../../../../../src-preload/contract/health';
import { healthFindingKinds } from '../../../../../src-preload/contract/rules';
import { deferred, fail, installBridge, ok, resetAll, workingHandlers, type Handlers } from '../../helpers';

const finding = (profileId: string, keyId: string): HealthFinding => ({
  profileId,
  profileName: profileId === 'p1' ? 'Production' : 'Staging',
  keyId,
  keyName: `key ${keyId}`,
  kind: 'never-used',
  messageKey: 'health.why.never-used',
  values: {},
  note: null,
});

const report = (findings: HealthFinding[], byProfile: Record<string, number>, notes: HealthReport['notices'] = []): HealthReport => ({
  findings,
  facts: [],
  snoozed: [],
  counts: { ...(Object.fromEntries(healthFindingKinds.map((k) => [k, 0])) as HealthReport['counts']), 'never-used': findings.length },
  byProfile,
  idleDays: 90,
  copiesChecked: true,
  computedAt: '2026-06-01T00:00:00.000Z',
  notices: notes,
});

const full = report([finding('p1', 'k1'), finding('p2', 'k2'), finding('p2', 'k3')], { p1: 1, p2: 2 });

const activityView = (source: 'live' | 'cache', count: number): ActivityView => ({
  profileId: 'p1',
  entries: Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    created: '2026-05-31T00:00:00.000Z',
    eventCode: 'users.login',
    eventKey: null,
    category: 'USER',
    status: 'SUCCESS',
    statusKey: null,
    requesterIp: null,
    ipStatus: 'none' as const,
    keyName: null,
  })),
  syncedAt: '2026-05-31T00:00:00.000Z',
  source,
  failure: null,
  skipped: 0,
  older: 0,
});

function start(overrides: Handlers) {
  return installBridge(workingHandlers(overrides));
}

describe('health state', () => {
  let health: HealthStore;
  beforeEach(() => {
    resetAll('en');
    health = new HealthStore();
  });

  it('loads every profile’s findings and keeps a badge per profile', async () => {
    const calls = start({ 'health:findings': () => ok(full) });
    expect(health.badges).toEqual({});
    await health.load();
    expect(calls.filter((c) => c.channel === 'health:findings').map((c) => c.input)).toEqual([{}]);
    expect(health.report?.findings.map((f) => f.keyId)).toEqual(['k1', 'k2', 'k3']);
    expect(health.badges).toEqual({ p1: 1, p2: 2 });
    expect([health.loading, health.error]).toEqual([false, null]);
  });

  it('filtered on a profile, asks for it and remembers the filter for the next load', async () => {
    const calls = start({ 'health:findings': () => ok(report([finding('p2', 'k2')], { p1: 1, p2: 1 })) });
    await health.load('p2');
    await health.load();
    expect(health.profileFilter).toBe('p2');
    expect(calls.filter((c) => c.channel === 'health:findings').map((c) => c.input)).toEqual([{ profileId: 'p2' }, { profileId: 'p2' }]);
    expect(health.badges).toEqual({ p1: 1, p2: 1 });
  });

  it('keeps main’s error, and the last report with its badges, when a load fails', async () => {
    let failing = false;
    start({ 'health:findings': () => (failing ? fail('store-write-failed') : ok(full)) });
    await health.load();
    failing = true;
    await health.load();
    expect(health.error?.code).toBe('store-write-failed');
    expect(health.badges).toEqual({ p1: 1, p2: 2 });
    expect(health.loading).toBe(false);
  });

  it('drops an answer overtaken by a newer load', async () => {
    const slow = deferred<ReturnType<typeof ok<HealthReport>>>();
    let n = 0;
    start({ 'health:findings': () => (++n === 1 ? slow.promise : ok(report([], {}))) });
    const first = health.load();
    await health.load();
    slow.resolve(ok(full));
    await first;
    expect(health.badges).toEqual({});
    expect(health.report?.findings).toEqual([]);
  });

  it('says main’s notices as warnings, names isolated', async () => {
    const damaged = report([], {}, [{ messageKey: 'keyHistory.damaged', values: { profile: 'Production', path: '/tmp/x.bak' } }]);
    start({ 'health:findings': () => ok(damaged) });
    await health.load();
    expect(notices.items.map((n) => [n.messageKey, n.tone, n.values])).toEqual([
      ['keyHistory.damaged', 'warning', { profile: isolate('Production'), path: isolate('/tmp/x.bak') }],
    ]);
  });

  it('snoozes then reloads; a refused snooze is answered and nothing is reloaded', async () => {
    let refuse = false;
    const calls = start({
      'health:findings': () => ok(full),
      'health:snooze': () => (refuse ? fail('profile-not-found') : ok({ snoozed: 1, until: '2026-06-08T00:00:00.000Z' })),
      'health:unsnooze': () => ok({ removed: 1 }),
    });
    const ref = { profileId: 'p1', keyId: 'k1', kind: 'never-used' as const };
    expect(await health.snooze([ref], '7d', 'later')).toBeNull();
    expect(calls.find((c) => c.channel === 'health:snooze')?.input).toEqual({ findings: [ref], period: '7d', note: 'later' });
    expect(calls.filter((c) => c.channel === 'health:findings')).toHaveLength(1);
    expect(await health.unsnooze([ref])).toBeNull();
    expect(calls.filter((c) => c.channel === 'health:findings')).toHaveLength(2);
    refuse = true;
    expect((await health.snooze([ref], '7d', ''))?.code).toBe('profile-not-found');
    expect(calls.filter((c) => c.channel === 'health:findings')).toHaveLength(2);
  });

  it('sets a note through main and answers its error', async () => {
    const calls = start({
      'health:setNote': (input: never) => ((input as { note: string }).note === 'bad' ? fail('invalid-input') : ok({ note: 'ok' })),
    });
    expect(await health.setNote('p1', 'k1', 'fine')).toBeNull();
    expect(calls.find((c) => c.channel === 'health:setNote')?.input).toEqual({ profileId: 'p1', keyId: 'k1', note: 'fine' });
    expect((await health.setNote('p1', 'k1', 'bad'))?.code).toBe('invalid-input');
  });

  it('answers an export failure without saving anything', async () => {
    const calls = start({ 'health:export': () => fail('profile-not-found') });
    expect((await health.exportFile('activity', 'csv', 'p1'))?.code).toBe('profile-not-found');
    expect(calls.find((c) => c.channel === 'health:export')?.input).toEqual({ what: 'activity', format: 'csv', profileId: 'p1' });
  });

  it('opens activity from the cache, then live, paged; a live failure keeps the cache and the error', async () => {
    let live: () => ReturnType<typeof ok<ActivityView>> | ReturnType<typeof fail> = () => ok(activityView('live', 150));
    const calls = start({
      'health:cachedActivity': () => ok(activityView('cache', 3)),
      'health:activity': () => live(),
    });
    await health.loadActivity('p1');
    expect(calls.filter((c) => c.channel.startsWith('health:')).map((c) => c.channel)).toEqual(['health:cachedActivity', 'health:activity']);
    expect(health.activity?.source).toBe('live');
    expect([health.activityPages, health.activityRows.length]).toEqual([2, 100]);
    health.showActivityPage(5);
    expect([health.activityPage, health.activityRows.length]).toEqual([1, 50]);
    live = () => fail('unreachable');
    await health.refreshActivity();
    expect(health.activityError?.code).toBe('unreachable');
    expect(health.activity?.entries).toHaveLength(150);
    expect(health.activityLoading).toBe(false);
  });
});
