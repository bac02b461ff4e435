// Issue 22 item 1: a profile's key screen from local data in one answer (`profiles.open`), through the real handlers and services
// against the simulator: cached keys, the keychain's copies, the rotations; remembered for the next start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../src-main/services/app-services';
import { createHandlers, type Handlers } from '../../../../src-main/ipc/handlers';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { openProfileScreen } from '../../../../src-main/services/profile-screen';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, makeTempDir, removeTempDir } from '../helpers';

let sim: Simulator;
let dir: string;
let apiKey: string;
let app: AppServices;
let handlers: Handlers;
const open = async (): Promise<AppServices> =>
  createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
  });

beforeEach(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-profile-screen-');
  app = await open();
  handlers = createHandlers(app);
});
afterEach(async () => {
  await sim.close();
  removeTempDir(dir);
});

describe('profiles.open', () => {
  it('answers null when there is no profile', async () => {
    expect(await handlers.profiles.open({})).toBeNull();
  });

  it("answers a profile's cached keys, its stored copies and its rotations in one call, and remembers it", async () => {
    const first = await app.profiles.add({ name: 'First', endpoint: sim.endpoint, apiKey });
    const second = await app.profiles.add({ name: 'Second', endpoint: sim.endpoint, apiKey });
    await app.credentials.refresh(second.id);
    const generated = await app.credentials.generate(second.id, 'stored-one', true);

    const screen = await handlers.profiles.open({ profileId: second.id });
    expect(screen?.keys.profile.id).toBe(second.id);
    expect(screen?.keys.list?.keys.map((k) => k.name)).toContain('stored-one');
    expect(screen?.copies?.map((c) => c.keyId)).toEqual([generated.key.id]);
    expect(screen?.rotations).toEqual([]);
    expect(screen?.notRemembered).toBeNull();
    expect(app.stores.uiState.read().lastProfileId).toBe(second.id);

    // Omitted: the last profile shown (also after a restart), else the first.
    expect((await handlers.profiles.open({}))?.keys.profile.id).toBe(second.id);
    const again = createHandlers(await open());
    expect((await again.profiles.open({}))?.keys.profile.id).toBe(second.id);
    await app.profiles.remove(second.id);
    expect((await handlers.profiles.open({}))?.keys.profile.id).toBe(first.id);
  });

  it("carries the profile's key notes and its uncertain Generates, as health.notes and keys.maybeCreated answer them", async () => {
    const shown = await app.profiles.add({ name: 'Shown', endpoint: sim.endpoint, apiKey });
    await app.credentials.refresh(shown.id);
    const key = (await app.credentials.listCached(shown.id)).list!.keys[0]!;
    app.health.setNote(shown.id, key.id, 'used by the nightly backup');
    const intent = app.maybeCreated.begin(shown.id, 'cut-short');
    app.maybeCreated.uncertain(intent.id);
    try {
      const screen = await handlers.profiles.open({ profileId: shown.id });
      expect(screen?.notes).toEqual({ [key.id]: 'used by the nightly backup' });
      expect(screen?.notes).toEqual(await handlers.health.notes({ profileId: shown.id }));
      expect(screen?.maybeCreated.map((m) => m.intentId)).toEqual([intent.id]);
      expect(screen?.maybeCreated).toEqual(await handlers.keys.maybeCreated({ profileId: shown.id }));
    } finally {
      app.maybeCreated.stop();
    }
  });

  it('an unknown profile is refused as not found', async () => {
    expect(await failureOf(handlers.profiles.open({ profileId: 'no-such-profile' }))).toMatchObject({ code: 'profile-not-found' });
  });

  it('a keychain that cannot be read leaves the copies out (null) and still answers the cached keys', async () => {
    const lockedDir = makeTempDir('cmc-profile-screen-locked-');
    const locked = await createAppServices({
      dataDir: lockedDir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain({ unavailable: true }),
      clipboard: new MemoryClipboard(),
      version: 'test',
    });
    const profile = await locked.profiles.add({ name: 'Session only', endpoint: sim.endpoint, apiKey });
    await locked.credentials.refresh(profile.id);
    const screen = await openProfileScreen(locked, profile.id);
    expect(screen?.copies).toBeNull();
    expect(screen?.keys.list?.keys.length).toBeGreaterThan(0);
    removeTempDir(lockedDir);
  });
});
