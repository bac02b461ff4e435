// What every CLI command is given: the opened context, the translator, the terminal's streams and the interrupt source.
import type { CliContext } from './cli-context';
import type { SignalSource } from './exec-command';
import { CliFailure, exitCodes } from './exit-codes';
import type { CliLanguage, Translate } from './messages';

/** A line-oriented output stream (stdout or stderr). */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Ctrl+C and friends while a command runs: cancels the CloudMC call in flight, except a generate already sent. */
export class Interrupts {
  interrupted = false;
  readonly #listeners = new Set<() => void>();
  /** Called by the signal listener. */
  fire(): void {
    this.interrupted = true;
    for (const listener of [...this.#listeners]) listener();
  }
  /** Runs `listener` on the next interrupt; returns how to stop listening. */
  on(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Stops here with exit 130 if an interrupt came. */
  check(): void {
    if (this.interrupted) throw new CliFailure('interrupted', exitCodes.interrupted, '');
  }
}

/** What every command gets. */
export interface CommandEnv {
  ctx: CliContext;
  t: Translate;
  language: CliLanguage;
  stdout: OutStream;
  stderr: OutStream;
  /** Asks a yes/no question on the terminal; null when interrupted or stdin closed. */
  ask: (question: string) => Promise<string | null>;
  stdinIsTTY: boolean;
  /** Reads a value the user gives (an access key): standard input when it is not a terminal, else a prompt that shows nothing typed; null when none. */
  readSecret: (prompt: string) => Promise<string | null>;
  json: boolean;
  interrupts: Interrupts;
  signals: SignalSource;
  /** Values that must never be printed in an error (redacted if a message ever held one). */
  secrets: Set<string>;
}
