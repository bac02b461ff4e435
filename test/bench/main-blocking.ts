// Measures how long the calling process's event loop stays blocked while some work runs: a 1 ms interval whose longest gap is the block.
import { performance } from 'node:perf_hooks';

/** What one measured piece of work gave: its wall time, the longest event-loop block during it, and its outcome. */
export interface Blocking<T> {
  elapsedMs: number;
  longestBlockMs: number;
  outcome: { ok: true; value: T } | { ok: false; error: unknown };
}

/** Runs `work` under a lag probe; a throw is kept as the outcome, never rethrown. */
export async function measureBlocking<T>(work: () => Promise<T> | T): Promise<Blocking<T>> {
  await settle();
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  let outcome: Blocking<T>['outcome'];
  try {
    outcome = { ok: true, value: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const end = performance.now();
  // A block that ends with the work has not been seen by the interval yet: count the last gap too.
  longest = Math.max(longest, end - last);
  clearInterval(probe);
  return { elapsedMs: end - start, longestBlockMs: longest, outcome };
}

/** Lets pending I/O and timers from earlier steps run, so they are not charged to the next measurement. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
