// Never lose a new key, against a real Secret Service: store and read back, badge, copy from the keychain, remove, revoke with removal, orphans (checked with CloudMC, named, confirmed), profile key round trip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { keychainService } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { confStoreBackend, filesUnder, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';

let sim: Simulator;
let apiKey: string;
let dataDir: string;
let clipboard: MemoryClipboard;
let app: AppServices;
let profile: ProfileSummary;
const secretsSeen: string[] = [];

const open = (): Promise<AppServices> =>
  createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createKeytarKeychain({ timeoutMs: 10_000 }),
    clipboard,
    version: 'test',
    clientOptions: { timeoutMs: 3000 },
  });

function secretToolSearch(): string {
  const r = spawnSync('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8', timeout: 15_000 });
  return `${r.stdout}\n${r.stderr}`;
}

beforeAll(async () => {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS'])
    throw new Error('run this suite through test/with-secret-service.sh (it needs a D-Bus session with gnome-keyring)');
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  secretsSeen.push(apiKey);
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cloudmc-copies-');
  clipboard = new MemoryClipboard();
  app = await open();
  expect(await app.keychainStatus()).toEqual({ available: true, backend: 'keytar' });
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
  await app.credentials.refresh(profile.id);
});

afterAll(async () => {
  await app.profiles.remove(profile.id).catch(() => undefined);
  await sim.close();
  removeTempDir(dataDir);
});

describe('stored copies in the OS keychain', () => {
  it('keeps the profile access key in the keychain, and a fresh start reads it back', async () => {
    expect(profile.accessKey).toBe('keychain');
    expect(secretToolSearch()).toContain(`profile:${profile.id}`);
    const reopened = await open();
    const [summary] = await reopened.profiles.list();
    expect(summary?.accessKey).toBe('keychain');
    expect((await (await reopened.profiles.client(profile.id)).currentUser()).userName).toBe('rwilson');
  });

  it('stores a generated key while its notification is open; secret-tool finds it; the list badges it', async () => {
    const generated = await app.credentials.generate(profile.id, 'stored-at-generate', true);
    secretsSeen.push(generated.secret);
    expect(generated).toMatchObject({ storedInKeychain: true, storeError: null });
    expect(secretToolSearch()).toContain(`key:${profile.id}:${generated.key.id}`);
    const lookup = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', `key:${profile.id}:${generated.key.id}`], {
      encoding: 'utf8',
    });
    expect(lookup.stdout.trim()).toBe(generated.secret);
    expect(await app.storedCopies.list(profile.id)).toContainEqual({ keyId: generated.key.id, keyName: 'stored-at-generate', orphaned: false });
    app.secretActions.dismiss(generated.secretId);
  });

  it('stores from the notification, copies from the keychain after dismissal (through main only), removes', async () => {
    const generated = await app.credentials.generate(profile.id, 'stored-later', false);
    secretsSeen.push(generated.secret);
    expect((await app.storedCopies.list(profile.id)).some((c) => c.keyId === generated.key.id)).toBe(false);
    await app.secretActions.store(generated.secretId);
    app.secretActions.dismiss(generated.secretId);
    const outcome = await app.storedCopies.copy(profile.id, generated.key.id);
    expect(clipboard.text).toBe(generated.secret);
    expect(outcome.clearAfterSeconds).toBe(30);
    await app.storedCopies.remove(profile.id, generated.key.id);
    expect(secretToolSearch()).not.toContain(`key:${profile.id}:${generated.key.id}`);
  });

  it('revokes a key and removes its stored copy with it', async () => {
    const generated = await app.credentials.generate(profile.id, 'revoke-me', true);
    secretsSeen.push(generated.secret);
    app.secretActions.dismiss(generated.secretId);
    await app.credentials.revoke(profile.id, generated.key.id, true);
    expect(secretToolSearch()).not.toContain(`key:${profile.id}:${generated.key.id}`);
  });

  it('flags copies whose key was revoked elsewhere and cleans them up in one action', async () => {
    const a = await app.credentials.generate(profile.id, 'orphan-a', true);
    const b = await app.credentials.generate(profile.id, 'orphan-b', true);
    secretsSeen.push(a.secret, b.secret);
    const user = sim.state.findUserByName('rwilson')!;
    sim.state.revokeKey(user.id, a.key.id);
    sim.state.revokeKey(user.id, b.key.id);
    await app.credentials.refresh(profile.id);
    const orphans = (await app.storedCopies.list(profile.id)).filter((c) => c.orphaned).map((c) => c.keyId);
    expect(orphans.sort()).toEqual([a.key.id, b.key.id].sort());
    // Clean up asks CloudMC first and names each key; only what it named goes.
    const check = await app.storedCopies.checkOrphans(profile.id);
    expect(check.orphans.map((o) => o.keyName).sort()).toEqual(['orphan-a', 'orphan-b']);
    const removal = await app.storedCopies.removeOrphans(
      profile.id,
      check.orphans.map((o) => o.keyId),
    );
    expect(removal.removed.sort()).toEqual([a.key.id, b.key.id].sort());
    expect(removal.kept).toEqual([]);
    expect(secretToolSearch()).not.toContain(`key:${profile.id}:${a.key.id}`);
    expect((await app.storedCopies.list(profile.id)).some((c) => c.orphaned)).toBe(false);
  });

  it('writes no key value to any file of the data directory', () => {
    for (const file of filesUnder(dataDir)) {
      const bytes = fs.readFileSync(file, 'latin1');
      for (const secret of secretsSeen) expect(bytes.includes(secret), `${file} holds a secret`).toBe(false);
    }
  });
});
