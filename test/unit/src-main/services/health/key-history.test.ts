// The key-use history on real files: survives a restart, recovers from a corrupt file (backed up), is 0600, bounded, and holds no key value.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipsSeen, newIpOf, nextHistory, openKeyHistory, runsPerKeyMax } from '../../../../../src-main/services/health/key-history';
import { benchHealthAtScale, historyFileBytes } from '../../../../../src-main/services/health/health-bench';
import type { ApiKeyView } from '../../../../../src-preload/contract/models';
import { confStoreBackend, filesUnder, makeTempDir, removeTempDir } from '../../helpers';

const profileId = '6f1c2d3e-0000-4000-8000-000000000001';
const canary = 'history-CANARY-secret-value-9d8c7b6a5f4e';
const dayMs = 86_400_000;

let dir: string;
beforeEach(() => {
  dir = makeTempDir('cmc-history-');
});
afterEach(() => removeTempDir(dir));

const key = (id: string, lastUsedIp: string | null, lastUsedDate: string | null): ApiKeyView => ({
  id,
  name: `name-${id}`,
  creationDate: '2024-01-01T00:00:00.000Z',
  lastUsedDate,
  lastUsedIp,
});
const at = (day: number): string => new Date(Date.UTC(2024, 5, 1) + day * dayMs).toISOString();
const fileOf = (): string => path.join(dir, 'key-history', `${profileId}.json`);

describe('key-use history store', () => {
  it('history survives a restart: a second open reads what the first wrote', () => {
    const first = openKeyHistory(dir, confStoreBackend, false);
    first.record(profileId, [key('k1', '203.0.113.5', at(0))], at(0));
    first.record(profileId, [key('k1', '198.51.100.9', at(1))], at(1));
    const again = openKeyHistory(dir, confStoreBackend, false);
    expect([...ipsSeen(again.get(profileId)?.['k1']).entries()]).toEqual([
      ['203.0.113.5', at(0)],
      ['198.51.100.9', at(1)],
    ]);
    expect(fs.statSync(fileOf()).mode & 0o777).toBe(0o600);
  });

  it('a corrupt history file is backed up and the history starts again (no crash, no silent wipe)', () => {
    openKeyHistory(dir, confStoreBackend, false).record(profileId, [key('k1', '203.0.113.5', at(0))], at(0));
    fs.writeFileSync(fileOf(), '{"schemaVersion":1,"keys":{"k1":{"firstSeen":"x","runs":[{"ip":');
    const reopened = openKeyHistory(dir, confStoreBackend, false);
    expect(reopened.get(profileId)).toBeUndefined();
    const backups = fs.readdirSync(path.join(dir, 'key-history')).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'key-history', backups[0]!), 'utf8')).toContain('"runs":[{"ip":');
    reopened.record(profileId, [key('k1', '203.0.113.7', at(2))], at(2));
    expect(openKeyHistory(dir, confStoreBackend, false).get(profileId)?.['k1']?.runs).toHaveLength(1);
  });

  it('keeps at most runsPerKeyMax runs per key, and drops keys no longer listed', () => {
    const store = openKeyHistory(dir, confStoreBackend, false);
    for (let i = 0; i < runsPerKeyMax + 10; i++) store.record(profileId, [key('k1', `10.0.0.${i}`, at(i)), key('k2', null, null)], at(i));
    const runs = store.get(profileId)?.['k1']?.runs ?? [];
    expect(runs).toHaveLength(runsPerKeyMax);
    expect(runs[0]?.ip).toBe('10.0.0.10');
    store.record(profileId, [key('k2', null, null)], at(100));
    expect(Object.keys(store.get(profileId) ?? {})).toEqual(['k2']);
  });

  it('an unchanged list writes nothing; a use from the same IP extends the run', () => {
    const before = nextHistory({}, [key('k1', '203.0.113.5', at(0))], at(0))!;
    expect(nextHistory(before, [key('k1', '203.0.113.5', at(0))], at(1))).toBeNull();
    const after = nextHistory(before, [key('k1', '203.0.113.5', at(3))], at(3))!;
    expect(after['k1']?.runs).toEqual([{ ip: '203.0.113.5', from: at(0), to: at(3), firstUsed: at(0), lastUsed: at(3) }]);
  });

  it('a key id such as __proto__ is an ordinary entry', () => {
    const h = nextHistory({}, [key('__proto__', '203.0.113.5', at(0))], at(0))!;
    expect(Object.hasOwn(h, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
  });

  it('a new IP is one first seen recently after the key was used from another; the first use ever is not', () => {
    const now = Date.parse(at(10));
    const window = 30 * dayMs;
    const firstUse = nextHistory({}, [key('k1', '203.0.113.5', at(9))], at(9))!;
    expect(newIpOf(firstUse['k1'], now, window)).toBeNull();
    const moved = nextHistory(firstUse, [key('k1', '198.51.100.9', at(10))], at(10))!;
    expect(newIpOf(moved['k1'], now, window)).toEqual({ ip: '198.51.100.9', firstSeen: at(10), knownBefore: 1 });
    const back = nextHistory(moved, [key('k1', '203.0.113.5', at(10))], at(10))!;
    expect(newIpOf(back['k1'], now, window)).toBeNull();
    expect(newIpOf(moved['k1'], now + 31 * dayMs, window)).toBeNull();
  });

  it('holds no key value: a canary given as any other field never reaches the file', () => {
    const store = openKeyHistory(dir, confStoreBackend, false);
    // Nothing in an ApiKeyView is a secret; an object carrying one (as a generate answer does) must not be written whole.
    const withSecret = { ...key('k1', '203.0.113.5', at(0)), secret: canary } as ApiKeyView;
    store.record(profileId, [withSecret], at(0));
    for (const file of filesUnder(dir)) expect(fs.readFileSync(file, 'utf8')).not.toContain(canary);
  });

  it('the bench sizes a history file exactly as the store writes it', () => {
    const store = openKeyHistory(dir, confStoreBackend, false);
    store.record(profileId, [key('k1', '203.0.113.5', at(0)), key('k2', null, null)], at(0));
    const doc = store.files.get(profileId)!;
    expect(historyFileBytes(doc)).toBe(fs.statSync(fileOf()).size);
  });

  it('at its bound, 1,000 profiles × 50 keys of history stay within 40 MiB on disk (issue 22 item 4)', () => {
    // Every profile's file is the same size at the bound: one profile, measured as the store writes it, times 1,000.
    const perProfile = benchHealthAtScale({ profiles: 1, keysPerProfile: 50, runs: 1 }).historyBytesBound;
    expect(perProfile * 1000).toBeLessThanOrEqual(40 * 1024 * 1024);
  });

  it('a history file in the old format (tab-indented, version 1) is read and rewritten compact', () => {
    const old = {
      schemaVersion: 1,
      keys: {
        k1: {
          firstSeen: at(0),
          runs: [
            { ip: '203.0.113.5', from: at(0), to: at(1), firstUsed: at(0), lastUsed: at(1) },
            { ip: '198.51.100.9', from: at(2), to: at(2), firstUsed: at(2), lastUsed: at(2) },
          ],
        },
      },
    };
    fs.mkdirSync(path.dirname(fileOf()), { recursive: true });
    fs.writeFileSync(fileOf(), JSON.stringify(old, undefined, '\t'), { mode: 0o600 });
    const store = openKeyHistory(dir, confStoreBackend, false);
    expect(store.get(profileId)?.['k1']).toEqual(old.keys.k1);
    store.record(profileId, [key('k1', '192.0.2.1', at(3))], at(3));
    expect(fs.readFileSync(fileOf(), 'utf8')).not.toContain('\t');
    expect([...ipsSeen(openKeyHistory(dir, confStoreBackend, false).get(profileId)?.['k1']).keys()]).toEqual([
      '203.0.113.5',
      '198.51.100.9',
      '192.0.2.1',
    ]);
  });

  it('read-only (a newer version of the app wrote the data): nothing is written', () => {
    openKeyHistory(dir, confStoreBackend, true).record(profileId, [key('k1', '203.0.113.5', at(0))], at(0));
    expect(fs.existsSync(fileOf())).toBe(false);
  });
});
