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

/** The keychain failure an answer carries: its error, or the failure inside a key-screen view. */
function keychainFailureOf(result: unknown): AppError | null {
  if (!isResult(result)) return null;
  const error = result.ok ? ((result.value as { failure?: AppError | null } | null)?.failure ?? null) : result.error;
  return error?.kind === 'keychain' ? error : null;
}

/** Tells the keychain-failure listener about an answer of kind `keychain`; answers the result unchanged. */
function watch(channel: string, result: unknown): unknown {
  const failure = channel === 'app.getState' ? null : keychainFailureOf(result);
  if (failure) keychainFailureListener?.(failure);
  return result;
}

/**
 * `window.cloudmc`, looked up at each call so the object installed by the preload (or by the browser
 * test host) is used even if it was set after this module loaded. Every answer of kind `keychain`
 * (an error, or a failure inside a key-screen view) is reported to the listener set with onKeychainFailure.
 */
export const bridge: CloudmcBridge = new Proxy({} as CloudmcBridge, {
  get(_target, domain: string | symbol) {
    if (typeof domain !== 'string') return undefined;
    return new Proxy(
      {},
      {
        get(_t, verb: string | symbol) {
          const fn: unknown = Reflect.get(Reflect.get(window.cloudmc, domain) ?? {}, verb);
          if (typeof fn !== 'function' || typeof verb !== 'string') return fn;
          return (...args: unknown[]) =>
            Promise.resolve((fn as (...a: unknown[]) => unknown)(...args)).then((result) => watch(`${domain}.${verb}`, result));
        },
      },
    );
  },
});
