// Builds the typed errors that services answer with; thrown only inside main, returned as values across IPC.
import type { AppError, ErrorCode, ErrorKind } from '../src-preload/contract/errors';

/** The one place a code is classified (docs/security.md 18-19: "Offline" means unreachable, nothing else). */
const kindByCode: Record<ErrorCode, ErrorKind> = {
  'invalid-input': 'invalid',
  'sender-refused': 'invalid',
  'endpoint-invalid': 'invalid',
  'endpoint-insecure': 'invalid',
  'endpoint-credentials': 'invalid',
  unreachable: 'offline',
  timeout: 'offline',
  cancelled: 'cancelled',
  'tls-failed': 'offline',
  'redirect-refused': 'server',
  unauthorized: 'rejected',
  forbidden: 'rejected',
  'not-found': 'invalid',
  'rate-limited': 'rate-limited',
  'server-error': 'server',
  'bad-response': 'server',
  'response-too-large': 'server',
  'name-invalid': 'invalid',
  'profile-not-found': 'invalid',
  'access-key-missing': 'key-needed',
  'keychain-unavailable': 'keychain',
  'keychain-failed': 'keychain',
  'keychain-mismatch': 'keychain',
  'secret-gone': 'invalid',
  'store-read-only': 'local',
  'store-write-failed': 'local',
  // The organization's policy refused it (an endpoint outside its list, a managed profile, a locked setting): fix the input, never retry.
  'endpoint-not-allowed': 'invalid',
  'policy-refused': 'invalid',
  internal: 'internal',
};

/** The kind main gives a code unless a use-case knows better (e.g. `uncertain` for a generate with no answer). */
export function kindOf(code: ErrorCode): ErrorKind {
  return kindByCode[code];
}

/** An error a service throws on purpose; the IPC layer turns it into an AppError value. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(
    code: ErrorCode,
    opts: { status?: number; details?: Record<string, string | number>; messageKey?: string; kind?: ErrorKind; cause?: unknown } = {},
  ) {
    super(code, { cause: opts.cause });
    this.name = 'AppFailure';
    this.appError = {
      code,
      kind: opts.kind ?? kindOf(code),
      messageKey: opts.messageKey ?? `errors.${code}`,
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
  return { code: 'internal', kind: 'internal', messageKey: 'errors.internal' };
}
