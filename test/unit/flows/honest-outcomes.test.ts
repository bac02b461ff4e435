// Issue 8 items 5, 10 and 11: what the app says happened on CloudMC did happen, and each failure carries the classification main decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { createLogger } from '../../../src-main/log';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { ApiKeyView, ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, keysOf, makeTempDir, refreshFailure, removeTempDir } from '../src-main/helpers';

const accessKey = 'honest-access-key-CANARY-3c5e7a9b1d2f';

let sim: Simulator;
let dir: string;
let app: AppServices;
let profile: ProfileSummary;
let userId: string;

beforeAll(async () => {
  const state = new SimState();
  userId = seedDemo(state, { apiKey: accessKey }).user.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-honest-');
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 2_000 },
  });
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  await app.credentials.refresh(profile.id);
});
afterAll(async () => {
  await app?.clipboard.clearSecretNow();
  await sim?.close();
  removeTempDir(dir);
});

const freshKey = async (name: string): Promise<ApiKeyView> => (await app.credentials.generate(profile.id, name, false)).key;
const cachedIds = async (): Promise<string[]> => keysOf(await app.credentials.listCached(profile.id)).map((k) => k.id);

describe('revoke reports "already revoked" only when CloudMC said so and a fresh list confirms it', () => {
  it("a proxy's HTML 404 on revoke is not reported as revoked", async () => {
    const key = await freshKey('behind-a-proxy');
    sim.faults.add({ fault: { kind: 'html', status: 404 }, method: 'DELETE', times: 1 });
    const failure = await failureOf(app.credentials.revoke(profile.id, key.id, false));
    expect(failure).toMatchObject({ code: 'bad-response', status: 404, kind: 'uncertain' });
    expect(await cachedIds()).toContain(key.id);
    expect(sim.state.listKeys(userId).some((k) => k.id === key.id)).toBe(true);
  });

  it("CloudMC's not-found for a key a fresh list still shows is a failure, not a revoke", async () => {
    const key = await freshKey('still-there');
    sim.faults.add({ fault: { kind: 'status', status: 404 }, method: 'DELETE', times: 1 });
    const failure = await failureOf(app.credentials.revoke(profile.id, key.id, false));
    expect(failure).toMatchObject({ code: 'bad-response', status: 404, kind: 'server', messageKey: 'errors.unexpected-status' });
    expect(await cachedIds()).toContain(key.id);
  });

  it("CloudMC's not-found for a key revoked elsewhere is 'already-revoked', and the list drops it", async () => {
    const key = await freshKey('revoked-elsewhere');
    sim.state.revokeKey(userId, key.id);
    const revoked = await app.credentials.revoke(profile.id, key.id, false);
    expect(revoked).toMatchObject({ outcome: 'already-revoked', warning: null });
    expect(keysOf(revoked.view).map((k) => k.id)).not.toContain(key.id);
    expect(await cachedIds()).not.toContain(key.id);
  });

  it.each(['..', '.', '../users', 'a/b', 'a?b', ''])('a key id of %j is refused at the bridge before any request', async (keyId) => {
    const dispatch = createDispatcher(
      createHandlers(app),
      createLogger(() => undefined),
    );
    const before = sim.requests.length;
    for (const channel of ['keys:revoke', 'keys:rename', 'copies:copy', 'copies:remove']) {
      const result = await dispatch(channel, { profileId: profile.id, keyId, name: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', kind: 'invalid', details: { field: 'keyId' } } });
    }
    expect(sim.requests.length).toBe(before);
  });
});

describe('names and access keys that cannot be what they seem are refused with a field error', () => {
  it.each(['\u200B\u200B', '\u202E', '\u2060\uFEFF', ' \u200D '])(
    'a key name made only of invisible characters (%j) is refused before any request',
    async (name) => {
      const before = sim.requests.length;
      expect(await failureOf(app.credentials.generate(profile.id, name, false))).toMatchObject({
        code: 'name-invalid',
        kind: 'invalid',
        messageKey: 'errors.name-invisible',
      });
      expect(await failureOf(app.credentials.rename(profile.id, keysOf(await app.credentials.refresh(profile.id))[0]!.id, name))).toMatchObject({
        code: 'name-invalid',
      });
      expect(await failureOf(app.profiles.add({ name, endpoint: sim.endpoint, apiKey: accessKey }))).toMatchObject({
        code: 'invalid-input',
        details: { field: 'name', reason: 'invisible' },
      });
      expect(sim.requests.filter((r) => r.method !== 'GET').length).toBe(sim.requests.slice(0, before).filter((r) => r.method !== 'GET').length);
    },
  );

  it('a name of 60 emoji (120 UTF-16 units, 60 characters for CloudMC) is accepted', async () => {
    const name = '🔑'.repeat(60);
    expect((await app.credentials.generate(profile.id, name, false)).key.name).toBe(name);
  });

  it.each(['abc\ndef', 'abc\u0000def', 'clé-accentuée-€'])(
    'an access key with characters illegal in an HTTP header (%j) is a field error, not internal',
    async (apiKey) => {
      const failure = await failureOf(app.profiles.add({ name: 'Header', endpoint: sim.endpoint, apiKey }));
      expect(failure).toMatchObject({ code: 'invalid-input', kind: 'invalid', details: { field: 'apiKey' } });
      expect(await failureOf(app.profiles.provideAccessKey(profile.id, apiKey))).toMatchObject({
        code: 'invalid-input',
        details: { field: 'apiKey' },
      });
    },
  );
});

describe('each failure carries the kind main decided (the renderer keeps no code lists)', () => {
  it('a 429 is rate-limited and a 5xx is server, never "offline"', async () => {
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 600 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    expect(await refreshFailure(app.credentials.refresh(profile.id))).toMatchObject({ code: 'rate-limited', kind: 'rate-limited' });
    sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    expect(await refreshFailure(app.credentials.refresh(profile.id))).toMatchObject({ code: 'server-error', kind: 'server' });
  });

  it('an oversized generate answer is uncertain (the key may exist), so the UI refreshes', async () => {
    sim.faults.add({ fault: { kind: 'oversized', bytes: 64 * 1024 * 1024 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect(await failureOf(app.credentials.generate(profile.id, 'too-big-to-read', false))).toMatchObject({
      code: 'response-too-large',
      kind: 'uncertain',
      messageKey: 'errors.generate-uncertain',
    });
  });

  it('a generate refused by CloudMC with 400 is invalid, not uncertain', async () => {
    sim.faults.add({ fault: { kind: 'status', status: 400 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
    expect((await failureOf(app.credentials.generate(profile.id, 'refused', false))).kind).not.toBe('uncertain');
  });

  it('a rename whose answer is dropped mid-way is uncertain', async () => {
    const key = await freshKey('drop-me');
    sim.faults.add({ fault: { kind: 'drop' }, method: 'PUT', times: 1 });
    expect(await failureOf(app.credentials.rename(profile.id, key.id, 'dropped'))).toMatchObject({
      kind: 'uncertain',
      messageKey: 'errors.change-uncertain',
    });
  });
});
