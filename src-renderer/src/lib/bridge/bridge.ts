// The renderer's only way to reach main: the preload's `window.cloudmc` (types only from the contract).
import type { CloudmcBridge } from '../../../../src-preload/contract/bridge';
import type { AppError, IpcResult } from '../../../../src-preload/contract/errors';

declare global {
  interface Window {
    cloudmc: CloudmcBridge;
  }
}

let keychainFailureListener: ((error: AppError) => void) | null = null;

/** Sets who is told when any call fails with kind `keychain` (the app store, to re-read the keychain status). */
export function onKeychainFailure(listener: ((error: AppError) => void) | null): void {
  keychainFailureListener = listener;
}

function isResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

/** Tells the keychain-failure listener about an answer of kind `keychain`; answers the result unchanged. */
function watch(name: string, result: unknown): unknown {
  if (name !== 'getAppState' && isResult(result) && !result.ok && result.error.kind === 'keychain') keychainFailureListener?.(result.error);
  return result;
}

/**
 * `window.cloudmc`, looked up at each call so the object installed by the preload (or by the
 * browser test host) is used even if it was set after this module loaded. Every answer of kind
 * `keychain` is reported to the listener set with onKeychainFailure.
 */
export const bridge: CloudmcBridge = new Proxy({} as CloudmcBridge, {
  get(_target, name: string | symbol) {
    const fn: unknown = Reflect.get(window.cloudmc, name);
    if (typeof fn !== 'function' || typeof name !== 'string') return fn;
    return (...args: unknown[]) =>
      Promise.resolve((fn as (...a: unknown[]) => unknown).apply(window.cloudmc, args)).then((result) => watch(name, result));
  },
});
