// Runs the changes of one profile one after another, in the order they were asked for (security: never let an older change land over a newer one).
/** A queue per profile id; different profiles run side by side. */
export class ProfileQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `work` once every change queued before it for the same profile has settled. */
  run<T>(profileId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(profileId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(profileId, tail);
    void tail.then(() => {
      if (this.#tails.get(profileId) === tail) this.#tails.delete(profileId);
    });
    return next;
  }
}
