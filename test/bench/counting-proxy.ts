// A loopback HTTP relay in front of the simulator that counts the CloudMC calls in flight: the evidence that adds overlap, and by how much.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running relay. */
export interface CountingProxy {
  /** The relay's address with the simulator's API path, to give a profile as its endpoint. */
  endpoint: string;
  /** Calls forwarded so far. */
  readonly calls: number;
  /** The most calls in flight at once since the last reset. */
  readonly peakInFlight: number;
  resetPeak(): void;
  close(): Promise<void>;
}

/** Starts a relay forwarding every request to `target` (an http://127.0.0.1:port/… endpoint), path kept. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let inFlight = 0;
  let peak = 0;
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls++;
    inFlight++;
    peak = Math.max(peak, inFlight);
    let ended = false;
    const done = (): void => {
      if (ended) return;
      ended = true;
      inFlight--;
    };
    res.once('finish', done);
    res.once('close', done);
    const forward = http.request(
      { agent, host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    get calls() {
      return calls;
    },
    get peakInFlight() {
      return peak;
    },
    resetPeak: () => {
      peak = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
