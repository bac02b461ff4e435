// Store files on disk (docs/security.md 25-27): corrupt files backed up byte-for-byte, newer files read-only, 0600, migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStores } from '../../../../../src-main/services/store/app-stores';
import { defaultSettings } from '../../../../../src-preload/contract/defaults';
import { openJsonStore, type Migration } from '../../../../../src-main/services/store/json-store';
import { writable } from '../../../../../src-main/services/store/writable';
import { AppFailure } from '../../../../../src-main/errors';
import { confBackend as hostConfBackend } from '../../../../web-host/host-services';
import { confStoreBackend as confBackend } from '../../helpers';

const fixtures = path.resolve(import.meta.dirname, '../../../../fixtures/store');
const fixture = (name: string): Buffer => fs.readFileSync(path.join(fixtures, name));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Puts a fixture in the data dir as `<store>.json`, with a given mode. */
function place(fixtureName: string, store = 'config', mode = 0o644): string {
  const file = path.join(dir, `${store}.json`);
  fs.writeFileSync(file, fixture(fixtureName), { mode });
  fs.chmodSync(file, mode);
  return file;
}

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;
const backupsIn = (d: string, store = 'config'): string[] =>
  fs.readdirSync(d).filter((f) => f.startsWith(`${store}.json.corrupt-`) && f.endsWith('.bak'));

describe('corrupt store files are backed up, defaults used, notice set', () => {
  it.each(['empty.json', 'truncated.json', 'nul-filled.json', 'schema-invalid.json', 'version-0.json'])('%s', (name) => {
    const original = fixture(name);
    const file = place(name);
    const stores = openAppStores(dir, confBackend);

    const notice = stores.config.notice;
    expect(notice?.kind).toBe('corrupt-backed-up');
    if (notice?.kind !== 'corrupt-backed-up') throw new Error('unreachable');
    // Backup sits beside the original, is named .corrupt-*.bak, and keeps every byte.
    expect(path.dirname(notice.backupPath)).toBe(dir);
    expect(path.basename(notice.backupPath)).toMatch(/^config\.json\.corrupt-[0-9TZ-]+\.bak$/);
    expect(backupsIn(dir)).toEqual([path.basename(notice.backupPath)]);
    expect(fs.readFileSync(notice.backupPath).equals(original)).toBe(true);

    // The app starts from defaults, writable, and the new file holds the defaults.
    expect(stores.config.readOnly).toBe(false);
    expect(stores.config.read()).toEqual({ schemaVersion: 1, settings: defaultSettings, profiles: [], lastProfileId: null });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 1, settings: defaultSettings, profiles: [], lastProfileId: null });
    expect(modeOf(file)).toBe(0o600);
    // The key-list cache was absent, so it has no notice.
    expect(stores.cache.notice()).toBeNull();
  });

  it('backs up a corrupt key-list file the same way, leaving a good config and the other lists alone', () => {
    place('valid-config.json');
    const listsDir = path.join(dir, 'key-lists');
    fs.mkdirSync(listsDir);
    fs.writeFileSync(path.join(listsDir, 'p-1.json'), fixture('truncated.json'));
    fs.writeFileSync(path.join(listsDir, 'p-2.json'), JSON.stringify({ schemaVersion: 1, syncedAt: '2026-01-01T00:00:00.000Z', keys: [] }));
    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.read().profiles.map((p) => p.id)).toEqual(['p-1']);
    expect(stores.cache.get('p-1')).toBeUndefined();
    expect(stores.cache.notice()?.notice?.kind).toBe('corrupt-backed-up');
    expect(backupsIn(listsDir, 'p-1')).toHaveLength(1);
    expect(fs.readFileSync(path.join(listsDir, backupsIn(listsDir, 'p-1')[0]!)).equals(fixture('truncated.json'))).toBe(true);
    expect(backupsIn(dir, 'config')).toHaveLength(0);
    expect(stores.cache.get('p-2')?.syncedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a fresh open after recovery finds a good file and raises no new notice', () => {
    place('nul-filled.json');
    openAppStores(dir, confBackend);
    const again = openAppStores(dir, confBackend);
    expect(again.config.notice).toBeNull();
    expect(backupsIn(dir)).toHaveLength(1);
  });
});

describe('a file from a newer version', () => {
  it('is opened read-only and never written, even after update attempts', () => {
    const file = place('newer-version.json');
    const before = fs.readFileSync(file);
    const mtimeBefore = fs.statSync(file).mtimeMs;
    const stores = openAppStores(dir, confBackend);

    expect(stores.config.readOnly).toBe(true);
    expect(stores.config.notice).toEqual({ kind: 'newer-version-read-only', version: 99 });
    expect(stores.config.filePath).toBe(file);

    let thrown: unknown;
    try {
      writable(stores.config);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppFailure);
    expect((thrown as AppFailure).appError.code).toBe('store-read-only');

    // A direct update does not reach the disk either.
    stores.config.update((doc) => ({ ...doc, lastProfileId: 'changed', settings: { ...doc.settings, clipboardClearSeconds: 1 } }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeBefore);
    expect(backupsIn(dir)).toHaveLength(0);
    // The key-list cache follows the config: nothing a newer version owns is written.
    expect(stores.cache.readOnly).toBe(true);
    stores.cache.put('p-9', { syncedAt: '2026-01-01T00:00:00.000Z', keys: [] });
    expect(fs.existsSync(path.join(dir, 'key-lists', 'p-9.json'))).toBe(false);
  });
});

describe('new and existing files', () => {
  it('creates a missing data dir (0700) and store files with mode 0600', () => {
    const dataDir = path.join(dir, 'nested', 'userData');
    const stores = openAppStores(dataDir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.readOnly).toBe(false);
    expect(modeOf(path.join(dataDir, 'config.json'))).toBe(0o600);
    stores.cache.put('p-1', { syncedAt: '2026-01-01T00:00:00.000Z', keys: [] });
    expect(modeOf(path.join(dataDir, 'key-lists', 'p-1.json'))).toBe(0o600);
    expect(modeOf(dataDir) & 0o077).toBe(0);
  });

  it('tightens an existing 0644 file to 0600 and keeps its content', () => {
    const file = place('valid-config.json', 'config', 0o644);
    const stores = openAppStores(dir, confBackend);
    expect(modeOf(file)).toBe(0o600);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.read()).toEqual(JSON.parse(fixture('valid-config.json').toString('utf8')));
  });

  it('does not rewrite a file that already holds a current, valid document when it is opened', () => {
    const file = place('valid-config.json', 'config', 0o600);
    const compact = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))); // a byte layout conf would not write
    fs.writeFileSync(file, compact);
    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(fs.readFileSync(file, 'utf8')).toBe(compact);
    stores.config.update((doc) => ({ ...doc, lastProfileId: null }));
    expect(fs.readFileSync(file, 'utf8')).not.toBe(compact); // a real change is written
  });

  it('round-trips an update through a fresh open', () => {
    const first = openAppStores(dir, confBackend);
    first.config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'es', clipboardClearSeconds: 12 }, lastProfileId: null }));
    first.cache.put('p1', {
      syncedAt: '2024-01-01T00:00:00.000Z',
      keys: [{ id: 'k1', name: 'one', creationDate: '2023-12-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null }],
    });
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { settings: { language: string } };
    expect(onDisk.settings.language).toBe('es');

    const second = openAppStores(dir, confBackend);
    expect(second.config.notice).toBeNull();
    expect(second.config.read().settings).toEqual({ ...defaultSettings, language: 'es', clipboardClearSeconds: 12 });
    expect(second.cache.get('p1')?.keys.map((k) => k.name)).toEqual(['one']);
    expect([...second.cache.all().keys()]).toEqual(['p1']);
  });
});

describe('write listeners (how main hears the profiles list changed, whoever wrote it)', () => {
  it('hears each write the file holds, with the document before it, until unsubscribed', () => {
    const { config } = openAppStores(dir, confBackend);
    const heard: [string, string][] = [];
    const stop = config.onWrite((next, before) => heard.push([before.settings.language, next.settings.language]));
    config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'fr' } }));
    config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'es' } }));
    stop();
    config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'en' } }));
    expect(heard).toEqual([
      ['system', 'fr'],
      ['fr', 'es'],
    ]);
  });

  it('hears nothing of a write that failed (the memory keeps the old document)', () => {
    let diskFull = false;
    // electron-store's part (the injected backend) as a full disk leaves it: the write throws ENOSPC.
    const fullDiskBackend: typeof confBackend = (options) => {
      const real = confBackend(options);
      return {
        get store() {
          return real.store;
        },
        set store(doc) {
          if (diskFull) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          real.store = doc;
        },
      };
    };
    const { config } = openAppStores(dir, fullDiskBackend);
    let heard = 0;
    config.onWrite(() => heard++);
    diskFull = true;
    expect(() => config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'fr' } }))).toThrow(AppFailure);
    expect(heard).toBe(0);
    expect(config.read().settings.language).toBe('system');
    diskFull = false;
    config.update((doc) => ({ ...doc, settings: { ...doc.settings, language: 'fr' } }));
    expect(heard).toBe(1);
  });
});

describe('migrations through openJsonStore', () => {
  interface NotesV2 {
    schemaVersion: 2;
    owner: { name: string };
    notes: Array<{ text: string }>;
  }
  const isNotesV2 = (doc: unknown): doc is NotesV2 => {
    const d = doc as Partial<NotesV2> | null;
    return (
      !!d && d.schemaVersion === 2 && typeof d.owner?.name === 'string' && Array.isArray(d.notes) && d.notes.every((n) => typeof n?.text === 'string')
    );
  };
  const migrations: Record<number, Migration> = {
    // 0 → 1: bare strings become objects
    0: (doc) => ({ ...doc, notes: (doc['notes'] as string[]).map((text) => ({ text })) }),
    // 1 → 2: owner becomes an object
    1: (doc) => ({ ...doc, owner: { name: String(doc['owner']) } }),
  };
  const open = (extra: Partial<Parameters<typeof openJsonStore<NotesV2>>[0]> = {}) =>
    openJsonStore<NotesV2>({
      name: 'notes',
      cwd: dir,
      backend: confBackend,
      defaults: () => ({ schemaVersion: 2, owner: { name: 'nobody' }, notes: [] }),
      isValid: isNotesV2,
      migrations,
      now: () => new Date('2024-02-03T04:05:06.789Z'),
      ...extra,
    });

  it('upgrades a version-0 document (no schemaVersion) through every step and saves it', () => {
    place('legacy-v0-notes.json', 'notes');
    const store = open();
    expect(store.notice).toBeNull();
    expect(store.readOnly).toBe(false);
    expect(store.read()).toEqual({ schemaVersion: 2, owner: { name: 'rachel' }, notes: [{ text: 'first' }, { text: 'second' }] });
    // The upgraded document is what is on disk now, and a reopen needs no migration.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'notes.json'), 'utf8'))).toEqual(store.read());
    const again = open({ migrations: {} });
    expect(again.notice).toBeNull();
    expect(again.read().owner.name).toBe('rachel');
  });

  it('runs only the steps a version-1 document needs', () => {
    fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, owner: 'marc', notes: [{ text: 'x' }] }));
    const store = open({
      migrations: {
        0: () => {
          throw new Error('the 0 → 1 step must not run for a version-1 file');
        },
        1: migrations[1] as Migration,
      },
    });
    expect(store.notice).toBeNull();
    expect(store.read()).toEqual({ schemaVersion: 2, owner: { name: 'marc' }, notes: [{ text: 'x' }] });
  });

  it('treats a document whose migration yields an invalid result as corrupt, with a dated backup', () => {
    fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, owner: 'marc', notes: 'not-an-array' }));
    const store = open();
    expect(store.notice).toEqual({ kind: 'corrupt-backed-up', backupPath: path.join(dir, 'notes.json.corrupt-2024-02-03T04-05-06-789Z.bak') });
    expect(store.read()).toEqual({ schemaVersion: 2, owner: { name: 'nobody' }, notes: [] });
  });

  it('treats a document with a missing migration step as corrupt', () => {
    place('legacy-v0-notes.json', 'notes');
    const store = open({ migrations: { 1: migrations[1] as Migration } });
    expect(store.notice?.kind).toBe('corrupt-backed-up');
    expect(backupsIn(dir, 'notes')).toHaveLength(1);
  });

  it('does not throw when a migration step throws on a malformed old document (treated as corrupt instead)', () => {
    // A version-0 file whose `notes` is not an array makes the 0 → 1 step throw (`.map` of a number).
    fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ notes: 42, owner: 'x' }));
    let store: ReturnType<typeof open> | undefined;
    expect(() => {
      store = open();
    }).not.toThrow();
    expect(store?.notice?.kind).toBe('corrupt-backed-up');
    expect(backupsIn(dir, 'notes')).toHaveLength(1);
  });
});

describe("the web host's conf backend (test/web-host/host-services.ts confBackend)", () => {
  it('keeps each store in its own file, as electron-store does', () => {
    // electron-store maps `name` to conf's `configName`; a backend that passes `name` straight to conf writes both
    // stores to config.json and then chmod of cache.json fails with ENOENT.
    let stores: ReturnType<typeof openAppStores> | undefined;
    expect(() => {
      stores = openAppStores(dir, hostConfBackend);
    }).not.toThrow();
    stores?.cache.put('p1', { syncedAt: '2024-01-01T00:00:00.000Z', keys: [] });
    expect(fs.existsSync(path.join(dir, 'key-lists', 'p1.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toHaveProperty('profiles');
    expect(stores?.cache.get('p1')).toEqual({ syncedAt: '2024-01-01T00:00:00.000Z', keys: [] });
  });
});
