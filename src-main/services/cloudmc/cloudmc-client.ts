// A CloudMC client for one profile: each call authenticated, bounded in time and size, validated, retried only when idempotent.
import type { z } from 'zod';
import type { ApiKeyView, ProfileIdentity } from '../../../src-preload/contract/models';
import { AppFailure, fail } from '../../errors';
import { sendHttp, type HttpResponse } from './http-transport';
import {
  apiKeyHeader, currentUserResponse, errorCodeForStatus, generatedKeyResponse, listKeysResponse, nameBody, paths,
  renamedKeyResponse, toApiKeyView, toIdentity,
} from './cloudmc-api';

/** How to reach one CloudMC account. */
export interface CloudmcConnection {
  endpoint: string;
  apiKey: string;
  ca?: string;
}

/** Limits and retry policy; defaults suit an interactive desktop app. */
export interface ClientOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Attempts for idempotent calls (GET, DELETE), first included. */
  attempts: number;
  /** Base backoff; doubled each retry, with jitter. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the user instead. */
  maxRetryAfterMs: number;
  userAgent: string;
}

/** Defaults for ClientOptions. */
export const defaultClientOptions: ClientOptions = {
  timeoutMs: 15_000, maxBodyBytes: 8 * 1024 * 1024, attempts: 3, backoffMs: 300, maxRetryAfterMs: 10_000, userAgent: 'CloudMC-Credentials',
};

/** A newly generated key with its one-time value. */
export interface GeneratedApiKey {
  key: ApiKeyView;
  secret: string;
}

/** The calls the app makes to CloudMC. */
export interface CloudmcClient {
  currentUser(signal?: AbortSignal): Promise<ProfileIdentity>;
  listKeys(signal?: AbortSignal): Promise<ApiKeyView[]>;
  generateKey(name: string | undefined, signal?: AbortSignal): Promise<GeneratedApiKey>;
  renameKey(id: string, name: string, signal?: AbortSignal): Promise<ApiKeyView>;
  revokeKey(id: string, signal?: AbortSignal): Promise<void>;
}

/** Creates a client bound to one endpoint and access key. */
export function createCloudmcClient(conn: CloudmcConnection, options: Partial<ClientOptions> = {}): CloudmcClient {
  const opts = { ...defaultClientOptions, ...options };

  const exchange = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: string | undefined, signal?: AbortSignal): Promise<HttpResponse> =>
    sendHttp({
      method,
      url: conn.endpoint + path,
      headers: {
        [apiKeyHeader]: conn.apiKey,
        accept: 'application/json',
        'user-agent': opts.userAgent,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
      timeoutMs: opts.timeoutMs,
      maxBodyBytes: opts.maxBodyBytes,
      ...(signal ? { signal } : {}),
      ...(conn.ca ? { ca: conn.ca } : {}),
    });

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: string | undefined, signal?: AbortSignal): Promise<HttpResponse> => {
    const idempotent = method === 'GET' || method === 'DELETE';
    const attempts = idempotent ? opts.attempts : 1; // POST generate is never retried: a retry could mint a key nobody sees.
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await exchange(method, path, body, signal);
        if (res.status >= 200 && res.status < 300) return res;
        const failure = statusFailure(res);
        const wait = retryDelay(failure, res, attempt, attempts, opts);
        if (wait === null) throw failure;
        await sleep(wait, signal);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        if (e.appError.status !== undefined) throw e; // status failures were decided above
        const transient = e.appError.code === 'unreachable' || e.appError.code === 'timeout';
        if (!transient || attempt >= attempts) throw e;
        await sleep(backoff(attempt, opts), signal);
      }
    }
  };

  const json = <S extends z.ZodType>(res: HttpResponse, schema: S): z.output<S> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      throw fail('bad-response', { details: { reason: 'json' } });
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw fail('bad-response', { details: { reason: 'schema' } });
    return result.data;
  };

  return {
    async currentUser(signal) {
      return toIdentity(json(await call('GET', paths.currentUser, undefined, signal), currentUserResponse).data);
    },
    async listKeys(signal) {
      return json(await call('GET', paths.apiKeys, undefined, signal), listKeysResponse).data.map(toApiKeyView);
    },
    async generateKey(name, signal) {
      const { data } = json(await call('POST', paths.apiKeys, nameBody(name), signal), generatedKeyResponse);
      return { key: toApiKeyView(data), secret: data.secret };
    },
    async renameKey(id, name, signal) {
      return toApiKeyView(json(await call('PUT', paths.apiKey(id), nameBody(name), signal), renamedKeyResponse).data);
    },
    async revokeKey(id, signal) {
      try {
        await call('DELETE', paths.apiKey(id), undefined, signal);
      } catch (e) {
        // A retried DELETE whose first attempt went through answers 404: the key is gone either way.
        if (e instanceof AppFailure && e.appError.code === 'not-found') return;
        throw e;
      }
    },
  };
}

function statusFailure(res: HttpResponse): AppFailure {
  let body: unknown = null;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* non-JSON error bodies (proxies) are fine: the status decides */
  }
  const code = errorCodeForStatus(res.status, body);
  const retryAfter = retryAfterMs(res);
  return fail(code, { status: res.status, ...(retryAfter !== null ? { details: { retryAfterSeconds: Math.ceil(retryAfter / 1000) } } : {}) });
}

function retryDelay(failure: AppFailure, res: HttpResponse, attempt: number, attempts: number, opts: ClientOptions): number | null {
  if (attempt >= attempts) return null;
  const { code } = failure.appError;
  if (code === 'rate-limited') {
    const after = retryAfterMs(res) ?? backoff(attempt, opts);
    return after <= opts.maxRetryAfterMs ? after : null;
  }
  if (code === 'server-error' && [502, 503, 504].includes(res.status)) return retryAfterMs(res) ?? backoff(attempt, opts);
  return null;
}

function retryAfterMs(res: HttpResponse): number | null {
  const raw = res.headers['retry-after'];
  if (typeof raw !== 'string') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function backoff(attempt: number, opts: ClientOptions): number {
  return opts.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(fail('cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(fail('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
