// Fault injection for the simulator: rules switchable at run time, per method and path prefix.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** One injected fault. Latency delays the real answer; every other kind replaces it. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfterSeconds?: number } // the error envelope, with Retry-After when given
  | { kind: 'html'; status: number } // an HTML page, as a proxy or load balancer in front of CloudMC answers
  | { kind: 'deep-json'; depth: number } // 200 with valid JSON nested `depth` arrays deep
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'drop' } // headers + half a body, then the socket is destroyed
  | { kind: 'malformed-json' }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'redirect'; location: string } // 302
  | { kind: 'answer'; status: number; body: string } // this JSON text (or any text) with this status, e.g. an activity log with unreadable entries
  | { kind: 'hang' }; // never answers; the socket stays open until close()

/** Deepest body the deep-json fault writes (4 MB of brackets, the size that blocked main 1.2 s in issue 8). */
export const MAX_DEEP_JSON_DEPTH = 2_000_000;

/** When a fault applies: optional method and path prefix (relative to /api/v1), optional count. */
export type FaultRule = {
  fault: Fault;
  method?: string;
  pathPrefix?: string;
  times?: number;
};

/** A stored rule with its id and remaining uses (null = forever). */
export type ActiveFaultRule = FaultRule & { id: string; remaining: number | null };

/** What applies to one request: total added latency and the replacing fault, if any. */
export type FaultDecision = { latencyMs: number; fault: Fault | null };

/** The set of active fault rules of a simulator. */
export class FaultPlan {
  private rules: ActiveFaultRule[] = [];

  /** Adds a rule (validated); returns its id. */
  add(rule: FaultRule): string {
    const checked = parseFaultRule(rule);
    const id = randomUUID();
    this.rules.push({ ...checked, id, remaining: checked.times ?? null });
    return id;
  }

  /** Removes one rule; false when no rule has that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** A snapshot of the active rules. */
  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r, fault: { ...r.fault } }));
  }

  /** Consumes the rules matching a request: all matching latencies add up, the first other fault wins. */
  take(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, fault: null };
    for (const rule of this.rules) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.pathPrefix !== undefined && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.fault.kind === 'latency') decision.latencyMs += rule.fault.ms;
      else if (decision.fault === null) decision.fault = rule.fault;
      else continue; // a second replacing fault is not consumed
      if (rule.remaining !== null) rule.remaining--;
    }
    this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
    return decision;
  }
}

function bad(message: string): never {
  throw new Error(`invalid fault rule: ${message}`);
}

function nonNegInt(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(`${field} must be a non-negative integer`);
  return v;
}

/** Validates an untrusted rule (e.g. from the admin API); throws an Error with a precise message. */
export function parseFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null) bad('must be an object');
  const r = input as Record<string, unknown>;
  const f = r.fault as Record<string, unknown> | undefined;
  if (typeof f !== 'object' || f === null) bad('"fault" must be an object');
  let fault: Fault;
  switch (f.kind) {
    case 'latency':
      fault = { kind: 'latency', ms: nonNegInt(f.ms, 'fault.ms') };
      break;
    case 'status': {
      const status = nonNegInt(f.status, 'fault.status');
      if (status < 100 || status > 599) bad('fault.status must be from 100 to 599');
      fault = { kind: 'status', status };
      if (f.retryAfterSeconds !== undefined) fault.retryAfterSeconds = nonNegInt(f.retryAfterSeconds, 'fault.retryAfterSeconds');
      break;
    }
    case 'html': {
      const status = nonNegInt(f.status, 'fault.status');
      if (status < 200 || status > 599) bad('fault.status must be from 200 to 599');
      fault = { kind: 'html', status };
      break;
    }
    case 'deep-json': {
      const depth = nonNegInt(f.depth, 'fault.depth');
      if (depth < 1 || depth > MAX_DEEP_JSON_DEPTH) bad(`fault.depth must be from 1 to ${MAX_DEEP_JSON_DEPTH}`);
      fault = { kind: 'deep-json', depth };
      break;
    }
    case 'rate-limit':
      fault = { kind: 'rate-limit', retryAfterSeconds: nonNegInt(f.retryAfterSeconds, 'fault.retryAfterSeconds') };
      break;
    case 'oversized':
      fault = { kind: 'oversized', bytes: nonNegInt(f.bytes, 'fault.bytes') };
      break;
    case 'redirect':
      if (typeof f.location !== 'string' || f.location === '') bad('fault.location must be a non-empty string');
      fault = { kind: 'redirect', location: f.location };
      break;
    case 'answer': {
      const status = nonNegInt(f.status, 'fault.status');
      if (status < 200 || status > 599) bad('fault.status must be from 200 to 599');
      if (typeof f.body !== 'string') bad('fault.body must be a string');
      fault = { kind: 'answer', status, body: f.body };
      break;
    }
    case 'drop':
    case 'malformed-json':
    case 'hang':
      fault = { kind: f.kind };
      break;
    default:
      bad(`unknown fault.kind ${JSON.stringify(f.kind)}`);
  }
  const rule: FaultRule = { fault };
  if (r.method !== undefined) {
    if (typeof r.method !== 'string' || r.method === '') bad('method must be a non-empty string');
    rule.method = r.method.toUpperCase();
  }
  if (r.pathPrefix !== undefined) {
    if (typeof r.pathPrefix !== 'string' || !r.pathPrefix.startsWith('/')) bad('pathPrefix must be a string starting with "/"');
    rule.pathPrefix = r.pathPrefix;
  }
  if (r.times !== undefined) {
    const times = nonNegInt(r.times, 'times');
    if (times < 1) bad('times must be at least 1');
    rule.times = times;
  }
  return rule;
}

function errorBody(code: number, message: string): string {
  return JSON.stringify({ errors: [{ code, message, context: {} }] });
}

const STATUS_MESSAGES: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Writes a replacing fault onto a response. 'hang' writes nothing: the caller keeps the socket. */
export function renderFault(fault: Fault, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status': {
      const body = errorBody(fault.status, STATUS_MESSAGES[fault.status] ?? `Simulated status ${fault.status}`);
      const retryAfter = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      res.writeHead(fault.status, { 'content-type': 'application/json', ...retryAfter }).end(body);
      return;
    }
    case 'html': {
      const title = `${fault.status} ${STATUS_MESSAGES[fault.status] ?? (fault.status === 404 ? 'Not Found' : 'Error')}`;
      res
        .writeHead(fault.status, { 'content-type': 'text/html' })
        .end(`<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>`);
      return;
    }
    case 'deep-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${'['.repeat(fault.depth)}${']'.repeat(fault.depth)}`);
      return;
    case 'rate-limit':
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds) })
        .end(errorBody(429, 'Too many requests'));
      return;
    case 'drop': {
      const body = Buffer.from(JSON.stringify({ data: [{ id: '00000000-0000-4000-8000-000000000000', name: 'dropped' }] }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.flushHeaders();
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [{"id": "3f2a", "name": "trunc');
      return;
    case 'oversized':
      writeOversized(res, fault.bytes);
      return;
    case 'redirect':
      res.writeHead(302, { location: fault.location, 'content-length': '0' }).end();
      return;
    case 'answer':
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(fault.body);
      return;
    case 'hang':
    case 'latency':
      return;
  }
}

/** Streams a valid JSON body of exactly `bytes` bytes (at least the minimal envelope). */
function writeOversized(res: ServerResponse, bytes: number): void {
  const head = '{"data":[],"padding":"';
  const tail = '"}';
  const padTotal = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(head.length + padTotal + tail.length),
  });
  res.write(head);
  const chunk = 'x'.repeat(64 * 1024);
  let left = padTotal;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.slice(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(tail);
  };
  pump();
}
