// Main speaks first (issue 18): whatever changes what a window shows, whoever caused it (a timer, another window, the keychain),
// reaches every subscriber as the contract's event with main's view, against the simulator over loopback. No event carries a value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-preload/contract/names';
import type { EventPayload } from '../../../src-preload/contract/events';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createLogger } from '../../../src-main/log';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, keychainWithStatus, makeTempDir, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';

const accessKey = 'events-access-key-CANARY-3c9e1a7f5d2b';

let sim: Simulator;
let dir: string;
let app: AppServices;
let timers: ManualTimers;
let aheadMs: number;
/** Tells the app's keychain monitor a new status, as the OS keychain backend does after a time-out. */
let tellKeychain: (status: KeychainStatus) => void;
let sent: { name: EventName; payload: unknown }[];
let logLines: string[];
/** Every key value this test saw: none may appear in an event. */
let values: string[];

beforeEach(async () => {
  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-events-');
  timers = new ManualTimers();
  aheadMs = 0;
  sent = [];
  logLines = [];
  values = [accessKey];
  const { keychain, tell } = keychainWithStatus();
  tellKeychain = tell;
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 3_000 },
    now: () => new Date(Date.now() + aheadMs),
    rotationTimers: timers,
    log: createLogger((level, line) => logLines.push(`${level} ${line}`)),
  });
  await app.keychainStatus();
  await app.changes.idle(); // the first probe's status, before anyone listened
  app.events.subscribe((name, payload) => sent.push({ name, payload }));
});
afterEach(async () => {
  await app.changes.idle();
  const all = JSON.stringify(sent);
  for (const value of values) expect(all, 'no key value in any event').not.toContain(value);
  expect(logLines.filter((l) => l.startsWith('error'))).toEqual([]);
  app.rotation.stop();
  await app.clipboard.clearSecretNow();
  await sim.close();
  removeTempDir(dir);
});

/** The payloads of one event sent so far, once every change announced was sent. */
async function payloads<E extends EventName>(name: E): Promise<EventPayload<E>[]> {
  await app.changes.idle();
  return sent.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
}
const namesIn = (view: EventPayload<'keys:did-change'>['view']): string[] => (view.list?.keys ?? []).map((k) => k.name);

async function profileWithList(): Promise<string> {
  const { id } = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  await app.credentials.refresh(id);
  await app.changes.idle();
  sent.length = 0;
  return id;
}

describe('events from main', () => {
  it('a key generated elsewhere (another window, the CLI through the app) reaches every window: its list, and its one-time key without the value', async () => {
    const profileId = await profileWithList();
    const generated = await app.credentials.generate(profileId, 'made-elsewhere', false);
    values.push(generated.secret);
    const [keysChange] = await payloads('keys:did-change');
    expect(keysChange).toMatchObject({ profileId, view: { profile: { id: profileId }, failure: null } });
    expect(namesIn(keysChange!.view)).toContain('made-elsewhere');
    expect(await payloads('secrets:did-change')).toEqual([
      { pending: [{ secretId: generated.secretId, profileId, keyId: generated.key.id, keyName: 'made-elsewhere', copied: false, stored: false }] },
    ]);

    await app.secretActions.copy(generated.secretId);
    await app.changes.idle();
    await app.secretActions.store(generated.secretId);
    await app.changes.idle();
    app.secretActions.dismiss(generated.secretId);
    const after = await payloads('secrets:did-change');
    expect(after.slice(1).map((p) => p.pending)).toEqual([
      [expect.objectContaining({ copied: true, stored: false })],
      [expect.objectContaining({ copied: true, stored: true })],
      [],
    ]);
  });

  it('a rotation whose grace ends while nobody asks: the timer retires the old key and every window gets the list without it', async () => {
    const profileId = await profileWithList();
    const user = sim.state.findUserByName('rwilson')!;
    const old = sim.state.issueKey(user.id, { name: 'retire-me', creationDate: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    values.push(old.secret);
    await app.credentials.refresh(profileId);
    const started = await app.rotation.start({ profileId, keyId: old.key.id, grace: { until: new Date(Date.now() + 5_000).toISOString() } });
    expect(started.rotation.status).toBe('retiring');
    await app.changes.idle();
    sent.length = 0;

    aheadMs = 6_000;
    timers.fire();
    await expect.poll(() => app.rotation.list(profileId)[0]?.status).toBe('done');
    const changes = await payloads('keys:did-change');
    expect(changes.length).toBeGreaterThan(0);
    expect(namesIn(changes.at(-1)!.view)).not.toContain('retire-me');
    expect(namesIn(changes.at(-1)!.view)).toContain(started.rotation.newKeyName);
  });

  it('a rename and a revoke each send the profile’s new screen; changes announced together are sent once, with the newest view', async () => {
    const profileId = await profileWithList();
    const key = (await app.credentials.listCached(profileId)).list!.keys[0]!;
    await app.credentials.rename(profileId, key.id, 'renamed-elsewhere');
    expect(namesIn((await payloads('keys:did-change')).at(-1)!.view)).toContain('renamed-elsewhere');
    await app.credentials.revoke(profileId, key.id, false);
    expect(namesIn((await payloads('keys:did-change')).at(-1)!.view)).not.toContain('renamed-elsewhere');
    expect(await payloads('keys:did-change')).toHaveLength(2);

    sent.length = 0;
    for (let i = 0; i < 3; i += 1) app.changes.keysChanged(profileId);
    expect(await payloads('keys:did-change')).toHaveLength(1);
  });

  it('the keychain stopping and coming back are one keychain:did-change each; the same status again sends nothing', async () => {
    const notAnswering: KeychainStatus = { available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' };
    tellKeychain(notAnswering);
    tellKeychain(notAnswering);
    await app.changes.idle();
    tellKeychain({ available: true, backend: 'memory' });
    expect(await payloads('keychain:did-change')).toEqual([{ status: notAnswering }, { status: { available: true, backend: 'memory' } }]);
  });

  it('a change announced for a profile removed meanwhile sends nothing, and nothing fails', async () => {
    const profileId = await profileWithList();
    await app.profiles.remove(profileId);
    app.changes.keysChanged(profileId);
    expect(await payloads('keys:did-change')).toEqual([]);
  });
});
