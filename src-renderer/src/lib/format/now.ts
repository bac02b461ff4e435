// A clock for relative times ("3 minutes ago"): one shared timer, started while something shows a relative time.
import { readable, type Readable } from 'svelte/store';

/** How often relative times are recomputed, ms. */
export const NOW_INTERVAL_MS = 30_000;

/** The current time, updated every NOW_INTERVAL_MS while subscribed. */
export const now: Readable<Date> = readable(new Date(), (set) => {
  set(new Date());
  const timer = setInterval(() => set(new Date()), NOW_INTERVAL_MS);
  return () => clearInterval(timer);
});
