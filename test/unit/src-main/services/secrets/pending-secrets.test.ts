// One-time values after generate: listed without their value for a reloaded window, redacted from logs only while held, and an uncertain generate says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { createLogger } from '../../../../../src-main/log';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

let sim: Simulator;
let dataDir: string;
let app: AppServices;
let profile: ProfileSummary;
const lines: string[] = [];
const log = createLogger((_level, line) => lines.push(line));

beforeAll(async () => {
  const state = new SimState();
  const { apiKey } = seedDemo(state);
  sim = await startSimulator({ state });
  dataDir = makeTempDir('cloudmc-pending-');
  app = await createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    log,
    clientOptions: { timeoutMs: 300, attempts: 1 },
  });
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
});
afterAll(async () => {
  await sim.close();
  removeTempDir(dataDir);
});

describe('pending one-time values', () => {
  it('are listed without their value, with what was done to them, until dismissed', async () => {
    const a = await app.credentials.generate(profile.id, 'pending-a', false);
    const b = await app.credentials.generate(profile.id, 'pending-b', true);
    await app.secretActions.copy(a.secretId);
    const listed = app.oneTimeSecrets.list();
    expect(listed).toEqual([
      { secretId: a.secretId, profileId: profile.id, keyId: a.key.id, keyName: 'pending-a', copied: true, stored: false },
      { secretId: b.secretId, profileId: profile.id, keyId: b.key.id, keyName: 'pending-b', copied: false, stored: true },
    ]);
    expect(JSON.stringify(listed)).not.toContain(a.secret);
    app.secretActions.dismiss(a.secretId);
    app.secretActions.dismiss(b.secretId);
    expect(app.oneTimeSecrets.list()).toEqual([]);
  });

  it('are redacted from log lines while held, and the logger lets go of them on dismiss', async () => {
    const g = await app.credentials.generate(profile.id, 'logged', false);
    log.info(`something mentioning ${g.secret}`);
    expect(lines.at(-1)).toBe('something mentioning [redacted]');
    app.secretActions.dismiss(g.secretId);
    // The redactor no longer holds the value: it is gone from the process as far as the app can tell.
    log.info(`after dismiss ${g.secret}`);
    expect(lines.at(-1)).toBe(`after dismiss ${g.secret}`);
  });
});

describe('a generate whose outcome is uncertain', () => {
  it('says the key may exist when CloudMC never answered', async () => {
    sim.faults.add({ fault: { kind: 'hang' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect(await failureOf(app.credentials.generate(profile.id, 'maybe', false))).toMatchObject({
      code: 'timeout',
      messageKey: 'errors.generate-uncertain',
    });
  });

  it('says the key may exist when the connection dropped mid-answer', async () => {
    sim.faults.add({ fault: { kind: 'drop' }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect(await failureOf(app.credentials.generate(profile.id, 'maybe', false))).toMatchObject({
      code: 'unreachable',
      messageKey: 'errors.generate-uncertain',
    });
  });

  it('keeps the plain message when CloudMC said it did nothing (503, bad name, rejected key)', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect(await failureOf(app.credentials.generate(profile.id, 'no', false))).toMatchObject({
      code: 'server-error',
      messageKey: 'errors.server-error',
    });
    expect(await failureOf(app.credentials.generate(profile.id, 'x'.repeat(101), false))).toMatchObject({
      code: 'name-invalid',
      messageKey: 'errors.name-invalid',
    });
  });

  it('lists keys newest first, as CloudMC shows them', async () => {
    const list = (await app.credentials.refresh(profile.id)).list!;
    const dates = list.keys.map((k) => k.creationDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect((await app.credentials.listCached(profile.id)).list?.keys.map((k) => k.id)).toEqual(list.keys.map((k) => k.id));
  });
});
