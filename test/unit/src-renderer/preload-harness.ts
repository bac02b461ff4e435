// The real preload (src-preload/index.ts) in jsdom, with only Electron faked: contextBridge puts `cloudmc` on the page's window,
// ipcRenderer.invoke reaches main's real ipcMain handlers (registerIpc) as the app's main frame, and what main sends to the window's
// webContents (sendToAppWindows) reaches ipcRenderer's listeners. Main is the real services over the CloudMC simulator.
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { registerIpc } from '../../../src-main/ipc/electron-ipc';
import { sendToAppWindows, type EventTarget } from '../../../src-main/ipc/electron-events';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { createLogger } from '../../../src-main/log';
import type { AppServices } from '../../../src-main/services/app-services';

const appOrigin = 'app://ui';
type Handler = (event: Partial<Electron.IpcMainInvokeEvent>, input: unknown) => Promise<unknown>;

/** main's ipcMain handlers, by channel (replaced by each `connectMain`). */
const handlers = new Map<string, Handler>();
/** What main sends to the window, as the renderer process receives it. */
const toRenderer = new EventEmitter();

/** The `electron` module the preload gets (vi.mock('electron', () => electronForPreload)). */
export const electronForPreload = {
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      Object.defineProperty(window, key, { value: api, configurable: true });
    },
  },
  ipcRenderer: {
    async invoke(channel: string, input: unknown): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event = { senderFrame: { url: `${appOrigin}/index.html`, parent: null } as unknown as Electron.WebFrameMain };
      return structuredClone(await handler(event, structuredClone(input)));
    },
    on(channel: string, listener: (...args: unknown[]) => void): void {
      toRenderer.on(channel, listener);
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void): void {
      toRenderer.removeListener(channel, listener);
    },
  },
};

/** The window's webContents as main sees it: at the app origin; `close()` destroys it (it then gets nothing). */
export class FakeWebContents implements EventTarget {
  #destroyed = false;
  readonly mainFrame = { url: `${appOrigin}/index.html` };
  /** How many events reached this window. */
  received = 0;
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  send(channel: string, payload: unknown): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.received += 1;
    toRenderer.emit(channel, { sender: electronForPreload.ipcRenderer }, structuredClone(payload));
  }
  close(): void {
    this.#destroyed = true;
  }
}

/** Registers main's handlers for these services (as the lifecycle does) and sends main's events to a new window; answers the window. */
export function connectMain(services: AppServices, logLines: string[] = []): FakeWebContents {
  const log = createLogger((level, line) => logLines.push(`${level} ${line}`));
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  handlers.clear();
  registerIpc(ipcMain, createDispatcher(createHandlers(services), log, { checkOutputs: true }), appOrigin);
  const window = new FakeWebContents();
  services.events.subscribe(sendToAppWindows(() => [window], appOrigin));
  return window;
}

/** How many listeners the preload has on ipcRenderer for an event (the renderer's subscriptions). */
export function rendererListeners(channel: string): number {
  return toRenderer.listenerCount(channel);
}
