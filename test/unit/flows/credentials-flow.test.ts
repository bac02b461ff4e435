// The whole credentials flow through createAppServices against the simulator over loopback, ending with the secrets canary (docs/security.md 11).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { generatedKeyAccount, profileAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import type { ClientOptions } from '../../../src-main/services/cloudmc/cloudmc-client';
import type { GeneratedKey, ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo, ACCESS_KEY_NAME } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import {
  MemoryClipboard,
  confStoreBackend,
  failureOf,
  filesUnder,
  keysOf,
  makeTempDir,
  refreshFailure,
  removeTempDir,
  translation,
  uiLanguages,
} from '../src-main/helpers';

const accessKey = 'profile-access-key-CANARY-7f3a9c2e5b1d4e60';
const wrongKey = 'wrong-access-key-CANARY-0000000000000000';
const clientOptions: Partial<ClientOptions> = { attempts: 2, backoffMs: 5, timeoutMs: 5_000 };

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fails if any byte of any file under dir contains one of the needles. */
function expectNoneOnDisk(dir: string, needles: string[]): void {
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      expect(needle.length).toBeGreaterThanOrEqual(16);
      expect({ file, found: bytes.includes(Buffer.from(needle, 'utf8')) }).toEqual({ file, found: false });
    }
  }
}

const fetchAs = (sim: Simulator, key: string, p = '/users/current'): Promise<Response> =>
  fetch(`${sim.endpoint}${p}`, { headers: { 'MC-Api-Key': key } });

describe('credentials flow with a working keychain', () => {
  let sim: Simulator;
  let dir: string;
  let keychain: Keychain;
  let clipboard: MemoryClipboard;
  let app: AppServices;
  let profile: ProfileSummary;
  let stored: GeneratedKey;
  let unstored: GeneratedKey;
  let dismissed: GeneratedKey;
  const secrets: string[] = [];

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-flow-');
    keychain = createMemoryKeychain();
    clipboard = new MemoryClipboard();
    app = await createAppServices({ dataDir: dir, storeBackend: confStoreBackend, keychain, clipboard, version: '0.0.0-test', clientOptions });
  });
  afterAll(async () => {
    await app?.clipboard.clearSecretNow(); // cancels the pending clear timer
    await sim?.close();
    removeTempDir(dir);
  });

  it('refuses a wrong access key with unauthorized and saves nothing', async () => {
    const failure = await failureOf(app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: wrongKey }));
    expect(failure.code).toBe('unauthorized');
    expect(failure.status).toBe(401);
    expect(await app.profiles.list()).toEqual([]);
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('answers unreachable for a port nobody listens on', async () => {
    const port = await closedPort();
    const failure = await failureOf(app.profiles.add({ name: 'Down', endpoint: `http://127.0.0.1:${port}/api/v1`, apiKey: accessKey }));
    expect(failure.code).toBe('unreachable');
    expect(failure.kind).toBe('offline');
    expect(await app.profiles.list()).toEqual([]);
  });

  it.each([
    ['not a url', 'endpoint-invalid'],
    ['ftp://127.0.0.1/api/v1', 'endpoint-invalid'],
    ['http://cloudmc.example.com/api/v1', 'endpoint-insecure'],
    ['http://u:p@127.0.0.1/api/v1', 'endpoint-credentials'],
  ])('refuses the endpoint %j with %s before any request', async (endpoint, code) => {
    const before = sim.requests.length;
    const failure = await failureOf(app.profiles.add({ name: 'Bad', endpoint, apiKey: accessKey }));
    expect(failure.code).toBe(code);
    expect(sim.requests.length).toBe(before);
  });

  it('adds a profile: identity from CloudMC, endpoint normalised, access key in the keychain', async () => {
    const before = sim.requests.length;
    profile = await app.profiles.add({ name: '  Acme prod  ', endpoint: `${sim.endpoint}/`, apiKey: `  ${accessKey}  ` });
    expect(profile).toMatchObject({
      name: 'Acme prod',
      endpoint: sim.endpoint,
      identity: { userName: 'rwilson', displayName: 'Rachel Wilson', organizationName: 'Acme Corporation' },
      accessKey: 'keychain',
      lastSyncedAt: null,
    });
    expect(await keychain.getSecret(profileAccount(profile.id))).toBe(accessKey);
    expect(app.stores.config.read().lastProfileId).toBe(profile.id);
    // Checked against CloudMC first (who am I), then two list calls tell which key the profile uses.
    expect(sim.requests.slice(before).map((r) => [r.method, r.path, r.hasApiKey, r.status])).toEqual([
      ['GET', '/api/v1/users/current', true, 200],
      ['GET', '/api/v1/api_keys', true, 200],
      ['GET', '/api/v1/api_keys', true, 200],
    ]);
  });

  it('refreshes the key list live, writes the cache, then lists from the cache', async () => {
    expect((await app.credentials.listCached(profile.id)).list).toBeNull();
    const view = await app.credentials.refresh(profile.id);
    expect(view.failure).toBeNull();
    expect(view.profile).toMatchObject({ id: profile.id, syncState: 'live' });
    const live = view.list!;
    expect(live.source).toBe('live');
    expect(live.profileId).toBe(profile.id);
    expect(live.keys.map((k) => k.name).sort()).toEqual(
      ['Grab-instance-list', 'Mettre-a-jour-BC', 'Update KB', ACCESS_KEY_NAME, 'test ⚙️ sandbox'].sort(),
    );

    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'key-lists', `${profile.id}.json`), 'utf8')) as {
      keys: Array<{ name: string }>;
      syncedAt: string;
    };
    expect(onDisk.keys.map((k) => k.name).sort()).toEqual(live.keys.map((k) => k.name).sort());
    expect(onDisk.syncedAt).toBe(live.syncedAt);

    const cached = (await app.credentials.listCached(profile.id)).list;
    expect(cached).toEqual({ ...live, source: 'cache' });
    expect((await app.profiles.list())[0]?.lastSyncedAt).toBe(live.syncedAt);
  });

  it('generates a key and stores a copy in the keychain when asked', async () => {
    stored = await app.credentials.generate(profile.id, 'ci-deploy-stored', true);
    secrets.push(stored.secret);
    expect(stored.storedInKeychain).toBe(true);
    expect(stored.storeError).toBeNull();
    expect(stored.key.name).toBe('ci-deploy-stored');
    expect(stored.secret.length).toBeGreaterThanOrEqual(16);
    expect(await keychain.getSecret(generatedKeyAccount(profile.id, stored.key.id))).toBe(stored.secret);
    // The new key works on CloudMC and shows in the cached list (metadata only).
    expect((await fetchAs(sim, stored.secret)).status).toBe(200);
    expect(keysOf(await app.credentials.listCached(profile.id)).some((k) => k.id === stored.key.id)).toBe(true);
  });

  it('generates a key without a keychain copy when not asked', async () => {
    unstored = await app.credentials.generate(profile.id, undefined, false);
    secrets.push(unstored.secret);
    expect(unstored.storedInKeychain).toBe(false);
    expect(unstored.storeError).toBeNull();
    expect(unstored.key.name).toMatch(/^key-[0-9a-f]{6}$/);
    expect(await keychain.getSecret(generatedKeyAccount(profile.id, unstored.key.id))).toBeNull();
    expect(app.oneTimeSecrets.hasUnsaved()).toBe(true);
  });

  it('copies a one-time secret through main to the clipboard port', async () => {
    const outcome = await app.secretActions.copy(unstored.secretId);
    expect(outcome).toEqual({ clearAfterSeconds: 30 });
    expect(clipboard.text).toBe(unstored.secret);
    expect(clipboard.writes.at(-1)).toBe(unstored.secret);
    expect(app.oneTimeSecrets.get(unstored.secretId).copied).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['n'.repeat(101), 'too-long'],
    ['⚙'.repeat(101), 'too-long'],
  ])('refuses the rename %j locally (name-invalid, %s) without a request', async (name, reason) => {
    const before = sim.requests.length;
    const failure = await failureOf(app.credentials.rename(profile.id, stored.key.id, name));
    expect(failure.code).toBe('name-invalid');
    expect(failure.details?.['reason']).toBe(reason);
    expect(sim.requests.length).toBe(before);
  });

  it('renames a key on CloudMC and in the cache', async () => {
    const longest = 'é'.repeat(100);
    const { key: renamed, warning } = await app.credentials.rename(profile.id, stored.key.id, `  ${longest}  `);
    expect(warning).toBeNull();
    expect(renamed.name).toBe(longest);
    expect(renamed.id).toBe(stored.key.id);
    expect(keysOf(await app.credentials.listCached(profile.id)).find((k) => k.id === stored.key.id)?.name).toBe(longest);
    const listed = (await (await fetchAs(sim, accessKey, '/api_keys')).json()) as { data: Array<{ id: string; name: string }> };
    expect(listed.data.find((k) => k.id === stored.key.id)?.name).toBe(longest);
  });

  it('revokes a key: CloudMC refuses it from then on, the cache drops it, and its stored copy goes with it', async () => {
    expect((await app.storedCopies.list(profile.id)).map((c) => c.keyId)).toContain(stored.key.id);
    expect(await app.credentials.revoke(profile.id, stored.key.id, true)).toMatchObject({
      outcome: 'revoked',
      warning: null,
      view: { failure: null },
    });
    expect((await app.storedCopies.list(profile.id)).map((c) => c.keyId)).not.toContain(stored.key.id);
    const res = await fetchAs(sim, stored.secret);
    expect(res.status).toBe(401);
    expect(keysOf(await app.credentials.listCached(profile.id)).some((k) => k.id === stored.key.id)).toBe(false);
    // The profile's own access key still works.
    expect((await fetchAs(sim, accessKey)).status).toBe(200);
  });

  it('dismiss forgets the value: copy and store answer secret-gone', async () => {
    dismissed = await app.credentials.generate(profile.id, 'to-dismiss', false);
    secrets.push(dismissed.secret);
    app.secretActions.dismiss(dismissed.secretId);
    const writesBefore = clipboard.writes.length;
    expect((await failureOf(app.secretActions.copy(dismissed.secretId))).code).toBe('secret-gone');
    expect((await failureOf(app.secretActions.store(dismissed.secretId))).code).toBe('secret-gone');
    expect(clipboard.writes.length).toBe(writesBefore);
    expect(() => app.secretActions.dismiss(dismissed.secretId)).not.toThrow();
  });

  it('stores a copy later from the notification, read back before it says stored', async () => {
    await app.secretActions.store(unstored.secretId);
    expect(await keychain.getSecret(generatedKeyAccount(profile.id, unstored.key.id))).toBe(unstored.secret);
    expect(app.oneTimeSecrets.get(unstored.secretId).stored).toBe(true);
  });

  it('a fresh start on the same data dir finds the profile and its access key in the keychain only', async () => {
    const again = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
    expect((await again.profiles.list()).map((p) => [p.id, p.accessKey])).toEqual([[profile.id, 'keychain']]);
    expect((await again.credentials.listCached(profile.id)).list?.source).toBe('cache');
    // With another (empty) keychain, nothing on disk can stand in for the access key.
    const elsewhere = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
    expect((await elsewhere.profiles.list())[0]?.accessKey).toBe('missing');
    expect((await refreshFailure(elsewhere.credentials.refresh(profile.id))).code).toBe('access-key-missing');
  });

  it('canary: no generated secret and no access key in any byte under the data dir', () => {
    expect(secrets).toHaveLength(3);
    expectNoneOnDisk(dir, [...secrets, accessKey, wrongKey]);
  });
});

describe('credentials flow without a keychain', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-flow-nokc-');
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('keeps the access key for the session only, and a fresh start reports it missing', async () => {
    const app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain({ unavailable: true }),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
    const status = await app.keychainStatus();
    expect(status).toMatchObject({ available: false, reason: 'disabled' });
    // The UI translates the status's messageKey: it must exist in every shipped language.
    const messageKey = status.available ? '' : status.messageKey;
    for (const language of uiLanguages)
      expect({ language, messageKey, text: translation(language, messageKey) }).toEqual({ language, messageKey, text: expect.any(String) as string });

    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    expect(profile.accessKey).toBe('session');
    expect((await app.credentials.refresh(profile.id)).list?.source).toBe('live');

    // Asking for a keychain copy fails softly: the key is shown, with why it was not stored.
    const generated = await app.credentials.generate(profile.id, 'no-keychain', true);
    expect(generated.storedInKeychain).toBe(false);
    expect(generated.storeError?.code).toBe('keychain-unavailable');
    expect((await fetchAs(sim, generated.secret)).status).toBe(200);

    const fresh = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain({ unavailable: true }),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
    const listed = await fresh.profiles.list();
    expect(listed.map((p) => [p.id, p.accessKey])).toEqual([[profile.id, 'missing']]);
    expect((await refreshFailure(fresh.credentials.refresh(profile.id))).code).toBe('access-key-missing');

    // Providing it again restores the session.
    const provided = await fresh.profiles.provideAccessKey(profile.id, accessKey);
    expect(provided.accessKey).toBe('session');

    expectNoneOnDisk(dir, [accessKey, generated.secret]);
  });
});
