// The preload (docs/security.md 8), loaded with a mocked `electron`: it exposes `cloudmc` only, one named function per operation grouped by
// domain, each a plain invoke, and `on`, which listens to the contract's events only and hands the page the payload only.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { eventNames } from '../../../src-preload/contract/names';

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const exposed: Array<[string, unknown]> = [];
  const invoked: Array<[string, unknown]> = [];
  const contextBridge = { exposed, exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) };
  // What main sends arrives on this emitter, with Electron's event object first (its `sender` is ipcRenderer itself).
  const fromMain = new Emitter();
  const ipcRenderer = {
    invoked,
    fromMain,
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: channel };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => fromMain.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => fromMain.removeListener(channel, listener),
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
  };
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } };
});

const electron = await import('electron');
await import('../../../src-preload/index');

const exposed = (electron.contextBridge as unknown as { exposed: Array<[string, Record<string, Record<string, unknown>>]> }).exposed;
const invoked = (electron.ipcRenderer as unknown as { invoked: Array<[string, unknown]> }).invoked;
const fromMain = (electron.ipcRenderer as unknown as { fromMain: EventEmitter }).fromMain;
type On = (event: string, handler: (...args: unknown[]) => void) => () => void;

/** The operations as written in the contract file: `domain.verb` read from its source text, not from the module the preload uses. */
async function operationsInSource(): Promise<string[]> {
  const fs = await import('node:fs');
  const text = fs.readFileSync(new URL('../../../src-preload/contract/operations.ts', import.meta.url), 'utf8');
  const body = text.slice(text.indexOf('export const operations = {'), text.indexOf('} as const;'));
  const names: string[] = [];
  let domain = '';
  for (const line of body.split('\n')) {
    const d = /^ {2}([a-zA-Z]+): \{$/.exec(line);
    if (d) domain = d[1]!;
    const v = /^ {4}([a-zA-Z]+): op\(/.exec(line);
    if (v && domain) names.push(`${domain}.${v[1]}`);
  }
  return names;
}

describe('preload', () => {
  it('exposes one object, named cloudmc', () => {
    expect(exposed.map(([key]) => key)).toEqual(['cloudmc']);
  });

  it('the object has exactly one function per operation of the contract file, grouped by domain, and `on`, and nothing else', async () => {
    const { on, ...api } = exposed[0]![1];
    expect(typeof on).toBe('function');
    const exposedNames = Object.entries(api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposedNames.sort()).toEqual((await operationsInSource()).sort());
    for (const verbs of Object.values(api)) {
      expect(Object.isFrozen(verbs)).toBe(true);
      for (const value of Object.values(verbs)) expect(typeof value).toBe('function');
    }
    expect(Object.isFrozen(exposed[0]![1])).toBe(true);
    // Nothing generic: no invoke/send/removeListener, and no access to ipcRenderer itself.
    for (const generic of ['invoke', 'send', 'removeListener', 'ipcRenderer', 'require', 'process'])
      expect(exposed[0]![1]).not.toHaveProperty(generic);
  });

  it('each function invokes its own channel (domain:verb) with its input, and nothing else', async () => {
    const api = exposed[0]![1] as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const name of await operationsInSource()) {
      const [domain, verb] = name.split('.') as [string, string];
      invoked.length = 0;
      expect(await api[domain]![verb]!({ probe: name })).toEqual({ ok: true, value: `${domain}:${verb}` });
      expect(invoked).toEqual([[`${domain}:${verb}`, { probe: name }]]);
    }
  });

  it('on(event) hands each payload main sends on that event to the handler, alone (never Electron’s event object), until unsubscribed', () => {
    const on = exposed[0]![1]['on'] as unknown as On;
    for (const name of eventNames) {
      const got: unknown[][] = [];
      const stop = on(name, (...args) => got.push(args));
      fromMain.emit(name, { sender: electron.ipcRenderer }, { probe: name });
      fromMain.emit('keys:did-change-not', { sender: electron.ipcRenderer }, { other: true });
      stop();
      stop();
      fromMain.emit(name, { sender: electron.ipcRenderer }, { late: true });
      expect(got).toEqual([[{ probe: name }]]);
      expect(fromMain.listenerCount(name)).toBe(0);
    }
  });

  it('on refuses a name the contract does not state (a channel, a prototype name) and a handler that is not a function, listening to nothing', () => {
    const on = exposed[0]![1]['on'] as unknown as On;
    for (const name of ['keys:refresh', 'keys:did-change ', '__proto__', 'constructor', 'toString', '*', ''])
      expect(() => on(name, () => undefined), name).toThrow(/not an event of the contract/);
    expect(() => on('keys:did-change', 'alert(1)' as never)).toThrow(/must be a function/);
    expect(fromMain.eventNames()).toEqual([]);
  });

  it('a handler that throws does not stop the others', () => {
    const on = exposed[0]![1]['on'] as unknown as On;
    const got: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const stops = [
      on('secrets:did-change', () => {
        throw new Error('boom');
      }),
      on('secrets:did-change', (payload) => got.push(payload)),
    ];
    fromMain.emit('secrets:did-change', {}, { pending: [] });
    for (const stop of stops) stop();
    quiet.mockRestore();
    expect(got).toEqual([{ pending: [] }]);
  });
});
