// Issue 17, items 3 (plain Generate), 5 and 8 (security.md 39, 41, 22): each Generate is journaled before it is sent (never its value),
// and one cut short (the app killed with the request in flight, no answer, an answer the app refused) is reported at the next start, or at
// once, as "a key named N may have been created": the list is read again with backoff (an injected clock), and what is found is named,
// with Revoke; what is not found is said honestly. "Killed" here: a fresh createAppServices on the same data dir and keychain while the
// first one still waits (the real kill -9 of a real process is in test/unit/keychain-system/generate-kill.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import type { MaybeCreated } from '../../../src-preload/contract/maybe-created';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, filesUnder, keysOf, makeTempDir, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { startHeldProxy, type HeldProxy } from './held-proxy';
import { startGatedProxy, type GatedProxy } from './gated-proxy';

const accessKey = 'intents-access-key-CANARY-3c9d1e7a5b20';

let sim: Simulator;
let dir: string;
let keychain: Keychain;
let userId: string;
let apps: AppServices[];
let proxies: { close(): Promise<void> }[];

/** Opens the app's services on the data dir; `timers` fire its checks when the test says. */
const open = async (timers: ManualTimers = new ManualTimers(), timeoutMs = 5_000): Promise<AppServices> => {
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs, deadlineMs: timeoutMs },
    generateCheckTimers: timers,
  });
  apps.push(app);
  return app;
};
const addProfile = (app: AppServices, endpoint = sim.endpoint): Promise<ProfileSummary> =>
  app.profiles.add({ name: 'Acme', endpoint, apiKey: accessKey });
/** Points the profile at another endpoint (a proxy), its access key kept. */
const through = async (app: AppServices, profile: ProfileSummary, endpoint: string): Promise<void> => {
  await app.profiles.update(profile.id, { endpoint, apiKey: accessKey });
};
const liveNamed = (name: string): string[] =>
  sim.state
    .listKeys(userId)
    .filter((k) => k.name === name)
    .map((k) => k.id);
const journal = (): { intents: unknown[] } => JSON.parse(fs.readFileSync(path.join(dir, 'generate-intents.json'), 'utf8')) as { intents: unknown[] };
/** Fires the app's armed checks and waits until `n` checks have answered. */
const checkUntil = async (app: AppServices, timers: ManualTimers, profileId: string, n: number): Promise<MaybeCreated> => {
  for (;;) {
    const [item] = app.maybeCreated.list(profileId);
    if (!item) throw new Error('no uncertain Generate listed');
    if (item.checks >= n) return item;
    if (timers.armed.size > 0) timers.fire();
    await vi.waitFor(() => expect(app.maybeCreated.list(profileId)[0]!.checks).toBeGreaterThan(item.checks));
  }
};

/**
 * A first app "killed" with a Generate of `name` sent: its request held before CloudMC sees it ('request'), or CloudMC's answer
 * held ('answer'; CloudMC made the key); then the next start, with its checks under `timers` and the profile pointed at CloudMC.
 */
const killedDuringGenerate = async (
  name: string,
  held: 'request' | 'answer',
): Promise<{ profile: ProfileSummary; proxy: GatedProxy; next: AppServices; timers: ManualTimers }> => {
  const first = await open();
  const profile = await addProfile(first);
  const proxy = await startGatedProxy(sim.endpoint);
  proxies.push(proxy);
  await through(first, profile, proxy.endpoint);
  if (held === 'request') proxy.gate('POST', '/api_keys');
  else proxy.holdAnswers('POST', '/api_keys');
  void first.credentials.generate(profile.id, name, true).catch(() => undefined);
  await (held === 'request' ? proxy.held('POST', '/api_keys') : proxy.answerHeld('POST', '/api_keys'));
  const timers = new ManualTimers();
  const next = await open(timers);
  await through(next, profile, sim.endpoint);
  return { profile, proxy, next, timers };
};

beforeEach(async () => {
  const state = new SimState();
  userId = seedDemo(state, { apiKey: accessKey }).user.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-intents-');
  keychain = createMemoryKeychain();
  apps = [];
  proxies = [];
});
afterEach(async () => {
  for (const app of apps) {
    app.maybeCreated.stop();
    await app.clipboard.clearSecretNow();
  }
  for (const p of proxies) await p.close();
  await sim.close();
  removeTempDir(dir);
});

describe('the intent journal', () => {
  it('a Generate is journaled (0600, never the value) while its request is in flight, and cleared once its answer is handled', async () => {
    const app = await open();
    const profile = await addProfile(app);
    const proxy: HeldProxy = await startHeldProxy(sim.endpoint);
    proxies.push(proxy);
    await through(app, profile, proxy.endpoint);
    proxy.hold('POST', '/api_keys');
    const generating = app.credentials.generate(profile.id, '  ci-deploy  ', true);
    await proxy.held('POST', '/api_keys');
    const file = path.join(dir, 'generate-intents.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(journal().intents).toEqual([
      expect.objectContaining({ profileId: profile.id, name: 'ci-deploy', knownKeyIds: expect.any(Array), startedAt: expect.any(String) }),
    ]);
    proxy.release('POST', '/api_keys');
    const generated = await generating;
    expect(journal().intents).toEqual([]);
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
    for (const f of filesUnder(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain(generated.secret);
  });

  it('a journal that cannot be written refuses the Generate before sending: store-write-failed, no request, no key', async () => {
    fs.mkdirSync(path.join(dir, 'generate-intents.json'), { recursive: true }); // EISDIR: the journal cannot be written, config can
    const app = await open();
    const profile = await addProfile(app);
    const before = sim.state.listKeys(userId).length;
    const posts = (): number => sim.requests.filter((r) => r.method === 'POST').length;
    const sent = posts();
    expect(await failureOf(app.credentials.generate(profile.id, 'never-sent', true))).toMatchObject({ code: 'store-write-failed', kind: 'local' });
    expect(posts()).toBe(sent);
    expect(sim.state.listKeys(userId).length).toBe(before);
    expect(app.oneTimeSecrets.list()).toEqual([]);
  });

  it('CloudMC refusing the Generate (a 4xx) leaves nothing uncertain', async () => {
    const app = await open();
    const profile = await addProfile(app);
    sim.faults.add({ fault: { kind: 'status', status: 403 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect(await failureOf(app.credentials.generate(profile.id, 'refused', false))).toMatchObject({ code: 'forbidden' });
    expect(journal().intents).toEqual([]);
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
  });
});

describe('a Generate killed with its request sent: the next start says what may exist (item 3)', () => {
  it('killed after CloudMC answered: the next start names the key, with Revoke; revoking it settles the notice', async () => {
    const { profile, next: second, timers } = await killedDuringGenerate('deploy-bot', 'answer'); // CloudMC made the key; the app never heard
    const [madeId] = liveNamed('deploy-bot');
    expect(madeId).toBeDefined();
    const item = await checkUntil(second, timers, profile.id, 1);
    expect(item).toMatchObject({ state: 'found', name: 'deploy-bot', keys: [expect.objectContaining({ id: madeId, name: 'deploy-bot' })] });
    expect(timers.armed.size).toBe(0); // found: no more checks
    // The key's row is in the list as well, and no copy of a value that never arrived is claimed.
    expect(keysOf(await second.credentials.listCached(profile.id)).map((k) => k.id)).toContain(madeId);
    expect(await keychain.getSecret(`key:${profile.id}:${madeId}`)).toBeNull();

    await second.credentials.revoke(profile.id, madeId!, true);
    expect(liveNamed('deploy-bot')).toEqual([]);
    expect(second.maybeCreated.list(profile.id)).toEqual([]);
    expect(journal().intents).toEqual([]);
  });

  it('killed before CloudMC saw the request, which arrives seconds later: the first check finds nothing, a later one names the key', async () => {
    const { profile, proxy, next: second, timers } = await killedDuringGenerate('late-key', 'request');
    const early = await checkUntil(second, timers, profile.id, 1);
    expect(early).toMatchObject({ state: 'checking', keys: [], checks: 1, plannedChecks: 5 });
    expect(early.nextCheckAt).not.toBeNull();
    expect(timers.delay).toBeGreaterThan(0); // backoff, not a busy loop

    await proxy.letThrough('POST', '/api_keys'); // CloudMC completes the request the dead app sent
    const [madeId] = liveNamed('late-key');
    const later = await checkUntil(second, timers, profile.id, 2);
    expect(later).toMatchObject({ state: 'found', keys: [expect.objectContaining({ id: madeId })] });
  });

  it('killed before CloudMC saw the request, which never arrives: after every planned check it says no key was found, and Dismiss closes it', async () => {
    const { profile, next: second, timers } = await killedDuringGenerate('never-made', 'request');
    const delays: number[] = [];
    for (let n = 1; n <= 5; n++) {
      if (timers.delay !== undefined) delays.push(timers.delay);
      await checkUntil(second, timers, profile.id, n);
    }
    expect(delays).toEqual([0, 2_000, 5_000, 15_000, 40_000]);
    const [item] = second.maybeCreated.list(profile.id);
    expect(item).toMatchObject({ state: 'not-found', keys: [], checks: 5, nextCheckAt: null, failure: null });
    expect(timers.armed.size).toBe(0); // bounded
    expect(liveNamed('never-made')).toEqual([]);
    expect(second.maybeCreated.dismiss(profile.id, item!.intentId)).toEqual([]);
    expect(journal().intents).toEqual([]);
  });

  it('a key generated later with the same name is never taken for the one the interrupted Generate may have made', async () => {
    const { profile, next: second, timers } = await killedDuringGenerate('same-name', 'request');
    const again = await second.credentials.generate(profile.id, 'same-name', false);
    const item = await checkUntil(second, timers, profile.id, 1);
    expect(item.keys.map((k) => k.id)).not.toContain(again.key.id);
    expect(item.state).toBe('checking');
    // And a third start, after this one: the key this run generated (its value held) is known, so it is no candidate either.
    const third = await open(new ManualTimers());
    await through(third, profile, sim.endpoint);
    await third.credentials.refresh(profile.id);
    expect(third.maybeCreated.list(profile.id).flatMap((i) => i.keys.map((k) => k.id))).not.toContain(again.key.id);
  });

  it('CloudMC unreachable at every check: "could not check", with the reason; the next list fetched that holds the key names it', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: '/api_keys' });
    const { profile, next: second, timers } = await killedDuringGenerate('offline-check', 'answer');
    const item = await checkUntil(second, timers, profile.id, 5);
    expect(item).toMatchObject({ state: 'unchecked', keys: [], failure: { code: 'server-error', kind: 'server' } });
    sim.faults.clear();
    await second.credentials.refresh(profile.id); // the user's next refresh
    expect(second.maybeCreated.list(profile.id)[0]).toMatchObject({ state: 'found', keys: [{ name: 'offline-check' }] });
  });
});

describe('answers the app refuses are reported as possibly created (items 5 and 8)', () => {
  it('a value with control characters (OSC 52): the Generate is uncertain, nothing is stored, and the key is named with Revoke', async () => {
    const timers = new ManualTimers();
    const app = await open(timers);
    const profile = await addProfile(app);
    const hostile = 'abc\u001b]52;c;ZWNobyBvd25lZA==\u0007def';
    sim.state.nextMints.push({ secret: hostile });
    const failure = await failureOf(app.credentials.generate(profile.id, 'hostile-value', true));
    expect(failure).toMatchObject({ code: 'bad-response', kind: 'uncertain', messageKey: 'generate.answerRefused' });
    expect(failure.details).toMatchObject({ reason: 'control-character', field: 'secret' });
    expect(JSON.stringify(failure)).not.toContain(hostile);
    expect(app.oneTimeSecrets.list()).toEqual([]);
    expect((await keychain.listAccounts()).filter((a) => a.startsWith('key:'))).toEqual([]);
    const [madeId] = liveNamed('hostile-value');
    const item = await checkUntil(app, timers, profile.id, 1);
    expect(item).toMatchObject({ state: 'found', keys: [expect.objectContaining({ id: madeId })] });
    await app.credentials.revoke(profile.id, madeId!, true);
    expect(sim.state.authenticate(hostile)).toBeNull();
    expect(app.maybeCreated.list(profile.id)).toEqual([]);
    for (const f of filesUnder(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain('ZWNobyBvd25lZA');
  });

  it('a key id like ../../x: refused where parsed, never stored under key:<profile>:../../x, and reported as possibly created', async () => {
    const timers = new ManualTimers();
    const app = await open(timers);
    const profile = await addProfile(app);
    sim.state.nextMints.push({ id: '../../x' });
    const failure = await failureOf(app.credentials.generate(profile.id, 'path-id', true));
    expect(failure).toMatchObject({ code: 'bad-response', kind: 'uncertain', messageKey: 'generate.answerRefused', details: { reason: 'key-id' } });
    expect((await keychain.listAccounts()).filter((a) => a.startsWith('key:'))).toEqual([]);
    expect(app.oneTimeSecrets.list()).toEqual([]);
    // CloudMC's list now holds that id too, so it cannot be read: the notice says it could not check, and why.
    const item = await checkUntil(app, timers, profile.id, 5);
    expect(item).toMatchObject({ state: 'unchecked', name: 'path-id', failure: { code: 'bad-response', details: { reason: 'key-id' } } });
    expect(keysOf(await app.credentials.listCached(profile.id)).map((k) => k.id)).not.toContain('../../x');
  });
});
