// Issue 8 item 7: an import that replaces a profile's CA never lets the stored key go to a server it was not verified against.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, refreshFailure, removeTempDir } from '../src-main/helpers';

const accessKey = 'import-access-key-CANARY-2b4d6f8a0c1e';
let sim: Simulator;
let dir: string;
let keychain: Keychain;
let app: AppServices;
let strangerCaPem: string;

beforeEach(async () => {
  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-import-replace-');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Stranger CA',
      '-keyout',
      path.join(dir, 'ca.key'),
      '-out',
      path.join(dir, 'ca.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  strangerCaPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  keychain = createMemoryKeychain();
  app = await createAppServices({
    dataDir: path.join(dir, 'data'),
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1 },
  });
});
afterEach(async () => {
  await sim?.close();
  removeTempDir(dir);
});

const exportWith = (profiles: object[]): string => JSON.stringify({ format: 'cloudmc-credentials/profiles', version: 1, profiles });

describe('import "Replace" and a profile\'s CA', () => {
  it('import "Replace" that swaps a stored profile\'s CA drops its stored key, says so, and sends the key nowhere', async () => {
    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    const before = sim.requests.length;
    const report = await app.transfer.importProfiles(exportWith([{ name: 'Acme', endpoint: sim.endpoint, caPem: strangerCaPem }]), true);
    expect(report).toMatchObject({ replaced: 1, accessKeyDropped: [{ index: 1, name: 'Acme' }] });
    expect(await keychain.getSecret(`profile:${profile.id}`)).toBeNull();
    const [summary] = await app.profiles.list();
    expect(summary).toMatchObject({ id: profile.id, hasCustomCa: true, accessKey: 'missing', accessKeyId: null });
    expect((await refreshFailure(app.credentials.refresh(profile.id))).code).toBe('access-key-missing');
    expect(sim.requests.length).toBe(before); // nothing was sent with the old key
  });

  it('import "Replace" with the same CA keeps the stored key and reports nothing dropped', async () => {
    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    const report = await app.transfer.importProfiles(exportWith([{ name: 'Acme', endpoint: sim.endpoint }]), true);
    expect(report).toMatchObject({ replaced: 1, accessKeyDropped: [] });
    expect(await keychain.getSecret(`profile:${profile.id}`)).toBe(accessKey);
  });
});
