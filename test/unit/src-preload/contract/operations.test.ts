// The contract states each operation once; main's handler table, the bridge and the answers are checked against it in ways that can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  createBridge,
  errorCodes,
  eventNames,
  eventSchemaOf,
  events,
  isEventName,
  operationList,
  operationOf,
  operations,
  type Channel,
} from '../../../../src-preload/contract';
import { AppFailure } from '../../../../src-main/errors';
import { createDispatcher } from '../../../../src-main/ipc/dispatcher';
import { createHandlers, type Handlers } from '../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { SimState } from '../../../cloudmc-sim/state';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir, translation, uiLanguages } from '../../src-main/helpers';

let dir: string;
let services: AppServices;
let handlers: Handlers;
let sim: Simulator;
const apiKey = 'contract-access-key-CANARY-4f6a8c0e2b1d';

beforeAll(async () => {
  dir = makeTempDir('cmc-contract-');
  const state = new SimState();
  seedDemo(state, { apiKey });
  sim = await startSimulator({ state });
  services = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
  });
  handlers = createHandlers(services);
});
afterAll(async () => {
  await services.clipboard.clearSecretNow();
  await sim.close();
  removeTempDir(dir);
});

/** The field names anywhere inside a zod schema (objects, arrays, unions, nullables). */
function fieldNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  const names: string[] = [];
  if (def['type'] === 'object') {
    for (const [name, child] of Object.entries(def['shape'] as Record<string, z.ZodType>)) names.push(name, ...fieldNames(child));
  }
  for (const key of ['element', 'innerType']) if (def[key]) names.push(...fieldNames(def[key] as z.ZodType));
  if (Array.isArray(def['options'])) for (const option of def['options'] as z.ZodType[]) names.push(...fieldNames(option));
  return names;
}

describe('operations', () => {
  it('each channel is its domain and verb, unique, and found back by name only (never through the prototype)', () => {
    expect(new Set(operationList.map((o) => o.channel)).size).toBe(operationList.length);
    for (const o of operationList) expect(o.channel).toBe(`${o.domain}:${o.verb}`);
    for (const name of ['__proto__', 'constructor', 'toString', 'keys:', ':revoke', 'keys:revoke ', 'KEYS:REVOKE'])
      expect(operationOf(name)).toBeUndefined();
  });

  it('main has a handler for every operation and none the contract does not state (handler table built on its own)', () => {
    const handlerNames = Object.entries(handlers).flatMap(([domain, verbs]) => Object.keys(verbs as object).map((verb) => `${domain}:${verb}`));
    expect(handlerNames.sort()).toEqual(operationList.map((o) => o.channel).sort());
    for (const verbs of Object.values(handlers)) for (const handler of Object.values(verbs as object)) expect(typeof handler).toBe('function');
  });

  it('no answer but a new key carries a secret: a stored value never crosses the bridge (copy goes through main)', () => {
    const secretFields = /^(secret|value|apiKey|password)$/;
    const carrying = operationList.filter((o) => fieldNames(o.output).some((n) => secretFields.test(n))).map((o) => o.channel);
    expect(carrying).toEqual(['keys:generate']);
    expect(Object.keys(operations.copies)).not.toContain('reveal');
  });
});

describe('events', () => {
  it('each is named domain:did-change, unique, has its schema, and is found back by name only (never a channel or a prototype name)', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort());
    for (const name of eventNames) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*:did-change$/);
      expect(isEventName(name)).toBe(true);
      expect(eventSchemaOf(name)).toBe(events[name]);
    }
    for (const name of ['__proto__', 'constructor', 'toString', 'keys:refresh', 'keys:did-change ', 'KEYS:DID-CHANGE', '']) {
      expect(isEventName(name)).toBe(false);
      expect(eventSchemaOf(name)).toBeUndefined();
    }
  });

  it('nothing secret travels in an event: no payload field is named like a secret (a key value stays in main)', () => {
    const secretFields = /^(secret|value|apiKey|password)$/;
    const carrying = eventNames.filter((name) => fieldNames(events[name]).some((n) => secretFields.test(n)));
    expect(carrying).toEqual([]);
    // The check reads nested shapes: the key screen's keys, the pending secrets' views.
    expect(fieldNames(events['keys:did-change'])).toContain('lastUsedIp');
    expect(fieldNames(events['secrets:did-change'])).toContain('secretId');
  });
});

describe('answers match their output schemas', () => {
  it('a walk through the app answers inside every schema it touches (the dispatcher checks outputs)', async () => {
    const logLines: string[] = [];
    const dispatch = createDispatcher(
      handlers,
      createLogger((_l, line) => logLines.push(line)),
      { checkOutputs: true },
    );
    const call = async (channel: Channel, input?: unknown): Promise<unknown> => {
      const result = await dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)} ${logLines.at(-2) ?? ''}`);
      return result.value;
    };
    const profile = (await call('profiles:add', { name: 'Contract', endpoint: sim.endpoint, apiKey })) as { id: string };
    await call('app:getState');
    await call('profiles:list');
    await call('keys:listCached', { profileId: profile.id });
    const view = (await call('keys:refresh', { profileId: profile.id })) as { list: { keys: { id: string }[] } };
    const generated = (await call('keys:generate', { profileId: profile.id, name: 'contract-key', storeInKeychain: true })) as {
      key: { id: string };
      secretId: string;
    };
    await call('refreshAll:start');
    await call('refreshAll:current');
    await call('refreshAll:cancel');
    await services.refreshAll.finished();
    await call('secrets:listPending');
    await call('secrets:copy', { secretId: generated.secretId });
    await call('secrets:dismiss', { secretId: generated.secretId });
    await call('copies:list', { profileId: profile.id });
    await call('copies:copy', { profileId: profile.id, keyId: generated.key.id });
    await call('keys:rename', { profileId: profile.id, keyId: generated.key.id, name: 'contract-key-renamed' });
    await call('keys:search', { query: 'contract' });
    await call('keys:revoke', { profileId: profile.id, keyId: generated.key.id, removeStoredCopy: true });
    await call('profiles:export', {});
    await call('profiles:import', { json: '{"profiles": []}', replace: false });
    await call('settings:update', { clipboardClearSeconds: 10 });
    await call('app:retryKeychain');
    expect(view.list.keys.length).toBeGreaterThan(0);
  });

  it('an answer outside its schema is an internal error, logged, never passed on', async () => {
    const logLines: string[] = [];
    const broken = { ...handlers, app: { ...handlers.app, getState: async () => ({ version: 1 }) } } as unknown as Handlers;
    const result = await createDispatcher(
      broken,
      createLogger((_l, line) => logLines.push(line)),
      { checkOutputs: true },
    )('app:getState', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logLines.join('\n')).toContain('app:getState answered outside its output schema');
  });
});

describe('bridge', () => {
  it('each function calls its own channel, and the object is frozen', async () => {
    const calls: Array<{ channel: Channel; input: unknown }> = [];
    const bridge = createBridge(async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: channel };
    });
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const { domain, verb, channel } of operationList) {
      const fn = (bridge as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[domain]![verb]!;
      expect(await fn({ marker: channel })).toEqual({ ok: true, value: channel });
      expect(calls.at(-1)).toEqual({ channel, input: { marker: channel } });
    }
  });

  it('has no generic invoke and turns a rejecting transport into an internal error value', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('pipe closed')));
    expect(Object.keys(bridge).some((k) => /invoke|send|call/i.test(k))).toBe(false);
    expect(await bridge.profiles.list()).toEqual({
      ok: false,
      error: { code: 'internal', kind: 'internal', messageKey: 'errors.internal', details: { reason: 'pipe closed' } },
    });
  });
});

describe('error codes', () => {
  it.each([...errorCodes])('%s has a message in every shipped language', (code) => {
    const { messageKey } = new AppFailure(code).appError;
    expect(messageKey).toBe(`errors.${code}`);
    for (const language of uiLanguages)
      expect({ language, text: translation(language, messageKey) }).toEqual({ language, text: expect.any(String) as string });
  });
});
