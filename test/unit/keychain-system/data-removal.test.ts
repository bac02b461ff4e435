// "Remove all my data" against a real gnome-keyring this test starts (then locks): every entry of this app goes (profiles' access keys,
// stored copies), another app's entry stays, the data folder is emptied; on a locked keyring the removal is refused before anything,
// and findCredentials is never called on it (security.md 16: it crashes the process there).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { keychainService } from '../../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';
import { observeKeytar } from './observed-keytar';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

const otherApp = 'Some Other App';
let service: PrivateSecretService;
let sim: Simulator;
let apiKey: string;
const dirs: string[] = [];
const observed = observeKeytar();

/** The app on a fresh data folder, with the real keytar (observed). */
async function open(): Promise<{ app: AppServices; dataDir: string }> {
  const dataDir = makeTempDir('cloudmc-removal-keyring-');
  dirs.push(dataDir);
  const app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createKeytarKeychain({ timeoutMs: 10_000, load: () => observed.keytar }),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { timeoutMs: 3000 },
  });
  expect(await app.keychainStatus()).toEqual({ available: true, backend: 'keytar' });
  return { app, dataDir };
}

beforeAll(async () => {
  service = await startPrivateSecretService();
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  await observed.keytar.setPassword(otherApp, 'someone@example.com', 'another-apps-secret');
});
afterAll(async () => {
  await sim?.close();
  await service?.stop();
  for (const dir of dirs) removeTempDir(dir);
});

describe('Remove all my data, with a real Secret Service', () => {
  it("removes every entry of this app (profiles' access keys and stored copies) and its files; another app's entry stays", async () => {
    const { app, dataDir } = await open();
    const acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    await app.profiles.add({ name: 'Acme (2)', endpoint: sim.endpoint, apiKey });
    for (const name of ['ci-deploy', 'backup']) app.secretActions.dismiss((await app.credentials.generate(acme.id, name, true)).secretId);
    expect(service.search(keychainService)).toContain(`profile:${acme.id}`);

    const plan = await app.dataRemoval.plan();
    expect(plan).toMatchObject({ profiles: 2, keychain: { reachable: true, profileKeys: 2, storedCopies: 2, other: 0 }, refusal: null });
    expect(await app.dataRemoval.removeAll(plan.confirmation)).toEqual({ keychainEntriesRemoved: 4, quitting: false });

    expect(service.search(keychainService)).not.toMatch(/profile:|key:/);
    expect(await observed.keytar.findCredentials(keychainService)).toEqual([]);
    expect(await observed.keytar.getPassword(otherApp, 'someone@example.com')).toBe('another-apps-secret');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('on a locked keyring: refused before anything is removed, saying it is locked; findCredentials never called', async () => {
    const { app, dataDir } = await open();
    await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    const files = fs.readdirSync(dataDir).sort();
    expect(files).toContain('config.json');
    await service.lockLogin();
    const callsBefore = observed.calls.length;

    const plan = await app.dataRemoval.plan();
    expect(plan.keychain).toEqual({ reachable: false, reason: 'locked', messageKey: 'keychain.locked', blocks: true });
    expect(plan.refusal).toMatchObject({ code: 'keychain-unavailable', messageKey: 'keychain.locked' });
    expect(await failureOf(app.dataRemoval.removeAll(plan.confirmation))).toMatchObject({ messageKey: 'keychain.locked' });

    expect(fs.readdirSync(dataDir).sort()).toEqual(files);
    expect(path.join(dataDir, 'config.json')).toSatisfy((f: string) => fs.readFileSync(f, 'utf8').includes('Acme'));
    expect(observed.calls.slice(callsBefore).some((c) => c.name === 'findCredentials')).toBe(false);
    expect(observed.calls.slice(callsBefore).some((c) => c.name === 'deletePassword' && !c.account?.startsWith('probe:'))).toBe(false);
  });
});
