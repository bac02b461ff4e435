// The CLI as a real child process while the "desktop app" runs (the web host's services, the writer lock, the app's channel) on the
// real Secret Service: its command goes through the app, whose cache and "key view changed" event follow at once; a wrong token is
// refused (the CLI then works on a private copy, as beside an app without a channel); an app that died leaves the CLI working alone.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireAppLock, type AppLock } from '../../../src-main/cli/app-lock';
import { descriptorFileOf, readDescriptor, writeDescriptor } from '../../../src-main/services/app-channel/channel-files';
import { openAppChannel, type AppChannel } from '../../../src-main/services/app-channel/channel-server';
import type { AppServices } from '../../../src-main/services/app-services';
import type { KeysView, ProfileSummary } from '../../../src-preload/contract/models';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../src-main/helpers';
import { type Finished, root, runToEnd, startTs } from '../src-main/cli/processes';

const accessKey = 'cli-channel-access-key-7d1e0b4c93a2f568';
const main = path.join(root, 'src-main/cli/main.ts');
const appChild = path.join(root, 'test/unit/keychain-system/app-child.ts');
const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

/** Runs the CLI to its end as a child process. */
const cli = (dir: string, args: string[]): Promise<Finished> =>
  runToEnd([process.execPath, '--import', 'tsx', main, '--data-dir', dir, ...args], env);

// Each test runs CLI processes (2-3 s each on a loaded machine).
describe('the CLI through the running app', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let dir: string;
  let app: AppServices;
  let lock: AppLock;
  let channel: AppChannel;
  let profile: ProfileSummary;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-channel-');
    // The "desktop app" in this process: the writer lock, its services, its channel; its key screen is open (a list cached).
    lock = await acquireAppLock(dir);
    app = await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    channel = (await openAppChannel({ dataDir: dir, services: app }))!;
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(profile.id);
  });
  afterAll(async () => {
    await channel?.close();
    lock?.release();
    await sim?.close();
    removeTempDir(dir);
  });

  it('keys generate from the CLI: the key is in the app cached view and keys:did-change carries it; no value on stdout', async () => {
    const views: KeysView[] = [];
    const stop = app.events.subscribe((name, payload) => {
      if (name === 'keys:did-change') views.push((payload as { view: KeysView }).view);
    });
    const result = await cli(dir, ['keys', 'generate', '--profile', 'Acme', '--name', 'from-the-cli']);
    await app.changes.idle();
    stop();
    expect(result.stderr).toContain(`Working through the desktop app (pid ${process.pid})`);
    expect(result.code).toBe(0);
    const cached = (await app.credentials.listCached(profile.id)).list!.keys.find((k) => k.name === 'from-the-cli');
    expect(cached).toBeDefined();
    expect(views.some((v) => v.list?.keys.some((k) => k.id === cached!.id))).toBe(true);
    const value = await app.copies.read(profile.id, cached!.id);
    expect(value).toMatch(/\S{20,}/);
    expect(result.stdout + result.stderr).not.toContain(value);
    // A command that asks for the value gets it through the app.
    const read = await cli(dir, ['read', 'cmc://Acme/from-the-cli']);
    expect(read.code).toBe(0);
    expect(read.stdout).toBe(`${value}\n`);
  });

  it('keys list --offline --json reads the app cache (the key generated through it is there at once)', async () => {
    const result = await cli(dir, ['keys', 'list', '--profile', 'Acme', '--offline', '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { keys: { name: string; storedCopy: boolean | null }[] };
    expect(doc.keys.find((k) => k.name === 'from-the-cli')).toMatchObject({ storedCopy: true });
  });

  it('a wrong token is refused: the CLI works on its private copy, and the app cache does not change', async () => {
    const real = readDescriptor(dir)!;
    writeDescriptor(dir, { ...real, token: 'W'.repeat(43) });
    try {
      const result = await cli(dir, ['keys', 'generate', '--profile', 'Acme', '--name', 'wrong-token']);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain('Working through the desktop app');
      expect(result.stderr).toContain('The desktop app is running');
      expect((await app.credentials.listCached(profile.id)).list!.keys.some((k) => k.name === 'wrong-token')).toBe(false);
    } finally {
      writeDescriptor(dir, real);
    }
  });
});

describe('an app in its own process', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-channel-2-');
    const services = await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    const acme = await services.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await services.credentials.refresh(acme.id);
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('gets the CLI change and emits its event; once it died (socket and descriptor left behind), the CLI works alone', async () => {
    const appProcess = startTs(appChild, [dir], env);
    expect(JSON.parse(await appProcess.nextLine())).toMatchObject({ held: true, channel: true });
    const through = await cli(dir, ['keys', 'generate', '--profile', 'Acme', '--name', 'via-app-process']);
    expect(through.code).toBe(0);
    expect(through.stderr).toContain(`Working through the desktop app (pid ${appProcess.child.pid})`);
    let event: { keys: string[] };
    do event = JSON.parse(await appProcess.nextLine()) as { keys: string[] };
    while (!event.keys.includes('via-app-process'));

    appProcess.child.kill('SIGKILL');
    await appProcess.exited;
    const stale = readDescriptor(dir)!;
    expect(fs.existsSync(stale.address)).toBe(true); // left behind by the dead app
    expect(fs.existsSync(descriptorFileOf(dir))).toBe(true);
    const alone = await cli(dir, ['keys', 'generate', '--profile', 'Acme', '--name', 'app-gone']);
    expect(alone.code).toBe(0);
    expect(alone.stderr).not.toContain('desktop app');
    // Worked alone under the lock: the data dir's own cache has both keys.
    const list = await cli(dir, ['keys', 'list', '--profile', 'Acme', '--offline', '--json']);
    const names = (JSON.parse(list.stdout) as { keys: { name: string }[] }).keys.map((k) => k.name);
    expect(names).toEqual(expect.arrayContaining(['via-app-process', 'app-gone']));
  });
});
