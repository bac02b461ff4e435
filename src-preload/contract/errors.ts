// The closed set of errors that cross the bridge as values, never as thrown exceptions.

/** Every error code a bridge call can answer with. */
export const errorCodes = [
  'invalid-input',
  'sender-refused',
  'endpoint-invalid',
  'endpoint-insecure',
  'endpoint-credentials',
  'unreachable',
  'timeout',
  'cancelled',
  'tls-failed',
  'redirect-refused',
  'unauthorized',
  'forbidden',
  'not-found',
  'rate-limited',
  'server-error',
  'bad-response',
  'response-too-large',
  'name-invalid',
  'profile-not-found',
  'access-key-missing',
  'keychain-unavailable',
  'keychain-failed',
  'keychain-mismatch',
  'secret-gone',
  'store-read-only',
  'internal',
] as const;

/** One error code. */
export type ErrorCode = (typeof errorCodes)[number];

/** An error as the renderer receives it; `messageKey` is an i18n key the UI translates. */
export interface AppError {
  code: ErrorCode;
  messageKey: string;
  status?: number;
  retryable: boolean;
  details?: Record<string, string | number>;
}

/** The answer of every bridge call. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppError };
