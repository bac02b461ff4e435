// Copies text to the clipboard; secrets are cleared after a delay, only if the clipboard still holds them, and on quit.
import type { CopyOutcome } from '../../../src-preload/contract/models';

/** The system clipboard (Electron's `clipboard`, or the web host's relay to the browser). */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  /** Writes a secret with the OS marks that keep it out of clipboard history and cloud sync, where the platform has them. */
  writeSecret?(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void> | void;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The clipboard service. */
export interface ClipboardService {
  copyText(text: string): Promise<CopyOutcome>;
  copySecret(text: string): Promise<CopyOutcome>;
  /** Clears the clipboard now if it holds the last secret copied (called on quit). */
  clearSecretNow(): Promise<void>;
}

/** Creates the service; `clearAfterSeconds()` reads the current setting (0 = never clear). */
export function createClipboardService(
  port: ClipboardPort,
  clearAfterSeconds: () => number,
  timers: Timers = globalThis as unknown as Timers,
): ClipboardService {
  let lastSecret: string | null = null;
  let timer: unknown = null;

  const clearIfOurs = async (): Promise<void> => {
    const ours = lastSecret;
    lastSecret = null;
    if (ours !== null && (await port.readText()) === ours) await port.clear();
  };

  return {
    async copyText(text) {
      await port.writeText(text);
      return { clearAfterSeconds: null };
    },
    async copySecret(text) {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await (port.writeSecret ? port.writeSecret(text) : port.writeText(text));
      lastSecret = text;
      const seconds = clearAfterSeconds();
      if (seconds <= 0) return { clearAfterSeconds: null };
      timer = timers.setTimeout(() => {
        timer = null;
        void clearIfOurs();
      }, seconds * 1000);
      return { clearAfterSeconds: seconds };
    },
    async clearSecretNow() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await clearIfOurs();
    },
  };
}
