// One HTTP exchange with hard limits: deadline, cancel, size cap, no redirects followed, TLS always verified.
import http from 'node:http';
import https from 'node:https';
import { fail } from '../../errors';
import { accessKeyCharactersFailure } from './access-key';
import { networkFailure } from './network-failure';
import { openConnection, type ProxyResolver } from './proxy-tunnel';
import { trustContext } from './system-trust';

/** What to send. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Whole-exchange deadline, connect to last byte. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM) for on-prem CloudMC; Node's roots and the OS store stay trusted. */
  ca?: string;
  maxBodyBytes: number;
  /** The system proxy for a URL (Electron's session.resolveProxy); absent: direct. Loopback and http always go direct. */
  resolveProxy?: ProxyResolver;
}

/** What came back; redirects are returned as-is, never followed. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

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
    if (req.signal?.aborted) return reject(fail('cancelled')); // nothing sent, no socket to tear down
    // Tears down the connection being opened (proxy lookup, CONNECT, TLS) when the request fails before or after it is handed over.
    const teardown = new AbortController();
    const secureContext = isHttps ? trustContext(req.ca) : undefined;
    const options: https.RequestOptions = {
      method: req.method,
      headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
      // No agent: one connection per request, opened here (direct or through the system proxy) with the profile's trust.
      createConnection: (_opts, done) => {
        openConnection({
          url,
          signal: teardown.signal,
          ...(secureContext ? { secureContext } : {}),
          ...(req.resolveProxy ? { resolveProxy: req.resolveProxy } : {}),
        }).then(
          (socket) => done(null, socket),
          (e: unknown) => done(e as Error, undefined as never),
        );
        return undefined;
      },
    };
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      action();
    };
    let outgoing: http.ClientRequest | undefined;
    /** Settles with a failure and closes everything this request opened (the request, its socket, a proxy hop being set up). */
    const failWith = (failure: Error): void => {
      finish(() => reject(failure));
      outgoing?.destroy();
      teardown.abort();
    };
    try {
      outgoing = lib.request(url, options, (res) => onResponse(res));
    } catch (e) {
      teardown.abort();
      return reject(requestRefused(e)); // headers and paths are checked synchronously, before any byte is sent (or any proxy asked)
    }
    // Listen for errors before anything can destroy the request: an unheard 'error' is an uncaught exception in main.
    outgoing.on('error', (e) => failWith(networkFailure(e)));
    const onResponse = (res: http.IncomingMessage): void => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBodyBytes)
        return failWith(fail('response-too-large', { details: { limit: req.maxBodyBytes } }));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBodyBytes) return failWith(fail('response-too-large', { details: { limit: req.maxBodyBytes } }));
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
      res.on('aborted', () => failWith(fail('unreachable', { details: { reason: 'connection-dropped' } })));
      res.on('error', (e) => failWith(networkFailure(e)));
    };
    // The deadline covers everything: proxy lookup, CONNECT, TLS, the request and the last byte of the answer.
    const timer = setTimeout(() => failWith(fail('timeout', { details: { afterMs: req.timeoutMs } })), req.timeoutMs);
    const onAbort = (): void => failWith(fail('cancelled'));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
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
