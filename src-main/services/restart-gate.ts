// Decides when the app may end itself (to install an update, after removing all data): never in the middle of a Generate, a rotation step,
// or with a one-time key not yet dismissed (security.md 47). Once a restart is decided, new work of those kinds is refused.
import type { BusyReason } from '../../src-preload/contract/updates';
import { fail, type AppFailure } from '../errors';

/** Work a restart must not cut short, tracked while it runs. */
export type GuardedWork = 'generate' | 'rotation';
/** Why the app is about to end: an update's install, or a removal of all data. */
export type Ending = 'update' | 'data-removal';

/** What the gate reads from the services besides the work it tracks itself. */
export interface GateChecks {
  /** True while a rotation step runs (also one the rotation timer or the start-up resume started). */
  rotationStepRunning(): boolean;
  /** True while a generated key's value waits in a notification (dismissing it is the user's call, not the app's). */
  oneTimeKeyOpen(): boolean;
}

/** The refusal shown when the app cannot end now, in the user's words: what to wait for. */
export function busyRefusal(reason: BusyReason): AppFailure {
  return fail('invalid-input', { messageKey: `updates.busy.${reason}`, details: { field: 'restart', reason } });
}

/** The gate over the app's ending. */
export class RestartGate {
  readonly #checks: GateChecks;
  readonly #running = new Map<GuardedWork, number>();
  #ending: Ending | null = null;

  constructor(checks: GateChecks) {
    this.#checks = checks;
  }

  /** Runs work a restart must wait for; refused once the app is ending. */
  async run<T>(kind: GuardedWork, work: () => Promise<T>): Promise<T> {
    if (this.#ending)
      throw fail('invalid-input', { messageKey: `updates.ending.${this.#ending}`, details: { field: 'restart', reason: this.#ending } });
    this.#running.set(kind, (this.#running.get(kind) ?? 0) + 1);
    try {
      return await work();
    } finally {
      this.#running.set(kind, (this.#running.get(kind) ?? 1) - 1);
    }
  }

  /** What ending the app now would cut short, or null when it is safe. */
  busyReason(): BusyReason | null {
    if ((this.#running.get('generate') ?? 0) > 0) return 'generate';
    if ((this.#running.get('rotation') ?? 0) > 0 || this.#checks.rotationStepRunning()) return 'rotation';
    if (this.#checks.oneTimeKeyOpen()) return 'one-time-key';
    return null;
  }

  /** Decides to end the app: throws the refusal while something is busy; from then on guarded work is refused. */
  close(ending: Ending): void {
    const reason = this.busyReason();
    if (reason) throw busyRefusal(reason);
    this.#ending = ending;
  }

  /** The ending did not happen after all (an install or a removal failed): work may start again. */
  reopen(): void {
    this.#ending = null;
  }
}
