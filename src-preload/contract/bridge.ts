// The typed bridge: `window.cloudmc.<domain>.<verb>(input)` and `window.cloudmc.on(event, handler)`, built from the contract's names over
// any transport (Electron IPC or the test web host). Names only at run time (no zod): the preload bundles this, validation stays in main.
import type { AppError, IpcResult } from './errors';
import type { EventPayload } from './events';
import { eventNames, isEventName, operationNames, type Channel, type Domain, type EventName, type VerbOf } from './names';
import type { ChannelInput, ChannelOutput } from './operations';

type BridgeFunction<C extends Channel> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

/** Subscribes `handler` to one event of the contract; the answer unsubscribes it (calling it again does nothing). */
export type Subscribe = <E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void) => () => void;

/** `window.cloudmc`: one named function per operation, grouped by domain, and `on` for main's events. */
export type CloudmcBridge = { readonly [D in Domain]: { readonly [V in VerbOf<D>]: BridgeFunction<`${D}:${V}` & Channel> } } & {
  readonly on: Subscribe;
};

/** Sends one call over a transport; must resolve to an IpcResult, never reject. */
export type BridgeTransport = (channel: Channel, input: unknown) => Promise<IpcResult<unknown>>;

/** Delivers one event's payloads to `deliver` until the answer is called (the payload only: never the transport's own event object). */
export type EventTransport = (event: EventName, deliver: (payload: unknown) => void) => () => void;

/** A transport that carries no events (a bridge used for calls only). */
const noEvents: EventTransport = () => () => undefined;

/** Builds the bridge's frozen, named functions over a transport; nothing generic is exposed (`on` takes the contract's event names only). */
export function createBridge(transport: BridgeTransport, listen: EventTransport = noEvents): CloudmcBridge {
  const domains: Record<string, unknown> = {};
  for (const domain of Object.keys(operationNames) as Domain[]) {
    const verbs: Record<string, (input?: unknown) => Promise<IpcResult<unknown>>> = {};
    for (const verb of operationNames[domain]) {
      const channel = `${domain}:${verb}` as Channel;
      verbs[verb] = (input?: unknown) => transport(channel, input).catch((e: unknown) => transportFailure(e));
    }
    domains[domain] = Object.freeze(verbs);
  }
  domains['on'] = subscriber(listen);
  return Object.freeze(domains) as CloudmcBridge;
}

/** `on`: refuses a name the contract does not state and a handler that is not a function; one handler's failure never stops the others. */
function subscriber(listen: EventTransport): Subscribe {
  return (event, handler) => {
    if (!isEventName(event)) throw new TypeError(`not an event of the contract (${eventNames.join(', ')})`);
    if (typeof handler !== 'function') throw new TypeError('the handler must be a function');
    let stop: (() => void) | null = listen(event, (payload) => {
      try {
        handler(payload as never);
      } catch (e) {
        console.error(`a ${event} handler failed`, e);
      }
    });
    return () => {
      stop?.();
      stop = null;
    };
  };
}

function transportFailure(e: unknown): IpcResult<never> {
  const error: AppError = {
    code: 'internal',
    kind: 'internal',
    messageKey: 'errors.internal',
    details: { reason: String(e instanceof Error ? e.message : e).slice(0, 200) },
  };
  return { ok: false, error };
}
