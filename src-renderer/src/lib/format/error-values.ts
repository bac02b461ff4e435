// The values an error's message may name (details from main, the HTTP status), ready for svelte-i18n.
import type { AppError } from '../state/contract-types';
import { isolate } from './bidi';

/** The placeholder values of an error's message: its details (text isolated, it comes from CloudMC or the system) and `status`. */
export function errorValues(error: AppError): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.details ?? {})) values[name] = typeof value === 'string' ? isolate(value) : value;
  if (error.status !== undefined) values['status'] = error.status;
  return values;
}

/** svelte-i18n's `$_`, as far as errorText needs it. */
export type Translate = (id: string, options: { default?: string; values?: Record<string, string | number> }) => string;

/** An error in the user's words, its placeholders filled (a message key main sends and no locale has reads as "Something went wrong"). */
export function errorText(t: Translate, error: AppError, fallbackKey = 'errors.unknown'): string {
  return t(error.messageKey, { default: t(fallbackKey, {}), values: errorValues(error) });
}
