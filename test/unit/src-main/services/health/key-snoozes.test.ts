// Issue 19 item 6, snoozes: main keeps a snooze per finding with its expiry and note; a snoozed finding leaves the queue and the
// sidebar count until it expires (or is ended), is listed apart with its note, and survives a restart. Real services over real files,
// through the dispatcher main runs behind the bridge; time moves through the app's clock.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { HealthReport } from '../../../../../src-preload/contract/health';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../../helpers';

const DAY = 86_400_000;
const accessKey = 'snooze-access-key-1a2b3c4d5e6f7a8b9c0d1e';

describe('key health: snoozing findings', () => {
  let sim: Simulator;
  let dir: string;
  let clock = Date.now();
  let dispatch: Dispatch;
  let profile: ProfileSummary;
  let keyId: string;

  const open = async (): Promise<AppServices> =>
    createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      now: () => new Date(clock),
    });
  const useApp = (app: AppServices): void => {
    dispatch = createDispatcher(
      createHandlers(app),
      createLogger(() => undefined),
      { checkOutputs: true },
    );
  };
  const report = async (): Promise<HealthReport> => {
    const answer = await dispatch('health:findings', {});
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value as HealthReport;
  };

  beforeAll(async () => {
    const state = new SimState();
    const { user } = seedAccessUser(state, { apiKey: accessKey });
    keyId = state.issueKey(user.id, { name: 'deploy', creationDate: new Date(clock - 200 * DAY).toISOString() }).key.id;
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-snooze-');
    const app = await open();
    useApp(app);
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(profile.id);
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it("the profile's own key is a fact, not a finding; the never-used key is the one finding", async () => {
    const r = await report();
    expect(r.findings.map((f) => [f.keyId, f.kind])).toEqual([[keyId, 'never-used']]);
    expect(r.facts.map((f) => f.kind)).toEqual(['profile-access-key']);
    expect(r.byProfile).toEqual({ [profile.id]: 1 });
  });

  it('a snooze takes the finding out of the queue and the count, keeps it apart with its note, and survives a restart', async () => {
    const ref = { profileId: profile.id, keyId, kind: 'never-used' };
    const answer = await dispatch('health:snooze', { findings: [ref], period: '7d', note: '  waiting on the ops team  ' });
    expect(answer).toEqual({ ok: true, value: { snoozed: 1, until: new Date(clock + 7 * DAY).toISOString() } });
    const r = await report();
    expect(r.findings).toEqual([]);
    expect(r.byProfile).toEqual({});
    expect(r.snoozed.map((f) => [f.keyId, f.snooze.note, f.snooze.until])).toEqual([
      [keyId, 'waiting on the ops team', new Date(clock + 7 * DAY).toISOString()],
    ]);
    expect(fs.existsSync(path.join(dir, 'key-snoozes.json'))).toBe(true);

    useApp(await open());
    expect((await report()).snoozed).toHaveLength(1);

    // A week later the snooze has ended: the finding is back in the queue.
    clock += 7 * DAY + 1000;
    const later = await report();
    expect(later.findings.map((f) => f.keyId)).toEqual([keyId]);
    expect(later.snoozed).toEqual([]);
  });

  it('unsnooze brings a finding back at once; a period main does not offer, or a too-long note, is refused', async () => {
    const ref = { profileId: profile.id, keyId, kind: 'never-used' };
    await dispatch('health:snooze', { findings: [ref], period: '30d', note: '' });
    expect((await report()).findings).toEqual([]);
    expect(await dispatch('health:unsnooze', { findings: [ref] })).toEqual({ ok: true, value: { removed: 1 } });
    expect((await report()).findings).toHaveLength(1);
    expect((await dispatch('health:snooze', { findings: [ref], period: '5y', note: '' })).ok).toBe(false);
    expect((await dispatch('health:snooze', { findings: [ref], period: '1d', note: 'n'.repeat(501) })).ok).toBe(false);
    expect((await dispatch('health:snooze', { findings: [{ ...ref, kind: 'profile-access-key' }], period: '1d', note: '' })).ok).toBe(false);
  });
});
