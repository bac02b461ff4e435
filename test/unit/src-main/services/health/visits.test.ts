// The visits store ("Changes since your last visit"): one small file per profile, real files in a temp dir, written atomically, never a key value.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVisits } from '../../../../../src-main/services/health/visits';
import { snapshotOf } from '../../../../../src-main/services/health/key-changes';
import { confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';

const profileId = '0b7e2a4c-1111-4222-8333-944455556666';
const visit = snapshotOf(
  [
    { id: 'k1', name: 'nightly-backup', creationDate: '2026-01-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
    { id: 'k2', name: 'ci', creationDate: '2026-01-01T00:00:00.000Z', lastUsedDate: '2026-01-02T00:00:00.000Z', lastUsedIp: '203.0.113.7' },
  ],
  '2026-01-03T00:00:00.000Z',
);

describe('visits store', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('cmc-visits-');
  });
  afterEach(() => removeTempDir(dir));

  it('has no visit for a profile never visited, keeps one across a reopen, and forgets it on remove', () => {
    const store = openVisits(dir, confStoreBackend, false);
    expect(store.get(profileId)).toBeUndefined();
    store.put(profileId, visit);
    expect(openVisits(dir, confStoreBackend, false).get(profileId)).toEqual(visit);
    const file = path.join(dir, 'visits', `${profileId}.json`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      schemaVersion: 1,
      at: visit.at,
      keys: { k1: ['nightly-backup', null, false], k2: ['ci', '203.0.113.7', true] },
    });
    store.remove(profileId);
    expect(fs.existsSync(file)).toBe(false);
    expect(openVisits(dir, confStoreBackend, false).get(profileId)).toBeUndefined();
  });

  it('leaves no temp file behind (written atomically)', () => {
    openVisits(dir, confStoreBackend, false).put(profileId, visit);
    expect(fs.readdirSync(path.join(dir, 'visits'))).toEqual([`${profileId}.json`]);
  });

  it('a damaged file is backed up and read as never visited', () => {
    fs.mkdirSync(path.join(dir, 'visits'));
    fs.writeFileSync(path.join(dir, 'visits', `${profileId}.json`), '{"schemaVersion":1,"at":"x","keys":{"k":[1,2,3]}}');
    const store = openVisits(dir, confStoreBackend, false);
    expect(store.get(profileId)).toBeUndefined();
    expect(store.files.notice()?.notice?.kind).toBe('corrupt-backed-up');
  });

  it('writes nothing when read-only', () => {
    openVisits(dir, confStoreBackend, true).put(profileId, visit);
    expect(fs.existsSync(path.join(dir, 'visits', `${profileId}.json`))).toBe(false);
  });
});
