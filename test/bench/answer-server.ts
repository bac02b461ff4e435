// A loopback server, in its own worker thread so it costs the measured thread nothing, answering GET /api_keys with big bodies.
import { Worker } from 'node:worker_threads';
import { stopServerWorker } from './routes-server';

/** The answers it serves, each under its own endpoint. */
export interface AnswerServer {
  /** `{"data":[one key whose unknown field nests arrays ~bytes/2 deep]}`: valid JSON, valid schema once unknown fields are dropped. */
  deepEndpoint: string;
  /** `{"data":[…]}` with as many ordinary keys as fit in `bytes` (never more, so a cap of exactly `bytes` lets it through). */
  flatEndpoint: string;
  /** How many keys the flat answer holds. */
  flatKeyCount: number;
  /** Exact body sizes, bytes. */
  deepBytes: number;
  flatBytes: number;
  close(): Promise<void>;
}

// Plain JavaScript, run with `eval`: builds both bodies once, then serves them as Buffers.
const workerSource = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const bytes = workerData.bytes;
const head = '{"data":[{"id":"k-deep","name":"deep","creationDate":"2024-01-01T00:00:00.000Z","extra":';
const tail = '}]}';
const depth = Math.max(1, Math.floor((bytes - head.length - tail.length) / 2));
const deep = Buffer.from(head + '['.repeat(depth) + ']'.repeat(depth) + tail);
const keys = [];
let size = '{"data":[]}'.length;
for (let i = 0; ; i++) {
  const n = String(i).padStart(6, '0');
  const key = JSON.stringify({ id: '00000000-0000-4000-8000-' + String(i).padStart(12, '0'), name: 'service-' + n, creationDate: new Date(Date.UTC(2024, 0, 1) + i * 60000).toISOString(), lastUsedDate: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(), lastUsedIp: '10.' + (i % 250) + '.' + ((i >> 8) % 250) + '.' + (i % 200) });
  if (size + key.length + 1 > bytes) break;
  keys.push(key);
  size += key.length + 1;
}
const flat = Buffer.from('{"data":[' + keys.join(',') + ']}');
const bodies = { '/deep/api_keys': deep, '/flat/api_keys': flat };
const server = http.createServer((req, res) => {
  const body = req.method === 'GET' ? bodies[req.url] : undefined;
  if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"not_found"}]}');
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port, flatKeyCount: keys.length, deepBytes: deep.length, flatBytes: flat.length }));
parentPort.on('message', (m) => { if (m === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

/** Starts the server with bodies of at most `bytes` each. */
export async function startAnswerServer(bytes: number): Promise<AnswerServer> {
  const worker = new Worker(workerSource, { eval: true, workerData: { bytes } });
  const ready = await new Promise<{ port: number; flatKeyCount: number; deepBytes: number; flatBytes: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`answer server exited with code ${code} before listening`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  return {
    deepEndpoint: `${base}/deep`,
    flatEndpoint: `${base}/flat`,
    flatKeyCount: ready.flatKeyCount,
    deepBytes: ready.deepBytes,
    flatBytes: ready.flatBytes,
    close: () => stopServerWorker(worker),
  };
}
