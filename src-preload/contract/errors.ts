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
  'store-write-failed',
  'endpoint-not-allowed',
  'policy-refused',
  'internal',
] as const;

/** One error code. */
export type ErrorCode = (typeof errorCodes)[number];

/**
 * What kind of failure an error is, decided once in main; the renderer acts on this and keeps no code lists.
 * - `offline`: CloudMC could not be reached (network, DNS, TLS, time-out);
 * - `rate-limited`: CloudMC answered but asks to slow down;
 * - `server`: CloudMC (or something in front of it) answered abnormally;
 * - `uncertain`: the change may or may not have happened on CloudMC: refresh before trying again;
 * - `rejected`: CloudMC refused the profile's access key;
 * - `key-needed`: the profile's access key is not known this session;
 * - `invalid`: the input or the target is wrong (fix it, do not retry as is);
 * - `cancelled`: the user stopped it;
 * - `keychain`: the OS keychain could not be used;
 * - `local`: a file of the app's own data could not be written;
 * - `internal`: a bug.
 */
export const errorKinds = [
  'offline',
  'rate-limited',
  'server',
  'uncertain',
  'rejected',
  'key-needed',
  'invalid',
  'cancelled',
  'keychain',
  'local',
  'internal',
] as const;

/** One error kind. */
export type ErrorKind = (typeof errorKinds)[number];

/** An error as the renderer receives it; `messageKey` is an i18n key the UI translates. */
export interface AppError {
  code: ErrorCode;
  /** The classification main decided; see errorKinds. */
  kind: ErrorKind;
  messageKey: string;
  status?: number;
  retryable: boolean;
  details?: Record<string, string | number>;
}

/** The answer of every bridge call. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppError };
