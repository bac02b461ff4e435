// "Changes since your last visit" (issue 19, beyond the anchors): the pure comparison of a visit's snapshot with the cached list and the key-use history.
import { describe, expect, it } from 'vitest';
import { changesSince, snapshotOf, type Visit } from '../../../../../src-main/services/health/key-changes';
import { nextHistory, type KeyHistory } from '../../../../../src-main/services/health/key-history';
import type { ApiKeyView } from '../../../../../src-preload/contract/models';

const t = (minutes: number): string => new Date(Date.UTC(2026, 0, 10, 12, minutes)).toISOString();
const key = (id: string, name: string, used?: { ip: string | null; at: string }): ApiKeyView => ({
  id,
  name,
  creationDate: t(0),
  lastUsedDate: used?.at ?? null,
  lastUsedIp: used?.ip ?? null,
});
/** The history the app builds from a series of synced lists. */
const historyOf = (...syncs: [string, ApiKeyView[]][]): Record<string, KeyHistory> => {
  let h: Record<string, KeyHistory> = {};
  for (const [at, keys] of syncs) h = nextHistory(h, keys, at) ?? h;
  return h;
};

describe('changesSince', () => {
  const before = [key('a', 'nightly-backup'), key('b', 'ci', { ip: '198.51.100.1', at: t(1) }), key('c', 'old-batch')];
  const visit: Visit = snapshotOf(before, t(5));

  it('shows nothing on a first visit (nothing to compare) or without a list', () => {
    const empty = { newKeys: [], revokedKeys: [], newIps: [], firstUsed: [] };
    expect(changesSince(undefined, { keys: before, syncedAt: t(3) }, undefined)).toEqual(empty);
    expect(changesSince(visit, undefined, undefined)).toEqual(empty);
    expect(changesSince(visit, { keys: before, syncedAt: t(6) }, historyOf([t(3), before]))).toEqual(empty);
  });

  it('lists each kind: new keys, revoked keys, new IPs, keys used for the first time', () => {
    const after = [
      key('a', 'nightly-backup', { ip: '203.0.113.7', at: t(20) }),
      key('b', 'ci', { ip: '203.0.113.99', at: t(21) }),
      { ...key('d', 'deploy-bot'), creationDate: t(10) },
    ];
    const history = historyOf([t(3), before], [t(22), after]);
    const found = changesSince(visit, { keys: after, syncedAt: t(22) }, history);
    expect(found.newKeys).toEqual([{ keyId: 'd', keyName: 'deploy-bot', at: t(10), ip: null }]);
    expect(found.revokedKeys).toEqual([{ keyId: 'c', keyName: 'old-batch', at: null, ip: null }]);
    expect(found.newIps).toEqual([{ keyId: 'b', keyName: 'ci', at: t(22), ip: '203.0.113.99' }]);
    expect(found.firstUsed).toEqual([{ keyId: 'a', keyName: 'nightly-backup', at: t(20), ip: '203.0.113.7' }]);
  });

  it('a renamed key is not new, and a key generated and revoked between visits does not show', () => {
    const after = [{ ...before[0]!, name: 'renamed-backup' }, before[1]!, before[2]!];
    const history = historyOf([t(3), before], [t(8), [...before, key('x', 'short-lived')]], [t(9), after]);
    expect(changesSince(visit, { keys: after, syncedAt: t(9) }, history)).toEqual({ newKeys: [], revokedKeys: [], newIps: [], firstUsed: [] });
  });

  it('an IP the key was already seen at by the visit is not new; back to it after another is not new either', () => {
    const atVisit = [key('b', 'ci', { ip: '198.51.100.2', at: t(4) })];
    const v = snapshotOf(atVisit, t(5));
    // Seen from .1 (t3), then .2 (t4) by the visit; now back at .1: the user had seen that place for this key.
    const after = [key('b', 'ci', { ip: '198.51.100.1', at: t(30) })];
    const history = historyOf([t(3), before], [t(4), atVisit], [t(31), after]);
    expect(changesSince(v, { keys: after, syncedAt: t(31) }, history).newIps).toEqual([]);
  });

  it('a new IP without history (history file lost) is still told, at the key last-use time', () => {
    const after = [key('b', 'ci', { ip: '203.0.113.50', at: t(40) })];
    expect(changesSince(visit, { keys: after, syncedAt: t(41) }, undefined).newIps).toEqual([
      { keyId: 'b', keyName: 'ci', at: t(40), ip: '203.0.113.50' },
    ]);
  });

  it('a key that was used stays out of "first used"; a new key used at once is new and first used', () => {
    const after = [...before, { ...key('e', 'fresh', { ip: '192.0.2.1', at: t(50) }), creationDate: t(45) }];
    const found = changesSince(visit, { keys: after, syncedAt: t(51) }, historyOf([t(3), before], [t(51), after]));
    expect(found.newKeys.map((c) => c.keyId)).toEqual(['e']);
    expect(found.firstUsed).toEqual([{ keyId: 'e', keyName: 'fresh', at: t(50), ip: '192.0.2.1' }]);
    expect(found.newIps).toEqual([]);
  });

  it('orders each kind newest first, unknown times last, then by name', () => {
    const after = [
      { ...key('n1', 'beta'), creationDate: t(10) },
      { ...key('n2', 'alpha'), creationDate: t(10) },
      { ...key('n3', 'zulu'), creationDate: t(30) },
    ];
    const v = snapshotOf([key('r1', 'zeta'), key('r2', 'eta')], t(5));
    const found = changesSince(v, { keys: after, syncedAt: t(31) }, undefined);
    expect(found.newKeys.map((c) => c.keyName)).toEqual(['zulu', 'alpha', 'beta']);
    expect(found.revokedKeys.map((c) => c.keyName)).toEqual(['eta', 'zeta']);
  });

  it('a key id such as __proto__ is an ordinary key', () => {
    const v = snapshotOf([key('__proto__', 'odd')], t(5));
    expect(Object.keys(v.keys)).toEqual(['__proto__']);
    const found = changesSince(v, { keys: [], syncedAt: t(6) }, undefined);
    expect(found.revokedKeys).toEqual([{ keyId: '__proto__', keyName: 'odd', at: null, ip: null }]);
  });
});
