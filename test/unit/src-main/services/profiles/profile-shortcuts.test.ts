// Density mode: main keeps the sidebar's pinned and recent profiles in the ui-state file (real files in a temp dir), through the real handlers.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { createHandlers } from '../../../../../src-main/ipc/handlers';
import { openProfileScreen } from '../../../../../src-main/services/profile-screen';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

const ids = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7'];
const profile = (id: string) => ({
  id,
  name: `Profile ${id}`,
  endpoint: 'https://cloudmc.example.com/api/v1',
  createdAt: '2024-05-01T12:00:00.000Z',
  identity: null,
  accessKeyStorage: 'keychain',
});

function dataDir(): string {
  const dir = makeTempDir('cloudmc-shortcuts-');
  dirs.push(dir);
  const doc = {
    schemaVersion: 1,
    settings: { language: 'en', storeCopyByDefault: false, clipboardClearSeconds: 45 },
    profiles: ids.map(profile),
    lastProfileId: null,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(doc), { mode: 0o600 });
  return dir;
}

const open = (dir: string): Promise<AppServices> =>
  createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
  });
const stateOf = async (app: AppServices) => (await createHandlers(app).app.getState(undefined as never)).shortcuts;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

describe('pinned profiles', () => {
  it('are kept in pinning order, survive a restart, and unpinning removes one', async () => {
    const dir = dataDir();
    const app = await open(dir);
    const handlers = createHandlers(app);
    expect(await handlers.profiles.pin({ profileId: 'p-3', pinned: true })).toEqual({ pinned: ['p-3'], recent: [] });
    expect((await handlers.profiles.pin({ profileId: 'p-1', pinned: true })).pinned).toEqual(['p-3', 'p-1']);
    // Pinning twice does not repeat it.
    expect((await handlers.profiles.pin({ profileId: 'p-3', pinned: true })).pinned).toEqual(['p-1', 'p-3']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ui-state.json'), 'utf8')).pinnedProfileIds).toEqual(['p-1', 'p-3']);
    expect((await stateOf(await open(dir))).pinned).toEqual(['p-1', 'p-3']);
    expect((await handlers.profiles.pin({ profileId: 'p-1', pinned: false })).pinned).toEqual(['p-3']);
  });

  it('a profile that does not exist cannot be pinned; a removed profile drops out', async () => {
    const app = await open(dataDir());
    const handlers = createHandlers(app);
    expect(await failureOf(handlers.profiles.pin({ profileId: 'nope', pinned: true }))).toMatchObject({ code: 'profile-not-found' });
    await handlers.profiles.pin({ profileId: 'p-2', pinned: true });
    await openProfileScreen(app, 'p-2');
    await app.profiles.remove('p-2');
    const after = app.profiles.shortcuts(); // what app.getState and profiles.open answer
    expect(after.pinned).toEqual([]);
    expect(after.recent).not.toContain('p-2');
  });
});

describe('recent profiles', () => {
  it('are the last five opened, newest first, without repeats, and survive a restart', async () => {
    const dir = dataDir();
    const app = await open(dir);
    for (const id of ['p-1', 'p-2', 'p-3', 'p-2', 'p-4', 'p-5', 'p-6', 'p-7']) await openProfileScreen(app, id);
    expect((await stateOf(app)).recent).toEqual(['p-7', 'p-6', 'p-5', 'p-4', 'p-2']);
    expect((await stateOf(await open(dir))).recent).toEqual(['p-7', 'p-6', 'p-5', 'p-4', 'p-2']);
    // The config file (every profile) is not rewritten by opening one.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).not.toHaveProperty('recentProfileIds');
  });

  it('an older ui-state file without shortcuts reads as none', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'ui-state.json'), JSON.stringify({ schemaVersion: 1, lastProfileId: 'p-2' }), { mode: 0o600 });
    const app = await open(dir);
    expect(await stateOf(app)).toEqual({ pinned: [], recent: [] });
    expect(app.stores.uiState.read().lastProfileId).toBe('p-2');
  });
});
