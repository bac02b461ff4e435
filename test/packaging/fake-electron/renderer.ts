// The renderer side of the fake: runs a preload as a sandboxed Electron preload does (a `vm` context whose `require` gives only `electron`),
// with a contextBridge that copies values between worlds and an ipcRenderer that reaches the fake ipcMain with this frame as the sender,
// and hears what main sends to the frame's webContents.
import type * as Electron from 'electron';
import fs from 'node:fs';
import vm from 'node:vm';
import type { FakeFrame } from './electron';

/** One frame's renderer: its isolated preload world and the main world the page would see. */
export interface RendererFrame {
  frame: FakeFrame;
  /** What the preload exposed with contextBridge (the page's `window`). */
  mainWorld: Record<string, unknown>;
  /** Modules the preload asked `require` for, allowed or not. */
  requires: string[];
  /** Runs a preload file in this frame's isolated world. */
  runPreload(file: string): void;
  /** What `webContents.send(channel, ...args)` does: each ipcRenderer listener of the channel gets an event object and a copy of the args. */
  deliver(channel: string, args: unknown[]): void;
}

const stateKey = Symbol.for('cloudmc.fake-electron');
type IpcHandler = (event: Partial<Electron.IpcMainInvokeEvent>, ...args: unknown[]) => unknown;
const ipcHandlers = (): Map<string, IpcHandler> => (globalThis as Record<symbol, { ipcHandlers: Map<string, IpcHandler> }>)[stateKey]!.ipcHandlers;

/** True for a promise from any realm (the preload's vm context has its own Promise). */
const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/** True when a function sits anywhere inside a value (structured clone would refuse it). */
function containsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  return value !== null && typeof value === 'object' && Object.values(value).some((v) => containsFunction(v));
}

/**
 * Copies a value across the world boundary: data is structured-cloned, functions become proxies whose arguments and results cross
 * the same way (so a callback passed in, such as an event handler, and a function handed back, such as an unsubscribe, both work).
 */
function acrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      const result = fn(...args.map((arg) => acrossWorlds(arg)));
      return isThenable(result) ? Promise.resolve(result).then((r) => acrossWorlds(r)) : acrossWorlds(result);
    };
  }
  // Like Electron's contextBridge, objects are copied member by member at any depth, so functions nested in objects are proxied too.
  if (value !== null && typeof value === 'object' && containsFunction(value)) {
    if (Array.isArray(value)) return Object.freeze(value.map((v) => acrossWorlds(v)));
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, acrossWorlds(v)])));
  }
  return structuredClone(value);
}

/** Creates the renderer for one frame of a window. */
export function createRendererFrame(opts: {
  webContents: Electron.WebContents;
  frame: FakeFrame;
  webPreferences: Electron.WebPreferences;
}): RendererFrame {
  const mainWorld: Record<string, unknown> = {};
  const requires: string[] = [];
  const { webPreferences } = opts;

  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (webPreferences.contextIsolation === false) throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      if (apiKey in mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
      mainWorld[apiKey] = acrossWorlds(api);
    },
  } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer = {
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers().get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event = {
        sender: opts.webContents,
        senderFrame: opts.frame as unknown as Electron.WebFrameMain,
        frameId: opts.frame.routingId,
        processId: opts.frame.processId,
      };
      try {
        return structuredClone(await handler(event, ...(structuredClone(args) as unknown[])));
      } catch (error) {
        throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
      }
    },
  };

  const electronForRenderer = Object.freeze({ contextBridge, ipcRenderer });

  /** A sandboxed preload's `require`: only `electron` (its renderer modules); anything else is refused. */
  const sandboxRequire = (name: string): unknown => {
    requires.push(name);
    if (name === 'electron') return electronForRenderer;
    throw new Error(`module not found: ${name} (a sandboxed preload can require only 'electron' here)`);
  };

  return {
    frame: opts.frame,
    mainWorld,
    requires,
    deliver(channel, args) {
      // Electron's event object: its `sender` is ipcRenderer itself (which is why the preload must never pass it to the page).
      const event = { sender: ipcRenderer, senderId: 0 };
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(event, ...(structuredClone(args) as unknown[]));
    },
    runPreload(file: string): void {
      if (webPreferences.sandbox !== true)
        throw new Error('fake electron: only sandboxed preloads are supported (webPreferences.sandbox must be true)');
      const source = fs.readFileSync(file, 'utf8');
      const module = { exports: {} as unknown };
      const context = vm.createContext({ console, setTimeout, clearTimeout, queueMicrotask, structuredClone });
      const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, context, { filename: file }) as (
        ...a: unknown[]
      ) => void;
      wrapper(module.exports, sandboxRequire, module, file, '.');
    },
  };
}
