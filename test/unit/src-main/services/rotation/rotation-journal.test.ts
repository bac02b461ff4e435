// The rotation journal: versioned and 0600 on disk, a step remembered only once written (or kept in memory with a warning once CloudMC acted), never a key value.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotationJournal, type RotationRecord } from '../../../../../src-main/services/rotation/rotation-journal';
import { confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';
import { mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from '../store/tmpfs';

const now = (): Date => new Date('2026-11-28T10:00:00.000Z');
const record = (id: string, status: RotationRecord['status'], updatedAt = now().toISOString()): RotationRecord => ({
  id,
  profileId: 'p1',
  oldKeyId: 'old',
  oldKeyName: 'old name',
  newKeyId: null,
  newKeyName: 'new name',
  ownKey: false,
  status,
  grace: 'now',
  retireAt: null,
  lastUse: null,
  failure: null,
  retryAt: null,
  orphanKeyIds: [],
  storedInKeychain: false,
  startedAt: updatedAt,
  updatedAt,
  knownKeyIds: [],
  switchedAt: null,
});

let dir: string;
beforeEach(() => {
  dir = makeTempDir('cmc-rotation-journal-');
});
afterEach(() => {
  removeTempDir(dir);
});

describe('rotation journal', () => {
  it('is written 0600 with a schema version, and a fresh open reads each step back', () => {
    const journal = openRotationJournal(dir, confStoreBackend, now);
    expect(journal.save(record('r1', 'verifying'))).toBeNull();
    const file = path.join(dir, 'rotations.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).schemaVersion).toBe(1);
    expect(openRotationJournal(dir, confStoreBackend, now).get('r1')?.status).toBe('verifying');
  });

  it('a corrupt journal is backed up, not a crash, and the app starts with none', () => {
    fs.writeFileSync(path.join(dir, 'rotations.json'), '{"schemaVersion": 1, "rotations": [{"id": 3}]}');
    const journal = openRotationJournal(dir, confStoreBackend, now);
    expect(journal.all()).toEqual([]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('rotations.json.corrupt-'))).toBe(true);
  });

  it.skipIf(tmpfsSkipReason !== null)(
    `a journal on a disk turned read-only refuses a new rotation, and a step after CloudMC acted is kept in memory with a warning${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`,
    () => {
      const mount = mountTmpfs('1m');
      try {
        const journal = openRotationJournal(mount, confStoreBackend, now);
        journal.save(record('r1', 'generating'));
        remountReadOnly(mount);
        const warning = journal.save({ ...record('r1', 'storing'), newKeyId: 'k2' });
        expect(warning).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason: 'EROFS' } });
        expect(journal.get('r1')).toMatchObject({ status: 'storing', newKeyId: 'k2' });
        const reopened = openRotationJournal(mount, confStoreBackend, now);
        expect(reopened.get('r1')?.status).toBe('generating');
        expect(() => reopened.requireWritable()).toThrow();
      } finally {
        unmount(mount);
      }
    },
  );

  it('finished rotations older than 30 days are dropped at open; unfinished ones stay whatever their age', () => {
    const journal = openRotationJournal(dir, confStoreBackend, now);
    journal.save(record('old-done', 'done', '2026-09-01T00:00:00.000Z'));
    journal.save(record('old-retiring', 'retiring', '2026-09-01T00:00:00.000Z'));
    journal.save(record('recent-done', 'done'));
    expect(
      openRotationJournal(dir, confStoreBackend, now)
        .all()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['old-retiring', 'recent-done']);
  });
});
