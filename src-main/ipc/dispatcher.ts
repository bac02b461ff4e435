// Validates a call and runs its handler: unknown channel or bad input is a typed error, and nothing thrown escapes.
import { inputSchemas, type Channel, type IpcResult } from '../../src-preload/contract';
import { toAppError, AppFailure } from '../errors';
import type { Handlers } from './handlers';
import type { Logger } from '../log';

/** Runs one call by channel name with an untrusted input. */
export type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

/** Creates the dispatcher over a handler table. */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  const run = async (name: Channel, input: unknown): Promise<IpcResult<unknown>> => {
    try {
      const parsed = inputSchemas[name].safeParse(input);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') ?? '';
        return { ok: false, error: toAppError(new AppFailure('invalid-input', { details: { field: field.slice(0, 100) } })) };
      }
      const handler = handlers[name] as (value: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      if (!(e instanceof AppFailure)) log.error(`handler ${name} failed`, e);
      return { ok: false, error: toAppError(e) };
    }
  };
  return async (channel, input) => {
    if (!Object.hasOwn(inputSchemas, channel)) return { ok: false, error: toAppError(new AppFailure('invalid-input', { details: { reason: 'channel' } })) };
    const name = channel as Channel;
    const started = Date.now();
    const result = await run(name, input);
    // One line per call, names and codes only (never inputs or outputs): a trail for support, and what the secret scans read.
    log.info(`${name} ${result.ok ? 'ok' : `failed: ${result.error.code}`} in ${Date.now() - started} ms`, result.ok ? undefined : result.error.details);
    return result;
  };
}
