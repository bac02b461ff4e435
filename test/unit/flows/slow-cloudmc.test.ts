// Issue 8 item 2: saving a profile against a CloudMC that hangs is bounded and can be cancelled.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { ownKeyBudgetMs } from '../../../src-main/services/profiles/own-key';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, makeTempDir, removeTempDir } from '../src-main/helpers';

const accessKey = 'slow-access-key-CANARY-8e6c4a2f0d9b';
let sim: Simulator;
let dir: string;
let app: AppServices;

beforeAll(async () => {
  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-slow-');
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
  });
});
afterAll(async () => {
  await sim?.close();
  removeTempDir(dir);
});

const waitForOpenRequest = (path: string): Promise<void> =>
  vi.waitFor(() => expect(sim.requests.some((r) => r.path.endsWith(path) && r.status === undefined)).toBe(true));

describe('add-profile while CloudMC hangs', () => {
  it('add-profile can be cancelled while CloudMC does not answer, and nothing is saved', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/users/current', times: 1 });
    const adding = app.profiles.add({ name: 'Hung', endpoint: sim.endpoint, apiKey: accessKey }, 'add-1');
    await waitForOpenRequest('/users/current');
    app.cancelRequest('add-1');
    expect(await failureOf(adding)).toMatchObject({ code: 'cancelled', kind: 'cancelled' });
    expect(await app.profiles.list()).toEqual([]);
  });

  it('add-profile no longer waits out a hanging /api_keys: finding its own key is best effort and cancellable', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    const adding = app.profiles.add({ name: 'Half hung', endpoint: sim.endpoint, apiKey: accessKey }, 'add-2');
    await waitForOpenRequest('/api_keys');
    app.cancelRequest('add-2');
    expect(await failureOf(adding)).toMatchObject({ code: 'cancelled' });
    expect(await app.profiles.list()).toEqual([]);
  });

  it('add-profile with a hanging /api_keys still saves after the own-key budget, without naming its own key', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    const started = Date.now();
    const saved = await app.profiles.add({ name: 'Saved anyway', endpoint: sim.endpoint, apiKey: accessKey });
    expect(saved).toMatchObject({ name: 'Saved anyway', accessKeyId: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(ownKeyBudgetMs - 50); // it waited for the budget, not for the 30 s deadline twice
  });
});
