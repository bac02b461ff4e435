// The dispatcher (docs/security.md 7): untrusted channel names and inputs answer typed errors; nothing thrown escapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../../src-main/ipc/dispatcher';
import { createHandlers, type Handlers } from '../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { defaultSettings } from '../../../../src-preload/contract/defaults';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../helpers';

let dir: string;
let services: AppServices;
let handlers: Handlers;
let dispatch: Dispatch;
const lines: string[] = [];
const log = createLogger((level, line) => lines.push(`${level} ${line}`));

beforeAll(async () => {
  dir = makeTempDir('cmc-dispatch-');
  services = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
  });
  handlers = createHandlers(services);
  dispatch = createDispatcher(handlers, log);
});
afterAll(() => removeTempDir(dir));

/** Dispatches and asserts the call answered invalid-input without throwing. */
async function expectInvalid(channel: string, input: unknown): Promise<void> {
  const result = await dispatch(channel, input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid-input');
  expect(result.error.messageKey).toBe('errors.invalid-input');
  expect(result.error.kind).toBe('invalid');
}

const big = 'x'.repeat(5_000_000);

/** An object nested `depth` levels deep. */
function deepNest(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

describe('unknown channels', () => {
  it.each(['keys:steal-keys', '', 'app:getState ', 'APP:GETSTATE', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:getState\0'])(
    '%j → invalid-input (channel)',
    async (channel) => {
      const result = await dispatch(channel, undefined);
      expect(result).toEqual({
        ok: false,
        error: { code: 'invalid-input', kind: 'invalid', messageKey: 'errors.invalid-input', details: { reason: 'channel' } },
      });
    },
  );
});

describe('bad inputs', () => {
  it.each<[string, unknown]>([
    // wrong types
    ['keys:refresh', { profileId: 5 }],
    ['keys:refresh', { profileId: ['p'] }],
    ['keys:generate', { profileId: 'p', storeInKeychain: 'yes' }],
    ['keys:generate', { profileId: 'p' }],
    ['settings:update', { clipboardClearSeconds: '30' }],
    ['settings:update', { clipboardClearSeconds: 1.5 }],
    ['settings:update', { clipboardClearSeconds: -1 }],
    ['settings:update', { clipboardClearSeconds: 3601 }],
    ['settings:update', { clipboardClearSeconds: Number.NaN }],
    ['settings:update', { language: 'klingon' }],
    ['profiles:add', { name: 'n', endpoint: 'https://x.example', apiKey: '' }],
    ['clipboard:copyText', { text: '' }],
    ['keys:refresh', { profileId: '' }],
    // extra keys
    ['keys:refresh', { profileId: 'p', extra: 1 }],
    ['settings:update', { language: 'en', colour: 'dark' }],
    ['secrets:copy', { secretId: 's', channel: 'keys:revoke' }],
    // huge strings
    ['keys:refresh', { profileId: 'p'.repeat(201) }],
    ['keys:rename', { profileId: 'p', keyId: 'k', name: 'n'.repeat(1001) }],
    ['profiles:add', { name: 'n'.repeat(201), endpoint: 'https://x.example', apiKey: 'k' }],
    ['profiles:add', { name: 'n', endpoint: `https://x.example/${'a'.repeat(2048)}`, apiKey: 'k' }],
    ['profiles:add', { name: 'n', endpoint: 'https://x.example', apiKey: 'k'.repeat(4097) }],
    ['clipboard:copyText', { text: big }],
    ['secrets:copy', { secretId: big }],
    // null, arrays, primitives, missing input
    ['keys:refresh', null],
    ['keys:refresh', undefined],
    ['keys:refresh', []],
    ['keys:refresh', ['p']],
    ['keys:refresh', 'p'],
    ['keys:refresh', 42],
    ['settings:update', null],
    ['settings:update', []],
    ['app:getState', {}],
    ['app:getState', null],
    ['app:getState', []],
    ['profiles:list', { all: true }],
  ])('%s with %j → invalid-input', async (channel, input) => {
    await expectInvalid(channel, input);
  });

  it('names the offending field, truncated to 100 characters', async () => {
    const result = await dispatch('keys:rename', { profileId: 'p', keyId: 'k', name: 7 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toEqual({ field: 'name' });
  });

  it.each<[string, string]>([
    ['settings:update', '{"__proto__":{"x":1}}'],
    ['settings:update', '{"language":"en","__proto__":{"clipboardClearSeconds":0}}'],
    ['keys:refresh', '{"profileId":"p","__proto__":{"isAdmin":true}}'],
    ['profiles:add', '{"name":"n","endpoint":"https://x.example","apiKey":"k","__proto__":{"x":1}}'],
    ['settings:update', '{"constructor":{"prototype":{"polluted":true}}}'],
  ])('%s with own __proto__ / constructor keys %s → invalid-input, no pollution', async (channel, json) => {
    const before = services.settings.get();
    await expectInvalid(channel, JSON.parse(json));
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(services.settings.get()).toEqual(before);
  });

  it('never lets a bad input reach the service (settings unchanged on disk and in memory)', async () => {
    await expectInvalid('settings:update', { clipboardClearSeconds: 0, extra: true });
    expect(services.settings.get()).toEqual(defaultSettings);
  });
});

describe('service answers', () => {
  it('answers ok with the value for a good call', async () => {
    const result = await dispatch('settings:update', { clipboardClearSeconds: 12 });
    expect(result).toEqual({ ok: true, value: { ...defaultSettings, clipboardClearSeconds: 12 } });
    const reset = await dispatch('settings:update', { clipboardClearSeconds: defaultSettings.clipboardClearSeconds });
    expect(reset.ok).toBe(true);
  });

  it.each<[string, unknown]>([
    ['keys:refresh', { profileId: 'no-such-profile' }],
    ['keys:listCached', { profileId: 'no-such-profile' }],
    ['keys:generate', { profileId: 'no-such-profile', storeInKeychain: false }],
    ['keys:revoke', { profileId: 'no-such-profile', keyId: 'k' }],
    ['profiles:open', { profileId: 'no-such-profile' }],
    ['profiles:remove', { profileId: 'no-such-profile' }],
  ])('%s for an unknown profile → profile-not-found', async (channel, input) => {
    const result = await dispatch(channel, input);
    expect(result).toEqual({
      ok: false,
      error: { code: 'profile-not-found', kind: 'invalid', messageKey: 'errors.profile-not-found' },
    });
  });

  it('answers secret-gone for an unknown secret', async () => {
    const result = await dispatch('secrets:copy', { secretId: 'nope' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('secret-gone');
  });

  it('turns an unexpected exception into internal, logs it redacted, and does not throw', async () => {
    const leaky = 'leaky-secret-value-0123456789';
    log.forget(leaky);
    const broken: Handlers = {
      ...handlers,
      keys: {
        ...handlers.keys,
        refresh: async () => {
          throw new TypeError(`boom with ${leaky}`);
        },
      },
    };
    const result = await createDispatcher(broken, log)('keys:refresh', { profileId: 'p' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', kind: 'internal', messageKey: 'errors.internal' } });
    const logged = lines.filter((l) => l.includes('handler keys:refresh failed'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('TypeError');
    expect(lines.join('\n')).not.toContain(leaky);
  });

  it('logs one line per call with the channel and the outcome, never the input', async () => {
    const before = lines.length;
    await dispatch('profiles:add', { name: 'n', endpoint: 'https://cloudmc.example.com', apiKey: 'input-value-never-logged' });
    await dispatch('settings:update', { clipboardClearSeconds: 12 });
    const added = lines.slice(before);
    expect(added).toHaveLength(2);
    expect(added[0]).toMatch(/^info profiles:add failed: \S+ in \d+ ms/);
    expect(added[1]).toMatch(/^info settings:update ok in \d+ ms$/);
    expect(added.join('\n')).not.toContain('input-value-never-logged');
  });

  it('resolves (never rejects) for a burst of hostile calls', async () => {
    const hostile: Array<[string, unknown]> = [
      ['keys:refresh', Object.create(null)],
      // What structured clone (Electron IPC) or JSON (web host) can deliver: no proxies or getters, but odd built-ins and depth.
      ['keys:refresh', new Map([['profileId', 'p']])],
      ['keys:refresh', new Date(0)],
      ['keys:refresh', new Uint8Array([1, 2, 3])],
      ['settings:update', { language: deepNest(10_000) }],
      ['settings:update', { toString: () => 'x' }],
      ['keys:generate', { profileId: 'p', storeInKeychain: true, name: Symbol('s') }],
    ];
    const results = await Promise.allSettled(hostile.map(([c, i]) => dispatch(c, i)));
    for (const r of results) {
      expect(r.status).toBe('fulfilled');
      if (r.status === 'fulfilled') expect(r.value.ok).toBe(false);
    }
  });
});
