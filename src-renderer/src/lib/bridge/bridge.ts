// The renderer's only way to reach main: the preload's `window.cloudmc` (types only from the contract).
import type { CloudmcBridge } from '../../../../src-preload/contract/bridge';

declare global {
  interface Window {
    cloudmc: CloudmcBridge;
  }
}

/**
 * `window.cloudmc`, looked up at each call so the object installed by the preload (or by the
 * browser test host) is used even if it was set after this module loaded.
 */
export const bridge: CloudmcBridge = new Proxy({} as CloudmcBridge, {
  get(_target, name: string | symbol) {
    return Reflect.get(window.cloudmc, name);
  },
});
