// The loopback web host: serves the built renderer and the bridge contract over HTTP (calls as POSTs, main's events as server-sent
// events), behind a random per-run token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import type { AddressInfo } from 'node:net';
import { createDispatcher } from '../../src-main/ipc/dispatcher';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createLogger, type LogSink } from '../../src-main/log';
import type { AppServices } from '../../src-main/services/app-services';
import type { ClientOptions } from '../../src-main/services/cloudmc/cloudmc-client';
import { createClipboardRelay } from './clipboard-relay';
import { createHostServices, type KeychainMode } from './host-services';
import { acquireAppLock } from '../../src-main/cli/app-lock';
import { openAppChannel } from '../../src-main/services/app-channel/channel-server';
import { resolveAppFile } from '../../src-main/app-protocol';

/** Options of the web host. */
export interface WebHostOptions {
  port?: number;
  dataDir: string;
  rendererDir: string;
  keychain?: KeychainMode;
  /** Suggested in the Add profile form. */
  defaultEndpoint?: string;
  clientOptions?: Partial<ClientOptions>;
  logSink?: LogSink;
  /** `--policy-file`: the organization's policy, read from this file and again when it changes. */
  policyFile?: string;
  /** Plays the desktop app for the command line (default true): takes the data dir's writer lock and opens the app's channel on it. */
  appChannel?: boolean;
}

/** A running web host. */
export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  services: AppServices;
  close(): Promise<void>;
}

const cookieName = 'cmc_host';
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** Starts the host on 127.0.0.1. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const relay = createClipboardRelay();
  const log = createLogger(opts.logSink ?? ((level, line) => console[level](line)));
  const services = await createHostServices({
    dataDir: opts.dataDir,
    keychain: opts.keychain ?? 'memory',
    clipboard: relay.port,
    log,
    ...(opts.defaultEndpoint ? { defaultEndpoint: opts.defaultEndpoint } : {}),
    ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
    ...(opts.policyFile ? { policyFile: opts.policyFile } : {}),
  });
  const stopWatchingPolicy = services.policy.watch();
  // As the desktop app does: the writer lock first, then the command line's channel to these services.
  const writerLock = opts.appChannel === false ? null : await acquireAppLock(opts.dataDir);
  const channel = writerLock?.held ? await openAppChannel({ dataDir: opts.dataDir, services, log }) : null;
  const dispatch = createDispatcher(createHandlers(services), log, { checkOutputs: true });
  // Main's events reach every open page as server-sent events (payloads already checked against their schemas by the emitter).
  const streams = new Set<http.ServerResponse>();
  const stopEvents = services.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  const bridgeScript = await bundleBrowserBridge(token);
  const indexHtml = await fs.readFile(path.join(opts.rendererDir, 'index.html'), 'utf8');
  const servedIndex = indexHtml
    .replace(/connect-src 'none'/, "connect-src 'self'") // the bridge's transport is HTTP here; the app itself is unchanged
    .replace(/<script/, '<script src="./__host/bridge.js"></script>\n    <script');

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      log.error('web host request failed', e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const authorised = (req: http.IncomingMessage): boolean => {
    const cookie = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${cookieName}=`));
    return cookie !== undefined && sameSecret(cookie.slice(cookieName.length + 1), token);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const given = url.searchParams.get('token');
      if (given !== null && sameSecret(given, token)) {
        // Trade the token for a cookie, then drop it from the address bar (and from history).
        res.writeHead(303, { ...headers, location: '/', 'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` }).end();
        return;
      }
      if (authorised(req)) {
        res
          .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy })
          .end(servedIndex);
        return;
      }
      res.writeHead(403, { ...headers, 'content-type': 'text/plain' }).end('Open the URL the web host printed (it carries the token).');
      return;
    }
    if (!authorised(req)) {
      res.writeHead(403, headers).end();
      return;
    }
    if (url.pathname === '/__host/bridge.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridgeScript);
      return;
    }
    if (url.pathname === '/__host/events') {
      openEventStream(req, res, url.searchParams.get('token'), headers);
      return;
    }
    if (url.pathname.startsWith('/__host/rpc/')) {
      await handleRpc(req, res, decodeURIComponent(url.pathname.slice('/__host/rpc/'.length)), headers);
      return;
    }
    const resolved = resolveAppFile(`app://ui${url.pathname}`, opts.rendererDir);
    const body = resolved ? await fs.readFile(resolved.file).catch(() => null) : null;
    if (!resolved || !body) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': resolved.contentType }).end(body);
  };

  const handleRpc = async (req: http.IncomingMessage, res: http.ServerResponse, channel: string, headers: Record<string, string>): Promise<void> => {
    const origin = req.headers.origin;
    if (req.method !== 'POST' || req.headers['x-host-token'] !== token || (origin !== undefined && origin !== hostOrigin)) {
      res.writeHead(403, headers).end();
      return;
    }
    const raw = await readBody(req, 1024 * 1024);
    let envelope: { input?: unknown; hasInput?: unknown } = {};
    try {
      const parsed: unknown = raw === null ? {} : JSON.parse(raw);
      envelope = parsed !== null && typeof parsed === 'object' ? (parsed as typeof envelope) : { input: Symbol('not an envelope'), hasInput: true };
    } catch {
      envelope = { input: Symbol('unparseable'), hasInput: true };
    }
    const input = envelope.hasInput === true ? envelope.input : undefined;
    const { value: result, effects } = await relay.collect(() => dispatch(channel, input));
    const clearAfter =
      result.ok && result.value && typeof result.value === 'object' && 'clearAfterSeconds' in result.value
        ? (result.value as { clearAfterSeconds: number | null }).clearAfterSeconds
        : null;
    const body = JSON.stringify({
      result,
      effects: effects.clipboardWrites.map((text) => ({ kind: 'clipboard-write', text, clearAfterSeconds: clearAfter })),
    });
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(body);
  };

  /** One page's event stream: its cookie and the token the bridge script carries, from the host's own origin. */
  const openEventStream = (req: http.IncomingMessage, res: http.ServerResponse, given: string | null, headers: Record<string, string>): void => {
    const origin = req.headers.origin;
    if (req.method !== 'GET' || given === null || !sameSecret(given, token) || (origin !== undefined && origin !== hostOrigin)) {
      res.writeHead(403, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const hostOrigin = `http://127.0.0.1:${port}`;
  return {
    url: `${hostOrigin}/?token=${token}`,
    origin: hostOrigin,
    services,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatchingPolicy();
        void channel?.close();
        writerLock?.release();
        stopEvents();
        for (const stream of streams) stream.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.destroy();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function bundleBrowserBridge(token: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    define: { __HOST_TOKEN__: JSON.stringify(token) },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
