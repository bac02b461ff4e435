// Checks an access key before it becomes the MC-Api-Key header: a precise field error instead of a crash in http.request.
import { fail } from '../../errors';
import type { AppFailure } from '../../errors';

/**
 * RFC 9110 field-value: visible ASCII and obs-text (0x80-0xFF), with spaces and tabs only between them.
 * Leading and trailing whitespace is trimmed before the test, so inner SP / HTAB are all that remain to allow.
 */
const headerValue = /^[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/;

/** The failure for an access key that cannot be sent as a header (never says which character: it is part of a secret). */
export function accessKeyCharactersFailure(): AppFailure {
  return fail('invalid-input', { messageKey: 'errors.access-key-characters', details: { field: 'apiKey', reason: 'characters' } });
}

/** Returns the trimmed access key, or throws invalid-input on `apiKey` (reason `empty` or `characters`). */
export function checkAccessKey(input: string): string {
  const key = input.trim();
  if (key === '') throw fail('invalid-input', { details: { field: 'apiKey', reason: 'empty' } });
  if (!headerValue.test(key)) throw accessKeyCharactersFailure();
  return key;
}
