// The services wired for one data directory, over real parts (memory keychain, temp data dir, the CloudMC simulator): what one
// service does reaches the others it is wired to: events to the windows, the restart gate, the checks of a Generate left by an
// earlier run, a removed profile forgotten everywhere, the clipboard setting, and a keychain that cannot be used.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../src-preload/contract/names';
import { createAppServices, type AppDeps, type AppServices } from '../../../../src-main/services/app-services';
import type { Keychain } from '../../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { ManualTimers } from './rotation/rotation-helpers';
import { confStoreBackend, makeTempDir, MemoryClipboard, removeTempDir } from '../helpers';

let sim: Simulator;
let apiKey: string;
beforeAll(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());

const opened: { app: AppServices; dir: string }[] = [];
afterEach(() => {
  for (const { app } of opened.splice(0)) {
    app.rotation.stop();
    app.maybeCreated.stop();
  }
});
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTempDir));

async function open(over: Partial<AppDeps> & { dataDir?: string; keychain?: Keychain } = {}): Promise<AppServices> {
  const dataDir = over.dataDir ?? makeTempDir('cmc-app-services-');
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { timeoutMs: 2000, attempts: 1 },
    generateCheckTimers: null,
    ...over,
  });
  opened.push({ app, dir: dataDir });
  return app;
}

describe('the wired services', () => {
  it('tell the windows of a generated key: the key screen and the open one-time keys, never the value', async () => {
    const app = await open();
    const heard: [EventName, unknown][] = [];
    app.events.subscribe((name, payload) => heard.push([name, payload]));
    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    await app.credentials.refresh(profile.id);
    await app.changes.idle();
    heard.length = 0;
    const generated = await app.credentials.generate(profile.id, 'wired-ci', false);
    await app.changes.idle();
    const keysEvent = heard.find(([name]) => name === 'keys:did-change')?.[1] as { profileId: string; view: { list: { keys: { id: string }[] } } };
    expect(keysEvent.profileId).toBe(profile.id);
    expect(keysEvent.view.list.keys.map((k) => k.id)).toContain(generated.key.id);
    const names = heard.map(([name]) => name);
    expect(names).toContain('keys:did-change');
    expect(names).toContain('secrets:did-change');
    const pending = heard.filter(([name]) => name === 'secrets:did-change').at(-1)![1];
    expect(JSON.stringify(pending)).toContain(generated.secretId);
    expect(JSON.stringify(heard)).not.toContain(generated.secret);
  });

  it('hold a restart while a one-time key is open, and the clipboard setting applies to copies', async () => {
    const app = await open();
    const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    expect(app.gate.busyReason()).toBeNull();
    const generated = await app.credentials.generate(profile.id, 'gate-ci', false);
    expect(app.gate.busyReason()).toBe('one-time-key');
    app.settings.update({ clipboardClearSeconds: 0 });
    expect(await app.secretActions.copy(generated.secretId)).toEqual({ clearAfterSeconds: null });
    app.secretActions.dismiss(generated.secretId);
    expect(app.gate.busyReason()).toBeNull();
  });

  it('check at start a Generate an earlier run left unresolved, and forget it with its profile', async () => {
    const keychain = createMemoryKeychain();
    const first = await open({ keychain });
    const dataDir = opened.at(-1)!.dir;
    const profile = await first.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    first.maybeCreated.begin(profile.id, 'cut-short'); // recorded, then the run "ends" with its answer never handled
    first.maybeCreated.stop();

    const timers = new ManualTimers();
    const next = await open({ dataDir, keychain, generateCheckTimers: timers });
    expect(next.maybeCreated.list(profile.id)).toEqual([expect.objectContaining({ name: 'cut-short', state: 'checking' })]);
    const before = sim.requests.length;
    timers.fire();
    await next.changes.idle();
    await expect.poll(() => next.maybeCreated.list(profile.id)[0]?.checks).toBe(1);
    expect(sim.requests.length).toBeGreaterThan(before); // the check read CloudMC's list

    await next.profiles.remove(profile.id);
    expect(next.maybeCreated.list(profile.id)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'generate-intents.json'), 'utf8')).intents).toEqual([]);
  });

  it('start without a keychain, saying why, and still read the stores', async () => {
    const app = await open({ keychain: createMemoryKeychain({ unavailable: true }) });
    expect(await app.keychainStatus()).toMatchObject({ available: false, reason: 'disabled' });
    expect(app.stores.problem).toBeNull();
    expect(await app.profiles.list()).toEqual([]);
  });

  it('start on a data dir that cannot be written, read-only, with the problem to tell', async () => {
    const parent = makeTempDir('cmc-app-services-file-');
    dirs.push(parent);
    fs.writeFileSync(path.join(parent, 'not-a-folder'), 'x');
    const app = await open({ dataDir: path.join(parent, 'not-a-folder', 'data') });
    expect(app.stores.problem).toMatchObject({ messageKey: 'data.unwritable', reason: 'ENOTDIR' });
    expect(app.stores.config.readOnly).toBe(true);
    expect(await app.profiles.list()).toEqual([]);
  });
});
