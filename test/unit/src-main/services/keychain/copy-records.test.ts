// The stored-at records of keychain copies (security promise 38) on real files: when a list proves a copy orphaned, what is written, what is dropped.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openCopyRecords,
  orphanedBy,
  provenSince,
  unknownStoreSlackMs,
  type CopyRecords,
} from '../../../../../src-main/services/keychain/copy-records';
import { confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const listWithout = (answeredAt: number) => ({ ids: new Set(['other']), answeredAt });

describe('when a list proves a copy orphaned', () => {
  it('a copy stored by this app: any list answered after the store that lacks the key', () => {
    const stored = { at: new Date(t0).toISOString(), how: 'stored' as const };
    expect(provenSince(stored)).toBe(t0);
    expect(orphanedBy(stored, listWithout(t0 + 1), 'k')).toBe(true);
    expect(orphanedBy(stored, listWithout(t0), 'k')).toBe(false); // the same instant proves nothing
    expect(orphanedBy(stored, listWithout(t0 - 1), 'k')).toBe(false);
    expect(orphanedBy(stored, { ids: new Set(['k']), answeredAt: t0 + 1 }, 'k')).toBe(false);
    expect(orphanedBy(stored, undefined, 'k')).toBe(false);
  });

  it('a copy first seen in the keychain: only a list answered more than one call deadline (plus slack) later', () => {
    const seen = { at: new Date(t0).toISOString(), how: 'seen' as const };
    expect(orphanedBy(seen, listWithout(t0 + unknownStoreSlackMs), 'k')).toBe(false);
    expect(orphanedBy(seen, listWithout(t0 + unknownStoreSlackMs + 1), 'k')).toBe(true);
  });

  it('a copy with no record, or an unreadable one, is never provably orphaned', () => {
    expect(orphanedBy(undefined, listWithout(Number.MAX_SAFE_INTEGER), 'k')).toBe(false);
    expect(orphanedBy({ at: 'yesterday', how: 'stored' }, listWithout(Number.MAX_SAFE_INTEGER), 'k')).toBe(false);
  });
});

describe('the records file', () => {
  let dir: string;
  let clock: number;
  let records: CopyRecords;
  const names: Record<string, string> = { k1: 'ci-runner' };
  const open = (readOnly = false): CopyRecords =>
    openCopyRecords({ dataDir: dir, backend: confStoreBackend, readOnly, now: () => new Date(clock), nameOf: (_p, keyId) => names[keyId] });
  const file = (profileId: string): string => path.join(dir, 'stored-copies', `${profileId}.json`);

  beforeEach(() => {
    dir = makeTempDir('cmc-copy-records-');
    clock = t0;
    records = open();
  });
  afterEach(() => removeTempDir(dir));

  it('notes a store with its time and the name known then, in a 0600 file read back by a fresh start', () => {
    records.stored('p1', 'k1');
    expect(fs.statSync(file('p1')).mode & 0o777).toBe(0o600);
    expect(open().reconcile('p1', ['k1']).get('k1')).toEqual({ at: new Date(t0).toISOString(), how: 'stored', name: 'ci-runner' });
  });

  it('notes a copy found without a record as seen now, and drops the record of a copy that is gone', () => {
    records.stored('p1', 'gone');
    clock = t0 + 5000;
    const now = records.reconcile('p1', ['new']);
    expect([...now.keys()]).toEqual(['new']);
    expect(now.get('new')).toEqual({ at: new Date(t0 + 5000).toISOString(), how: 'seen' });
    clock = t0 + 9000;
    expect(open().reconcile('p1', ['new']).get('new')?.at).toBe(new Date(t0 + 5000).toISOString()); // seen once, not again
  });

  it('keeps a key id such as __proto__ as a plain entry', () => {
    records.stored('p1', '__proto__');
    const read = open().reconcile('p1', ['__proto__']);
    expect(read.get('__proto__')?.how).toBe('stored');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('forgets one copy, then the whole profile (the file is removed)', () => {
    records.stored('p1', 'k1');
    records.stored('p1', 'k2');
    records.forget('p1', 'k1');
    expect([...open().reconcile('p1', ['k2']).keys()]).toEqual(['k2']);
    records.forgetProfile('p1');
    expect(fs.existsSync(file('p1'))).toBe(false);
  });

  it('read-only data: nothing is written, and the copy stays "stored at an unknown time" for the next start', () => {
    const readOnly = open(true);
    readOnly.stored('p1', 'k1');
    expect(fs.existsSync(file('p1'))).toBe(false);
    expect(readOnly.reconcile('p1', ['k1']).get('k1')?.how).toBe('seen');
  });
});
