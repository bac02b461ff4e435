// The handler table over the real services (memory keychain, temp data dir, the CloudMC simulator over loopback): one handler per
// operation of the contract, each answer exactly its operation's output shape, and a key's life through the handlers alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChannels, type Channel } from '../../../../src-preload/contract/names';
import { operationOf, type ChannelOutput } from '../../../../src-preload/contract/operations';
import { createHandlers, type Handlers } from '../../../../src-main/ipc/handlers';
import { createAppServices, type AppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../helpers';

let sim: Simulator;
let apiKey: string;
let dataDir: string;
let app: AppServices;
let handlers: Handlers;
let clipboard: MemoryClipboard;

beforeAll(async () => {
  const state = new SimState();
  apiKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cmc-handlers-');
  clipboard = new MemoryClipboard();
  app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard,
    version: '9.9.9-test',
    clientOptions: { timeoutMs: 2000, attempts: 1 },
    generateCheckTimers: null,
    defaultEndpoint: 'https://cloudmc.example.com/api/v1',
  });
  handlers = createHandlers(app);
});
afterAll(async () => {
  app.rotation.stop();
  app.maybeCreated.stop();
  await sim.close();
  removeTempDir(dataDir);
});

/** Calls a channel's handler as the dispatcher does (input parsed by the contract), and checks the answer is exactly the output shape. */
async function call<C extends Channel>(channel: C, input?: unknown): Promise<ChannelOutput<C>> {
  const operation = operationOf(channel)!;
  const [domain, verb] = channel.split(':') as [keyof Handlers, string];
  const handler = (handlers[domain] as Record<string, (input: unknown) => Promise<unknown>>)[verb]!;
  const answer = await handler(operation.input.parse(input));
  expect(operation.output.parse(answer), `${channel} answers its output shape and nothing more`).toEqual(answer);
  return answer as ChannelOutput<C>;
}

describe('the handler table', () => {
  it('has one handler for each operation of the contract, and no other', () => {
    const handled = Object.entries(handlers).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
    expect(handled.sort()).toEqual([...allChannels].sort());
  });

  it('answers the start-up state from the stores, settings and keychain', async () => {
    const state = await call('app:getState');
    expect(state).toMatchObject({
      version: '9.9.9-test',
      keychain: { available: true },
      profiles: [],
      lastProfileId: null,
      storeNotice: null,
      readOnly: false,
      dataProblem: null,
      defaultEndpoint: 'https://cloudmc.example.com/api/v1',
    });
    expect(await call('settings:update', { clipboardClearSeconds: 12 })).toMatchObject({ clipboardClearSeconds: 12 });
    expect((await call('app:getState')).settings.clipboardClearSeconds).toBe(12);
  });
});

describe('a key’s life through the handlers', () => {
  it('adds a profile, generates, copies, renames and revokes a key, the screen following each step', async () => {
    const profile = await call('profiles:add', { name: 'Acme', endpoint: sim.endpoint, apiKey, requestId: 'r-add' });
    expect(JSON.stringify(profile)).not.toContain(apiKey);
    const opened = await call('profiles:open', { profileId: profile.id });
    expect(opened).toMatchObject({ keys: { profile: { id: profile.id } }, copies: [], rotations: [], notRemembered: null });
    expect((await call('app:getState')).lastProfileId).toBe(profile.id);
    const listed = await call('keys:refresh', { profileId: profile.id, requestId: 'r-1' });
    expect(listed.failure).toBeNull();

    const generated = await call('keys:generate', { profileId: profile.id, name: 'handlers-ci', storeInKeychain: true });
    expect(generated).toMatchObject({ key: { name: 'handlers-ci' }, storedInKeychain: true, storeError: null });
    expect(await call('secrets:listPending')).toEqual([expect.objectContaining({ secretId: generated.secretId, stored: true })]);
    expect(await call('secrets:copy', { secretId: generated.secretId })).toEqual({ clearAfterSeconds: 12 });
    expect(clipboard.text).toBe(generated.secret);
    await call('secrets:dismiss', { secretId: generated.secretId });
    expect(await call('secrets:listPending')).toEqual([]);
    expect(await call('copies:list', { profileId: profile.id })).toEqual([{ keyId: generated.key.id, keyName: 'handlers-ci', orphaned: false }]);

    const renamed = await call('keys:rename', { profileId: profile.id, keyId: generated.key.id, name: 'handlers-ci-2', requestId: 'r-2' });
    expect(renamed.view.list?.keys.map((k) => k.name)).toContain('handlers-ci-2');
    expect((await call('keys:search', { query: 'handlers-ci-2' })).hits).toEqual([expect.objectContaining({ profileId: profile.id })]);

    const revoked = await call('keys:revoke', { profileId: profile.id, keyId: generated.key.id, removeStoredCopy: true, requestId: 'r-3' });
    expect(revoked.outcome).toBe('revoked');
    expect(revoked.view.list?.keys.map((k) => k.id)).not.toContain(generated.key.id);
    expect(await call('copies:list', { profileId: profile.id })).toEqual([]);
    expect(await call('keys:maybeCreated', { profileId: profile.id })).toEqual([]);

    await call('profiles:remove', { profileId: profile.id });
    expect(await call('profiles:list')).toEqual([]);
    expect((await failureOf(call('keys:maybeCreated', { profileId: profile.id }))).code).toBe('profile-not-found');
  });

  it('passes a service’s refusal on as its failure', async () => {
    expect((await failureOf(call('keys:listCached', { profileId: 'nobody' }))).code).toBe('profile-not-found');
    expect((await failureOf(call('secrets:copy', { secretId: 'gone' }))).code).toBe('secret-gone');
  });
});
