// The CloudMC simulator HTTP(S) server: /api/v1 contract, fault injection and a loopback admin API.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { SimState } from './state';
import { FaultPlan, parseFaultRule, renderFault } from './faults';
import { clientAddress, isLoopback, parseJsonObject, readBody, sendError, sendJson, sendNoContent } from './http-util';
import { handleApi } from './routes';

/** Base path of the API, relative to the origin. */
export const API_BASE = '/api/v1';

/** Prefix of the admin API (no key needed, loopback clients only). */
export const ADMIN_BASE = '/__sim';

/** Requests kept in Simulator.requests; older ones are dropped. */
export const MAX_RECORDED_REQUESTS = 10_000;

/** One request as seen by the simulator; the API key value is redacted. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  hasApiKey: boolean;
  time: string;
  remoteAddress: string | null;
  status?: number;
};

/** Options of startSimulator. */
export type SimulatorOptions = {
  port?: number;
  host?: string;
  state?: SimState;
  tls?: { key: string | Buffer; cert: string | Buffer };
};

/** A running simulator. */
export type Simulator = {
  endpoint: string;
  origin: string;
  port: number;
  state: SimState;
  faults: FaultPlan;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

function redactHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  if (copy['mc-api-key'] !== undefined) copy['mc-api-key'] = '<redacted>';
  if (copy.authorization !== undefined) copy.authorization = '<redacted>';
  return copy;
}

async function handleAdmin(faults: FaultPlan, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const body = await readBody(req);
  if (!isLoopback(clientAddress(req))) return sendError(res, 403, 'The simulator admin API only answers loopback clients');
  const method = req.method ?? 'GET';
  if (path === '/health') {
    if (method !== 'GET') return sendError(res, 405, 'Method not allowed', {}, { allow: 'GET' });
    return sendJson(res, 200, { ok: true });
  }
  if (path === '/faults') {
    if (method === 'GET') return sendJson(res, 200, { data: faults.list() });
    if (method === 'DELETE') {
      faults.clear();
      return sendNoContent(res);
    }
    if (method !== 'POST') return sendError(res, 405, 'Method not allowed', {}, { allow: 'GET, POST, DELETE' });
    if (body.tooLarge) return sendError(res, 400, 'Request body too large');
    const parsed = parseJsonObject(body.text);
    if (!parsed.ok) return sendError(res, 400, parsed.message);
    try {
      return sendJson(res, 200, { id: faults.add(parseFaultRule(parsed.value)) });
    } catch (e) {
      return sendError(res, 400, (e as Error).message);
    }
  }
  const one = /^\/faults\/([^/]+)$/.exec(path);
  if (one) {
    if (method !== 'DELETE') return sendError(res, 405, 'Method not allowed', {}, { allow: 'DELETE' });
    return faults.remove(one[1] ?? '') ? sendNoContent(res) : sendError(res, 404, 'No such fault rule');
  }
  sendError(res, 404, 'Not found', { path });
}

/** Starts a simulator (port 0 = a free port, host 127.0.0.1 by default; HTTPS when tls is given). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = opts.state ?? new SimState();
  const faults = new FaultPlan();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: redactHeaders(req.headers),
      hasApiKey: req.headers['mc-api-key'] !== undefined,
      time: new Date().toISOString(),
      remoteAddress: clientAddress(req),
    };
    requests.push(record);
    if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    let path = url.pathname;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    if (path === ADMIN_BASE || path.startsWith(`${ADMIN_BASE}/`)) {
      return handleAdmin(faults, req, res, path.slice(ADMIN_BASE.length));
    }
    if (path !== API_BASE && !path.startsWith(`${API_BASE}/`)) {
      await readBody(req);
      return sendError(res, 404, 'Not found', { path });
    }
    const rel = path.slice(API_BASE.length) || '/';
    const decision = faults.take(record.method, rel);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (closed || res.destroyed) return;
    if (decision.fault) {
      if (decision.fault.kind !== 'hang') {
        req.resume(); // discard the request body
        renderFault(decision.fault, res);
      }
      return; // a faulted request never reaches the state
    }
    const body = await readBody(req);
    if (closed || res.destroyed) return;
    handleApi(state, req, res, rel, body, url.searchParams);
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'Internal server error');
      else res.destroy();
    });
  };
  const server: Server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : createHttpServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const origin = `${opts.tls ? 'https' : 'http'}://${hostPart}:${port}`;

  const close = (): Promise<void> => {
    if (closed) return Promise.resolve();
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
  };

  return { endpoint: `${origin}${API_BASE}`, origin, port, state, faults, requests, close };
}
