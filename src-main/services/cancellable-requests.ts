// Lets the renderer cancel any CloudMC call it started: one AbortController per request id, registered before the first await.
/** The in-flight cancellable calls. */
export class CancellableRequests {
  readonly #running = new Map<string, AbortController>();
  /** Ids cancelled before their call registered (a cancel can overtake its call), remembered briefly. */
  readonly #cancelledEarly = new Set<string>();

  /** Registers a request and returns the signal its HTTP calls must honour; call `done` when it ends. */
  start(requestId: string | undefined): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    if (requestId === undefined) return { signal: controller.signal, done: () => undefined };
    if (this.#cancelledEarly.delete(requestId)) controller.abort();
    this.#running.get(requestId)?.abort();
    this.#running.set(requestId, controller);
    return { signal: controller.signal, done: () => this.#running.get(requestId) === controller && this.#running.delete(requestId) };
  }

  /** Cancels a request; an id not started yet is cancelled as soon as it starts. */
  cancel(requestId: string): void {
    const running = this.#running.get(requestId);
    if (running) {
      running.abort();
      this.#running.delete(requestId);
      return;
    }
    this.#cancelledEarly.add(requestId);
    if (this.#cancelledEarly.size > 1000) this.#cancelledEarly.delete(this.#cancelledEarly.values().next().value as string);
  }
}
