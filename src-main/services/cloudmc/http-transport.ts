// One HTTP exchange with hard limits: deadline, cancel, size cap, no redirects followed, TLS always verified.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { fail } from '../../errors';
import { accessKeyCharactersFailure } from './access-key';

/** What to send. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Whole-exchange deadline, connect to last byte. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM) for on-prem CloudMC; system roots stay trusted. */
  ca?: string;
  maxBodyBytes: number;
}

/** What came back; redirects are returned as-is, never followed. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const tlsErrorCodes = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_CERT)/;

/** Performs one request; rejects only with AppFailure (timeout, cancelled, unreachable, tls-failed, response-too-large, invalid-input, endpoint-invalid). */
export function sendHttp(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return reject(fail('endpoint-invalid', { details: { reason: 'malformed' } }));
    }
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? https : http;
    const options: https.RequestOptions = {
      method: req.method,
      headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
      agent: false,
      ...(isHttps && req.ca ? { ca: [...tlsRootsWith(req.ca)] } : {}),
    };
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      action();
    };
    if (req.signal?.aborted) return reject(fail('cancelled')); // nothing sent, no socket to tear down
    let outgoing: http.ClientRequest;
    try {
      outgoing = lib.request(url, options, (res) => onResponse(res));
    } catch (e) {
      return reject(requestRefused(e)); // headers and paths are checked synchronously, before any byte is sent
    }
    // Listen for errors before anything can destroy the request: an unheard 'error' is an uncaught exception in main.
    outgoing.on('error', (e) => finish(() => reject(networkFailure(e))));
    const onResponse = (res: http.IncomingMessage): void => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBodyBytes) {
        finish(() => reject(fail('response-too-large', { details: { limit: req.maxBodyBytes } })));
        outgoing.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBodyBytes) {
          finish(() => reject(fail('response-too-large', { details: { limit: req.maxBodyBytes } })));
          outgoing.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
      res.on('aborted', () => finish(() => reject(fail('unreachable', { details: { reason: 'connection-dropped' } }))));
      res.on('error', (e) => finish(() => reject(networkFailure(e))));
    };
    const timer = setTimeout(() => {
      finish(() => reject(fail('timeout', { details: { afterMs: req.timeoutMs } })));
      outgoing.destroy();
    }, req.timeoutMs);
    const onAbort = (): void => {
      finish(() => reject(fail('cancelled')));
      outgoing.destroy();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

function tlsRootsWith(extraPem: string): string[] {
  // Adding a CA must not drop the system roots.
  return [...tls.rootCertificates, extraPem];
}

/** Header values node refuses (control characters, newlines, anything outside Latin-1). */
const invalidHeaderCodes = new Set(['ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE']);
/** Request targets node refuses. */
const invalidTargetCodes = new Set(['ERR_UNESCAPED_CHARACTERS', 'ERR_INVALID_URL', 'ERR_INVALID_PROTOCOL']);

/** Maps what `http.request` throws synchronously to an AppFailure; anything else is a bug and stays one. */
function requestRefused(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  // The only header value that comes from the user is the access key (MC-Api-Key); the cause is dropped: its message names the header.
  if (invalidHeaderCodes.has(code)) return accessKeyCharactersFailure();
  if (invalidTargetCodes.has(code)) return fail('endpoint-invalid', { details: { reason: code } });
  return e;
}

function networkFailure(e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (tlsErrorCodes.test(code)) return fail('tls-failed', { details: { reason: code }, cause: e });
  return fail('unreachable', { details: { reason: code || 'network' }, cause: e });
}
