// The renderer's only way to reach main: the preload's `window.cloudmc` (types only from the contract), its calls and its events.
import type { CloudmcBridge, Subscribe } from '../../../../src-preload/contract/bridge';

declare global {
  interface Window {
    cloudmc: CloudmcBridge;
  }
}

/** Subscribes to one of main's events (see contract/names.ts); the answer unsubscribes. */
const on: Subscribe = (event, handler) => window.cloudmc.on(event, handler);

/**
 * `window.cloudmc`, looked up at each call so the object installed by the preload (or by the browser test host) is used even if
 * it was set after this module loaded.
 */
export const bridge: CloudmcBridge = new Proxy({} as CloudmcBridge, {
  get(_target, domain: string | symbol) {
    if (domain === 'on') return on;
    if (typeof domain !== 'string') return undefined;
    return Reflect.get(window.cloudmc, domain);
  },
});
