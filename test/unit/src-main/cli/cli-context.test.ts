// Opening main's services for one CLI command (src-main/cli/cli-context.ts): the data dir must be the app's, the writer lock is
// taken when free and given back, another writer's lock sends the command to a private snapshot (the real files untouched, the
// snapshot deleted), a policy that cannot be read is said, the keychain is probed once. Real files in temp dirs, the simulator
// over loopback, real lock-holder processes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockFileOf, readLockHolder, tryLock } from '../../../../src-main/cli/app-lock';
import { openContext, type ContextDeps } from '../../../../src-main/cli/cli-context';
import { CliFailure, exitCodes } from '../../../../src-main/cli/exit-codes';
import { translator } from '../../../../src-main/cli/messages';
import { createAppServices } from '../../../../src-main/services/app-services';
import type { Keychain } from '../../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { jsonFileSource } from '../../../../src-main/services/policy/policy-source';
import type { ProfileSummary } from '../../../../src-preload/contract/models';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { SimState } from '../../../cloudmc-sim/state';
import { MemoryClipboard, confStoreBackend, failureOf, filesUnder, makeTempDir, removeTempDir } from '../helpers';
import { endHolder, holdLock, type LineChild } from './processes';

const t = translator('en');
const accessKey = 'cli-context-access-key-CANARY-5f1e9a7c3b2d4e60';
const clientOptions = { attempts: 1, backoffMs: 5, timeoutMs: 5_000 };

let sim: Simulator;
let dir: string;
let keychain: Keychain;
let acme: ProfileSummary;
const temps: string[] = [];
const holders: LineChild[] = [];

beforeAll(async () => {
  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-cli-context-');
  keychain = createMemoryKeychain();
  // The desktop app's first start: its data dir and one profile, then the app is gone.
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
    clientOptions,
  });
  acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
});
afterEach(async () => {
  for (const h of holders.splice(0)) await endHolder(h);
});
afterAll(async () => {
  await sim?.close();
  for (const d of [dir, ...temps]) removeTempDir(d);
});

/** Opens a context on `dataDir`, the notes it printed kept. */
async function open(dataDir: string, extra: Partial<ContextDeps> = {}) {
  const notes: string[] = [];
  const ctx = await openContext({
    dataDir,
    storeBackend: confStoreBackend,
    keychain,
    version: '0.0.0-test',
    clientOptions,
    t,
    note: (line) => notes.push(line),
    command: { name: 'keys list', print: false },
    ...extra,
  });
  return { ctx, notes };
}

/** Every file of the data dir with its bytes (the lock file aside), to tell whether a command changed any. */
const contents = (d: string): Record<string, string> =>
  Object.fromEntries(
    filesUnder(d)
      .filter((f) => path.basename(f) !== 'app.lock')
      .map((f) => [path.relative(d, f), fs.readFileSync(f, 'utf8')]),
  );

describe('openContext', () => {
  it('refuses a folder that is not the app data dir (exit 3), and leaves no lock in it', async () => {
    const empty = makeTempDir('cmc-cli-context-empty-');
    temps.push(empty);
    const failure = await open(empty).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CliFailure);
    expect({ code: (failure as CliFailure).code, exitCode: (failure as CliFailure).exitCode, message: (failure as CliFailure).message }).toEqual({
      code: 'no-data',
      exitCode: exitCodes.notFound,
      message: `No app data in ${empty}: start the desktop app once, or point --data-dir at its data folder.`,
    });
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('with the lock free: takes it for the command, works on the real files, gives it back on dispose', async () => {
    const { ctx, notes } = await open(dir);
    expect(notes).toEqual([]);
    expect(ctx.throughApp).toBeNull();
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: process.pid, kind: 'cli' });
    expect((await ctx.services.profiles.list()).map((p) => p.name)).toEqual(['Acme']);
    expect(await ctx.keychainStatus()).toMatchObject({ available: true });
    expect(await ctx.vault.get(acme.id)).toBe(accessKey);
    expect(await ctx.copies.keyIds(acme.id)).toEqual([]);
    const view = await ctx.services.credentials.refresh(acme.id);
    expect(view.failure).toBeNull();
    await ctx.dispose();
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
    // The live list was saved in the real data dir: the next command reads it from the cache.
    const next = await open(dir);
    expect((await next.ctx.services.credentials.listCached(acme.id)).list?.keys.map((k) => k.id)).toEqual(view.list?.keys.map((k) => k.id));
    await next.ctx.dispose();
  });

  it('releaseLock gives the lock back before dispose (exec, before its command runs)', async () => {
    const { ctx } = await open(dir);
    expect(fs.existsSync(lockFileOf(dir))).toBe(true);
    await ctx.releaseLock();
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
    await ctx.dispose();
  });

  it('beside another command line holding the lock: says so, and works on a snapshot deleted at the end (the real files unchanged)', async () => {
    const other = await holdLock(dir, 'cli');
    holders.push(other.holder);
    expect(other.got.held).toBe(true);
    const before = contents(dir);
    const tmp = makeTempDir('cmc-cli-context-tmp-');
    temps.push(tmp);
    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp; // where the snapshot goes (os.tmpdir())
    try {
      const { ctx, notes } = await open(dir);
      expect(notes).toEqual([`Another command line (pid ${other.got.pid}) is writing the app data: this command leaves the files unchanged.`]);
      const snapshots = fs.readdirSync(tmp);
      expect(snapshots).toHaveLength(1);
      expect(fs.existsSync(path.join(tmp, snapshots[0]!, 'config.json'))).toBe(true);
      await ctx.services.credentials.generate(acme.id, 'from the snapshot', false);
      expect((await ctx.services.credentials.listCached(acme.id)).list?.keys.map((k) => k.name)).toContain('from the snapshot');
      await ctx.dispose();
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
    }
    expect(contents(dir)).toEqual(before);
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: other.got.pid, kind: 'cli' });
  });

  it('beside a desktop app that does not answer on its channel: works on a snapshot and says the app runs', async () => {
    const app = await holdLock(dir, 'app', 0);
    holders.push(app.holder);
    expect(app.got.held).toBe(true);
    const { ctx, notes } = await open(dir);
    expect(ctx.throughApp).toBeNull();
    expect(notes).toEqual([t('data.app-running', { pid: app.got.pid })]);
    expect((await ctx.services.profiles.list()).map((p) => p.name)).toEqual(['Acme']);
    await ctx.dispose();
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: app.got.pid, kind: 'app' });
  });

  it("says when the organization's policy cannot be read (nothing of it applies)", async () => {
    const policyDir = makeTempDir('cmc-cli-context-policy-');
    temps.push(policyDir);
    const { ctx, notes } = await open(dir, { policySource: jsonFileSource(policyDir) });
    expect(notes).toEqual(["Your organization's policy could not be read (unreadable: EISDIR): nothing of it applies."]);
    await ctx.dispose();
  });

  it('probes the keychain once however many parts ask for its state', async () => {
    let probes = 0;
    const counted: Keychain = {
      probe: () => {
        probes += 1;
        return keychain.probe();
      },
      onStatus: (listener) => keychain.onStatus(listener),
      setSecret: (account, value) => keychain.setSecret(account, value),
      getSecret: (account) => keychain.getSecret(account),
      deleteSecret: (account) => keychain.deleteSecret(account),
      listAccounts: () => keychain.listAccounts(),
    };
    const { ctx } = await open(dir, { keychain: counted });
    await ctx.keychainStatus();
    expect(await ctx.vault.get(acme.id)).toBe(accessKey);
    await ctx.copies.keyIds(acme.id);
    await ctx.keychainStatus();
    await ctx.dispose();
    expect(probes).toBe(1);
  });

  it('a lock another process takes over meanwhile makes the next write fail with the lock-lost reason (nothing done on CloudMC)', async () => {
    const { ctx } = await open(dir);
    // What the app does after waiting for a CLI: the lock file replaced by its own.
    fs.rmSync(lockFileOf(dir));
    const app = tryLock(dir, 'app', { pid: process.pid + 100_000, isAlive: () => true });
    expect(app.held).toBe(true);
    // A Generate records its intent first: refused before CloudMC is asked, the reason naming the lost lock.
    const failure = await failureOf(ctx.services.credentials.generate(acme.id, 'after the take-over', false));
    await ctx.dispose();
    app.release();
    expect(failure).toMatchObject({ code: 'store-write-failed', details: { reason: 'EAPPLOCKED' } });
    expect(sim.state.listKeys(sim.state.findUserByName('rwilson')!.id).map((k) => k.name)).not.toContain('after the take-over');
  });
});
