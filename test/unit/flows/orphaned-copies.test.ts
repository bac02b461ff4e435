// Issue 17 item 2, security promise 38: a stored copy is orphaned only when a list fetched from CloudMC after it was stored
// lacks its key; "Clean up" asks CloudMC first (refusing while it cannot be reached) and removes only the keys it named.
// Real parts: the simulator over loopback, real store files, the CLI (runCli) beside a lock held by another process.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { generatedKeyAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { unknownStoreSlackMs } from '../../../src-main/services/keychain/copy-records';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, filesUnder, makeTempDir, removeTempDir, translation, uiLanguages } from '../src-main/helpers';
import { endHolder, holdLock } from '../src-main/cli/processes';

const accessKey = 'orphan-flow-access-key-CANARY-5c7e9a1b3d5f';
const clientOptions = { attempts: 1, backoffMs: 5, timeoutMs: 5_000 };

describe('promise 38: stored copies and "Clean up"', () => {
  let sim: Simulator;
  let dir: string;
  let keychain: Keychain;
  let app: AppServices;
  let acme: ProfileSummary;
  /** The app's clock runs ahead of the wall clock by this much (the CLI and the simulator keep the wall clock). */
  let aheadMs = 0;
  const secrets: string[] = [accessKey];
  const others: string[] = [];

  const rwilson = (): string => sim.state.findUserByName('rwilson')!.id;
  const storedIn = async (keyId: string): Promise<boolean> => (await keychain.getSecret(generatedKeyAccount(acme.id, keyId))) !== null;
  const orphanedIds = async (): Promise<string[]> => (await app.storedCopies.list(acme.id)).filter((c) => c.orphaned).map((c) => c.keyId);
  const healthOrphans = async (): Promise<string[]> =>
    (await app.health.findings(acme.id)).findings.filter((f) => f.kind === 'orphaned-copy').map((f) => f.keyId);

  /** Generates a key through `services` with its value stored in the keychain (the notification dismissed); answers its id. */
  const storedKey = async (services: AppServices, name: string): Promise<string> => {
    const generated = await services.credentials.generate(acme.id, name, true);
    secrets.push(generated.secret);
    services.secretActions.dismiss(generated.secretId);
    return generated.key.id;
  };

  /** Runs one CLI command in this process, as `npm run cli` does, over the same keychain and data dir. */
  const cli = async (argv: string[]): Promise<{ code: number; stderr: string }> => {
    const stderr = { text: '', write: (s: string) => ((stderr.text += s), true) };
    const code = await runCli(argv, {
      storeBackend: confStoreBackend,
      keychain: () => keychain,
      defaultDataDir: dir,
      version: '0.0.0-test',
      program: 'cloudmc',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' },
      osLocale: 'en-US',
      stdout: { write: () => true },
      stderr,
      stdin: Object.assign(new PassThrough(), { isTTY: false }),
      signals: new EventEmitter(),
      clientOptions,
    });
    return { code, stderr: stderr.text };
  };

  /** A second process on the same keychain whose file writes never reach the app's data dir (the CLI's private copy). */
  const secondProcess = async (): Promise<{ services: AppServices; dispose: () => void }> => {
    const copy = makeTempDir('cmc-orphans-second-');
    fs.cpSync(dir, copy, { recursive: true });
    const services = await createAppServices({
      dataDir: copy,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: 't',
      clientOptions,
    });
    return { services, dispose: () => removeTempDir(copy) };
  };

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-orphans-');
    keychain = createMemoryKeychain();
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
      now: () => new Date(Date.now() + aheadMs),
    });
    acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(acme.id); // the app's cache: a list from before any copy below
  });
  afterAll(async () => {
    await app?.clipboard.clearSecretNow();
    await sim?.close();
    removeTempDir(dir);
  });

  it('a copy the CLI stored beside the running app, for a key the app has not seen, is not reported, offered or removed', async () => {
    const { holder, got } = await holdLock(dir, 'app');
    let keyId: string;
    try {
      expect(got.held).toBe(true);
      const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'from-the-cli']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('The desktop app is running');
      const key = sim.state.listKeys(rwilson()).find((k) => k.name === 'from-the-cli')!;
      secrets.push(key.secret);
      keyId = key.id;
    } finally {
      await endHolder(holder);
    }
    others.push(keyId);
    expect(await storedIn(keyId)).toBe(true);
    // The app's cache (older than the copy) lacks the key: that proves nothing.
    expect(app.stores.cache.get(acme.id)!.keys.some((k) => k.id === keyId)).toBe(false);
    expect(await orphanedIds()).not.toContain(keyId);
    expect(await healthOrphans()).not.toContain(keyId);
    const check = await app.storedCopies.checkOrphans(acme.id);
    expect(check.orphans.map((o) => o.keyId)).not.toContain(keyId);
    // Even named explicitly (a stale or hostile renderer), a live key's only copy stays.
    expect(await app.storedCopies.removeOrphans(acme.id, [keyId])).toEqual({ removed: [], kept: [keyId] });
    expect(await storedIn(keyId)).toBe(true);
  });

  it("a copy stored by a second process on the same keychain (the app files untouched) is not an orphan of the app's older list", async () => {
    const second = await secondProcess();
    try {
      const id = await storedKey(second.services, 'second-process');
      others.push(id);
      expect(await orphanedIds()).not.toContain(id);
      expect(await healthOrphans()).not.toContain(id);
      expect(await app.storedCopies.removeOrphans(acme.id, [id])).toEqual({ removed: [], kept: [id] });
      expect(await storedIn(id)).toBe(true);
    } finally {
      second.dispose();
    }
  });

  it('a key revoked on CloudMC after its copy was stored: flagged once a later list lacks it; Clean up names it and removes only it', async () => {
    const id = await storedKey(app, 'revoked-elsewhere');
    sim.state.revokeKey(rwilson(), id);
    expect(await orphanedIds()).toEqual([]); // no list fetched since the copy was stored
    await app.credentials.refresh(acme.id);
    expect(await orphanedIds()).toEqual([id]);
    expect(await healthOrphans()).toEqual([id]);
    const check = await app.storedCopies.checkOrphans(acme.id);
    expect(check.orphans).toEqual([{ keyId: id, keyName: 'revoked-elsewhere' }]);
    expect(await app.storedCopies.removeOrphans(acme.id, [id, ...others])).toEqual({ removed: [id], kept: others });
    expect(await storedIn(id)).toBe(false);
    for (const other of others) expect(await storedIn(other)).toBe(true);
  });

  it('a copy first seen without a record counts from when the app saw it: an older or in-flight list proves nothing, a fresh check does', async () => {
    const second = await secondProcess();
    let id: string;
    try {
      id = await storedKey(second.services, 'seen-later');
    } finally {
      second.dispose();
    }
    sim.state.revokeKey(rwilson(), id);
    expect(await orphanedIds()).not.toContain(id); // first seen now: stored at an unknown time before
    await app.credentials.refresh(acme.id);
    expect(await orphanedIds()).not.toContain(id); // a list that may have been asked for before the copy was stored
    const check = await app.storedCopies.checkOrphans(acme.id); // asked after the copy was seen in the keychain
    expect(check.orphans).toEqual([{ keyId: id, keyName: null }]);
    aheadMs += unknownStoreSlackMs + 1000;
    await app.credentials.refresh(acme.id);
    expect(await orphanedIds()).toContain(id);
    expect(await healthOrphans()).toContain(id);
    expect(await app.storedCopies.removeOrphans(acme.id, [id])).toEqual({ removed: [id], kept: [] });
  });

  it('Clean up refuses while CloudMC cannot answer: nothing removed, the reason said in every language', async () => {
    const id = await storedKey(app, 'gone-while-offline');
    sim.state.revokeKey(rwilson(), id);
    aheadMs += 1000;
    await app.credentials.refresh(acme.id);
    expect(await orphanedIds()).toEqual([id]);

    sim.faults.add({ fault: { kind: 'status', status: 503 }, pathPrefix: '/api_keys' });
    const busy = await failureOf(app.storedCopies.removeOrphans(acme.id, [id]));
    expect(busy.kind).toBe('server');
    expect((await failureOf(app.storedCopies.checkOrphans(acme.id))).kind).toBe('server');
    sim.faults.clear();

    // A check that found it, then CloudMC gone before the confirmation, once that check is no longer fresh: refused.
    expect((await app.storedCopies.checkOrphans(acme.id)).orphans.map((o) => o.keyId)).toEqual([id]);
    aheadMs += 10 * 60_000;
    await sim.close();
    const offline = await failureOf(app.storedCopies.removeOrphans(acme.id, [id]));
    expect(offline.kind).toBe('offline');
    const refused = await failureOf(app.storedCopies.checkOrphans(acme.id));
    expect(refused.kind).toBe('offline');
    for (const language of uiLanguages) {
      expect(translation(language, refused.messageKey), `${language} ${refused.messageKey}`).toBeTruthy();
      expect(translation(language, 'cleanup.refused'), `${language} cleanup.refused`).toBeTruthy();
    }
    expect(await storedIn(id)).toBe(true);
    for (const other of others) expect(await storedIn(other)).toBe(true);
  });

  it('the stored-at records hold no key value and are private (0600)', () => {
    const records = filesUnder(dir).filter((f) => f.includes(`${path.sep}stored-copies${path.sep}`));
    expect(records.length).toBeGreaterThan(0);
    for (const file of filesUnder(dir)) {
      const bytes = fs.readFileSync(file, 'latin1');
      for (const secret of secrets) expect(bytes.includes(secret), `${file} holds a secret`).toBe(false);
    }
    for (const file of records) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
