// The CLI's documented exit codes, and the one mapping from an AppError (its kind, decided in src-main/errors.ts) to a code and a message.
import type { AppError } from '../../src-preload/contract/errors';
import { messageKeys, type MessageKey, type Translate } from './messages';

/** Exit codes (documented in docs/command-line.md and in --help). `exec` passes its command's code through instead. */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  /** CloudMC could not be reached, or is not answering normally (time-out, rate limit, server error). */
  offline: 4,
  /** The keychain is unavailable, or the access key is not in it. */
  keychain: 5,
  /** CloudMC rejected the profile's access key. */
  rejected: 6,
  /** `exec`: the command could not be run (not executable). */
  cannotRun: 126,
  /** `exec`: the command was not found. */
  commandNotFound: 127,
  interrupted: 130,
} as const;

/** A failure of the CLI itself (usage, not found...), with its exit code; its message is already translated. */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    readonly exitCode: number,
    message: string,
    /** Lines printed after the message (e.g. the candidates of an ambiguous name). */
    readonly extra: string[] = [],
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** The exit code for an AppError, by its kind (and by code within `invalid`). */
export function exitCodeOf(error: AppError): number {
  if (error.code === 'cancelled') return exitCodes.interrupted;
  switch (error.kind) {
    case 'offline':
    case 'rate-limited':
    case 'server':
      return exitCodes.offline;
    case 'rejected':
      return exitCodes.rejected;
    case 'keychain':
    case 'key-needed':
      return exitCodes.keychain;
    case 'invalid':
      // Refused by the organization's policy: the command was right, the policy says no.
      if (error.code === 'endpoint-not-allowed' || error.code === 'policy-refused') return exitCodes.failed;
      return error.code === 'not-found' || error.code === 'profile-not-found' ? exitCodes.notFound : exitCodes.usage;
    case 'cancelled':
      return exitCodes.interrupted;
    default:
      return exitCodes.failed; // uncertain, local, internal
  }
}

/** The message for an AppError in the CLI's language; built from codes and reasons only, never from a value. */
export function messageOf(error: AppError, t: Translate): string {
  // An answer refused for what it held (security.md 22, 41) names the field, never the value.
  const unsafeField = ['control-character', 'key-id'].includes(String(error.details?.['reason'])) ? String(error.details?.['field'] ?? 'id') : null;
  if (error.kind === 'uncertain' && unsafeField !== null) return t('error.generate-answer-refused', { field: unsafeField });
  if (error.kind === 'uncertain') return t(error.messageKey === 'errors.generate-uncertain' ? 'error.generate-uncertain' : 'error.change-uncertain');
  if (unsafeField !== null) return t('error.unsafe-answer', { field: unsafeField });
  // The proxy hop failed (refused, unreachable, a non-200 answer to CONNECT): say so, with the reason (a status or an error code).
  if (error.code === 'unreachable' && String(error.details?.['reason'] ?? '').startsWith('proxy-')) {
    return t('error.unreachable-proxy', { reason: String(error.details?.['reason']) });
  }
  const key = `error.${error.code}` as MessageKey;
  const base = t(messageKeys.includes(key) ? key : 'error.internal', { reason: String(error.details?.['reason'] ?? error.code) });
  const reason = error.details?.['reason'];
  if (error.kind === 'keychain' && typeof reason === 'string') return `${base} (${keychainReason(reason, t)})`;
  return base;
}

/** A keychain status reason in words. */
export function keychainReason(reason: string, t: Translate): string {
  const known = ['no-secret-service', 'locked', 'no-dbus', 'library-missing', 'timeout', 'not-answering', 'disabled'];
  return t(`keychain.${known.includes(reason) ? reason : 'unknown'}` as MessageKey);
}
