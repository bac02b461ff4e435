// The one-time card's actions in main: Copy as environment variables writes the profile's endpoint and the key as two lines,
// under the same clipboard rules as Copy (cleared after the setting's delay, only if the clipboard still holds them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

let sim: Simulator;
let dataDir: string;
let app: AppServices;
let profile: ProfileSummary;
const clipboard = new MemoryClipboard();

beforeAll(async () => {
  const state = new SimState();
  const { apiKey } = seedDemo(state);
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cloudmc-secret-actions-');
  app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard,
    version: 'test',
    clientOptions: { timeoutMs: 300, attempts: 1 },
  });
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
});
afterAll(async () => {
  await sim.close();
  removeTempDir(dataDir);
});

describe('Copy as environment variables', () => {
  it('writes CLOUDMC_ENDPOINT and CLOUDMC_API_KEY lines, marks the key copied and says when the clipboard is cleared', async () => {
    const g = await app.credentials.generate(profile.id, 'env-copy', false);
    const outcome = await app.secretActions.copyAsEnv(g.secretId);
    expect(clipboard.text).toBe(`CLOUDMC_ENDPOINT=${profile.endpoint}\nCLOUDMC_API_KEY=${g.secret}\n`);
    expect(outcome).toEqual({ clearAfterSeconds: app.settings.get().clipboardClearSeconds });
    expect(app.oneTimeSecrets.list().find((p) => p.secretId === g.secretId)?.copied).toBe(true);
    app.secretActions.dismiss(g.secretId);
  });

  it('is cleared on quit like a copied key, only while the clipboard still holds it', async () => {
    const g = await app.credentials.generate(profile.id, 'env-clear', false);
    await app.secretActions.copyAsEnv(g.secretId);
    await app.clipboard.clearSecretNow();
    expect(clipboard.text).toBe('');
    app.secretActions.dismiss(g.secretId);
  });

  it('answers secret-gone once the card was dismissed', async () => {
    const g = await app.credentials.generate(profile.id, 'env-gone', false);
    app.secretActions.dismiss(g.secretId);
    expect(await failureOf(app.secretActions.copyAsEnv(g.secretId))).toMatchObject({ code: 'secret-gone' });
  });
});
