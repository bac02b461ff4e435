// Reads a value the user gives the command line (an access key): from standard input when it is not a terminal (`... | cloudmc
// profiles add`), else at a prompt on stderr that echoes nothing. Never from an argument (other users can read a process's arguments).
import type { Interrupts, OutStream } from './command-env';

/** Longest input read from a pipe (an access key is 43 characters; anything this long is not one). */
const maxPipedBytes = 64 * 1024;

/** The terminal's stdin as Node gives it (setRawMode only on a TTY). */
type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** The first line given; null when nothing was (stdin ended empty, Ctrl+C or Ctrl+D at the prompt). */
export function readSecret(prompt: string, stdin: Input, stderr: OutStream, interrupts: Interrupts): Promise<string | null> {
  return stdin.isTTY && stdin.setRawMode ? fromTerminal(prompt, stdin, stderr, interrupts) : fromPipe(stdin);
}

function fromPipe(stdin: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    const done = (): void => {
      stdin.off('data', onData);
      const line = text.split(/\r?\n/)[0] ?? '';
      resolve(line === '' ? null : line);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.length > maxPipedBytes || /\r?\n/.test(text)) {
        stdin.off('end', done);
        stdin.pause();
        done();
      }
    };
    stdin.on('data', onData);
    stdin.once('end', done);
  });
}

function fromTerminal(prompt: string, stdin: Input, stderr: OutStream, interrupts: Interrupts): Promise<string | null> {
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | null): void => {
      stdin.off('data', onData);
      stop();
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\u0003') {
          finish(null);
          return interrupts.fire(); // Ctrl+C: raw mode sends no SIGINT
        }
        if (ch === '\u0004' && typed === '') return finish(null);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    const stop = interrupts.on(() => finish(null));
    stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
