// "Changes since your last visit" end to end (issue 19, beyond the anchors): the real services and handlers against the simulator over loopback and real
// files: a visit, then keys generated, revoked and used on CloudMC's side, a refresh, and the changes listed per profile and across all; offline too.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../src-main/ipc/handlers';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { allChangesSchema, profileChangesSchema } from '../../../src-preload/contract/health';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedAccessUser } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, filesUnder, makeTempDir, removeTempDir } from '../src-main/helpers';

const accessKey = 'changes-access-key-CANARY-9f8e7d6c5b4a';
const otherKey = 'changes-other-key-CANARY-0a1b2c3d4e5f';

describe('changes since the last visit, through the real services', () => {
  let sim: Simulator;
  let state: SimState;
  let dir: string;
  let app: AppServices;
  let handlers: Handlers;
  let acme: ProfileSummary;
  let globex: ProfileSummary;
  const ids: Record<string, string> = {};
  let userId: string;

  beforeAll(async () => {
    state = new SimState();
    const { user } = seedAccessUser(state, { apiKey: accessKey });
    userId = user.id;
    ids['backup'] = state.issueKey(user.id, { name: 'nightly-backup' }).key.id;
    ids['ci'] = state.issueKey(user.id, {
      name: 'ci-runner',
      lastUsedDate: new Date(Date.now() - 3_600_000).toISOString(),
      lastUsedIp: '198.51.100.1',
    }).key.id;
    ids['old'] = state.issueKey(user.id, { name: 'old-batch' }).key.id;
    const other = state.addUser({ userName: 'globex-user', organization: { name: 'Globex' } });
    state.issueKey(other.id, { name: 'globex-access', secret: otherKey });
    state.issueKey(other.id, { name: 'globex-key' });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-changes-');
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions: { attempts: 1, backoffMs: 5, timeoutMs: 5_000 },
    });
    handlers = createHandlers(app);
    acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    globex = await app.profiles.add({ name: 'Globex', endpoint: sim.endpoint, apiKey: otherKey });
    await app.credentials.refresh(acme.id);
    await app.credentials.refresh(globex.id);
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('shows nothing before the first visit (nothing to compare)', async () => {
    const view = profileChangesSchema.parse(await handlers.changes.forProfile({ profileId: acme.id }));
    expect(view).toMatchObject({ visitedAt: null, items: [] });
    expect(allChangesSchema.parse(await handlers.changes.all({})).profiles).toEqual([]);
  });

  it('after a visit, lists keys generated, revoked and used on CloudMC once the list is refreshed', async () => {
    await handlers.profiles.open({ profileId: acme.id });
    // Leaving Acme for Globex records Acme's visit.
    await handlers.profiles.open({ profileId: globex.id });
    expect((await handlers.changes.forProfile({ profileId: acme.id })).visitedAt).not.toBeNull();
    const deploy = state.issueKey(userId, { name: 'deploy-bot' }).key.id;
    state.revokeKey(userId, ids['old']!);
    state.recordUse(ids['ci']!, '203.0.113.99');
    state.recordUse(ids['backup']!, '203.0.113.7');
    // Before the refresh, the cached list has not changed: nothing yet.
    expect((await handlers.changes.forProfile({ profileId: acme.id })).items).toEqual([]);
    await app.credentials.refresh(acme.id);

    const view = profileChangesSchema.parse(await handlers.changes.forProfile({ profileId: acme.id }));
    expect(view.counts).toEqual({ newKeys: 1, revokedKeys: 1, newIps: 1, firstUsed: 1 });
    expect(view.items.map((i) => [i.kind, i.keyId, i.keyName, i.ip])).toEqual([
      ['newKeys', deploy, 'deploy-bot', null],
      ['revokedKeys', ids['old'], 'old-batch', null],
      ['newIps', ids['ci'], 'ci-runner', '203.0.113.99'],
      ['firstUsed', ids['backup'], 'nightly-backup', '203.0.113.7'],
    ]);
    const all = allChangesSchema.parse(await handlers.changes.all({}));
    expect(all.profiles.map((p) => [p.profileName, p.items.length])).toEqual([['Acme', 4]]);
  });

  it('still shows them offline, from the cached list, with its time', async () => {
    await sim.close();
    const view = await handlers.changes.forProfile({ profileId: acme.id });
    expect(view.items).toHaveLength(4);
    expect(view.syncedAt).toBe(app.stores.cache.get(acme.id)?.syncedAt);
  });

  it('"Mark as seen" clears them; nothing on disk holds a key value', async () => {
    const seen = await handlers.changes.markSeen({ profileId: acme.id });
    expect(seen.items).toEqual([]);
    expect((await handlers.changes.all({})).profiles).toEqual([]);
    for (const file of filesUnder(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      expect({ file, leaks: text.includes(accessKey) || text.includes(otherKey) }).toEqual({ file, leaks: false });
    }
  });

  it('a removed profile takes its visit with it', async () => {
    const file = path.join(dir, 'visits', `${acme.id}.json`);
    expect(fs.existsSync(file)).toBe(true);
    await app.profiles.remove(acme.id);
    expect(fs.existsSync(file)).toBe(false);
  });
});
