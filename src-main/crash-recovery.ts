// A renderer that crashes is reloaded a few times with growing delays, then an error page is shown: never an endless reload loop.
import type { Logger } from './log';

/** The window parts crash recovery needs. */
export interface CrashableWindow {
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  webContents: {
    reload(): void;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  };
}

/** Timer functions (fake in tests). */
export interface CrashTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  now(): number;
}

/** Delays before each reload; one more crash within `calmAfterMs` of the last shows the error page. */
export const reloadDelaysMs = [500, 2_000, 8_000] as const;
/** A renderer that ran this long without crashing starts again from the first delay. */
export const calmAfterMs = 60_000;

/** Watches a window's renderer; `errorPageUrl` is loaded once the reloads are used up. */
export function recoverFromCrashes(win: CrashableWindow, opts: { log: Logger; errorPageUrl: () => string; timers?: CrashTimers }): void {
  const timers: CrashTimers = opts.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), now: () => Date.now() };
  let crashes = 0;
  let lastCrashAt = -Infinity;
  win.webContents.on('render-process-gone', (_event, details) => {
    const now = timers.now();
    if (now - lastCrashAt > calmAfterMs) crashes = 0;
    lastCrashAt = now;
    const delay = reloadDelaysMs[crashes];
    crashes += 1;
    if (delay === undefined) {
      opts.log.error(`renderer gone (${details.reason}) ${crashes} times in a row: showing the error page`);
      if (!win.isDestroyed()) void win.loadURL(opts.errorPageUrl());
      return;
    }
    opts.log.warn(`renderer gone (${details.reason}), reloading in ${delay} ms`);
    timers.setTimeout(() => {
      if (!win.isDestroyed()) win.webContents.reload();
    }, delay);
  });
}
