// The preload (security.md 8), loaded with a mocked `electron`: it exposes `cloudmc` only, one named function per channel, each a plain invoke.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  const exposed: Array<[string, unknown]> = [];
  const invoked: Array<[string, unknown]> = [];
  const contextBridge = { exposed, exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) };
  const ipcRenderer = {
    invoked,
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: channel };
    },
    on: () => {
      throw new Error('the preload must not listen on ipcRenderer');
    },
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
  };
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } };
});

const electron = await import('electron');
await import('../../../src-preload/index');
const { bridgeChannels } = await import('../../../src-preload/contract/channels');

const exposed = (electron.contextBridge as unknown as { exposed: Array<[string, Record<string, unknown>]> }).exposed;
const invoked = (electron.ipcRenderer as unknown as { invoked: Array<[string, unknown]> }).invoked;

describe('preload', () => {
  it('exposes one object, named cloudmc', () => {
    expect(exposed.map(([key]) => key)).toEqual(['cloudmc']);
  });

  it('the object has exactly one function per bridge channel and nothing else', () => {
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual(Object.keys(bridgeChannels).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // Nothing generic: no invoke/send/on, and no access to ipcRenderer itself.
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'require', 'process']) expect(api).not.toHaveProperty(generic);
  });

  it('each function invokes its own channel with its input, and nothing else', async () => {
    const api = exposed[0]![1] as Record<string, (input?: unknown) => Promise<unknown>>;
    for (const [name, channel] of Object.entries(bridgeChannels)) {
      invoked.length = 0;
      expect(await api[name]!({ probe: name })).toEqual({ ok: true, value: channel });
      expect(invoked).toEqual([[channel, { probe: name }]]);
    }
  });
});
