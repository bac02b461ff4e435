// The app's stores in a real temp data dir: the config and ui-state files, settings added after the first files were written,
// the ui-state's carry-over of the last profile, and the errno → message mapping the user is shown for an unwritable dir.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataProblemKey, dataProblemOf, openAppStores, type StoredProfile } from '../../../../../src-main/services/store/app-stores';
import { defaultSettings } from '../../../../../src-preload/contract/defaults';
import { confStoreBackend as confBackend, makeTempDir, removeTempDir } from '../../helpers';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('cmc-app-stores-');
});
afterEach(() => removeTempDir(dir));

const writeJson = (name: string, doc: unknown): void => fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(doc));
const readJson = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));

const profile: StoredProfile = {
  id: 'p1',
  name: 'Prod',
  endpoint: 'https://cloudmc.example.com/api/v1',
  createdAt: '2026-01-01T00:00:00.000Z',
  identity: null,
  accessKeyStorage: 'keychain',
};

describe('openAppStores', () => {
  it('writes a first run’s defaults to config.json and ui-state.json, owner-only', () => {
    const stores = openAppStores(dir, confBackend);
    expect(stores.problem).toBeNull();
    expect(stores.config.read()).toEqual({ schemaVersion: 1, settings: defaultSettings, profiles: [], lastProfileId: null });
    expect(readJson('config')).toEqual(stores.config.read());
    expect(stores.uiState.read()).toEqual({ schemaVersion: 1, lastProfileId: null });
    expect(readJson('ui-state')).toEqual({ schemaVersion: 1, lastProfileId: null });
    expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(stores.cache.readOnly).toBe(false);
  });

  it('reads a config written before theme, idleDays and updates existed, with no notice and nothing backed up', () => {
    const { theme: _t, idleDays: _i, updates: _u, ...older } = defaultSettings;
    writeJson('config', { schemaVersion: 1, settings: older, profiles: [profile], lastProfileId: 'p1' });
    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.read().settings).toEqual(older);
    expect(stores.config.read().profiles).toEqual([profile]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('carries the config’s lastProfileId into a new ui-state, and keeps an existing ui-state as it is', () => {
    writeJson('config', { schemaVersion: 1, settings: defaultSettings, profiles: [profile], lastProfileId: 'p1' });
    expect(openAppStores(dir, confBackend).uiState.read().lastProfileId).toBe('p1');
    expect(readJson('ui-state')).toEqual({ schemaVersion: 1, lastProfileId: 'p1' });

    writeJson('ui-state', { schemaVersion: 1, lastProfileId: 'p2' });
    expect(openAppStores(dir, confBackend).uiState.read().lastProfileId).toBe('p2');
  });

  it('treats a profile with an unknown storage or managed value as damage: backed up, defaults used', () => {
    writeJson('config', {
      schemaVersion: 1,
      settings: defaultSettings,
      profiles: [{ ...profile, accessKeyStorage: 'disk' }],
      lastProfileId: null,
    });
    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice?.kind).toBe('corrupt-backed-up');
    expect(stores.config.read().profiles).toEqual([]);

    writeJson('config', { schemaVersion: 1, settings: defaultSettings, profiles: [{ ...profile, managed: 'forced' }], lastProfileId: null });
    expect(openAppStores(dir, confBackend).config.notice?.kind).toBe('corrupt-backed-up');
  });

  it('keeps a withdrawn policy profile, its CA and its key id', () => {
    const kept: StoredProfile = {
      ...profile,
      managed: 'withdrawn',
      caPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----',
      accessKeyId: 'k1',
    };
    writeJson('config', {
      schemaVersion: 1,
      settings: defaultSettings,
      profiles: [kept],
      lastProfileId: null,
      settingsChosen: ['theme', 'later-setting'],
    });
    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.read().profiles).toEqual([kept]);
    expect(stores.config.read().settingsChosen).toEqual(['theme', 'later-setting']);
  });

  it('reports a read-only data dir as a problem, every store then read-only', () => {
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    const stores = openAppStores(path.join(file, 'data'), confBackend);
    expect(stores.problem).toMatchObject({ messageKey: 'data.unwritable', reason: 'ENOTDIR' });
    expect(stores.config.readOnly).toBe(true);
    expect(stores.cache.readOnly).toBe(true);
  });
});

describe('the data-dir problem told to the user', () => {
  it.each([
    ['EROFS', 'data.read-only'],
    ['EACCES', 'data.read-only'],
    ['EPERM', 'data.read-only'],
    ['ENOSPC', 'data.full'],
    ['EDQUOT', 'data.full'],
    ['EISDIR', 'data.not-a-file'],
    ['ENOTDIR', 'data.unwritable'],
    ['unknown', 'data.unwritable'],
  ])('%s reads as %s', (reason, key) => {
    expect(dataProblemKey(reason)).toBe(key);
    expect(dataProblemOf({ reason, path: '/data/config.json' })).toEqual({ messageKey: key, path: '/data/config.json', reason });
  });
});
