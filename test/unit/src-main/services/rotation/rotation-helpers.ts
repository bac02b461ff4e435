// Test parts for rotations: a timer fired by the test, and a keychain whose calls for some accounts fail or never answer.
import { fail } from '../../../../../src-main/errors';
import type { Keychain } from '../../../../../src-main/services/keychain/keychain';
import type { RotationTimers } from '../../../../../src-main/services/rotation/rotation-timer';

/** The rotation timer under the test's hand: it records what is armed and fires it when told. */
export class ManualTimers implements RotationTimers {
  readonly armed = new Set<{ fire: () => void; ms: number }>();
  setTimeout(fire: () => void, ms: number): unknown {
    const handle = { fire, ms };
    this.armed.add(handle);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.armed.delete(handle as { fire: () => void; ms: number });
  }
  /** The delay of the one armed timer. */
  get delay(): number | undefined {
    return [...this.armed].at(-1)?.ms;
  }
  fire(): void {
    const all = [...this.armed];
    this.armed.clear();
    for (const t of all) t.fire();
  }
}

/** A keychain over `base` whose calls for matching accounts fail or never answer (the app "killed" while waiting). */
export function keychainWith(base: Keychain, rules: { failSet?: RegExp; hangSet?: RegExp; hangGet?: RegExp }): Keychain {
  const never = new Promise<never>(() => undefined);
  return {
    ...base,
    probe: () => base.probe(),
    onStatus: (l) => base.onStatus(l),
    async setSecret(account, value) {
      if (rules.failSet?.test(account)) throw fail('keychain-failed', { details: { reason: 'test-refused' } });
      if (rules.hangSet?.test(account)) return never;
      return base.setSecret(account, value);
    },
    async getSecret(account) {
      if (rules.hangGet?.test(account)) return never;
      return base.getSecret(account);
    },
    deleteSecret: (account) => base.deleteSecret(account),
    listAccounts: () => base.listAccounts(),
  };
}
