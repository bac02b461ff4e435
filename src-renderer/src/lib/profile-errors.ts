// What is wrong in a profile form, field by field: checks made before sending, and where an error from main belongs.
import { codePointLength, isInvisibleText, profileNameMaxCodePoints } from '../../../src-preload/contract/limits';
import { endpointErrorCodes, fieldNamedErrorCodes } from '../../../src-preload/contract/errors';
import type { AppError } from './state/contract-types';

/** A profile form field that can carry its own message. */
export type ProfileField = 'name' | 'endpoint' | 'apiKey' | 'ca';

/** Message keys of the problems found before anything is sent; `apiKey` undefined means the form does not require one. */
export function profileFieldProblems(form: { name: string; endpoint: string; caPem: string; apiKey?: string }): Record<ProfileField, string | null> {
  const name = form.name.trim();
  return {
    name: nameProblem(name),
    endpoint: form.endpoint.trim() === '' ? 'profile.endpointRequired' : null,
    apiKey: form.apiKey !== undefined && form.apiKey.trim() === '' ? 'profile.apiKeyRequired' : null,
    ca: form.caPem.trim() !== '' && !form.caPem.includes('-----BEGIN CERTIFICATE-----') ? 'profile.caPemInvalid' : null,
  };
}

/** The field an error from main is about, or 'form' for the alert under the form. */
export function profileErrorField(error: AppError, caGiven: boolean): ProfileField | 'form' {
  const { code } = error;
  if ((endpointErrorCodes as readonly string[]).includes(code)) return 'endpoint';
  if (error.kind === 'rejected') return 'apiKey'; // CloudMC refused the key (unauthorized, forbidden)
  if ((fieldNamedErrorCodes as readonly string[]).includes(code)) {
    // Main names the field it refused.
    const field = error.details?.['field'];
    if (field === 'name') return 'name';
    if (field === 'apiKey') return 'apiKey';
    if (field === 'caPem') return 'ca';
  }
  if (caGiven && code === 'tls-failed') return 'ca';
  return 'form';
}

/** The problem with a trimmed profile name: empty, longer than main allows (in characters), or made only of invisible characters. */
function nameProblem(name: string): string | null {
  if (name === '') return 'profile.nameRequired';
  if (codePointLength(name) > profileNameMaxCodePoints) return 'profile.nameTooLong';
  if (isInvisibleText(name)) return 'errors.name-invisible';
  return null;
}
