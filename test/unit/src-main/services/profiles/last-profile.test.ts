// Issue 22 item 3: the last profile is remembered apart from the profiles, so a switch never rewrites the whole config.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { createHandlers } from '../../../../../src-main/ipc/handlers';
import { confStoreBackend, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

const profile = (id: string) => ({
  id,
  name: `Profile ${id}`,
  endpoint: 'https://cloudmc.example.com/api/v1',
  createdAt: '2024-05-01T12:00:00.000Z',
  identity: { userName: 'rwilson', displayName: 'Rachel Wilson', organizationName: 'Acme Corporation' },
  accessKeyStorage: 'keychain',
});

/** A data dir whose config.json (as older versions wrote it) names `lastProfileId`. */
function dataDirWith(lastProfileId: string): string {
  const dir = makeTempDir('cloudmc-last-profile-');
  const doc = {
    schemaVersion: 1,
    settings: { language: 'en', storeCopyByDefault: false, clipboardClearSeconds: 45 },
    profiles: ['p-1', 'p-2', 'p-3'].map(profile),
    lastProfileId,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(doc), { mode: 0o600 });
  return dir;
}

const open = (dataDir: string): Promise<AppServices> =>
  createAppServices({ dataDir, storeBackend: confStoreBackend, keychain: createMemoryKeychain(), clipboard: new MemoryClipboard(), version: 'test' });
const lastOf = async (app: AppServices) => (await createHandlers(app).app.getState(undefined as never)).lastProfileId;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

describe('the last profile', () => {
  it('a switch writes only a small file: config.json keeps its bytes and its mtime', async () => {
    const dir = dataDirWith('p-1');
    dirs.push(dir);
    const app = await open(dir);
    const configPath = path.join(dir, 'config.json');
    const before = { bytes: fs.readFileSync(configPath, 'utf8'), mtime: fs.statSync(configPath).mtimeMs };
    app.profiles.select('p-2');
    app.profiles.select('p-3');
    expect(fs.readFileSync(configPath, 'utf8')).toBe(before.bytes);
    expect(fs.statSync(configPath).mtimeMs).toBe(before.mtime);
    expect(await lastOf(app)).toBe('p-3');
    // The choice survives a restart.
    expect(await lastOf(await open(dir))).toBe('p-3');
  });

  it('an existing lastProfileId in config.json is carried over on first read', async () => {
    const dir = dataDirWith('p-2');
    dirs.push(dir);
    expect(await lastOf(await open(dir))).toBe('p-2');
  });

  it('removing the last profile falls back to another one', async () => {
    const dir = dataDirWith('p-1');
    dirs.push(dir);
    const app = await open(dir);
    app.profiles.select('p-3');
    await app.profiles.remove('p-3');
    expect(await lastOf(app)).toBe('p-1');
  });
});
