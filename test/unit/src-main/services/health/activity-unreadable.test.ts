// Promise 42 on the activity log: entries CloudMC sends that the app cannot read are counted and shown, never silently dropped,
// and a hostile answer does not hold main's event loop (the simulator serves the answers over loopback; real files; restart).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { defaultMaxBodyBytes } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { activityViewSchema } from '../../../../../src-preload/contract/health';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { floodActivityAnswer, mixedActivityAnswer, readableEntry } from '../../../../bench/hostile-activity';
import { measureBlocking } from '../../../../bench/main-blocking';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';

const accessKey = 'activity-access-key-1a2b3c4d5e6f7a8b9c0d';

describe('activity entries that cannot be read are counted and shown (promise 42)', () => {
  let sim: Simulator;
  let dir: string;
  let app: AppServices;
  let profile: ProfileSummary;
  const keychain = createMemoryKeychain();
  const open = (): Promise<AppServices> =>
    createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions: { attempts: 1, timeoutMs: 20_000 },
    });
  /** The next GET /activity_log answers this body. */
  const answerNext = (body: string): void =>
    void sim.faults.add({ fault: { kind: 'answer', status: 200, body }, method: 'GET', pathPrefix: '/activity_log', times: 1 });

  beforeAll(async () => {
    const state = new SimState();
    seedAccessUser(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-activity-');
    app = await open();
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('9,000 entries of which 2,528 cannot be read (bad dates, wrong types): the live view shows 6,472 and says 2,528 could not be read; so do the cache and a restart', async () => {
    const answer = mixedActivityAnswer(new Date(), 9_000, 2_528);
    answerNext(answer.body);
    const live = activityViewSchema.parse(await app.health.activity(profile.id));
    expect(live).toMatchObject({ source: 'live', failure: null, skipped: 2_528, older: 0 });
    expect(live.entries).toHaveLength(6_472);

    expect(activityViewSchema.parse(app.health.cachedActivity(profile.id))).toMatchObject({ source: 'cache', skipped: 2_528 });
    const again = await open();
    const cached = activityViewSchema.parse(again.health.cachedActivity(profile.id));
    expect(cached).toMatchObject({ skipped: 2_528, older: 0, syncedAt: live.syncedAt });
    expect(cached.entries).toHaveLength(6_472);

    // CloudMC offline: the cached entries with their count, and why the fetch failed.
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: '/activity_log', times: 1 });
    expect(await again.health.activity(profile.id)).toMatchObject({ source: 'cache', skipped: 2_528, failure: { kind: 'server' } });
  });

  it('an answer with nothing unreadable says 0', async () => {
    const now = new Date();
    answerNext(JSON.stringify({ data: [readableEntry(1, now, 60_000), readableEntry(2, now, 120_000)] }));
    expect(await app.health.activity(profile.id)).toMatchObject({
      source: 'live',
      skipped: 0,
      older: 0,
      entries: [{ id: 'act-1' }, { id: 'act-2' }],
    });
  });

  it('more readable entries than the panel keeps (10,000): the newest are shown and the view says how many older ones are not', async () => {
    answerNext(mixedActivityAnswer(new Date(), 10_250, 0).body);
    const view = activityViewSchema.parse(await app.health.activity(profile.id));
    expect(view).toMatchObject({ skipped: 0, older: 250 });
    expect(view.entries).toHaveLength(10_000);
  });

  it('a hostile answer as big as the client accepts (4 MiB, 400,000 tiny unreadable entries) holds main for a bounded time and every entry is counted', async () => {
    const answer = floodActivityAnswer(new Date(), defaultMaxBodyBytes);
    expect(answer.entries).toBeGreaterThan(400_000);
    answerNext(answer.body);
    const measured = await measureBlocking(() => app.health.activity(profile.id));
    if (!measured.outcome.ok) throw measured.outcome.error;
    // A generous bound on a shared test machine (the target, 100 ms, is `npm run bench`'s "hostile activity answer" figure).
    expect(measured.longestBlockMs).toBeLessThan(1_000);
    expect(measured.outcome.value).toMatchObject({ source: 'live', skipped: answer.entries - answer.readable });
    expect(measured.outcome.value.entries).toHaveLength(answer.readable);
  });
});
