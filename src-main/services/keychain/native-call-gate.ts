// Lets one native keychain call run at a time, each with a deadline: keytar's calls hold a libuv worker (shared with
// fs, DNS and the app:// protocol) until libsecret returns, so a call that misses its deadline marks the keychain
// "not answering" and no further native call starts until that call has returned and a probe succeeded.

/** How the gate is set up by the keychain that owns it. */
export interface NativeCallGateOptions {
  /** How long one native call may take before the keychain is "not answering". */
  timeoutMs: number;
  /** The error every refused or timed-out call rejects with. */
  notAnswering: () => Error;
  /** Told when a call misses its deadline (the gate is then closed until `reopen()`). */
  onTimeout: () => void;
}

/** Runs native calls one after another; closed for the session after one time-out, until reopened by a probe. */
export interface NativeCallGate {
  /**
   * Runs `call` once every earlier call has returned or timed out. Rejects at once, without calling, while a timed-out
   * call still holds its worker, or while the gate is closed (unless `recovering`, which is for the probe).
   */
  run<T>(call: () => Promise<T>, options?: { recovering?: boolean }): Promise<T>;
  /** True while a call that missed its deadline has not returned yet (it still holds a thread-pool worker). */
  stuck(): boolean;
  /** True from a time-out until `reopen()`. */
  closed(): boolean;
  /** Opens the gate again after a probe got answers. */
  reopen(): void;
}

type Settled<T> = { value: T } | { error: unknown };

/** Creates a gate; the caller owns the status it reports. */
export function createNativeCallGate(options: NativeCallGateOptions): NativeCallGate {
  let tail: Promise<unknown> = Promise.resolve();
  let outstanding: Promise<unknown> | null = null;
  let isClosed = false;

  const start = async <T>(call: () => Promise<T>, recovering: boolean): Promise<T> => {
    if (outstanding !== null || (isClosed && !recovering)) throw options.notAnswering();
    const pending = call();
    const settled: Promise<Settled<T>> = pending.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.timeoutMs);
    });
    const first = await Promise.race([settled, late]);
    clearTimeout(timer);
    if (first === 'late') {
      outstanding = pending;
      void settled.then(() => {
        if (outstanding === pending) outstanding = null;
      });
      isClosed = true;
      options.onTimeout();
      throw options.notAnswering();
    }
    if ('error' in first) throw first.error;
    return first.value;
  };

  return {
    run(call, runOptions = {}) {
      const turn = tail.then(() => start(call, runOptions.recovering ?? false));
      tail = turn.catch(() => undefined);
      return turn;
    },
    stuck: () => outstanding !== null,
    closed: () => isClosed,
    reopen() {
      isClosed = false;
    },
  };
}
