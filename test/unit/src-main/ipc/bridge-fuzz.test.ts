// The bridge under attack (docs/security.md 7, 11): arbitrary payloads on every bridge function, through the real dispatcher and services,
// then through the web host over HTTP. Every answer is a typed IpcResult, main keeps serving, and the one-time key and the
// profile's access key never show up in any answer (but the one generate answer), any log line or any file under the data dir.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allChannels,
  operationList,
  createBridge,
  errorCodes,
  errorKinds,
  type CloudmcBridge,
  type IpcResult,
} from '../../../../src-preload/contract';
import { createDispatcher } from '../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../src-main/log';
import { createAppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { confBackend } from '../../../web-host/host-services';
import { startWebHost, type WebHost } from '../../../web-host/server';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { MemoryClipboard, filesUnder, makeTempDir, removeTempDir } from '../helpers';

const fnNames = operationList.map((o) => ({ domain: o.domain, verb: o.verb }));

let sim: Simulator;
let accessKey: string;
let dir: string;
let bridge: CloudmcBridge;
let profileId: string;
let canary: string;
let secretId: string;
let keyId: string;
const logLines: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  const state = new SimState();
  accessKey = seedDemo(state).apiKey;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-bridge-fuzz-');
  const log = createLogger((level, line) => logLines.push(`${level} ${line}`));
  const services = await createAppServices({
    dataDir: dir,
    storeBackend: confBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.0.0-fuzz',
    log,
    clientOptions: { timeoutMs: 2000, backoffMs: 1, attempts: 1 },
  });
  bridge = createBridge(createDispatcher(createHandlers(services), log));
  const added = await bridge.profiles.add({ name: 'Fuzz', endpoint: sim.endpoint, apiKey: accessKey });
  if (!added.ok) throw new Error(`addProfile failed: ${JSON.stringify(added)}`);
  profileId = added.value.id;
  const generated = await bridge.keys.generate({ profileId, name: 'canary', storeInKeychain: false });
  if (!generated.ok) throw new Error(`generateKey failed: ${JSON.stringify(generated)}`);
  canary = generated.value.secret;
  secretId = generated.value.secretId;
  keyId = generated.value.key.id;
  expect(canary.length).toBeGreaterThanOrEqual(20);
});
afterAll(async () => {
  await sim.close();
  removeTempDir(dir);
});

/** Checks one answer's shape and records it for the canary scan. */
function checkAnswer(answer: IpcResult<unknown>): void {
  const json = JSON.stringify(answer);
  answers.push(json);
  expect(typeof answer).toBe('object');
  if (answer.ok) {
    expect(Object.keys(answer).sort()).toEqual(['ok', 'value']);
    return;
  }
  expect(answer.ok).toBe(false);
  expect(errorCodes).toContain(answer.error.code);
  expect(answer.error.messageKey).toBe(`errors.${answer.error.code}`);
  expect(errorKinds).toContain(answer.error.kind);
  for (const v of Object.values(answer.error.details ?? {})) expect(['string', 'number']).toContain(typeof v);
}

/** Payloads that are wrong in every way we could think of, plus well-shaped ones with the real ids in them. */
function payloads(): fc.Arbitrary<unknown> {
  const realIds = fc.constantFrom(profileId, keyId, secretId, '__proto__', 'constructor', '../../etc/passwd', '');
  const anyValue = fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withObjectString: true,
    withBoxedValues: true,
  });
  const fieldNames = [
    'profileId',
    'keyId',
    'secretId',
    'requestId',
    'name',
    'endpoint',
    'apiKey',
    'caPem',
    'storeInKeychain',
    'query',
    'limit',
    'json',
    'replace',
    'text',
    'profileIds',
    'removeStoredCopy',
    'language',
    '__proto__',
    'constructor',
    'prototype',
  ];
  const shaped = fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(realIds, anyValue, fc.boolean(), fc.integer()), { maxKeys: 5 });
  const protoPolluting = fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}, "profileId": "x"}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    { profileId: { toString: () => 'x' } },
    Object.create(null),
  );
  const huge = fc.constantFrom('x'.repeat(3_000_000), '\u0000'.repeat(10_000), '\uD800'.repeat(1000), {
    name: 'n'.repeat(2_000_000),
    profileId: 'p',
  });
  const nested = fc.integer({ min: 100, max: 3000 }).map((depth) => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  });
  return fc.oneof({ weight: 3, arbitrary: anyValue }, { weight: 4, arbitrary: shaped }, protoPolluting, huge, nested, fc.constant(undefined));
}

describe('the bridge over the real dispatcher and services', () => {
  it('answers a typed IpcResult to arbitrary payloads on every function', async () => {
    for (const { domain, verb } of fnNames) {
      const fn = (bridge as unknown as Record<string, Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>>)[domain]![verb]!;
      await fc.assert(
        fc.asyncProperty(payloads(), async (payload) => {
          checkAnswer(await fn(payload));
        }),
        { numRuns: 40 },
      );
    }
    expect(answers.length).toBeGreaterThanOrEqual(fnNames.length * 40);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps serving afterwards: state, profiles and a live refresh against CloudMC still work', async () => {
    const state = await bridge.app.getState();
    expect(state.ok).toBe(true);
    const added = await bridge.profiles.add({ name: 'After fuzz', endpoint: sim.endpoint, apiKey: accessKey });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const refreshed = await bridge.keys.refresh({ profileId: added.value.id });
    expect(refreshed.ok).toBe(true);
    if (refreshed.ok) expect(refreshed.value.list?.keys.some((k) => k.name === 'canary')).toBe(true);
    for (const a of [state, added, refreshed]) checkAnswer(a);
  });

  it('the canary key and the access key appear in no answer, log line or data file', () => {
    expect(answers.length).toBeGreaterThan(1000);
    expect(answers.filter((a) => a.includes(canary))).toEqual([]);
    expect(answers.filter((a) => a.includes(accessKey))).toEqual([]);
    expect(logLines.length).toBeGreaterThan(1000); // a line per call: the scan below reads real lines
    expect(logLines.filter((l) => l.includes(canary) || l.includes(accessKey))).toEqual([]);
    for (const file of filesUnder(dir)) {
      const bytes = fs.readFileSync(file, 'utf8');
      expect({ file: path.relative(dir, file), canary: bytes.includes(canary), accessKey: bytes.includes(accessKey) }).toEqual({
        file: path.relative(dir, file),
        canary: false,
        accessKey: false,
      });
    }
  });
});

describe('the same through the web host over HTTP', () => {
  let host: WebHost;
  let hostDir: string;
  let token: string;
  let hostCanary: string;
  const httpAnswers: string[] = [];

  const rpc = async (channel: string, body: string, auth = true): Promise<Response> =>
    fetch(`${host.origin}/__host/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { cookie: `cmc_host=${token}`, 'x-host-token': token } : {}) },
      body,
    });

  beforeAll(async () => {
    const rendererDir = path.resolve(import.meta.dirname, '../../../../out/renderer');
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
    hostDir = makeTempDir('cmc-bridge-fuzz-host-');
    host = await startWebHost({
      dataDir: hostDir,
      rendererDir,
      logSink: () => undefined,
      clientOptions: { timeoutMs: 2000, backoffMs: 1, attempts: 1 },
    });
    token = new URL(host.url).searchParams.get('token') ?? '';
    const added = await host.services.profiles.add({ name: 'Host', endpoint: sim.endpoint, apiKey: accessKey });
    const res = await rpc(
      'keys:generate',
      JSON.stringify({ input: { profileId: added.id, name: 'host-canary', storeInKeychain: false }, hasInput: true }),
    );
    const body = (await res.json()) as { result: IpcResult<{ secret: string }> };
    if (!body.result.ok) throw new Error(`generate over HTTP failed: ${JSON.stringify(body)}`);
    hostCanary = body.result.value.secret;
  });
  afterAll(async () => {
    await host.close();
    removeTempDir(hostDir);
  });

  it('refuses a call without the token', async () => {
    const res = await rpc('app:getState', '{}', false);
    expect(res.status).toBe(403);
  });

  it('answers a typed IpcResult to arbitrary JSON payloads and to bodies that are not JSON', async () => {
    const envelope = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((input) => JSON.stringify({ input, hasInput: true })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{"input": {"__proto__": {"polluted": 1}}, "hasInput": true}', '{"hasInput": true}', '[]', '{', '\u0000', 'null', '42'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...allChannels, 'no:such-channel', '__proto__', 'constructor', '../x'), envelope, async (channel, body) => {
        const res = await rpc(channel, body);
        expect(res.status).toBe(200);
        const text = await res.text();
        httpAnswers.push(text);
        checkAnswer((JSON.parse(text) as { result: IpcResult<unknown> }).result);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps serving, and the canary appears in no answer or data file', async () => {
    const res = await rpc('app:getState', JSON.stringify({ hasInput: false }));
    expect(((await res.json()) as { result: IpcResult<unknown> }).result.ok).toBe(true);
    expect(httpAnswers.length).toBeGreaterThanOrEqual(150);
    expect(httpAnswers.filter((a) => a.includes(hostCanary) || a.includes(accessKey))).toEqual([]);
    for (const file of filesUnder(hostDir)) expect(fs.readFileSync(file, 'utf8').includes(hostCanary)).toBe(false);
  });
});
