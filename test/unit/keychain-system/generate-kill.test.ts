// Issue 17, the kill -9 sweep over Generate (security.md 39), on a real Secret Service: the command line's `keys generate`, a real
// child process, is killed with SIGKILL at each point (CloudMC never received the request; the request in flight, CloudMC answering
// after the kill; CloudMC answered, its answer held; the answer delivered to a process stopped before it could read it), then fresh
// services open the same data dir and keychain. Each time: every live key is known to the user (its value in the keychain, or named
// by the "may have been created" notice with Revoke, which works), and nothing says a key was made when it was not, or not when it was.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { generatedKeyAccount } from '../../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import type { MaybeCreated } from '../../../src-preload/contract/maybe-created';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { confStoreBackend, filesUnder, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { root, startTs } from '../src-main/cli/processes';
import { startGatedProxy, type GatedProxy } from '../flows/gated-proxy';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

const main = path.join(root, 'src-main/cli/main.ts');
const appChild = path.join(root, 'test/unit/keychain-system/generate-child.ts');

let service: PrivateSecretService;
let sim: Simulator;
let proxy: GatedProxy;
let userId: string;
let accessKey: string;
let dir: string;
let profile: ProfileSummary;
const apps: AppServices[] = [];
/** Key ids live before the sweep (seeded): not made by any Generate here. */
let seededIds: Set<string>;
/** Every value the sweep's Generates made (checked absent from every file at the end). */
const minted: string[] = [];
/** Notes the value of a key the sweep made, before it is revoked. */
const remember = (keyId: string): void => void minted.push(sim.state.getKey(userId, keyId)!.secret);

/** Fresh services on the data dir and the real keychain, as the app opens them at its next start; `timers` fire its checks. */
const open = async (timers: ManualTimers): Promise<AppServices> => {
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createKeytarKeychain({ timeoutMs: 10_000 }),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
    generateCheckTimers: timers,
  });
  apps.push(app);
  return app;
};

/** `keys generate` as a child process (node with tsx's loader: the pid is the CLI's), its stderr kept. */
function startGenerate(name: string): { pid: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; stderr: () => string } {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--data-dir', dir, 'keys', 'generate', '--profile', 'Acme', '--name', name], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid!, exited, stderr: () => stderr };
}

/** Fires the fresh services' checks until `done` holds for the profile's notice, or every planned check has answered. */
async function checkUntil(app: AppServices, timers: ManualTimers, done: (items: MaybeCreated[]) => boolean): Promise<MaybeCreated[]> {
  for (;;) {
    const items = app.maybeCreated.list(profile.id);
    if (done(items) || items.every((i) => i.state !== 'checking')) return items;
    const checks = items.map((i) => i.checks).join();
    if (timers.armed.size > 0) timers.fire();
    await vi.waitFor(
      () =>
        expect(
          app.maybeCreated
            .list(profile.id)
            .map((i) => i.checks)
            .join(),
        ).not.toBe(checks),
      { timeout: 10_000 },
    );
  }
}

/**
 * The sweep's invariant, for the key named `name`: each live key the Generate made is either stored in the keychain (its value known)
 * or named by a "found" notice; a notice says "found" only for live keys, and "not-found" only when no such key is live.
 */
async function expectEveryKeyKnown(app: AppServices, name: string): Promise<{ made: string[]; named: string[] }> {
  const made = sim.state
    .listKeys(userId)
    .filter((k) => k.name === name && !seededIds.has(k.id))
    .map((k) => k.id);
  const items = app.maybeCreated.list(profile.id).filter((i) => i.name === name);
  const named = items.flatMap((i) => (i.state === 'found' ? i.keys.map((k) => k.id) : []));
  const keychain = createKeytarKeychain({ timeoutMs: 10_000 });
  made.forEach(remember);
  for (const id of made) {
    const stored = await keychain.getSecret(generatedKeyAccount(profile.id, id));
    const value = sim.state.getKey(userId, id)?.secret;
    expect({ id, known: (stored !== null && stored === value) || named.includes(id) }).toEqual({ id, known: true });
  }
  for (const id of named) expect(made).toContain(id);
  if (items.some((i) => i.state === 'not-found')) expect(made).toEqual([]);
  // The listing shows every live key too.
  const listed = (await app.credentials.refresh(profile.id)).list?.keys.map((k) => k.id) ?? [];
  for (const id of made) expect(listed).toContain(id);
  return { made, named };
}

/** The next start's checks name the one key the killed Generate made; its Revoke works and settles the notice. */
async function expectNamedThenRevoked(app: AppServices, timers: ManualTimers, name: string): Promise<void> {
  const items = await checkUntil(app, timers, (all) => all[0]!.state === 'found');
  expect(items[0]).toMatchObject({ state: 'found', keys: [expect.objectContaining({ name })] });
  const { made, named } = await expectEveryKeyKnown(app, name);
  expect(made).toHaveLength(1);
  expect(named).toEqual(made);
  await revokeNamed(app, name);
}

/** Revokes through the fresh services every key the notice names (the notice's Revoke), and checks that settles it. */
async function revokeNamed(app: AppServices, name: string): Promise<void> {
  for (const item of app.maybeCreated.list(profile.id).filter((i) => i.name === name))
    for (const key of item.keys) await app.credentials.revoke(profile.id, key.id, true);
  expect(app.maybeCreated.list(profile.id).filter((i) => i.name === name)).toEqual([]);
  expect(sim.state.listKeys(userId).filter((k) => k.name === name)).toEqual([]);
}

beforeAll(async () => {
  service = await startPrivateSecretService();
  const state = new SimState();
  ({ apiKey: accessKey } = seedDemo(state));
  userId = state.findUserByName('rwilson')!.id;
  sim = await startSimulator({ state });
  proxy = await startGatedProxy(sim.endpoint);
  seededIds = new Set(state.listKeys(userId).map((k) => k.id));
  dir = makeTempDir('cmc-generate-kill-');
  const setup = await open(new ManualTimers());
  profile = await setup.profiles.add({ name: 'Acme', endpoint: proxy.endpoint, apiKey: accessKey });
  expect(profile.accessKey).toBe('keychain');
  await setup.credentials.refresh(profile.id);
});
afterAll(async () => {
  for (const app of apps) app.maybeCreated.stop();
  await proxy?.close();
  await sim?.close();
  await service?.stop();
  if (dir) removeTempDir(dir);
});

describe('kill -9 of `keys generate`, then the next start', () => {
  it('not killed: the value is in the keychain (read back), nothing is said to be uncertain, the journal is empty', async () => {
    const run = startGenerate('sweep-finished');
    expect((await run.exited).code).toBe(0);
    const timers = new ManualTimers();
    const app = await open(timers);
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
    const { made, named } = await expectEveryKeyKnown(app, 'sweep-finished');
    expect(made).toHaveLength(1);
    expect(named).toEqual([]);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'generate-intents.json'), 'utf8')) as { intents: unknown[] };
    expect(journal.intents).toEqual([]);
    await app.credentials.revoke(profile.id, made[0]!, true);
  }, 60_000);

  it('killed before CloudMC received the request (which never arrives): "no such key", honestly, after every check; Dismiss closes it', async () => {
    proxy.gate('POST', '/api_keys');
    const run = startGenerate('sweep-never-sent');
    await proxy.held('POST', '/api_keys');
    process.kill(run.pid, 'SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    proxy.drop('POST', '/api_keys');
    const timers = new ManualTimers();
    const app = await open(timers);
    const items = await checkUntil(app, timers, () => false);
    expect(items).toEqual([expect.objectContaining({ name: 'sweep-never-sent', state: 'not-found', keys: [], checks: 5 })]);
    await expectEveryKeyKnown(app, 'sweep-never-sent');
    expect(app.maybeCreated.dismiss(profile.id, items[0]!.intentId)).toEqual([]);
  }, 60_000);

  it('killed with the request in flight, CloudMC completing it after the kill: a later check names the key, and Revoke works', async () => {
    proxy.gate('POST', '/api_keys');
    const run = startGenerate('sweep-late');
    await proxy.held('POST', '/api_keys');
    process.kill(run.pid, 'SIGKILL');
    await run.exited;
    const timers = new ManualTimers();
    const app = await open(timers);
    const first = await checkUntil(app, timers, (items) => items[0]!.checks >= 1);
    expect(first[0]).toMatchObject({ state: 'checking', keys: [] }); // nothing yet: not "no key was made"
    await proxy.letThrough('POST', '/api_keys');
    await expectNamedThenRevoked(app, timers, 'sweep-late');
  }, 60_000);

  it('killed after CloudMC answered, its answer held: the first check names the key, and Revoke works', async () => {
    proxy.holdAnswers('POST', '/api_keys');
    const run = startGenerate('sweep-answered');
    await proxy.answerHeld('POST', '/api_keys');
    process.kill(run.pid, 'SIGKILL');
    await run.exited;
    await proxy.deliver('POST', '/api_keys'); // to a dead process
    const timers = new ManualTimers();
    const app = await open(timers);
    await expectNamedThenRevoked(app, timers, 'sweep-answered');
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
  }, 60_000);

  it('killed with the answer delivered to it but not yet read (the process stopped, then killed): the key is named, and Revoke works', async () => {
    proxy.holdAnswers('POST', '/api_keys');
    const run = startGenerate('sweep-unread');
    await proxy.answerHeld('POST', '/api_keys');
    process.kill(run.pid, 'SIGSTOP'); // it cannot read what arrives now
    await proxy.deliver('POST', '/api_keys'); // the answer is in its socket
    process.kill(run.pid, 'SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const timers = new ManualTimers();
    const app = await open(timers);
    await expectNamedThenRevoked(app, timers, 'sweep-unread');
  }, 60_000);
});

describe("kill -9 of the app's Generate (its value held in memory for the one-time notification), then the next start", () => {
  const startApp = (name: string) => startTs(appChild, [dir, profile.id, name]);

  it('killed with CloudMC answered, its answer held: the key is named, and Revoke works', async () => {
    proxy.holdAnswers('POST', '/api_keys');
    const run = startApp('app-answered');
    await proxy.answerHeld('POST', '/api_keys');
    run.child.kill('SIGKILL');
    await run.exited;
    await proxy.deliver('POST', '/api_keys');
    const timers = new ManualTimers();
    await expectNamedThenRevoked(await open(timers), timers, 'app-answered');
  }, 60_000);

  it('killed before CloudMC received the request: no such key exists, and the notice says so after every check', async () => {
    proxy.gate('POST', '/api_keys');
    const run = startApp('app-never-sent');
    await proxy.held('POST', '/api_keys');
    run.child.kill('SIGKILL');
    await run.exited;
    proxy.drop('POST', '/api_keys');
    const timers = new ManualTimers();
    const app = await open(timers);
    const items = await checkUntil(app, timers, () => false);
    expect(items).toEqual([expect.objectContaining({ name: 'app-never-sent', state: 'not-found', keys: [] })]);
    await expectEveryKeyKnown(app, 'app-never-sent');
    app.maybeCreated.dismiss(profile.id, items[0]!.intentId);
  }, 60_000);

  it('killed once the Generate was handled (the value only in the dead process): the key is in the list at once, and nothing is said to be uncertain', async () => {
    const run = startApp('app-handled');
    const keyId = (await run.nextLine()).replace('done ', '');
    run.child.kill('SIGKILL');
    await run.exited;
    const timers = new ManualTimers();
    const app = await open(timers);
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
    expect((await app.credentials.listCached(profile.id)).list?.keys.map((k) => k.id)).toContain(keyId);
    remember(keyId);
    await app.credentials.revoke(profile.id, keyId, true);
  }, 60_000);
});

describe('after the sweep', () => {
  it('no key value in any file of the data dir, the journal empty, only the seeded keys live', () => {
    expect(minted.length).toBeGreaterThanOrEqual(6);
    for (const file of filesUnder(dir)) for (const value of minted) expect(fs.readFileSync(file, 'utf8')).not.toContain(value);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'generate-intents.json'), 'utf8')) as { intents: unknown[] };
    expect(journal.intents).toEqual([]);
    expect(new Set(sim.state.listKeys(userId).map((k) => k.id))).toEqual(seededIds);
  });
});
