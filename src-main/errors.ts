// Builds the typed errors that services answer with; thrown only inside main, returned as values across IPC.
import type { AppError, ErrorCode } from '../src-preload/contract/errors';

const retryableCodes: ReadonlySet<ErrorCode> = new Set(['unreachable', 'timeout', 'rate-limited', 'server-error', 'bad-response', 'keychain-failed']);

/** An error a service throws on purpose; the IPC layer turns it into an AppError value. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(code: ErrorCode, opts: { status?: number; details?: Record<string, string | number>; messageKey?: string; cause?: unknown } = {}) {
    super(code, { cause: opts.cause });
    this.name = 'AppFailure';
    this.appError = {
      code,
      messageKey: opts.messageKey ?? `errors.${code}`,
      retryable: retryableCodes.has(code),
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.details ? { details: opts.details } : {}),
    };
  }
}

/** Shorthand for `new AppFailure(...)`. */
export function fail(code: ErrorCode, opts?: ConstructorParameters<typeof AppFailure>[1]): AppFailure {
  return new AppFailure(code, opts);
}

/** Converts anything caught into an AppError: expected failures keep their code, bugs become `internal`. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.appError;
  return { code: 'internal', messageKey: 'errors.internal', retryable: false };
}
