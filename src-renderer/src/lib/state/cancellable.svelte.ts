// One CloudMC call that the user can stop: it carries a fresh request id, and Cancel asks main to abort it.
import { bridge } from '../bridge/bridge';
import { newRequestId } from '../request-id';
import type { IpcResult } from './contract-types';

/** A form's call in flight (at most one at a time), with its request id so it can be cancelled. */
export class CancellableCall {
  requestId = $state<string | null>(null);
  /** Cancel was asked for the call in flight (its answer is still awaited: main answers `cancelled`, or what happened first). */
  cancelling = $state(false);
  /** The user asked to stop the last call (kept after it ended, so its outcome can be told apart from a plain failure). */
  stopped = $state(false);

  /** True while a call is in flight. */
  readonly busy = $derived(this.requestId !== null);

  /** Runs `call` with a fresh request id; answers what main answered. */
  async run<T>(call: (requestId: string) => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
    const requestId = newRequestId();
    this.requestId = requestId;
    this.cancelling = false;
    this.stopped = false;
    try {
      return await call(requestId);
    } finally {
      if (this.requestId === requestId) {
        this.requestId = null;
        this.cancelling = false;
      }
    }
  }

  /** Asks main to abort the call in flight; the call's own answer says how it ended. */
  async cancel(): Promise<void> {
    const requestId = this.requestId;
    if (!requestId || this.cancelling) return;
    this.cancelling = true;
    this.stopped = true;
    await bridge.app.cancelRequest({ requestId });
  }
}
