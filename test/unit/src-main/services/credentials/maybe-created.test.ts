// Generates whose outcome is not known, over the real intent journal in a temp data dir and a clock fired by hand: the checks
// planned with backoff, which listed keys are candidates, found / not-found / unchecked, leftovers of an earlier run, revoke and dismiss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyView } from '../../../../../src-preload/contract/models';
import type { AppError } from '../../../../../src-preload/contract/errors';
import { openGenerateIntents, type GenerateIntents } from '../../../../../src-main/services/credentials/generate-intents';
import { createMaybeCreated, type MaybeCreatedService } from '../../../../../src-main/services/credentials/maybe-created';
import { ManualTimers } from '../rotation/rotation-helpers';
import { confStoreBackend as confBackend, makeTempDir, removeTempDir } from '../../helpers';

const start = new Date('2026-03-01T12:00:00.000Z');
const key = (id: string, name: string, creationDate = '2026-03-01T12:00:01.000Z'): ApiKeyView => ({
  id,
  name,
  creationDate,
  lastUsedDate: null,
  lastUsedIp: null,
});
/** Lets the check started by a fired timer finish (its refresh answers at once). */
const settled = (): Promise<void> => new Promise((done) => setImmediate(done));

let dir: string;
let timers: ManualTimers;
let intents: GenerateIntents;
/** What CloudMC lists for p1 on the next check, or why it cannot answer. */
let cloudmc: { keys: ApiKeyView[] } | { failure: AppError };
let refreshes: number;
let profiles: Set<string>;

function open(): MaybeCreatedService {
  intents = openGenerateIntents(dir, confBackend);
  const service: MaybeCreatedService = createMaybeCreated({
    intents,
    refresh: async (profileId) => {
      refreshes += 1;
      if ('failure' in cloudmc) return cloudmc.failure;
      service.observe(profileId, cloudmc.keys);
      return null;
    },
    knownKeyIds: () => ['k-old'],
    profileExists: (id) => profiles.has(id),
    timers,
    now: () => start,
    delaysMs: [0, 1000, 5000],
  });
  return service;
}

beforeEach(() => {
  dir = makeTempDir('cmc-maybe-created-');
  timers = new ManualTimers();
  cloudmc = { keys: [key('k-old', 'ci', '2026-01-01T00:00:00Z')] };
  refreshes = 0;
  profiles = new Set(['p1']);
});
afterEach(() => removeTempDir(dir));

describe('a Generate with a known outcome', () => {
  it('is recorded before sending, with the keys known then, and forgotten once handled or refused', () => {
    const service = open();
    service.added('p1', 'k-held');
    const a = service.begin('p1', 'ci');
    expect(a).toMatchObject({ profileId: 'p1', name: 'ci', knownKeyIds: ['k-old', 'k-held'], startedAt: start.toISOString() });
    const b = service.begin('p1', null);
    expect(
      openGenerateIntents(dir, confBackend)
        .all()
        .map((i) => i.id),
    ).toEqual([a.id, b.id]);
    service.handled(a.id);
    service.refused(b.id);
    expect(openGenerateIntents(dir, confBackend).all()).toEqual([]);
    expect(service.list('p1')).toEqual([]);
    expect(timers.armed.size).toBe(0);
  });
});

describe('a Generate that may have created a key', () => {
  it('is checked at once, then with backoff, until a key with its name appears', async () => {
    const service = open();
    const intent = service.begin('p1', 'ci');
    service.uncertain(intent.id);
    expect(service.list('p1')).toEqual([
      expect.objectContaining({ intentId: intent.id, state: 'checking', checks: 0, plannedChecks: 3, nextCheckAt: start.toISOString() }),
    ]);
    timers.fire();
    await settled();
    expect(refreshes).toBe(1);
    expect(service.list('p1')[0]).toMatchObject({ state: 'checking', checks: 1, nextCheckAt: '2026-03-01T12:00:01.000Z' });
    expect(timers.delay).toBe(1000);

    cloudmc = { keys: [key('k-old', 'ci', '2026-01-01T00:00:00Z'), key('k-new', 'ci'), key('k-other', 'other')] };
    timers.fire();
    await settled();
    expect(service.list('p1')[0]).toMatchObject({ state: 'found', keys: [key('k-new', 'ci')], nextCheckAt: null });
    expect(timers.armed.size).toBe(0);
  });

  it('takes any new key when CloudMC picked the name, but never one created well before it or one whose value the app holds', () => {
    const service = open();
    const intent = service.begin('p1', null);
    service.uncertain(intent.id);
    service.added('p1', 'k-held');
    service.observe('p1', [
      key('k-old', 'ci'),
      key('k-held', 'key-aaaaaa'),
      key('k-before', 'key-bbbbbb', '2026-03-01T11:49:00.000Z'),
      key('k-skewed', 'key-cccccc', '2026-03-01T11:51:00.000Z'),
      key('k-undated', 'key-dddddd', 'not a date'),
    ]);
    expect(service.list('p1')[0]!.keys.map((k) => k.id)).toEqual(['k-skewed', 'k-undated']);
    // The journal learns of the held key too, for a later run.
    expect(openGenerateIntents(dir, confBackend).all()[0]!.knownKeyIds).toEqual(['k-old', 'k-held']);
  });

  it('is not-found once every planned check listed no such key', async () => {
    const service = open();
    service.uncertain(service.begin('p1', 'ci').id);
    for (let i = 0; i < 3; i += 1) {
      timers.fire();
      await settled();
    }
    expect(refreshes).toBe(3);
    expect(service.list('p1')[0]).toMatchObject({ state: 'not-found', checks: 3, failure: null, nextCheckAt: null });
    expect(timers.armed.size).toBe(0);
  });

  it('is unchecked, saying why, when CloudMC never answered a check', async () => {
    const offline: AppError = { code: 'unreachable', kind: 'offline', messageKey: 'errors.unreachable' };
    cloudmc = { failure: offline };
    const service = open();
    service.uncertain(service.begin('p1', 'ci').id);
    for (let i = 0; i < 3; i += 1) {
      timers.fire();
      await settled();
    }
    expect(service.list('p1')[0]).toMatchObject({ state: 'unchecked', failure: offline });
    // A list fetched later anyway (the user's refresh) still settles it.
    service.observe('p1', [key('k-new', 'ci')]);
    expect(service.list('p1')[0]).toMatchObject({ state: 'found', failure: null });
  });

  it('is settled when every key it may have created is revoked through the app, or gone from a later list', () => {
    const service = open();
    const a = service.begin('p1', 'a');
    const b = service.begin('p1', 'b');
    service.uncertain(a.id);
    service.uncertain(b.id);
    service.observe('p1', [key('ka', 'a'), key('kb', 'b')]);
    service.removed('p1', 'ka');
    expect(service.list('p1').map((m) => m.name)).toEqual(['b']);
    service.observe('p1', []);
    expect(service.list('p1')).toEqual([]);
    expect(openGenerateIntents(dir, confBackend).all()).toEqual([]);
  });

  it('goes when dismissed, and with its profile', () => {
    const service = open();
    const a = service.begin('p1', 'a');
    service.uncertain(a.id);
    expect(service.dismiss('other-profile', a.id)).toEqual([]);
    expect(service.list('p1')).toHaveLength(1);
    expect(service.dismiss('p1', a.id)).toEqual([]);
    service.uncertain(service.begin('p1', 'b').id);
    service.forget('p1');
    expect(service.list('p1')).toEqual([]);
    expect(openGenerateIntents(dir, confBackend).all()).toEqual([]);
    expect(timers.armed.size).toBe(0);
  });
});

describe('intents left by a run that ended', () => {
  it('are checked like uncertain ones; those of a removed profile are dropped', async () => {
    const first = open();
    const kept = first.begin('p1', 'ci');
    first.begin('gone', 'x');
    first.stop();

    const next = open();
    expect(next.list('p1')).toEqual([]);
    next.resumeLeftovers();
    expect(next.list('p1')).toEqual([expect.objectContaining({ intentId: kept.id, state: 'checking' })]);
    expect(intents.all().map((i) => i.profileId)).toEqual(['p1']);
    cloudmc = { keys: [key('k-new', 'ci')] };
    timers.fire();
    await settled();
    expect(next.list('p1')[0]).toMatchObject({ state: 'found', keys: [key('k-new', 'ci')] });
  });
});
