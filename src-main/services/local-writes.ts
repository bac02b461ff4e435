// After CloudMC has answered success, local writes are best effort: a failure becomes a warning, never a failure of the whole action.
import type { AppError } from '../../src-preload/contract/errors';
import { AppFailure, fail } from '../errors';

/** The warning for a change done on CloudMC whose local copy could not be saved: "done on CloudMC; the local copy could not be saved: <reason>". */
export function localCopyWarning(e: unknown): AppError {
  const reason = e instanceof AppFailure ? String(e.appError.details?.['reason'] ?? e.appError.code) : 'internal';
  return fail('store-write-failed', { messageKey: 'warnings.local-copy-not-saved', details: { reason } }).appError;
}

/** Runs a local write; returns null when it worked, else the warning to show. */
export function bestEffort(write: () => void): AppError | null {
  try {
    write();
    return null;
  } catch (e) {
    return localCopyWarning(e);
  }
}

/** Runs a local asynchronous step (e.g. removing a keychain copy); returns null when it worked, else what went wrong as a warning. */
export async function bestEffortAsync(step: () => Promise<unknown>): Promise<AppError | null> {
  try {
    await step();
    return null;
  } catch (e) {
    return e instanceof AppFailure && e.appError.kind === 'keychain' ? e.appError : localCopyWarning(e);
  }
}
