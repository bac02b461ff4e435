// The typed bridge: `window.cloudmc.<domain>.<verb>(input)`, built from the operations table over any transport (Electron IPC or the test web host).
import type { AppError, IpcResult } from './errors';
import { operations, operationList, type Channel, type ChannelInput, type ChannelOutput, type Domain, type VerbOf } from './operations';

type BridgeFunction<C extends Channel> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

/** `window.cloudmc`: what the renderer may call, one named function per operation, grouped by domain. */
export type CloudmcBridge = { readonly [D in Domain]: { readonly [V in VerbOf<D>]: BridgeFunction<`${D}:${V}` & Channel> } };

/** Sends one call over a transport; must resolve to an IpcResult, never reject. */
export type BridgeTransport = (channel: Channel, input: unknown) => Promise<IpcResult<unknown>>;

/** Builds the bridge's frozen, named functions over a transport; nothing generic is exposed. */
export function createBridge(transport: BridgeTransport): CloudmcBridge {
  const domains: Record<string, Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const { channel, domain, verb } of operationList) {
    domains[domain] ??= {};
    domains[domain][verb] = (input?: unknown) => transport(channel, input).catch((e: unknown) => transportFailure(e));
  }
  for (const domain of Object.keys(operations)) Object.freeze(domains[domain]);
  return Object.freeze(domains) as unknown as CloudmcBridge;
}

function transportFailure(e: unknown): IpcResult<never> {
  const error: AppError = {
    code: 'internal',
    kind: 'internal',
    messageKey: 'errors.internal',
    retryable: true,
    details: { reason: String(e instanceof Error ? e.message : e).slice(0, 200) },
  };
  return { ok: false, error };
}
