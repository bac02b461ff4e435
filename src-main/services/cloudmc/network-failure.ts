// Maps what a socket or request emits to the AppFailure the user sees: tls-failed for certificate and handshake errors, else unreachable.
import { AppFailure, fail } from '../../errors';

const tlsErrorCodes = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_CERT)/;

/** The AppFailure for a network error; `prefix` marks errors of the proxy hop (e.g. `proxy-ECONNREFUSED`). An AppFailure passes through. */
export function networkFailure(e: unknown, prefix = ''): AppFailure {
  if (e instanceof AppFailure) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (tlsErrorCodes.test(code)) return fail('tls-failed', { details: { reason: prefix + code }, cause: e });
  return fail('unreachable', { details: { reason: prefix + (code || 'network') }, cause: e });
}
