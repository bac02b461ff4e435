// A loopback proxy in front of the simulator that can hold requests before CloudMC sees them (the app has sent its request, CloudMC
// receives it only when the test lets it through, even after the app that sent it is gone, as a slow network would), and hold
// CloudMC's answers (CloudMC has acted, the app has not heard), delivering them when told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The proxy and its controls. */
export interface GatedProxy {
  /** The endpoint to give the app (same path as the simulator's). */
  endpoint: string;
  /** Requests matching (method and a path suffix, e.g. POST /api_keys) are read but not sent on from now on. */
  gate(method: string, pathSuffix: string): void;
  /** Resolves once a matching request is held (the app has sent it; CloudMC has not seen it). */
  held(method: string, pathSuffix: string): Promise<void>;
  /** Sends the held matching requests on to CloudMC (their answers go back if the sender is still there) and stops gating. */
  letThrough(method: string, pathSuffix: string): Promise<void>;
  /** Drops the held matching requests: CloudMC never sees them. */
  drop(method: string, pathSuffix: string): void;
  /** Holds CloudMC's answers to matching requests from now on (the requests reach CloudMC at once). */
  holdAnswers(method: string, pathSuffix: string): void;
  /** Resolves once an answer matching the rule is held (CloudMC has answered it). */
  answerHeld(method: string, pathSuffix: string): Promise<void>;
  /** Writes the held matching answers to the app's sockets; resolves once the bytes are handed to the kernel. */
  deliver(method: string, pathSuffix: string): Promise<void>;
  close(): Promise<void>;
}

interface Held {
  rule: string;
  send: () => Promise<void>;
  drop: () => void;
}

/** Starts a gated proxy to `target` (the simulator's endpoint) on 127.0.0.1. */
export async function startGatedProxy(target: string): Promise<GatedProxy> {
  const upstream = new URL(target);
  const rules = new Set<string>();
  const held: Held[] = [];
  const waiters: { rule: string; resolve: () => void }[] = [];
  const answerRules = new Set<string>();
  const heldAnswers: { rule: string; deliver: () => Promise<void> }[] = [];
  const answerWaiters: { rule: string; resolve: () => void }[] = [];
  const ruleOf = (method: string, suffix: string): string => `${method.toUpperCase()} ${suffix}`;
  const matchingIn = (set: Set<string>, method: string, url: string): string | undefined =>
    [...set].find((r) => r.startsWith(`${method} `) && url.split('?')[0]!.endsWith(r.slice(method.length + 1)));
  const matching = (method: string, url: string): string | undefined => matchingIn(rules, method, url);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (): Promise<void> =>
        new Promise((resolve) => {
          const forward = http.request(
            { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
            (answer) => {
              const body: Buffer[] = [];
              answer.on('data', (c: Buffer) => body.push(c));
              answer.on('end', () => {
                const write = (): Promise<void> =>
                  new Promise((written) => {
                    if (res.destroyed || res.socket?.destroyed) return written();
                    res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body), () => written());
                  });
                const answerRule = matchingIn(answerRules, req.method ?? 'GET', req.url ?? '');
                if (answerRule) {
                  heldAnswers.push({ rule: answerRule, deliver: write });
                  for (const w of answerWaiters.filter((x) => x.rule === answerRule)) w.resolve();
                  return resolve();
                }
                void write().then(resolve);
              });
            },
          );
          forward.on('error', () => {
            res.destroy();
            resolve();
          });
          forward.end(Buffer.concat(chunks));
        });
      const rule = matching(req.method ?? 'GET', req.url ?? '');
      if (!rule) return void send();
      held.push({ rule, send, drop: () => res.destroy() });
      for (const w of waiters.filter((x) => x.rule === rule)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const take = (rule: string): Held[] => {
    const taken = held.filter((h) => h.rule === rule);
    for (const h of taken) held.splice(held.indexOf(h), 1);
    rules.delete(rule);
    return taken;
  };
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    gate: (method, suffix) => void rules.add(ruleOf(method, suffix)),
    held(method, suffix) {
      const rule = ruleOf(method, suffix);
      if (held.some((h) => h.rule === rule)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ rule, resolve }));
    },
    async letThrough(method, suffix) {
      await Promise.all(take(ruleOf(method, suffix)).map((h) => h.send()));
    },
    drop(method, suffix) {
      for (const h of take(ruleOf(method, suffix))) h.drop();
    },
    holdAnswers: (method, suffix) => void answerRules.add(ruleOf(method, suffix)),
    answerHeld(method, suffix) {
      const rule = ruleOf(method, suffix);
      if (heldAnswers.some((h) => h.rule === rule)) return Promise.resolve();
      return new Promise((resolve) => answerWaiters.push({ rule, resolve }));
    },
    async deliver(method, suffix) {
      const rule = ruleOf(method, suffix);
      answerRules.delete(rule);
      const taken = heldAnswers.filter((h) => h.rule === rule);
      for (const h of taken) heldAnswers.splice(heldAnswers.indexOf(h), 1);
      await Promise.all(taken.map((h) => h.deliver()));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
