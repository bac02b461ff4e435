// Refresh all, run in main against the simulator over loopback (a proxy holds CloudMC's answers): four at a time, profiles without a
// usable access key left out, each change reported as `refreshAll:did-change`, each profile's view as `keys:did-change`, Cancel.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../../src-preload/contract/names';
import type { RefreshAllRun, RefreshItem } from '../../../../src-preload/contract/events';
import type { KeysView } from '../../../../src-preload/contract/models';
import { createAppServices, type AppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../../src-main/services/keychain/keychain';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { startHeldProxy, type HeldProxy } from '../../flows/held-proxy';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../helpers';

let sim: Simulator;
let proxy: HeldProxy;
let dir: string;
let keychain: Keychain;
let app: AppServices;
let apiKey: string;
let events: { name: EventName; payload: unknown }[];

beforeEach(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  proxy = await startHeldProxy(sim.endpoint);
  dir = makeTempDir('cmc-refresh-all-');
  keychain = createMemoryKeychain();
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
  });
  events = [];
  app.events.subscribe((name, payload) => events.push({ name, payload }));
});
afterEach(async () => {
  app.refreshAll.cancel();
  await app.refreshAll.finished();
  await proxy.close();
  await sim.close();
  removeTempDir(dir);
});

/** Adds `count` profiles (through the proxy unless told otherwise) named P1…; answers their ids. */
async function addProfiles(count: number, endpoint = (): string => proxy.endpoint): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i += 1) ids.push((await app.profiles.add({ name: `P${i}`, endpoint: endpoint(), apiKey })).id);
  events.length = 0;
  return ids;
}

const progress = (): RefreshAllRun[] => events.filter((e) => e.name === 'refreshAll:did-change').map((e) => e.payload as RefreshAllRun);
/** Every line as the run's events leave it (the first event lists them all, later ones the lines that changed). */
const linesNow = (): Map<string, RefreshItem> => new Map(progress().flatMap((c) => c.items.map((item) => [item.profileId, item] as const)));
const statuses = (): string[] => [...linesNow().values()].map((item) => item.status).sort();
const views = (): KeysView[] => events.filter((e) => e.name === 'keys:did-change').map((e) => (e.payload as { view: KeysView }).view);

describe('Refresh all in main', () => {
  it('refreshes the profiles with a usable access key, four at a time, telling each change and each profile’s new list', async () => {
    const ids = await addProfiles(6);
    const [withoutKey] = await addProfiles(1);
    await keychain.deleteSecret(`profile:${withoutKey}`); // its access key is missing now: main leaves it out
    proxy.hold('GET', '/api_keys');
    const run = await app.refreshAll.start();
    expect(run).toMatchObject({ running: true, seq: 1 });
    expect(run.items.map((item) => item.profileId)).toEqual(ids);
    expect(run.items.every((item) => item.status === 'waiting' && item.error === null)).toBe(true);

    await vi.waitFor(() => expect(proxy.count('GET', '/api_keys')).toBe(4));
    expect(statuses()).toEqual(['running', 'running', 'running', 'running', 'waiting', 'waiting']);
    expect(await app.refreshAll.start()).toMatchObject({ runId: run.runId }); // a second Start answers the run going
    proxy.release('GET', '/api_keys');
    await app.refreshAll.finished();

    expect(statuses()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const changes = progress();
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
    expect(changes.every((c) => c.runId === run.runId)).toBe(true);
    expect(changes.at(-1)).toMatchObject({ running: false, items: [] });
    expect(app.refreshAll.current()).toMatchObject({ runId: run.runId, running: false, seq: changes.length });
    // Each refreshed profile's key screen went to the windows, live, with its summary up to date.
    await app.changes.idle();
    const last = new Map(views().map((v) => [v.profile.id, v]));
    expect([...last.keys()].sort()).toEqual([...ids].sort());
    for (const view of last.values())
      expect(view).toMatchObject({ failure: null, profile: { syncState: 'live' }, list: { keys: expect.any(Array) } });
  });

  it('a profile that never answers holds one slot only; its line says running while the others are done', async () => {
    let n = 0;
    await addProfiles(6, () => (++n === 1 ? proxy.endpoint : sim.endpoint));
    proxy.hold('GET', '/api_keys');
    await app.refreshAll.start();
    await vi.waitFor(() => expect(statuses()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'running']));
    expect(app.refreshAll.current()?.running).toBe(true);
  });

  it('a failure is that profile’s line (with main’s error) and its view, and the run goes on', async () => {
    const [rejected] = await addProfiles(1);
    const user = sim.state.findUserByName('rwilson')!;
    const other = sim.state.issueKey(user.id, { name: 'second profile' });
    const fine = (await app.profiles.add({ name: 'Fine', endpoint: sim.endpoint, apiKey: other.secret })).id;
    sim.state.revokeKey(user.id, sim.state.authenticate(apiKey)!.key.id); // CloudMC now refuses the first profile's key
    await app.refreshAll.start();
    await app.refreshAll.finished();
    expect(linesNow().get(rejected!)).toMatchObject({ status: 'failed', error: { code: 'unauthorized', kind: 'rejected' } });
    expect(linesNow().get(fine)).toMatchObject({ status: 'ok', error: null });
    await app.changes.idle();
    expect(views().find((v) => v.profile.id === rejected)).toMatchObject({ failure: { code: 'unauthorized' }, profile: { syncState: 'rejected' } });
  });

  it('Cancel cancels the lines not finished at once, cancels the calls in flight, and launches nothing more', async () => {
    await addProfiles(6);
    proxy.hold('GET', '/api_keys');
    await app.refreshAll.start();
    await vi.waitFor(() => expect(proxy.count('GET', '/api_keys')).toBe(4));
    app.refreshAll.cancel();
    expect(progress().at(-1)).toMatchObject({ running: false });
    expect(progress().at(-1)!.items).toHaveLength(6);
    expect(statuses()).toEqual(Array(6).fill('cancelled'));
    await app.refreshAll.finished();
    proxy.release('GET', '/api_keys');
    await app.changes.idle();
    expect(statuses()).toEqual(Array(6).fill('cancelled'));
    expect(proxy.count('GET', '/api_keys')).toBe(0);
    // The cancelled refreshes change no screen.
    expect(views().filter((v) => v.failure?.kind === 'cancelled')).toEqual([]);
  });
});
