// A loopback proxy in front of the simulator that can hold CloudMC's answers: the request reaches CloudMC at once, its answer reaches the app only when released.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One held answer: CloudMC has answered, the app has not heard yet. */
interface Held {
  method: string;
  path: string;
  release: () => void;
  /** Settles once the answer has been written (or the app's connection is gone). */
  delivered: Promise<void>;
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
  /** Delivers the held answers matching the rule, goes on holding, and resolves once the next matching answer is held. */
  passAndHoldNext(method: string, pathSuffix: string): Promise<void>;
  /** Delivers the held answers matching the rule and resolves once they have been written to the app's connection. */
  releaseDelivered(method: string, pathSuffix: string): Promise<void>;
  /** Holds matching requests before CloudMC sees them (never forwarded): what "not sent yet" looks like to CloudMC. */
  holdRequests(method: string, pathSuffix: string): void;
  /** Resolves once a request matching the rule is held before CloudMC. */
  requestHeld(method: string, pathSuffix: string): Promise<void>;
  /** Stops holding anything: held answers are delivered, held requests dropped (their connections closed). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (the simulator's endpoint) on 127.0.0.1. */
export async function startHeldProxy(target: string): Promise<HeldProxy> {
  const upstream = new URL(target);
  const rules = new Set<string>();
  const heldAnswers: Held[] = [];
  const waiters: { key: string; resolve: () => void }[] = [];
  const requestRules = new Set<string>();
  const heldRequests: string[] = [];
  const heldRequestResponses: http.ServerResponse[] = [];
  const requestWaiters: { key: string; resolve: () => void }[] = [];
  const keyOf = (method: string, suffix: string): string => `${method.toUpperCase()} ${suffix}`;
  const matching = (method: string, path: string): string | undefined =>
    [...rules].find((r) => r.startsWith(`${method} `) && path.split('?')[0]!.endsWith(r.slice(method.length + 1)));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const kept = [...requestRules].find(
        (r) => r.startsWith(`${req.method} `) && (req.url ?? '').split('?')[0]!.endsWith(r.slice(r.indexOf(' ') + 1)),
      );
      if (kept) {
        heldRequests.push(kept);
        heldRequestResponses.push(res);
        for (const w of requestWaiters.filter((x) => x.key === kept)) w.resolve();
        return; // never forwarded: CloudMC does not hear of it
      }
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
            const delivered = new Promise<void>((resolve) => {
              res.on('finish', resolve);
              res.on('close', resolve);
            });
            heldAnswers.push({ method: req.method ?? 'GET', path: req.url ?? '', release: deliver, delivered });
            for (const w of waiters.filter((x) => x.key === rule)) w.resolve();
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  /** Resolves once an answer matching the rule is held. */
  const held = (method: string, suffix: string): Promise<void> => {
    const key = keyOf(method, suffix);
    if (heldAnswers.some((h) => matching(h.method, h.path) === key)) return Promise.resolve();
    return new Promise((resolve) => waiters.push({ key, resolve }));
  };
  /** Delivers the held answers matching the rule, oldest first, stops holding them, and resolves once they are written. */
  const releaseAll = async (method: string, suffix: string): Promise<void> => {
    const key = keyOf(method, suffix);
    const due = heldAnswers.filter(
      (x) => `${x.method} ${x.path.split('?')[0]}`.endsWith(key.slice(key.indexOf(' ') + 1)) && x.method === key.split(' ')[0],
    );
    for (const h of due) {
      heldAnswers.splice(heldAnswers.indexOf(h), 1);
      h.release();
    }
    rules.delete(key);
    await Promise.all(due.map((h) => h.delivered));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    hold: (method, suffix) => void rules.add(keyOf(method, suffix)),
    held,
    count: (method, suffix) => heldAnswers.filter((h) => h.method === method.toUpperCase() && h.path.split('?')[0]!.endsWith(suffix)).length,
    stop: (method, suffix) => void rules.delete(keyOf(method, suffix)),
    holdRequests: (method, suffix) => void requestRules.add(keyOf(method, suffix)),
    reset() {
      rules.clear();
      requestRules.clear();
      heldRequests.length = 0;
      for (const res of heldRequestResponses.splice(0)) res.destroy();
      for (const h of heldAnswers.splice(0)) h.release();
    },
    requestHeld(method, suffix) {
      const key = keyOf(method, suffix);
      if (heldRequests.includes(key)) return Promise.resolve();
      return new Promise((resolve) => requestWaiters.push({ key, resolve }));
    },
    release(method, suffix) {
      void releaseAll(method, suffix);
    },
    releaseDelivered: (method, suffix) => releaseAll(method, suffix),
    passAndHoldNext(method, suffix) {
      void releaseAll(method, suffix);
      rules.add(keyOf(method, suffix));
      return held(method, suffix);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
