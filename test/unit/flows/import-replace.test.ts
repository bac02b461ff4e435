// Import "Replace" and the profile it changes. Issue 8 item 7: a replaced CA never receives the stored key it was not verified against.
// Issue 17 item 9: an import goes through the same ordered, per-profile path as every other profile change, so a removal or a key
// switch made while the import waits on the keychain is never undone by a stale copy written back. Real parts: the simulator over
// loopback, real store files, the app's services; only the keychain (not our module) is wrapped, to hold or refuse one deletion.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../src-main/errors';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { profileAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, makeTempDir, refreshFailure, removeTempDir } from '../src-main/helpers';

const accessKey = 'import-access-key-CANARY-2b4d6f8a0c1e';

/** A memory keychain whose deletion of one account waits until released (the OS keychain asking for a password, say), or is refused. */
function holdingKeychain(): {
  keychain: Keychain;
  hold: (account: string) => void;
  refuse: (account: string) => void;
  reached: () => boolean;
  release: () => void;
} {
  const inner = createMemoryKeychain();
  let held: string | null = null;
  let refused: string | null = null;
  let arrived = false;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    keychain: {
      ...inner,
      async deleteSecret(account) {
        if (account === refused) throw fail('keychain-failed');
        if (account === held) {
          arrived = true;
          await gate;
        }
        return inner.deleteSecret(account);
      },
    },
    hold: (account) => (held = account),
    refuse: (account) => (refused = account),
    reached: () => arrived,
    release: () => open(),
  };
}

let sim: Simulator;
let dir: string;
let held: ReturnType<typeof holdingKeychain>;
let keychain: Keychain;
let acme: ProfileSummary;
let globex: ProfileSummary;
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
  held = holdingKeychain();
  keychain = held.keychain;
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
  held.release();
  await app.clipboard.clearSecretNow();
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

/** An export naming Acme with a new CA (its stored key must be dropped: held) and one new profile. */
const importFile = (): string =>
  JSON.stringify({
    format: 'cloudmc-credentials/profiles',
    version: 1,
    profiles: [
      { name: 'Acme', endpoint: sim.endpoint, caPem: strangerCaPem },
      { name: 'Initech', endpoint: 'https://initech.example.com/api/v1' },
    ],
  });

/** Starts an import that replaces Acme's CA and waits until it is held in the keychain. */
async function importHeld(): Promise<{ importing: ReturnType<AppServices['transfer']['importProfiles']> }> {
  held.hold(profileAccount(acme.id));
  const importing = app.transfer.importProfiles(importFile(), true);
  await vi.waitFor(() => expect(held.reached()).toBe(true));
  return { importing };
}

/** A new key generated on CloudMC, to switch a profile to (as a rotation does). */
async function newKey(name: string): Promise<{ id: string; secret: string }> {
  const generated = await app.credentials.generate(acme.id, name, false);
  app.secretActions.dismiss(generated.secretId);
  return { id: generated.key.id, secret: generated.secret };
}

describe('issue 17 item 9: import while other profile changes happen', () => {
  beforeEach(async () => {
    acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    globex = await app.profiles.add({ name: 'Globex', endpoint: sim.endpoint, apiKey: accessKey });
  });

  it('a profile removed while the import waits on the keychain stays removed', async () => {
    const { importing } = await importHeld();
    await app.profiles.remove(globex.id);
    expect(app.stores.config.read().profiles.map((p) => p.name)).toEqual(['Acme']);
    held.release();
    const report = await importing;
    expect(report).toMatchObject({ added: 1, replaced: 1, accessKeyDropped: [{ index: 1, name: 'Acme' }] });
    expect(app.stores.config.read().profiles.map((p) => p.name)).toEqual(['Acme', 'Initech']);
  });

  it("another profile's key switched while the import waits on the keychain keeps its new key", async () => {
    const key = await newKey('globex-next');
    const { importing } = await importHeld();
    await app.profiles.switchAccessKey(globex.id, key.secret, key.id);
    held.release();
    await importing;
    expect(app.profiles.get(globex.id).accessKeyId).toBe(key.id);
    expect(await keychain.getSecret(profileAccount(globex.id))).toBe(key.secret);
  });

  it("the imported profile's own key switch, asked during the import, runs after it and is kept", async () => {
    const key = await newKey('acme-next');
    const { importing } = await importHeld();
    const switching = app.profiles.switchAccessKey(acme.id, key.secret, key.id);
    held.release();
    await importing;
    await switching;
    const stored = app.profiles.get(acme.id);
    expect(stored).toMatchObject({ accessKeyId: key.id, caPem: strangerCaPem.trim() });
    expect(await keychain.getSecret(profileAccount(acme.id))).toBe(key.secret);
  });

  it('a stored key that cannot be removed stops the import: the CA stays, nothing is added, the failure is said', async () => {
    held.refuse(profileAccount(acme.id));
    const failure = await failureOf(app.transfer.importProfiles(importFile(), true));
    expect(failure.code).toBe('keychain-failed');
    expect(app.stores.config.read().profiles.map((p) => p.name)).toEqual(['Acme', 'Globex']);
    expect(app.profiles.get(acme.id).caPem).toBeUndefined();
    expect(await keychain.getSecret(profileAccount(acme.id))).toBe(accessKey);
  });
});
