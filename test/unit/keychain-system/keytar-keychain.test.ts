// The keytar keychain against a real Secret Service (gnome-keyring in a private D-Bus session; see the run command in the CI script).
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { generatedKeyAccount, keychainService, profileAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import { createAccessKeyVault } from '../../../src-main/services/profiles/access-key-vault';
import { KeychainMonitor } from '../../../src-main/services/keychain/keychain-monitor';
import { createAppServices } from '../../../src-main/services/app-services';
import { confBackend } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../src-main/helpers';

const backend = confBackend;
const run = randomUUID().slice(0, 8);
const made = new Set<string>();
let keychain: Keychain;

/** What `secret-tool search --all service "CloudMC Credentials"` prints (attributes go to stderr on some versions). */
function secretToolSearch(): string {
  const r = spawnSync('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8', timeout: 15_000 });
  expect(r.error).toBeUndefined();
  return `${r.stdout}\n${r.stderr}`;
}

beforeAll(() => {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error(
      'The keychain suite needs a D-Bus session with an unlocked gnome-keyring: run it with ' +
        `dbus-run-session -- bash -c 'export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 $XDG_RUNTIME_DIR; export XDG_DATA_HOME=$(mktemp -d); ` +
        `eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; npx vitest run --project keychain'`,
    );
  }
  keychain = createKeytarKeychain({ timeoutMs: 10_000 });
});

afterAll(async () => {
  // Remove every entry this run made, whatever the tests left behind.
  if (!keychain) return;
  for (const account of await keychain.listAccounts()) if (account.includes(run) || made.has(account)) await keychain.deleteSecret(account);
});

describe('createKeytarKeychain on a live Secret Service', () => {
  it('probes available', async () => {
    expect(await keychain.probe()).toEqual({ available: true, backend: 'keytar' });
  });

  it('set / get / list / delete round trip', async () => {
    const account = `test:${run}:round-trip`;
    const value = `value-${randomUUID()} ⚙️ "quoted" \\ back`;
    made.add(account);
    expect(await keychain.getSecret(account)).toBeNull();
    await keychain.setSecret(account, value);
    expect(await keychain.getSecret(account)).toBe(value);
    expect(await keychain.listAccounts()).toContain(account);

    await keychain.setSecret(account, 'replaced-value');
    expect(await keychain.getSecret(account)).toBe('replaced-value');
    expect((await keychain.listAccounts()).filter((a) => a === account)).toHaveLength(1);

    expect(await keychain.deleteSecret(account)).toBe(true);
    expect(await keychain.getSecret(account)).toBeNull();
    expect(await keychain.listAccounts()).not.toContain(account);
    expect(await keychain.deleteSecret(account)).toBe(false);
  });

  it('the access-key vault puts keys in the keychain, where secret-tool finds them', async () => {
    const profileId = `profile-${run}`;
    const apiKey = `vault-access-key-${randomUUID()}`;
    made.add(profileAccount(profileId));
    const vault = createAccessKeyVault(new KeychainMonitor(keychain));
    const placeOf = async (): Promise<string | null | undefined> => (await vault.placesOf([profileId])).get(profileId);

    expect(await vault.put(profileId, apiKey)).toBe('keychain');
    expect(await placeOf()).toBe('keychain');
    expect(await vault.get(profileId)).toBe(apiKey);
    expect(await keychain.getSecret(profileAccount(profileId))).toBe(apiKey);

    const found = secretToolSearch();
    expect(found).toContain(`attribute.account = ${profileAccount(profileId)}`);
    expect(found).toContain(`attribute.service = ${keychainService}`);

    // A second vault (a fresh start) reads it back from the keychain, not from memory.
    const fresh = createAccessKeyVault(new KeychainMonitor(createKeytarKeychain({ timeoutMs: 10_000 })));
    expect(await fresh.get(profileId)).toBe(apiKey);

    await vault.remove(profileId);
    expect(await placeOf()).toBeNull();
    expect(secretToolSearch()).not.toContain(`attribute.account = ${profileAccount(profileId)}`);
  });
});

describe('createAppServices with the system keychain', () => {
  let sim: Simulator;
  let dir: string;
  const accessKey = `system-kc-access-key-${randomUUID()}`;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-kc-');
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('keeps the access key and a generated key copy in the keychain across a fresh start', async () => {
    const deps = { dataDir: dir, storeBackend: backend, clipboard: new MemoryClipboard(), version: '0.0.0-kc', clientOptions: { attempts: 1 } };
    const app = await createAppServices({ ...deps, keychain });
    expect(await app.keychainStatus()).toEqual({ available: true, backend: 'keytar' });
    const profile = await app.profiles.add({ name: 'Keychain', endpoint: sim.endpoint, apiKey: accessKey });
    made.add(profileAccount(profile.id));
    expect(profile.accessKey).toBe('keychain');

    const generated = await app.credentials.generate(profile.id, `kc-${run}`, true);
    made.add(generatedKeyAccount(profile.id, generated.key.id));
    expect(generated.storedInKeychain).toBe(true);
    expect(await keychain.getSecret(generatedKeyAccount(profile.id, generated.key.id))).toBe(generated.secret);

    const again = await createAppServices({ ...deps, keychain: createKeytarKeychain({ timeoutMs: 10_000 }) });
    expect((await again.profiles.list()).map((p) => p.accessKey)).toEqual(['keychain']);
    expect((await again.credentials.refresh(profile.id)).list?.keys.some((k) => k.id === generated.key.id)).toBe(true);

    await again.profiles.remove(profile.id);
    expect(await keychain.getSecret(profileAccount(profile.id))).toBeNull();
  });
});
