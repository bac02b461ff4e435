// Validates a call and runs its handler: unknown channel or bad input is a typed error, and nothing thrown escapes.
import { operationOf, type IpcResult, type OperationEntry } from '../../src-preload/contract';
import { declaredFieldError } from '../../src-preload/contract/field-errors';
import { toAppError, AppFailure } from '../errors';
import type { Handlers } from './handlers';
import type { Logger } from '../log';

/** Runs one call by channel name with an untrusted input. */
export type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

/** Options: `checkOutputs` parses every answer with its output schema (on in tests and the web host: the contract cannot drift from what main answers). */
export interface DispatchOptions {
  checkOutputs?: boolean;
}

/** Creates the dispatcher over a handler table. */
export function createDispatcher(handlers: Handlers, log: Logger, options: DispatchOptions = {}): Dispatch {
  const handlerOf = (op: OperationEntry): ((value: unknown) => Promise<unknown>) =>
    (handlers as unknown as Record<string, Record<string, (value: unknown) => Promise<unknown>>>)[op.domain]![op.verb]!;
  const run = async (op: OperationEntry, input: unknown): Promise<IpcResult<unknown>> => {
    try {
      const parsed = op.input.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // A check of the contract may state the error the user reads (a note too long); any other bad input names its field.
        const declared = issue?.code === 'custom' ? declaredFieldError(issue.params) : null;
        if (declared) return { ok: false, error: toAppError(new AppFailure('invalid-input', declared)) };
        const field = issue?.path.join('.') ?? '';
        return { ok: false, error: toAppError(new AppFailure('invalid-input', { details: { field: field.slice(0, 100) } })) };
      }
      const value = await handlerOf(op)(parsed.data);
      if (options.checkOutputs) {
        const checked = op.output.safeParse(value);
        if (!checked.success)
          throw new Error(
            `${op.channel} answered outside its output schema: ${checked.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join('.')} ${i.message}`)
              .join('; ')}`,
          );
      }
      return { ok: true, value };
    } catch (e) {
      if (!(e instanceof AppFailure)) log.error(`handler ${op.channel} failed`, e);
      return { ok: false, error: toAppError(e) };
    }
  };
  return async (channel, input) => {
    const op = operationOf(channel);
    if (!op) return { ok: false, error: toAppError(new AppFailure('invalid-input', { details: { reason: 'channel' } })) };
    const started = Date.now();
    const result = await run(op, input);
    // One line per call, names and codes only (never inputs or outputs): a trail for support, and what the secret scans read.
    log.info(
      `${op.channel} ${result.ok ? 'ok' : `failed: ${result.error.code}`} in ${Date.now() - started} ms`,
      result.ok ? undefined : result.error.details,
    );
    return result;
  };
}
