// A clipboard port for the web host: writes made while serving a request are sent back to the browser to perform.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClipboardPort } from '../../src-main/services/clipboard/clipboard-service';

/** Effects collected during one request. */
export interface RequestEffects {
  clipboardWrites: string[];
}

/** The relay: a port for the services, and a way to run a request and collect its effects. */
export interface ClipboardRelay {
  port: ClipboardPort;
  collect<T>(work: () => Promise<T>): Promise<{ value: T; effects: RequestEffects }>;
}

/** Creates a relay; `readText` answers what the app last wrote (the host cannot read the browser's clipboard). */
export function createClipboardRelay(): ClipboardRelay {
  const storage = new AsyncLocalStorage<RequestEffects>();
  let lastWritten = '';
  return {
    port: {
      async writeText(text) {
        lastWritten = text;
        storage.getStore()?.clipboardWrites.push(text);
      },
      async readText() {
        return lastWritten;
      },
      clear() {
        lastWritten = '';
      },
    },
    async collect(work) {
      const effects: RequestEffects = { clipboardWrites: [] };
      const value = await storage.run(effects, work);
      return { value, effects };
    },
  };
}
