// The contract is complete (architecture.md "The contract"): every channel has a schema and a handler, and the bridge one function per channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChannels, bridgeChannels, createBridge, errorCodes, inputSchemas, type Channel } from '../../../../src-preload/contract';
import { AppFailure } from '../../../../src-main/errors';
import { createHandlers, type Handlers } from '../../../../src-main/ipc/handlers';
import { createAppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir, translation, uiLanguages } from '../helpers';

let dir: string;
let handlers: Handlers;
beforeAll(async () => {
  dir = makeTempDir('cmc-contract-');
  const services = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
  });
  handlers = createHandlers(services);
});
afterAll(() => removeTempDir(dir));

describe('channels', () => {
  it('lists every bridge channel exactly once', () => {
    expect(allChannels.length).toBeGreaterThan(0);
    expect(new Set(allChannels).size).toBe(allChannels.length);
    expect([...allChannels].sort()).toEqual(Object.values(bridgeChannels).sort());
  });

  it.each([...allChannels])('%s is named domain:verb-noun', (channel) => {
    expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it.each([...allChannels])('%s has an input schema', (channel) => {
    expect(Object.hasOwn(inputSchemas, channel)).toBe(true);
    expect(typeof inputSchemas[channel].safeParse).toBe('function');
  });

  it('has no input schema without a channel', () => {
    expect(Object.keys(inputSchemas).sort()).toEqual([...allChannels].sort());
  });
});

describe('handlers', () => {
  it.each([...allChannels])('%s has a handler', (channel) => {
    expect(Object.hasOwn(handlers, channel)).toBe(true);
    expect(typeof handlers[channel]).toBe('function');
  });

  it('has no handler without a channel', () => {
    const channels = new Set<string>(allChannels);
    const strays = Object.keys(handlers).filter((k) => !channels.has(k));
    expect(strays).toEqual([]);
    expect(Object.keys(handlers)).toHaveLength(allChannels.length);
  });

  it('answers app:get-state from the real services', async () => {
    const state = await handlers['app:get-state'](undefined);
    expect(state.version).toBe('0.0.0-test');
    expect(state.keychain).toEqual({ available: true, backend: 'memory' });
    expect(state.profiles).toEqual([]);
    expect(state.storeNotice).toBeNull();
    expect(state.readOnly).toBe(false);
  });
});

describe('bridge', () => {
  it('exposes exactly one function per bridge name, each calling its own channel', async () => {
    const calls: Array<{ channel: Channel; input: unknown }> = [];
    const bridge = createBridge(async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: channel };
    });
    const names = Object.keys(bridge).sort();
    expect(names).toEqual(Object.keys(bridgeChannels).sort());
    expect(Object.isFrozen(bridge)).toBe(true);

    for (const [name, channel] of Object.entries(bridgeChannels)) {
      const fn = (bridge as unknown as Record<string, (input?: unknown) => Promise<unknown>>)[name];
      expect(typeof fn).toBe('function');
      const input = { marker: name };
      expect(await fn?.(input)).toEqual({ ok: true, value: channel });
      expect(calls.at(-1)).toEqual({ channel, input });
    }
    expect(calls).toHaveLength(allChannels.length);
  });

  it('has no generic invoke and turns a rejecting transport into an internal error value', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('pipe closed')));
    expect(Object.keys(bridge).some((k) => /invoke|send|call/i.test(k))).toBe(false);
    const result = await bridge.listProfiles();
    expect(result).toEqual({ ok: false, error: { code: 'internal', kind: 'internal', messageKey: 'errors.internal', retryable: true, details: { reason: 'pipe closed' } } });
  });
});

describe('error codes', () => {
  it.each([...errorCodes])('%s has a message in every shipped language', (code) => {
    const { messageKey } = new AppFailure(code).appError;
    expect(messageKey).toBe(`errors.${code}`);
    for (const language of uiLanguages) expect({ language, text: translation(language, messageKey) }).toEqual({ language, text: expect.any(String) as string });
  });
});
