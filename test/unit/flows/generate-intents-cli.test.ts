// Issue 17 item 3: the command line's `keys generate` goes through the same generate-intent journal as the app (a journal that cannot
// be written refuses before anything is sent), and beside the running app (which holds app.lock) it never takes the app's Generate in
// flight for one cut short, nor touches the app's journal.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliIn, type CliRun } from './cli-runner';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../src-main/helpers';
import { endHolder, holdLock } from '../src-main/cli/processes';

const accessKey = 'intents-cli-access-key-CANARY-6a1f3c8e2d9b';

let sim: Simulator;
let dir: string;
let keychain: Keychain;
let app: AppServices;
let userId: string;

const cli = (argv: string[]): Promise<CliRun> => runCliIn(dir, keychain, argv);

beforeEach(async () => {
  const state = new SimState();
  userId = seedDemo(state, { apiKey: accessKey }).user.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-intents-cli-');
  keychain = createMemoryKeychain();
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 't',
    generateCheckTimers: null,
  });
  await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
});
afterEach(async () => {
  await app.clipboard.clearSecretNow();
  await sim.close();
  removeTempDir(dir);
});

describe('the command line and the generate-intent journal', () => {
  it('keys generate refuses before sending when the journal cannot be written (exit 1, store-write-failed, no key made)', async () => {
    const journal = path.join(dir, 'generate-intents.json');
    fs.rmSync(journal, { force: true });
    fs.mkdirSync(journal); // EISDIR: the journal cannot be written; the rest of the data dir can
    const before = sim.state.listKeys(userId).length;
    const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'never-sent', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'store-write-failed', kind: 'local' } });
    expect(sim.state.listKeys(userId).length).toBe(before);
  });

  it("beside the running app, keys list neither reports the app's Generate in flight nor touches the app's journal", async () => {
    // The app has journaled a Generate whose answer it has not handled yet; CloudMC has made the key.
    const { key } = sim.state.issueKey(userId, { name: 'app-in-flight' });
    const journal = path.join(dir, 'generate-intents.json');
    const text = JSON.stringify({
      schemaVersion: 1,
      intents: [
        { id: 'i-app', profileId: (await app.profiles.list())[0]!.id, name: 'app-in-flight', knownKeyIds: [], startedAt: new Date().toISOString() },
      ],
    });
    fs.writeFileSync(journal, text);
    const { holder } = await holdLock(dir, 'app');
    try {
      const run = await cli(['keys', 'list', '--profile', 'Acme']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('app-in-flight');
      expect(run.stderr).not.toContain(key.id);
      expect(fs.readFileSync(journal, 'utf8')).toBe(text);
    } finally {
      await endHolder(holder);
    }
  });
});
