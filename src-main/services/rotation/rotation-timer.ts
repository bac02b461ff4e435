// One timer in main for every rotation's next moment (a retirement deadline, or a paused step's next try); never keeps the process alive.
/** The clock functions the timer uses; tests pass their own to fire it when they choose. */
export interface RotationTimers {
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's own timers, unref'd so a pending retirement never holds the app open. */
export const systemTimers: RotationTimers = {
  setTimeout(fire, ms) {
    const handle = setTimeout(fire, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout's longest delay; a later moment is reached in steps. */
const longestDelayMs = 2 ** 31 - 1;

/** Wakes `onDue` at the earliest moment asked for; asking again replaces the previous moment. */
export class WakeUp {
  readonly #timers: RotationTimers;
  readonly #now: () => Date;
  readonly #onDue: () => void;
  #handle: unknown = null;
  #at: number | null = null;

  constructor(timers: RotationTimers, now: () => Date, onDue: () => void) {
    this.#timers = timers;
    this.#now = now;
    this.#onDue = onDue;
  }

  /** Arms the timer for `at` (null: nothing to wait for). */
  set(at: Date | null): void {
    this.clear();
    if (at === null) return;
    this.#at = at.getTime();
    const delay = Math.min(Math.max(0, this.#at - this.#now().getTime()), longestDelayMs);
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      this.#at = null;
      this.#onDue();
    }, delay);
  }

  /** The moment the timer is armed for, if any. */
  get at(): Date | null {
    return this.#at === null ? null : new Date(this.#at);
  }

  clear(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
    this.#at = null;
  }
}
