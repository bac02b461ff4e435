// Search all keys searches every profile's cached list and says how many profiles it could not search (no list cached: never
// synced, or its cache gone), so the screen can say so and offer Refresh all instead of finding "2 of 300" silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { confStoreBackend, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

let sim: Simulator;
let dataDir: string;
let app: AppServices;
let apiKey: string;

beforeAll(async () => {
  const state = new SimState();
  ({ apiKey } = seedDemo(state));
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cloudmc-key-search-');
  app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { timeoutMs: 2000, attempts: 1 },
  });
});
afterAll(async () => {
  await sim.close();
  removeTempDir(dataDir);
});

describe('search all keys: profiles it could not search', () => {
  it('counts the profiles with no cached list, and none once every profile was refreshed', async () => {
    const synced = await app.profiles.add({ name: 'Synced', endpoint: sim.endpoint, apiKey });
    const never = await app.profiles.add({ name: 'Never synced', endpoint: sim.endpoint, apiKey });
    const third = await app.profiles.add({ name: 'Also never', endpoint: sim.endpoint, apiKey });
    await app.credentials.refresh(synced.id);
    const before = app.credentials.searchCached('e', 50);
    expect(before.unsearched).toBe(2);
    expect(before.hits.every((h) => h.profileId === synced.id)).toBe(true);

    await app.credentials.refresh(never.id);
    await app.credentials.refresh(third.id);
    expect(app.credentials.searchCached('e', 50).unsearched).toBe(0);
  });

  it('says it for an empty query too (nothing searched, nothing found)', () => {
    expect(app.credentials.searchCached('  ', 50)).toEqual({ hits: [], total: 0, unsearched: 0 });
  });
});
