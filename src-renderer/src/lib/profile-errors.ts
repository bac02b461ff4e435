// Which field of a profile form a main-process error belongs to, so it is shown next to that field.
import type { ErrorCode } from './state/contract-types';

/** The field an error code is about, or 'form' for the alert under the form. */
export function profileErrorField(code: ErrorCode, caGiven: boolean): 'endpoint' | 'apiKey' | 'ca' | 'form' {
  if (code === 'endpoint-invalid' || code === 'endpoint-insecure' || code === 'endpoint-credentials') return 'endpoint';
  if (code === 'unauthorized' || code === 'forbidden') return 'apiKey';
  if (caGiven && (code === 'tls-failed' || code === 'invalid-input')) return 'ca';
  return 'form';
}
