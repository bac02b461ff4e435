// A small work pool: runs async work over a list with at most `limit` pieces in flight (the app has no bulk operation to call).
import { performance } from 'node:perf_hooks';

/** What a pool run did: results in input order, its wall time, and how much of it overlapped. */
export interface PoolRun<R> {
  results: R[];
  wallMs: number;
  /** Sum of each piece's own time ÷ wall time: 1 means one after another, `limit` means always full. */
  averageInFlight: number;
  /** The most pieces the pool had started and not yet seen finish. */
  peakInFlight: number;
}

/** Runs `work` on every item, `limit` at a time; after a throw no new item starts, the pieces in flight finish, then the first error is thrown. */
export async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<PoolRun<R>> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`pool limit must be a positive integer, got ${limit}`);
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let busyMs = 0;
  let failure: { error: unknown } | null = null;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const index = next++;
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      const begun = performance.now();
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      } finally {
        busyMs += performance.now() - begun;
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  const wallMs = performance.now() - start;
  return { results, wallMs, averageInFlight: wallMs > 0 ? busyMs / wallMs : 0, peakInFlight };
}
