// The preload (docs/security.md 8), loaded with a mocked `electron`: it exposes `cloudmc` only, one named function per operation grouped by domain, each a plain invoke.
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

const exposed = (electron.contextBridge as unknown as { exposed: Array<[string, Record<string, Record<string, unknown>>]> }).exposed;
const invoked = (electron.ipcRenderer as unknown as { invoked: Array<[string, unknown]> }).invoked;

/** The operations as written in the contract file: `domain.verb` read from its source text, not from the module the preload uses. */
async function operationsInSource(): Promise<string[]> {
  const fs = await import('node:fs');
  const text = fs.readFileSync(new URL('../../../src-preload/contract/operations.ts', import.meta.url), 'utf8');
  const body = text.slice(text.indexOf('export const operations = {'), text.indexOf('} as const;'));
  const names: string[] = [];
  let domain = '';
  for (const line of body.split('\n')) {
    const d = /^ {2}([a-z]+): \{$/.exec(line);
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

  it('the object has exactly one function per operation of the contract file, grouped by domain, and nothing else', async () => {
    const api = exposed[0]![1];
    const exposedNames = Object.entries(api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposedNames.sort()).toEqual((await operationsInSource()).sort());
    for (const verbs of Object.values(api)) {
      expect(Object.isFrozen(verbs)).toBe(true);
      for (const value of Object.values(verbs)) expect(typeof value).toBe('function');
    }
    expect(Object.isFrozen(api)).toBe(true);
    // Nothing generic: no invoke/send/on, and no access to ipcRenderer itself.
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'require', 'process']) expect(api).not.toHaveProperty(generic);
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
});
