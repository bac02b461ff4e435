// Lets the renderer cancel a key-list refresh it started: one AbortController per request id, while it runs.
/** The in-flight refreshes. */
export class RefreshRequests {
  readonly #running = new Map<string, AbortController>();

  /** Registers a request and returns the signal its HTTP calls must honour. */
  start(requestId: string | undefined): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    if (requestId === undefined) return { signal: controller.signal, done: () => undefined };
    this.#running.get(requestId)?.abort();
    this.#running.set(requestId, controller);
    return { signal: controller.signal, done: () => this.#running.get(requestId) === controller && this.#running.delete(requestId) };
  }

  /** Cancels a request; unknown or finished ids are ignored. */
  cancel(requestId: string): void {
    this.#running.get(requestId)?.abort();
    this.#running.delete(requestId);
  }
}
