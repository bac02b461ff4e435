// The rotation journal: versioned and 0600 on disk, a step remembered only once written (or kept in memory with a warning once CloudMC acted), never a key value.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalUnwritten, openRotationJournal, viewOf, type RotationRecord } from '../../../../../src-main/services/rotation/rotation-journal';
import { confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';
import { rotationRecord } from '../../../rotation-fixtures';
import { mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from '../store/tmpfs';

const now = (): Date => new Date('2026-11-28T10:00:00.000Z');
const record = (id: string, status: RotationRecord['status'], updatedAt = now().toISOString()): RotationRecord =>
  rotationRecord({ id, status, newKeyId: null, storedInKeychain: false, startedAt: updatedAt, updatedAt });

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
    `on a disk turned read-only a step is not remembered as written: the file keeps the last step, a record held as unsaved is shown marked so${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`,
    () => {
      const mount = mountTmpfs('1m');
      try {
        const journal = openRotationJournal(mount, confStoreBackend, now);
        journal.save(record('r1', 'generating'));
        remountReadOnly(mount);
        const failure = journal.save({ ...record('r1', 'storing'), newKeyId: 'k2' });
        expect(failure).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason: 'EROFS' } });
        // Nothing is remembered as written that the file does not hold.
        expect(journal.get('r1')).toMatchObject({ status: 'generating', newKeyId: null });
        expect(journal.isUnsaved('r1')).toBe(false);
        journal.holdUnsaved({ ...record('r1', 'storing'), newKeyId: 'k2', failure: journalUnwritten(failure!) });
        expect(journal.isUnsaved('r1')).toBe(true);
        expect(journal.get('r1')).toMatchObject({
          status: 'storing',
          failure: { messageKey: 'rotation.errors.journal-unwritten', details: { reason: 'EROFS' } },
        });
        expect(journal.readFromDisk().map((r) => r.status)).toEqual(['generating']);
        // A removal the file cannot take hides the record for this session; the file still holds it.
        expect(journal.remove('r1')).toMatchObject({ code: 'store-write-failed' });
        expect(journal.get('r1')).toBeUndefined();
        const reopened = openRotationJournal(mount, confStoreBackend, now);
        expect(reopened.get('r1')?.status).toBe('generating');
        expect(() => reopened.requireWritable()).toThrow();
      } finally {
        unmount(mount);
      }
    },
  );

  it('reads the file afresh for what another process wrote; a missing or damaged file reads as none', () => {
    const mine = openRotationJournal(dir, confStoreBackend, now);
    expect(mine.readFromDisk()).toEqual([]);
    const theirs = openRotationJournal(dir, confStoreBackend, now);
    theirs.save(record('r-other', 'generating'));
    expect(mine.all()).toEqual([]);
    expect(mine.readFromDisk().map((r) => r.id)).toEqual(['r-other']);
    fs.writeFileSync(path.join(dir, 'rotations.json'), '{"schemaVersion": 1, "rotations": [');
    expect(mine.readFromDisk()).toEqual([]);
  });

  it('a view drops what only resuming needs', () => {
    const full = { ...record('r1', 'retiring'), lookups: 2, revokeConfirmed: true };
    expect(Object.keys(viewOf(full))).not.toEqual(expect.arrayContaining(['knownKeyIds', 'switchedAt', 'lookups', 'revokeConfirmed']));
    expect(viewOf(full)).toMatchObject({ id: 'r1', status: 'retiring' });
  });

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
