// The world the rotation flow tests share: a seeded simulator over loopback, a data dir, a keychain that outlives the app, a timer
// the test fires, and helpers that ask CloudMC's own state (never the app) whether a key is live.
import fs from 'node:fs';
import path from 'node:path';
import type { AppServices } from '../../../src-main/services/app-services';
import { createAppServices } from '../../../src-main/services/app-services';
import { createCloudmcClient } from '../../../src-main/services/cloudmc/cloudmc-client';
import { generatedKeyAccount, profileAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { confStoreBackend, failureOf, MemoryClipboard } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';

/** The key id `<dataDir>/config.json` names as the profile's own (read from the file, not from any app). */
export function configKeyIdIn(dataDir: string, profileId: string): string | undefined {
  const config = JSON.parse(fs.readFileSync(path.join(dataDir, 'config.json'), 'utf8')) as { profiles: { id: string; accessKeyId?: string }[] };
  return config.profiles.find((p) => p.id === profileId)?.accessKeyId;
}

/** The profile's access key (a canary: it must never reach a file). */
export const accessKey = 'rotation-access-key-CANARY-7d1e3f5a9b2c';

/** One test's world; `close()` in afterEach. */
export interface RotationWorld {
  sim: Simulator;
  userId: string;
  keychain: Keychain;
  timers: ManualTimers;
  /** Moves the app's clock ahead of real time (the simulator records uses in real time). */
  aheadMs: number;
  clock(): Date;
  /** A fresh app on `dataDir` (a "restart" when called again), with this world's keychain unless another is given. */
  open(dataDir: string, keychain?: Keychain, timeoutMs?: number): Promise<AppServices>;
  addProfile(app: AppServices, endpoint?: string): Promise<ProfileSummary>;
  /** A key of the profile's user that nobody has used, with its value known to the test. */
  unusedKey(name: string): { id: string; secret: string };
  /** The profile's own key id, from CloudMC's state. */
  ownKeyId(): string;
  /** CloudMC still accepts this key (asked of the simulator's state: no use is recorded). */
  alive(secret: string): boolean;
  /** The ids of the live keys of the profile's user, from CloudMC's state. */
  liveIds(): string[];
  answers401(secret: string): Promise<boolean>;
  storedCopy(profileId: string, keyId: string): Promise<string | null>;
  profileKey(profileId: string): Promise<string | null>;
  close(): Promise<void>;
}

/** Starts a seeded simulator and a memory keychain that outlives every app opened on it. */
export async function startRotationWorld(): Promise<RotationWorld> {
  const state = new SimState();
  const userId = seedDemo(state, { apiKey: accessKey }).user.id;
  const sim = await startSimulator({ state });
  const keychain = createMemoryKeychain();
  const timers = new ManualTimers();
  const apps: AppServices[] = [];
  const world: RotationWorld = {
    sim,
    userId,
    keychain,
    timers,
    aheadMs: 0,
    clock: () => new Date(Date.now() + world.aheadMs),
    async open(dataDir, chosen = keychain, timeoutMs = 2_000) {
      const app = await createAppServices({
        dataDir,
        storeBackend: confStoreBackend,
        keychain: chosen,
        clipboard: new MemoryClipboard(),
        version: 'test',
        clientOptions: { attempts: 1, timeoutMs, deadlineMs: timeoutMs },
        now: () => world.clock(),
        rotationTimers: timers,
      });
      apps.push(app);
      return app;
    },
    addProfile: (app, endpoint = sim.endpoint) => app.profiles.add({ name: 'Acme', endpoint, apiKey: accessKey }),
    unusedKey(name) {
      const { key, secret } = sim.state.issueKey(userId, { name });
      return { id: key.id, secret };
    },
    ownKeyId: () => sim.state.authenticate(accessKey)!.key.id,
    alive: (secret) => sim.state.authenticate(secret) !== null,
    liveIds: () => sim.state.listKeys(userId).map((k) => k.id),
    answers401: async (secret) =>
      (await failureOf(createCloudmcClient({ endpoint: sim.endpoint, apiKey: secret }, { attempts: 1 }).currentUser())).code === 'unauthorized',
    storedCopy: (profileId, keyId) => keychain.getSecret(generatedKeyAccount(profileId, keyId)),
    profileKey: (profileId) => keychain.getSecret(profileAccount(profileId)),
    async close() {
      for (const app of apps) {
        app.rotation.stop();
        await app.clipboard.clearSecretNow();
      }
      await sim.close();
    },
  };
  return world;
}
