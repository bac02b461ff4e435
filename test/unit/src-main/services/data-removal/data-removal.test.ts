// "Remove all my data" over real files in a temp dir and the app's real services (the CloudMC simulator over loopback, a keychain in
// memory; the real Secret Service is in keychain-system/data-removal.test.ts): what the confirmation lists, what goes and what stays,
// refused while a Generate, a rotation step or a one-time key would be cut short, a stale confirmation, an unwritable folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { chromiumEntries, foldersOutside } from '../../../../../src-main/services/data-removal/app-files';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../../../src-main/services/keychain/keychain';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { confStoreBackend, failureOf, filesUnder, makeTempDir, MemoryClipboard, removeTempDir, translation, uiLanguages } from '../../helpers';
import { mountTmpfs, remountReadOnly, tmpfsSkipReason, unmount } from '../store/tmpfs';

let sim: Simulator;
let apiKey: string;
let root: string;
let dataDir: string;
let logsOutside: string;
let updateCache: string;
let keychain: Keychain;
let quits: { n: number };
let app: AppServices;

async function open(opts: { keychain?: Keychain } = {}): Promise<AppServices> {
  const counter = quits; // this test's (a quit scheduled by an earlier test must not count here)
  return createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: opts.keychain ?? keychain,
    clipboard: new MemoryClipboard(),
    version: '0.1.0',
    otherDataFolders: [logsOutside, updateCache, path.join(dataDir, 'logs'), null],
    quitAfterRemoval: () => void (counter.n += 1),
  });
}

/** An app in use: two profiles, a key generated and stored, cached lists, history, a note; Chromium's files beside them; logs and the update cache elsewhere. */
async function appInUse(): Promise<void> {
  app = await open();
  const first = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
  await app.profiles.add({ name: 'Acme again', endpoint: sim.endpoint, apiKey });
  await app.credentials.refresh(first.id);
  const generated = await app.credentials.generate(first.id, 'ci-deploy', true);
  app.secretActions.dismiss(generated.secretId);
  app.health.setNote(first.id, generated.key.id, 'used by the CI');
  for (const entry of ['Local State', 'Preferences', 'SingletonLock']) fs.writeFileSync(path.join(dataDir, entry), 'chromium');
  fs.mkdirSync(path.join(dataDir, 'GPUCache'));
  fs.writeFileSync(path.join(dataDir, 'GPUCache', 'data_0'), 'chromium');
  fs.mkdirSync(path.join(dataDir, 'logs'));
  fs.writeFileSync(path.join(dataDir, 'logs', 'main.log'), 'profiles.add ok');
  for (const folder of [logsOutside, updateCache]) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'some-file'), 'app data');
  }
}

beforeEach(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  root = makeTempDir('cloudmc-removal-');
  dataDir = path.join(root, 'CloudMC Credentials');
  logsOutside = path.join(root, 'Logs', 'CloudMC Credentials');
  updateCache = path.join(root, 'cache', 'cloudmc-credentials-updater');
  keychain = createMemoryKeychain();
  quits = { n: 0 };
});
afterEach(async () => {
  await sim.close();
  removeTempDir(root);
});

describe('the other folders a removal takes', () => {
  it('only folders of their own: never the home folder, a root, the data folder or a parent of it; those inside it go with it', () => {
    const data = path.join(os.homedir(), '.config', 'CloudMC Credentials');
    expect(
      foldersOutside(data, [
        path.join(os.homedir(), '.cache', 'cloudmc-credentials-updater'),
        path.join(data, 'logs'),
        os.homedir(),
        '/',
        data,
        path.dirname(data),
        null,
        undefined,
      ]),
    ).toEqual([path.join(os.homedir(), '.cache', 'cloudmc-credentials-updater')]);
  });
});

describe('what the confirmation lists', () => {
  it("counts the profiles and this app's keychain entries by kind, names the folder, and says nothing blocks it", async () => {
    await appInUse();
    await keychain.setSecret('probe:left-by-a-crash', 'x');
    const plan = await app.dataRemoval.plan();
    expect(plan).toMatchObject({
      dataFolder: dataDir,
      profiles: 2,
      keychain: { reachable: true, profileKeys: 2, storedCopies: 1, other: 1 },
      refusal: null,
    });
    expect(plan.confirmation).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a machine without a keychain: nothing stored there to remove, and removal is not held back', async () => {
    app = await open({ keychain: createMemoryKeychain({ unavailable: true }) });
    const plan = await app.dataRemoval.plan();
    expect(plan.keychain).toEqual({ reachable: false, reason: 'disabled', messageKey: 'keychain.disabled', blocks: false });
    expect(plan.refusal).toBeNull();
    expect(await app.dataRemoval.removeAll(plan.confirmation)).toEqual({ keychainEntriesRemoved: 0, quitting: true });
  });
});

describe('removing', () => {
  it("removes every keychain entry of the app and every file of its own, keeps Chromium's working files, then quits after answering", async () => {
    await appInUse();
    const before = filesUnder(dataDir).map((f) => path.relative(dataDir, f));
    expect(before).toEqual(expect.arrayContaining(['config.json', 'logs/main.log']));
    expect(before.some((f) => f.startsWith('key-lists/'))).toBe(true);
    const entries = (await keychain.listAccounts()).length;
    expect(entries).toBe(3);

    const plan = await app.dataRemoval.plan();
    const answer = await app.dataRemoval.removeAll(plan.confirmation);
    expect(answer).toEqual({ keychainEntriesRemoved: 3, quitting: true });
    expect(await keychain.listAccounts()).toEqual([]);
    const left = fs.readdirSync(dataDir).sort();
    expect(left).toEqual(['GPUCache', 'Local State', 'Preferences', 'SingletonLock']);
    expect(left.every((e) => chromiumEntries.has(e))).toBe(true);
    expect(fs.existsSync(logsOutside)).toBe(false);
    expect(fs.existsSync(updateCache)).toBe(false);
    expect(fs.existsSync(path.join(root, 'Logs'))).toBe(true); // only the app's own folder went
    // The app quits once the answer is on its way, not before.
    expect(quits.n).toBe(0);
    await expect.poll(() => quits.n).toBe(1);
    expect(app.dataRemoval.removed).toBe(true);

    // A straggler written while quitting (the window's place, a log line) is swept just before the app exits.
    fs.writeFileSync(path.join(dataDir, 'window-state.json'), '{}');
    app.dataRemoval.sweep();
    expect(fs.readdirSync(dataDir).sort()).toEqual(left);
  });

  it('takes only the latest plan, once: a made-up, an older or a used confirmation removes nothing', async () => {
    await appInUse();
    const old = await app.dataRemoval.plan();
    const latest = await app.dataRemoval.plan();
    for (const confirmation of ['made-up', old.confirmation]) {
      const refused = await failureOf(app.dataRemoval.removeAll(confirmation));
      expect(refused).toMatchObject({ code: 'invalid-input', messageKey: 'removeData.errors.stale' });
    }
    // A refused attempt used the latest one up too: the dialog lists again before asking.
    expect(await failureOf(app.dataRemoval.removeAll(latest.confirmation))).toMatchObject({ messageKey: 'removeData.errors.stale' });
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(true);
    expect((await keychain.listAccounts()).length).toBe(3);
    expect(quits.n).toBe(0);
  });
});

describe('refused while something would be cut short or cannot be cleared', () => {
  it.each([
    ['a Generate in flight', 'generate'],
    ['a rotation step', 'rotation'],
  ] as const)('%s: listed as the reason, refused, nothing removed; once done, it goes ahead', async (_what, kind) => {
    await appInUse();
    let finish: () => void = () => undefined;
    const work = app.gate.run(kind, () => new Promise<void>((resolve) => (finish = resolve)));
    const plan = await app.dataRemoval.plan();
    expect(plan.refusal).toMatchObject({ messageKey: `updates.busy.${kind}` });
    const refused = await failureOf(app.dataRemoval.removeAll(plan.confirmation));
    expect(refused).toMatchObject({ messageKey: `updates.busy.${kind}` });
    for (const language of uiLanguages) expect(translation(language, refused.messageKey)).toBeTruthy();
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(true);
    expect((await keychain.listAccounts()).length).toBe(3);
    finish();
    await work;
    const again = await app.dataRemoval.plan();
    expect(again.refusal).toBeNull();
    await app.dataRemoval.removeAll(again.confirmation);
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
  });

  it('an open one-time key: refused (quitting would lose it) until it is dismissed', async () => {
    await appInUse();
    const profileId = (await app.profiles.list())[0]!.id;
    const generated = await app.credentials.generate(profileId, 'not-saved-yet', false);
    const plan = await app.dataRemoval.plan();
    expect(await failureOf(app.dataRemoval.removeAll(plan.confirmation))).toMatchObject({ messageKey: 'updates.busy.one-time-key' });
    app.secretActions.dismiss(generated.secretId);
    await app.dataRemoval.removeAll((await app.dataRemoval.plan()).confirmation);
    expect(quits.n).toBe(0);
    await expect.poll(() => quits.n).toBe(1);
  });

  it('while removing, a Generate is refused with the reason', async () => {
    await appInUse();
    const profileId = (await app.profiles.list())[0]!.id;
    const removing = app.dataRemoval.removeAll((await app.dataRemoval.plan()).confirmation);
    expect(await failureOf(app.gate.run('generate', () => app.credentials.generate(profileId, 'too-late', false)))).toMatchObject({
      messageKey: 'updates.ending.data-removal',
    });
    await removing;
  });

  it('a data folder that cannot be written (config.json is a folder): refused before anything, the keychain untouched', async () => {
    fs.mkdirSync(path.join(dataDir, 'config.json'), { recursive: true });
    app = await open();
    await keychain.setSecret('profile:kept', 'x');
    const plan = await app.dataRemoval.plan();
    expect(plan.refusal).toMatchObject({ messageKey: 'removeData.errors.unwritable', details: { reason: 'EISDIR' } });
    expect(await failureOf(app.dataRemoval.removeAll(plan.confirmation))).toMatchObject({ messageKey: 'removeData.errors.unwritable' });
    expect(await keychain.listAccounts()).toEqual(['profile:kept']);
  });
});

describe.skipIf(tmpfsSkipReason !== null)(`a folder that cannot be removed${tmpfsSkipReason ? ` (${tmpfsSkipReason})` : ''}`, () => {
  let mount = '';
  afterEach(() => {
    if (mount) unmount(mount);
    mount = '';
  });

  it('says what was left and why, does not quit, and lets work go on; what could go is gone', async () => {
    mount = mountTmpfs('64k');
    updateCache = path.join(mount, 'cloudmc-credentials-updater');
    await appInUse();
    remountReadOnly(mount);
    const failure = await failureOf(app.dataRemoval.removeAll((await app.dataRemoval.plan()).confirmation));
    expect(failure).toMatchObject({ messageKey: 'removeData.errors.left', details: { path: updateCache, reason: 'EROFS', count: 1 } });
    for (const language of uiLanguages) expect(translation(language, failure.messageKey)).toBeTruthy();
    expect(app.dataRemoval.removed).toBe(false);
    expect(await app.gate.run('generate', async () => 'runs again')).toBe('runs again');
    expect(await keychain.listAccounts()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
    expect(fs.existsSync(path.join(updateCache, 'some-file'))).toBe(true);
    expect(quits.n).toBe(0);
  });
});
