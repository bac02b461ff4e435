// Stores on a disk that cannot be written (issue 8 items 1 and 9): a full tmpfs, a read-only tmpfs, a folder where config.json should be, a data dir that cannot be created.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../../src-main/errors';
import { openAppStores, type AppStores } from '../../../../../src-main/services/store/app-stores';
import { defaultSettings } from '../../../../../src-preload/contract/defaults';
import { writable } from '../../../../../src-main/services/store/writable';
import { confStoreBackend as confBackend, makeTempDir, removeTempDir } from '../../helpers';
import { fillToTheBrim, mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from './tmpfs';

const fixtures = path.resolve(import.meta.dirname, '../../../../fixtures/store');
const fixture = (name: string): Buffer => fs.readFileSync(path.join(fixtures, name));
const validConfig = JSON.parse(fixture('valid-config.json').toString('utf8')) as ReturnType<AppStores['config']['read']>;
const list = (name: string, syncedAt = '2026-01-01T00:00:00.000Z') => ({
  syncedAt,
  keys: [{ id: `k-${name}`, name, creationDate: '2025-12-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null }],
});

/** What a throwing call threw, as an AppError; fails when it does not throw an AppFailure. */
function failureOf(work: () => unknown): AppFailure['appError'] {
  try {
    work();
  } catch (e) {
    if (e instanceof AppFailure) return e.appError;
    throw e;
  }
  throw new Error('expected a failure');
}

const defaultsDoc = { schemaVersion: 1, settings: defaultSettings, profiles: [], lastProfileId: null };

describe.skipIf(tmpfsSkipReason !== null)(`stores on a real tmpfs${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`, () => {
  let mount: string;
  let dataDir: string;
  beforeEach(() => {
    mount = mountTmpfs('1m');
    dataDir = path.join(mount, 'userData');
  });
  afterEach(() => {
    unmount(mount);
  });

  /** A data dir holding the valid config and one cached list for p-1. */
  function populated(): AppStores {
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, 'config.json'), fixture('valid-config.json'), { mode: 0o600 });
    const stores = openAppStores(dataDir, confBackend);
    stores.cache.put('p-1', list('before'));
    return stores;
  }

  describe('a store updates memory only after its file write succeeded (item 1)', () => {
    it('on a full disk, config.update throws store-write-failed (ENOSPC, the file path) and memory and file keep the old document', () => {
      const stores = populated();
      const configFile = path.join(dataDir, 'config.json');
      const before = fs.readFileSync(configFile);
      fillToTheBrim(mount);

      const error = failureOf(() =>
        stores.config.update((doc) => ({ ...doc, lastProfileId: null, settings: { ...doc.settings, clipboardClearSeconds: 5 } })),
      );
      expect(error).toMatchObject({ code: 'store-write-failed', kind: 'local', details: { reason: 'ENOSPC', path: configFile } });
      expect(stores.config.read()).toEqual(validConfig);
      expect(fs.readFileSync(configFile).equals(before)).toBe(true);
      // A reopen reads the same old document: nothing in memory claimed a write that did not happen.
      expect(openAppStores(dataDir, confBackend).config.read()).toEqual(validConfig);
    });

    it('on a full disk, cache.put of an existing list throws store-write-failed and the old list stays', () => {
      const stores = populated();
      fillToTheBrim(mount);
      const error = failureOf(() => stores.cache.put('p-1', list('after')));
      expect(error).toMatchObject({ code: 'store-write-failed', details: { reason: 'ENOSPC', path: path.join(dataDir, 'key-lists', 'p-1.json') } });
      expect(stores.cache.get('p-1')?.keys.map((k) => k.name)).toEqual(['before']);
    });

    it('on a full disk, cache.put of a new list throws store-write-failed and leaves no half state (nothing in memory, no file)', () => {
      const stores = populated();
      fillToTheBrim(mount);
      const error = failureOf(() => stores.cache.put('p-2', list('new')));
      expect(error).toMatchObject({ code: 'store-write-failed', details: { reason: 'ENOSPC', path: path.join(dataDir, 'key-lists', 'p-2.json') } });
      expect(stores.cache.get('p-2')).toBeUndefined();
      expect(fs.existsSync(path.join(dataDir, 'key-lists', 'p-2.json'))).toBe(false);
      expect([...stores.cache.all().keys()]).toEqual(['p-1']);
    });

    it('on a disk remounted read-only, update and put throw store-write-failed (EROFS) and memory keeps the old documents', () => {
      const stores = populated();
      remountReadOnly(mount);
      expect(failureOf(() => stores.config.update((doc) => ({ ...doc, lastProfileId: null })))).toMatchObject({
        code: 'store-write-failed',
        details: { reason: 'EROFS' },
      });
      expect(stores.config.read()).toEqual(validConfig);
      expect(failureOf(() => stores.cache.put('p-1', list('after')))).toMatchObject({ code: 'store-write-failed', details: { reason: 'EROFS' } });
      expect(stores.cache.get('p-1')?.keys.map((k) => k.name)).toEqual(['before']);
    });

    it('on a disk remounted read-only, cache.remove of a list that cannot be deleted throws store-write-failed and the list stays', () => {
      const stores = populated();
      remountReadOnly(mount);
      const listFile = path.join(dataDir, 'key-lists', 'p-1.json');
      expect(failureOf(() => stores.cache.remove('p-1'))).toMatchObject({ code: 'store-write-failed', details: { reason: 'EROFS', path: listFile } });
      expect(fs.existsSync(listFile)).toBe(true);
      expect(stores.cache.get('p-1')?.keys.map((k) => k.name)).toEqual(['before']);
      // Removing a list that was never written has nothing to delete and succeeds.
      expect(() => stores.cache.remove('p-never')).not.toThrow();
    });
  });

  describe('an unwritable data dir does not stop start-up; the stores serve what they can read, read-only (item 9)', () => {
    it('a read-only file system: the saved profiles and lists are read, problem data.read-only, writes answer store-write-failed', () => {
      populated();
      remountReadOnly(mount);
      let stores: AppStores | undefined;
      expect(() => (stores = openAppStores(dataDir, confBackend))).not.toThrow();
      const s = stores!;
      expect(s.problem).toEqual({ messageKey: 'data.read-only', path: dataDir, reason: 'EROFS' });
      expect(s.config.readOnly).toBe(true);
      expect(s.config.read()).toEqual(validConfig);
      expect(s.cache.readOnly).toBe(true);
      expect(s.cache.get('p-1')?.keys.map((k) => k.name)).toEqual(['before']);
      expect(failureOf(() => writable(s.config))).toMatchObject({ code: 'store-write-failed', details: { reason: 'EROFS', path: dataDir } });
      expect(failureOf(() => s.config.update((doc) => doc))).toMatchObject({ code: 'store-write-failed' });
    });

    it('a read-only file system where the data dir does not exist yet: defaults, problem data.read-only at the data dir', () => {
      remountReadOnly(mount);
      const stores = openAppStores(dataDir, confBackend);
      expect(stores.problem).toEqual({ messageKey: 'data.read-only', path: dataDir, reason: 'EROFS' });
      expect(stores.config.read()).toEqual(defaultsDoc);
      expect(stores.cache.all().size).toBe(0);
    });

    it('a full disk with a corrupt config: backed up, defaults in memory, problem data.full, no throw', () => {
      fs.mkdirSync(dataDir, { mode: 0o700 });
      const configFile = path.join(dataDir, 'config.json');
      fs.writeFileSync(configFile, fixture('truncated.json'));
      fillToTheBrim(mount);
      const stores = openAppStores(dataDir, confBackend);
      expect(stores.problem).toEqual({ messageKey: 'data.full', path: configFile, reason: 'ENOSPC' });
      expect(stores.config.readOnly).toBe(true);
      expect(stores.config.read()).toEqual(defaultsDoc);
      // The damaged bytes are kept: backed up if the rename could be done, else left where they were.
      const notice = stores.config.notice;
      const kept = notice?.kind === 'corrupt-backed-up' ? notice.backupPath : configFile;
      expect(fs.readFileSync(kept).equals(fixture('truncated.json'))).toBe(true);
    });

    it('a read-only file system with a corrupt config: the file is left untouched, defaults in memory, no throw', () => {
      fs.mkdirSync(dataDir, { mode: 0o700 });
      const configFile = path.join(dataDir, 'config.json');
      fs.writeFileSync(configFile, fixture('nul-filled.json'));
      remountReadOnly(mount);
      const stores = openAppStores(dataDir, confBackend);
      expect(stores.problem?.messageKey).toBe('data.read-only');
      expect(stores.config.notice).toEqual({ kind: 'corrupt-kept' });
      expect(stores.config.read()).toEqual(defaultsDoc);
      expect(fs.readFileSync(configFile).equals(fixture('nul-filled.json'))).toBe(true);
    });
  });
});

describe('an unwritable data dir that needs no mount (item 9)', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('cmc-unwritable-');
  });
  afterEach(() => {
    removeTempDir(dir);
  });

  it('config.json being a folder: no throw, defaults in memory, problem data.not-a-file (EISDIR) at config.json', () => {
    fs.mkdirSync(path.join(dir, 'config.json'));
    let stores: AppStores | undefined;
    expect(() => (stores = openAppStores(dir, confBackend))).not.toThrow();
    expect(stores!.problem).toEqual({ messageKey: 'data.not-a-file', path: path.join(dir, 'config.json'), reason: 'EISDIR' });
    expect(stores!.config.readOnly).toBe(true);
    expect(stores!.config.read()).toEqual(defaultsDoc);
    expect(stores!.cache.readOnly).toBe(true);
    expect(fs.statSync(path.join(dir, 'config.json')).isDirectory()).toBe(true);
  });

  it('a data dir that cannot be created (a file stands where a parent folder should be): no throw, problem data.unwritable', () => {
    fs.writeFileSync(path.join(dir, 'not-a-folder'), 'x');
    const dataDir = path.join(dir, 'not-a-folder', 'userData');
    let stores: AppStores | undefined;
    expect(() => (stores = openAppStores(dataDir, confBackend))).not.toThrow();
    expect(stores!.problem).toMatchObject({ messageKey: 'data.unwritable', path: dataDir, reason: 'ENOTDIR' });
    expect(stores!.config.read()).toEqual(defaultsDoc);
  });

  it('a writable data dir has no problem', () => {
    expect(openAppStores(dir, confBackend).problem).toBeNull();
  });
});
