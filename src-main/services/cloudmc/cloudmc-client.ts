// A CloudMC client for one profile: each call authenticated, bounded in time and size, validated, retried only when idempotent.
import type { z } from 'zod';
import type { ApiKeyView, ProfileIdentity } from '../../../src-preload/contract/models';
import { keyIdPattern } from '../../../src-preload/contract/limits';
import { AppFailure, fail } from '../../errors';
import { sendHttp, type HttpResponse } from './http-transport';
import type { ProxyResolver } from './proxy-tunnel';
import { checkAccessKey } from './access-key';
import { parseJsonWithLimits } from './json-limits';
import { visitDataElements } from './json-data-array';
import {
  activityCodesResponse,
  activityPaths,
  activityQuery,
  toActivityRecord,
  type ActivityAnswer,
  type ActivityRecord,
  apiKeyHeader,
  checkKeys,
  checkSecret,
  currentUserResponse,
  errorCodeForStatus,
  generatedKeyResponse,
  listKeysResponse,
  nameBody,
  paths,
  renamedKeyResponse,
  toApiKeyView,
  toIdentity,
} from './cloudmc-api';

/** How to reach one CloudMC account. */
export interface CloudmcConnection {
  endpoint: string;
  apiKey: string;
  ca?: string;
}

/** Limits and retry policy; defaults suit an interactive desktop app. */
export interface ClientOptions {
  /** One attempt's limit, connect to last byte (cut to what is left of deadlineMs). */
  timeoutMs: number;
  /** The whole call's limit: every attempt and every wait between them. */
  deadlineMs: number;
  maxBodyBytes: number;
  /** Attempts for idempotent calls (GET, DELETE), first included. */
  attempts: number;
  /** Base backoff; doubled each retry, with jitter. */
  backoffMs: number;
  /** A Retry-After longer than this (or than what is left of deadlineMs) is not waited for: the error goes to the user instead. */
  maxRetryAfterMs: number;
  userAgent: string;
  /** The system proxy for a URL, PAC style (in the app: Electron's session.resolveProxy); absent: every call goes direct. */
  resolveProxy?: ProxyResolver;
}

/**
 * Largest answer accepted. Measured: a 5,000-key list is about 1.0 MB with typical names (1.35 MB with every name at
 * 100 ASCII characters); 4 MiB leaves about 4x headroom for fields CloudMC may add, and bounds the parse (see json-limits.ts).
 */
export const defaultMaxBodyBytes = 4 * 1024 * 1024;

/** Defaults for ClientOptions. */
export const defaultClientOptions: ClientOptions = {
  timeoutMs: 15_000,
  deadlineMs: 30_000,
  maxBodyBytes: defaultMaxBodyBytes,
  attempts: 3,
  backoffMs: 300,
  maxRetryAfterMs: 10_000,
  userAgent: 'CloudMC-Credentials',
};

/** The messageKey of a failure whose Retry-After was not waited for ("CloudMC asked to wait N s"); details.retryAfterSeconds says N. */
export const askedToWaitMessageKey = 'errors.asked-to-wait';
/** The messageKey of a status CloudMC does not answer with for this call (e.g. a proxy's HTML 404); `status` says which. */
export const unexpectedStatusMessageKey = 'errors.unexpected-status';

/** A newly generated key with its one-time value. */
export interface GeneratedApiKey {
  key: ApiKeyView;
  secret: string;
}

/** What a revoke found: done now, or CloudMC's own envelope said not found (confirm with a fresh list before saying "already revoked"). */
export type RevokeResult = 'revoked' | 'not-found';

/** The calls the app makes to CloudMC. */
export interface CloudmcClient {
  currentUser(signal?: AbortSignal): Promise<ProfileIdentity>;
  listKeys(signal?: AbortSignal): Promise<ApiKeyView[]>;
  generateKey(name: string | undefined, signal?: AbortSignal): Promise<GeneratedApiKey>;
  renameKey(id: string, name: string, signal?: AbortSignal): Promise<ApiKeyView>;
  revokeKey(id: string, signal?: AbortSignal): Promise<RevokeResult>;
  /** The caller's own activity since an instant (GET /activity_log?only_mine=true&start=...); entries in an unexpected shape are counted as skipped. Read in slices: main is never held long. */
  listActivity(since: Date, signal?: AbortSignal): Promise<ActivityAnswer>;
  /** The event codes CloudMC knows, by category (GET /activity_log/codes). */
  activityCodes(signal?: AbortSignal): Promise<Record<string, string[]>>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Creates a client bound to one endpoint and access key. */
export function createCloudmcClient(conn: CloudmcConnection, options: Partial<ClientOptions> = {}): CloudmcClient {
  const opts = { ...defaultClientOptions, ...options };

  const exchange = (
    method: Method,
    path: string,
    body: string | undefined,
    apiKey: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<HttpResponse> =>
    sendHttp({
      method,
      url: conn.endpoint + path,
      headers: {
        [apiKeyHeader]: apiKey,
        accept: 'application/json',
        'user-agent': opts.userAgent,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
      timeoutMs,
      maxBodyBytes: opts.maxBodyBytes,
      ...(signal ? { signal } : {}),
      ...(conn.ca ? { ca: conn.ca } : {}),
      ...(opts.resolveProxy ? { resolveProxy: opts.resolveProxy } : {}),
    });

  const call = async (method: Method, path: string, body: string | undefined, signal?: AbortSignal): Promise<HttpResponse> => {
    const apiKey = checkAccessKey(conn.apiKey);
    const idempotent = method === 'GET' || method === 'DELETE';
    const attempts = idempotent ? opts.attempts : 1; // POST generate is never retried: a retry could mint a key nobody sees.
    const deadline = startDeadline(opts.deadlineMs);
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline.remaining();
      if (remaining <= 0) throw deadlineFailure(opts);
      const timeoutMs = Math.min(opts.timeoutMs, remaining);
      let res: HttpResponse;
      try {
        res = await exchange(method, path, body, apiKey, timeoutMs, signal);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        const { code } = e.appError;
        if (code === 'timeout' && timeoutMs < opts.timeoutMs) throw deadlineFailure(opts); // the deadline, not the attempt, ran out
        const transient = code === 'unreachable' || code === 'timeout';
        if (!transient || attempt >= attempts) throw e;
        const wait = backoff(attempt, opts);
        if (wait >= deadline.remaining()) throw e;
        await sleep(wait, signal);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res;
      const failure = statusFailure(res);
      const wait = retryDelay(failure, res, { idempotent, attempt, attempts, remainingMs: deadline.remaining() }, opts);
      if (typeof wait !== 'number') throw wait;
      await sleep(wait, signal);
    }
  };

  const json = <S extends z.ZodType>(res: HttpResponse, schema: S): z.output<S> => {
    const result = schema.safeParse(parseJsonWithLimits(res.body));
    if (!result.success) throw fail('bad-response', { details: { reason: 'schema' } });
    return result.data;
  };

  return {
    async currentUser(signal) {
      return toIdentity(json(await call('GET', paths.currentUser, undefined, signal), currentUserResponse).data);
    },
    async listKeys(signal) {
      const { data } = json(await call('GET', paths.apiKeys, undefined, signal), listKeysResponse);
      checkKeys(data);
      return data.map(toApiKeyView);
    },
    async generateKey(name, signal) {
      // A key whose id or value cannot be used safely is refused: the caller reports it as possibly created (it may exist on CloudMC).
      const { data } = json(await call('POST', paths.apiKeys, nameBody(name), signal), generatedKeyResponse);
      checkKeys([data]);
      checkSecret(data.secret);
      return { key: toApiKeyView(data), secret: data.secret };
    },
    async renameKey(id, name, signal) {
      const { data } = json(await call('PUT', keyPath(id), nameBody(name), signal), renamedKeyResponse);
      checkKeys([data]);
      return toApiKeyView(data);
    },
    async revokeKey(id, signal) {
      try {
        await call('DELETE', keyPath(id), undefined, signal);
        return 'revoked';
      } catch (e) {
        // CloudMC's own envelope said not found (a retried DELETE whose first attempt went through, or revoked elsewhere);
        // the caller confirms with a fresh list. Any other 404 (a proxy's page) is bad-response, never "gone".
        if (e instanceof AppFailure && e.appError.code === 'not-found') return 'not-found';
        throw e;
      }
    },
    async listActivity(since, signal) {
      const res = await call('GET', activityQuery(since, true), undefined, signal);
      const records: ActivityRecord[] = [];
      let skipped = 0;
      const read = (entry: string): void => {
        const record = toActivityRecord(entry);
        if (record) records.push(record);
        else skipped++;
      };
      await visitDataElements(res.body, read, signal ? { signal } : {});
      return { records, skipped };
    },
    async activityCodes(signal) {
      return json(await call('GET', activityPaths.activityCodes, undefined, signal), activityCodesResponse).data;
    },
  };
}

/** The path of one key; an id that is not a path-safe token never reaches a request line. */
function keyPath(id: string): string {
  if (!keyIdPattern.test(id)) throw fail('invalid-input', { details: { field: 'keyId', reason: 'pattern' } });
  return paths.apiKey(id);
}

/** Time left of one call's overall deadline (monotonic clock). */
function startDeadline(ms: number): { remaining(): number } {
  const end = performance.now() + ms;
  return { remaining: () => end - performance.now() };
}

function deadlineFailure(opts: ClientOptions): AppFailure {
  return fail('timeout', { details: { afterMs: opts.deadlineMs, reason: 'deadline' } });
}

function statusFailure(res: HttpResponse): AppFailure {
  let body: unknown = null;
  try {
    body = parseJsonWithLimits(res.body);
  } catch {
    /* non-JSON error bodies (proxies) are fine: the status decides */
  }
  const code = errorCodeForStatus(res.status, body);
  const retryAfter = retryAfterMs(res);
  return fail(code, {
    status: res.status,
    ...(code === 'bad-response' ? { messageKey: unexpectedStatusMessageKey } : {}),
    ...(retryAfter !== null ? { details: { retryAfterSeconds: Math.ceil(retryAfter / 1000) } } : {}),
  });
}

/** Where a call stands when deciding whether to retry. */
interface RetryState {
  idempotent: boolean;
  attempt: number;
  attempts: number;
  remainingMs: number;
}

/** How long to wait before the next attempt, or the failure to answer now. */
function retryDelay(failure: AppFailure, res: HttpResponse, at: RetryState, opts: ClientOptions): number | AppFailure {
  const { code } = failure.appError;
  const retryable = code === 'rate-limited' || (code === 'server-error' && at.idempotent && [502, 503, 504].includes(res.status));
  if (!retryable) return failure;
  const asked = retryAfterMs(res);
  if (asked !== null) {
    const fits = at.attempt < at.attempts && asked <= opts.maxRetryAfterMs && asked < at.remainingMs;
    return fits ? asked : askedToWait(failure, asked);
  }
  if (at.attempt >= at.attempts) return failure;
  const wait = backoff(at.attempt, opts);
  return wait < at.remainingMs ? wait : failure;
}

/** The same failure, saying that CloudMC asked to wait N seconds and the app did not. */
function askedToWait(failure: AppFailure, askedMs: number): AppFailure {
  const { code, status } = failure.appError;
  return fail(code, {
    ...(status !== undefined ? { status } : {}),
    messageKey: askedToWaitMessageKey,
    details: { retryAfterSeconds: Math.ceil(askedMs / 1000) },
  });
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
