// A loopback server in its own worker thread (so serving costs the measured thread nothing) answering GET requests with fixed bodies by path.
import { Worker } from 'node:worker_threads';

/** The server's endpoint (`http://127.0.0.1:<port>/api/v1`) and how to stop it. */
export interface RoutesServer {
  endpoint: string;
  close(): Promise<void>;
}

// Plain JavaScript, run with `eval`: serves each path's body (query strings ignored), 404 with CloudMC's envelope otherwise.
const workerSource = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const bodies = new Map(Object.entries(workerData.routes).map(([path, text]) => ['/api/v1' + path, Buffer.from(text)]));
const server = http.createServer((req, res) => {
  const body = req.method === 'GET' ? bodies.get((req.url || '').split('?')[0]) : undefined;
  if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":404,"message":"Not found"}]}');
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => { if (m === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

/** Starts the server; `routes` maps a path under /api/v1 (e.g. `/activity_log`) to the JSON text it answers. */
export async function startRoutesServer(routes: Record<string, string>): Promise<RoutesServer> {
  const worker = new Worker(workerSource, { eval: true, workerData: { routes } });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`routes server exited with code ${code} before listening`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}/api/v1`,
    close: () => stopServerWorker(worker),
  };
}

/** Asks a server's worker to close (it answers the message 'close' by closing and exiting), terminating it if it has not after 2 s. */
export async function stopServerWorker(worker: Worker): Promise<void> {
  worker.postMessage('close');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
