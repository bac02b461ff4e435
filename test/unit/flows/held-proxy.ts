// A loopback proxy in front of the simulator that can hold CloudMC's answers: the request reaches CloudMC at once, its answer reaches the app only when released.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One held answer: CloudMC has answered, the app has not heard yet. */
interface Held {
  method: string;
  path: string;
  release: () => void;
}

/** The proxy and its controls. */
export interface HeldProxy {
  /** The endpoint to give the app (same path as the simulator's). */
  endpoint: string;
  /** Holds the answers of matching requests from now on (method and a path suffix, e.g. GET /api_keys). */
  hold(method: string, pathSuffix: string): void;
  /** Resolves once an answer matching the rule is held (CloudMC has answered it). */
  held(method: string, pathSuffix: string): Promise<void>;
  /** How many answers matching (method and path suffix) are held now. */
  count(method: string, pathSuffix: string): number;
  /** Stops holding new answers; those already held stay held until released. */
  stop(method: string, pathSuffix: string): void;
  /** Delivers the held answers matching the rule, oldest first, and stops holding them. */
  release(method: string, pathSuffix: string): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (the simulator's endpoint) on 127.0.0.1. */
export async function startHeldProxy(target: string): Promise<HeldProxy> {
  const upstream = new URL(target);
  const rules = new Set<string>();
  const heldAnswers: Held[] = [];
  const waiters: { key: string; resolve: () => void }[] = [];
  const keyOf = (method: string, suffix: string): string => `${method.toUpperCase()} ${suffix}`;
  const matching = (method: string, path: string): string | undefined =>
    [...rules].find((r) => r.startsWith(`${method} `) && path.split('?')[0]!.endsWith(r.slice(method.length + 1)));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const deliver = (): void => {
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            };
            const rule = matching(req.method ?? 'GET', req.url ?? '');
            if (!rule) return deliver();
            heldAnswers.push({ method: req.method ?? 'GET', path: req.url ?? '', release: deliver });
            for (const w of waiters.filter((x) => x.key === rule)) w.resolve();
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    hold: (method, suffix) => void rules.add(keyOf(method, suffix)),
    held(method, suffix) {
      const key = keyOf(method, suffix);
      if (heldAnswers.some((h) => matching(h.method, h.path) === key)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ key, resolve }));
    },
    count: (method, suffix) => heldAnswers.filter((h) => h.method === method.toUpperCase() && h.path.split('?')[0]!.endsWith(suffix)).length,
    stop: (method, suffix) => void rules.delete(keyOf(method, suffix)),
    release(method, suffix) {
      const key = keyOf(method, suffix);
      for (const h of heldAnswers.filter(
        (x) => `${x.method} ${x.path.split('?')[0]}`.endsWith(key.slice(key.indexOf(' ') + 1)) && x.method === key.split(' ')[0],
      )) {
        heldAnswers.splice(heldAnswers.indexOf(h), 1);
        h.release();
      }
      rules.delete(key);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
