// One HTTP exchange against a real loopback server: the answer as sent, redirects returned and not followed, the size cap
// (declared and streamed), the deadline, cancel before and during, and what node refuses mapped to the user's words.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendHttp, type HttpRequest } from '../../../../../src-main/services/cloudmc/http-transport';
import { failureOf } from '../../helpers';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

let server: http.Server;
let base: string;
let handler: Handler;
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeEach(async () => {
  received.length = 0;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const request = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: `${base}/api_keys`,
  headers: { 'MC-Api-Key': 'key-1' },
  timeoutMs: 5000,
  maxBodyBytes: 1024,
  ...over,
});

describe('sendHttp', () => {
  it('sends the method, headers and body, and answers the status, headers and body', async () => {
    handler = (_req, res) => res.writeHead(201, { 'x-answer': 'yes' }).end('{"data":"é"}');
    const res = await sendHttp(request({ method: 'POST', body: '{"name":"é"}' }));
    expect(res).toMatchObject({ status: 201, body: '{"data":"é"}' });
    expect(res.headers['x-answer']).toBe('yes');
    expect(received).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/api_keys',
        body: '{"name":"é"}',
        headers: expect.objectContaining({ 'mc-api-key': 'key-1', 'content-length': '13' }),
      }),
    ]);
  });

  it('returns a redirect as it is, never following it', async () => {
    handler = (req, res) => (req.url === '/api_keys' ? res.writeHead(302, { location: '/elsewhere' }).end() : res.end('followed'));
    const res = await sendHttp(request());
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/elsewhere');
    expect(received.map((r) => r.url)).toEqual(['/api_keys']);
  });

  it('refuses an answer larger than the cap, whether declared or streamed', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-length': '2048' }).end('x'.repeat(2048));
    expect(await failureOf(sendHttp(request()))).toMatchObject({ code: 'response-too-large', details: { limit: 1024 } });
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('x'.repeat(800));
      res.end('y'.repeat(800));
    };
    expect(await failureOf(sendHttp(request()))).toMatchObject({ code: 'response-too-large', details: { limit: 1024 } });
  });

  it('gives up at the deadline when no answer comes', async () => {
    handler = () => undefined;
    expect(await failureOf(sendHttp(request({ timeoutMs: 150 })))).toMatchObject({ code: 'timeout', details: { afterMs: 150 } });
  });

  it('sends nothing when cancelled before, and closes the connection when cancelled during', async () => {
    const before = new AbortController();
    before.abort();
    expect((await failureOf(sendHttp(request({ signal: before.signal })))).code).toBe('cancelled');
    expect(received).toEqual([]);

    const during = new AbortController();
    let closed!: Promise<unknown>;
    handler = (req) => {
      closed = once(req.socket, 'close');
      during.abort();
    };
    expect((await failureOf(sendHttp(request({ signal: during.signal })))).code).toBe('cancelled');
    await closed;
  });

  it('tells a connection refused and a connection dropped mid-answer as unreachable', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      res.socket?.destroy();
    };
    expect((await failureOf(sendHttp(request()))).code).toBe('unreachable');
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
    server = http.createServer().listen(0, '127.0.0.1'); // for afterEach
    await once(server, 'listening');
    expect(await failureOf(sendHttp(request({ url: `http://127.0.0.1:${port}/api_keys` })))).toMatchObject({
      code: 'unreachable',
      details: { reason: 'ECONNREFUSED' },
    });
  });

  it('refuses a malformed endpoint and an access key that cannot be a header, sending nothing', async () => {
    expect(await failureOf(sendHttp(request({ url: 'not a url' })))).toMatchObject({ code: 'endpoint-invalid', details: { reason: 'malformed' } });
    const error = await failureOf(sendHttp(request({ headers: { 'MC-Api-Key': 'key\r\nX-Injected: 1' } })));
    expect(error).toMatchObject({ code: 'invalid-input', messageKey: 'errors.access-key-characters', details: { field: 'apiKey' } });
    expect(JSON.stringify(error)).not.toContain('Injected');
    expect(received).toEqual([]);
  });
});
