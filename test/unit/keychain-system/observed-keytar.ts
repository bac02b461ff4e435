// The real keytar module, with every native call counted: how many started, how many ran at once, which functions, and a way to await them all.
import { createRequire } from 'node:module';

type Keytar = typeof import('keytar');
const functions = ['getPassword', 'setPassword', 'deletePassword', 'findPassword', 'findCredentials'] as const;

/** What the test saw of keytar's native calls. */
export interface ObservedKeytar {
  /** Pass as `load` to createKeytarKeychain. */
  keytar: Keytar;
  /** Names of the native calls started, in order, with the account when there is one. */
  calls: { name: (typeof functions)[number]; account: string | null }[];
  /** The most native calls that were in flight at the same moment. */
  mostInFlight(): number;
  /** Waits until every native call started so far has returned (e.g. one stuck on a stopped daemon after SIGCONT). */
  settled(): Promise<void>;
}

/** Wraps the real keytar (loaded as the app loads it). */
export function observeKeytar(): ObservedKeytar {
  const real = createRequire(import.meta.url)('keytar') as Keytar;
  const calls: ObservedKeytar['calls'] = [];
  const pending = new Set<Promise<unknown>>();
  let inFlight = 0;
  let most = 0;
  const wrap =
    (name: (typeof functions)[number]) =>
    (...args: string[]) => {
      calls.push({ name, account: args[1] ?? null });
      inFlight += 1;
      most = Math.max(most, inFlight);
      const call = (real[name] as (...a: string[]) => Promise<unknown>)(...args);
      const done = call.then(
        () => undefined,
        () => undefined,
      );
      pending.add(done);
      void done.then(() => {
        inFlight -= 1;
        pending.delete(done);
      });
      return call;
    };
  const keytar = Object.fromEntries(functions.map((name) => [name, wrap(name)])) as unknown as Keytar;
  return {
    keytar,
    calls,
    mostInFlight: () => most,
    async settled() {
      await Promise.all([...pending]);
      // Let the keychain's own reactions to those calls run first (they were attached before this wait).
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
