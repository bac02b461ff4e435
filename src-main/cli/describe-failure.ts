// Turns whatever a command threw into the CLI's exit code and error lines.
import type { AppError } from '../../src-preload/contract/errors';
import { AppFailure } from '../errors';
import { CliFailure, exitCodeOf, exitCodes, messageOf } from './exit-codes';
import type { Translate } from './messages';

/** An AppError answered inside a view, carried to the CLI's error output with extra lines. */
export class AppFailureWithHint extends Error {
  constructor(
    readonly appError: AppError,
    readonly extra: string[],
  ) {
    super(appError.code);
  }
}

/** The exit code and lines of any failure; nothing but codes, reasons, names and ids: a value is never part of one. */
export function describeFailure(e: unknown, t: Translate): { code: string; kind: string; exitCode: number; message: string; extra: string[] } {
  if (e instanceof CliFailure) return { code: e.code, kind: 'cli', exitCode: e.exitCode, message: e.message || t('interrupted'), extra: e.extra };
  if (e instanceof AppFailureWithHint)
    return { code: e.appError.code, kind: e.appError.kind, exitCode: exitCodeOf(e.appError), message: messageOf(e.appError, t), extra: e.extra };
  if (e instanceof AppFailure)
    return { code: e.appError.code, kind: e.appError.kind, exitCode: exitCodeOf(e.appError), message: messageOf(e.appError, t), extra: [] };
  return { code: 'internal', kind: 'internal', exitCode: exitCodes.failed, message: t('error.internal'), extra: [] };
}
