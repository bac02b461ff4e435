// The closed set of errors that cross the bridge as values, never as thrown exceptions, and what each kind means to a screen (no runtime dependency).

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
  details?: Record<string, string | number>;
}

/** The answer of every bridge call. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Codes about the endpoint a profile was given (not its key, not CloudMC's answer): a form shows them under its Endpoint field. */
export const endpointErrorCodes = [
  'endpoint-invalid',
  'endpoint-insecure',
  'endpoint-credentials',
  'endpoint-not-allowed',
] as const satisfies readonly ErrorCode[];
/** The codes whose `details.field` names the form field main refused (a bad input, a change the organization's policy refuses). */
export const fieldNamedErrorCodes = ['invalid-input', 'policy-refused'] as const satisfies readonly ErrorCode[];

/** Kinds after which the cached list stays on screen, with words saying why it is not fresh: CloudMC unreachable ("Offline"), limiting requests, or answering abnormally. */
const staleKinds = ['offline', 'rate-limited', 'server'] as const satisfies readonly ErrorKind[];
/** Why a cached list is shown instead of a fresh one. */
export type StaleKind = (typeof staleKinds)[number];

/** The stale kind of a refresh failure, or null when a cached list is not what to show for it. */
export function staleKindOf(error: Pick<AppError, 'kind'> | null): StaleKind | null {
  const kind = error?.kind;
  return (staleKinds as readonly string[]).includes(kind ?? '') ? (kind as StaleKind) : null;
}

/** A change whose outcome on CloudMC is not known (no answer, or cancelled once sent): the list must be read again before anything else. */
export function mayHaveHappened(error: Pick<AppError, 'kind'>): boolean {
  return error.kind === 'uncertain' || error.kind === 'cancelled';
}

/** What stops changes to a profile's list: its access key was rejected, is not known this session, or the keychain cannot give it. */
export type AccessKeyProblem = 'rejected' | 'missing' | 'unknown';

/** The access-key problem a failure stands for, or null. */
export function accessKeyProblemOf(error: Pick<AppError, 'kind'> | null): AccessKeyProblem | null {
  if (error?.kind === 'rejected') return 'rejected';
  if (error?.kind === 'key-needed') return 'missing';
  if (error?.kind === 'keychain') return 'unknown';
  return null;
}
