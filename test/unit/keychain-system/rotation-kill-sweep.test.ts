// Issue 17's kill -9 sweep over every rotation step (security.md 35, 37, 39): a real child process runs the real services on a data dir and
// the real Secret Service (this file's private gnome-keyring) and starts a rotation; a loopback proxy holds CloudMC's request or answer at
// the step under test (or the keyring is stopped there); the child is killed with SIGKILL. Fresh services on the same data dir and keychain
// then resume, and at each stage: the profile signs in with the key config.json names; the old key works or the new one is stored (and,
// for the profile's own key, used); every live key CloudMC holds is known to the user; no view claims what did not happen.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { generatedKeyAccount, profileAccount } from '../../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import type { RotationView } from '../../../src-preload/contract/rotation';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { confStoreBackend, makeTempDir, MemoryClipboard, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { startHeldProxy, type HeldProxy } from '../flows/held-proxy';
import { configKeyIdIn } from '../flows/rotation-world';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

const root = path.resolve(import.meta.dirname, '../../..');
const childScript = path.join(import.meta.dirname, 'rotation-child.ts');

/** Where the child is killed. */
const stops = [
  'before generate is sent',
  'generate in flight',
  'generate in flight, CloudMC slow to make the key',
  'after the answer, before the keychain write',
  'after store, before verify is sent',
  'verify in flight',
  'switch check in flight',
  'switch with the keyring stopped',
  'retiring',
  'revoke in flight',
] as const;
type Stop = (typeof stops)[number];
const switchStops: readonly Stop[] = ['switch check in flight', 'switch with the keyring stopped'];

let service: PrivateSecretService;
let sim: Simulator;
let userId: string;
let proxy: HeldProxy;
const keychain = () => createKeytarKeychain({ timeoutMs: 10_000 });
const lookup = (account: string): Promise<string | null> => keychain().getSecret(account);

beforeAll(async () => {
  service = await startPrivateSecretService();
  const state = new SimState();
  userId = seedDemo(state).user.id;
  sim = await startSimulator({ state });
});
afterAll(async () => {
  await sim?.close();
  await service?.stop();
});

/** One case's world: a data dir with one profile (signing in with a key of its own), the key to rotate, the live keys before. */
interface Case {
  dir: string;
  profileId: string;
  oldKey: { id: string; secret: string };
  before: string[];
  own: boolean;
  timers: ManualTimers;
  aheadMs: number;
  apps: AppServices[];
}

async function openApp(c: Case): Promise<AppServices> {
  const app = await createAppServices({
    dataDir: c.dir,
    storeBackend: confStoreBackend,
    keychain: keychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
    now: () => new Date(Date.now() + c.aheadMs),
    rotationTimers: c.timers,
  });
  c.apps.push(app);
  return app;
}

async function setUp(own: boolean, n: string): Promise<Case> {
  const access = sim.state.issueKey(userId, { name: `access-${n}` });
  const c: Case = {
    dir: makeTempDir('cmc-kill-sweep-'),
    profileId: '',
    oldKey: { id: '', secret: '' },
    before: [],
    own,
    timers: new ManualTimers(),
    aheadMs: 0,
    apps: [],
  };
  const setup = await openApp(c);
  const profile = await setup.profiles.add({ name: `Sweep ${n}`, endpoint: proxy.endpoint, apiKey: access.secret });
  setup.rotation.stop();
  c.profileId = profile.id;
  c.oldKey = own
    ? { id: access.key.id, secret: access.secret }
    : (({ key, secret }) => ({ id: key.id, secret }))(sim.state.issueKey(userId, { name: `old-${n}` }));
  expect(profile.accessKeyId).toBe(access.key.id);
  c.before = sim.state.listKeys(userId).map((k) => k.id);
  return c;
}

/** Starts the child on the case's data dir; resolves with it and its event lines. */
async function startChild(
  c: Case,
  grace: 'now' | '1h',
): Promise<{ child: ChildProcess; events: Record<string, unknown>[]; next: (event: string) => Promise<void> }> {
  const order = JSON.stringify({ dataDir: c.dir, profileId: c.profileId, keyId: c.oldKey.id, grace });
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, order], {
    cwd: root,
    env: service.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    events.push(parsed);
    for (const w of waiters.filter((x) => x.event === parsed['event'])) w.resolve();
  });
  const next = (event: string): Promise<void> =>
    events.some((e) => e['event'] === event) ? Promise.resolve() : new Promise((resolve) => waiters.push({ event, resolve }));
  return { child, events, next };
}

const journalStatus = (c: Case): string | undefined => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(c.dir, 'rotations.json'), 'utf8')) as { rotations: { status: string }[] }).rotations[0]?.status;
  } catch {
    return undefined;
  }
};
const configKeyId = (c: Case): string | undefined => configKeyIdIn(c.dir, c.profileId);

/** Runs the child to the stop, then kills it with SIGKILL; the keyring runs again afterwards whatever happened. */
async function runAndKill(c: Case, stop: Stop): Promise<void> {
  const grace = stop === 'retiring' ? '1h' : 'now';
  if (stop === 'before generate is sent') proxy.holdRequests('POST', '/api_keys');
  if (stop === 'generate in flight, CloudMC slow to make the key')
    sim.faults.add({ fault: { kind: 'latency', ms: 1500 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
  const posts = sim.requests.length;
  if (stop === 'generate in flight' || stop === 'after the answer, before the keychain write') proxy.hold('POST', '/api_keys');
  if (stop === 'after store, before verify is sent') proxy.holdRequests('GET', '/users/current');
  if (stop === 'verify in flight' || switchStops.includes(stop)) proxy.hold('GET', '/users/current');
  if (stop === 'revoke in flight') proxy.hold('DELETE', `/api_keys/${c.oldKey.id}`);
  const { child, next } = await startChild(c, grace);
  const exited = once(child, 'exit');
  let stopped = false;
  try {
    await next('ready');
    switch (stop) {
      case 'before generate is sent':
        await proxy.requestHeld('POST', '/api_keys');
        break;
      case 'generate in flight':
        await proxy.held('POST', '/api_keys');
        break;
      case 'generate in flight, CloudMC slow to make the key':
        // CloudMC has the POST and makes the key 1.5 s later, after the restarted app's first look.
        await expect.poll(() => sim.requests.slice(posts).some((q) => q.method === 'POST' && q.path.endsWith('/api_keys'))).toBe(true);
        break;
      case 'after the answer, before the keychain write':
        await proxy.held('POST', '/api_keys');
        process.kill(service.daemonPid, 'SIGSTOP');
        stopped = true;
        proxy.release('POST', '/api_keys');
        await expect.poll(() => journalStatus(c), { timeout: 10_000 }).toBe('storing');
        break;
      case 'after store, before verify is sent':
        await proxy.requestHeld('GET', '/users/current');
        break;
      case 'verify in flight':
        await proxy.held('GET', '/users/current');
        break;
      case 'switch check in flight':
      case 'switch with the keyring stopped':
        await proxy.held('GET', '/users/current'); // the verification
        await proxy.passAndHoldNext('GET', '/users/current'); // the switch's own check
        expect(journalStatus(c)).toBe('switching');
        if (stop === 'switch with the keyring stopped') {
          process.kill(service.daemonPid, 'SIGSTOP');
          stopped = true;
          await proxy.releaseDelivered('GET', '/users/current');
        }
        break;
      case 'retiring':
        await next('started');
        expect(journalStatus(c)).toBe('retiring');
        break;
      case 'revoke in flight':
        await proxy.held('DELETE', `/api_keys/${c.oldKey.id}`);
        break;
    }
    child.kill('SIGKILL');
    await exited;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (stopped) process.kill(service.daemonPid, 'SIGCONT');
    proxy.reset();
  }
}

/** Every invariant the sweep promises, checked against CloudMC's state, the keychain and config.json (never the app's word alone). */
async function expectHonest(c: Case, app: AppServices, label: string): Promise<RotationView> {
  const r = app.rotation.list(c.profileId)[0];
  expect(r, `${label}: the rotation is listed`).toBeDefined();
  const rotation = r!;
  const live = sim.state.listKeys(userId).map((k) => k.id);
  const made = live.filter((id) => !c.before.includes(id));
  const stored = async (keyId: string): Promise<string | null> => lookup(generatedKeyAccount(c.profileId, keyId));
  const oldWorks = sim.state.authenticate(c.oldKey.secret) !== null;

  // The profile signs in with the key config.json names, and CloudMC accepts it.
  const profileValue = await lookup(profileAccount(c.profileId));
  expect(sim.state.authenticate(profileValue ?? '')?.key.id, `${label}: the profile's key is live and is the one config.json names`).toBe(
    configKeyId(c),
  );
  // The old key works, or the new key is stored (and used by the profile when it was the profile's own).
  if (!oldWorks) {
    expect(rotation.newKeyId, `${label}: a replacement exists once the old key is gone`).not.toBeNull();
    expect(await stored(rotation.newKeyId!), `${label}: the replacement is stored`).not.toBeNull();
    if (c.own) expect(configKeyId(c), `${label}: the profile moved to the replacement`).toBe(rotation.newKeyId);
  }
  // Every live key CloudMC made is known: the stored replacement, a named orphan, or a replacement the user is told may exist.
  for (const id of made) {
    const known = (id === rotation.newKeyId && (await stored(id)) !== null) || rotation.orphanKeyIds.includes(id);
    const toldMayExist = rotation.status === 'generating' && rotation.failure?.messageKey === 'rotation.errors.may-exist';
    expect(known || toldMayExist, `${label}: live key ${id} is known to the user`).toBe(true);
  }
  // Nothing claims what did not happen.
  if (rotation.status === 'done') expect(oldWorks, `${label}: "done" means the old key is revoked`).toBe(false);
  if (rotation.status === 'failed' || rotation.status === 'cancelled') expect(oldWorks, `${label}: a stopped rotation left the old key`).toBe(true);
  if (rotation.storedInKeychain && rotation.newKeyId) expect(await stored(rotation.newKeyId), `${label}: "stored" is true`).not.toBeNull();
  for (const id of rotation.orphanKeyIds) {
    expect(live, `${label}: an orphan is live`).toContain(id);
    expect(await stored(id), `${label}: an orphan's value is really nowhere`).toBeNull();
  }
  if (['rotation.errors.none-found', 'rotation.errors.not-created'].includes(rotation.failure?.messageKey ?? ''))
    expect(made, `${label}: "none found" means none was made`).toEqual([]);
  return rotation;
}

/** Lets the restarted app finish what it can: the looks for a replacement that may exist, the orphans revoked, the retirement. */
async function finish(c: Case, app: AppServices, slowKey: boolean): Promise<RotationView> {
  let r = await expectHonest(c, app, 'after the restart');
  // Minutes pass between looks: CloudMC finishes the key it was making (the looks run on the test's clock, CloudMC on real time).
  if (slowKey) await expect.poll(() => sim.state.listKeys(userId).filter((k) => !c.before.includes(k.id)).length, { timeout: 5_000 }).toBe(1);
  for (let looks = 0; r.status === 'generating' && r.retryAt && looks < 10; looks += 1) {
    c.aheadMs = Date.parse(r.retryAt) - Date.now() + 1;
    c.timers.fire();
    const before = r.updatedAt;
    await expect.poll(() => app.rotation.list(c.profileId)[0]!.updatedAt).not.toBe(before);
    r = await expectHonest(c, app, `after look ${looks + 2}`);
  }
  if (r.orphanKeyIds.length > 0) r = (await app.rotation.revokeOrphans(r.id)).rotation;
  if (r.status === 'retiring' || r.status === 'needs-confirmation') r = (await app.rotation.revokeNow(r.id)).rotation;
  if (r.retryAt && r.status !== 'failed') r = (await app.rotation.resume(r.id)).rotation;
  r = await expectHonest(c, app, 'at the end');
  // In the end: exactly the old key or the stored replacement is live for this rotation, nothing else.
  const made = sim.state
    .listKeys(userId)
    .map((k) => k.id)
    .filter((id) => !c.before.includes(id));
  expect(made.filter((id) => id !== r.newKeyId)).toEqual([]);
  expect(['done', 'failed']).toContain(r.status);
  return r;
}

describe('kill -9 at every rotation step, then a fresh start on the same data dir and keychain', () => {
  beforeAll(async () => {
    proxy = await startHeldProxy(sim.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const cases = [
    ...stops.filter((s) => !switchStops.includes(s)).map((stop) => ({ stop, own: false })),
    ...stops.map((stop) => ({ stop, own: true })),
  ];
  it.each(cases)(
    "killed $stop (the profile's own key: $own)",
    async ({ stop, own }) => {
      const c = await setUp(own, `${stops.indexOf(stop)}-${own ? 'own' : 'other'}`);
      try {
        await runAndKill(c, stop);
        const app = await openApp(c);
        await app.rotationsResumed;
        const end = await finish(c, app, stop === 'generate in flight, CloudMC slow to make the key');
        if (end.status === 'done' && own) expect(configKeyId(c)).toBe(end.newKeyId);
        if (end.status === 'failed') expect(sim.state.authenticate(c.oldKey.secret)).not.toBeNull();
        for (const a of c.apps) a.rotation.stop();
      } finally {
        removeTempDir(c.dir);
      }
    },
    60_000,
  );
});
