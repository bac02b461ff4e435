// The command-line channel's wire format: one JSON document a line. The client's first line is its hello (token and command),
// then requests `{id, op, args}`; the app answers `{id, ok, value}` or `{id, ok: false, error}`. Errors carry an AppError only.
import type { Socket } from 'node:net';
import type { AppError } from '../../../src-preload/contract/errors';

/** The client's first line. */
export interface Hello {
  hello: string;
  /** The command line's command ("keys generate", "read"...): only those that ask for a value may read one. */
  command: string;
}

/** A request after the hello. */
export interface Request {
  id: number;
  op: string;
  args: unknown[];
}

/** An answer to a request (or to the hello, with id 0). */
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { appError: AppError | null; refused?: true } };

/** Longest line either side accepts (a key list of thousands of keys fits; anything bigger is not ours). */
export const maxLineBytes = 8 * 1024 * 1024;

/** Commands that ask for a value: only their sessions may read an access key or a stored copy over the channel. */
export const secretCommands: readonly string[] = ['read', 'exec', 'run'];

/** Calls `onLine` with each parsed line; a line that is too long or not JSON ends the connection. */
export function readLines(socket: Socket, onLine: (doc: unknown) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > maxLineBytes) {
      socket.destroy();
      return;
    }
    for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let doc: unknown;
      try {
        doc = JSON.parse(line);
      } catch {
        socket.destroy();
        return;
      }
      onLine(doc);
    }
  });
}

/** Writes one document as a line (nothing once the other side is gone). */
export function writeLine(socket: Socket, doc: unknown): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(doc)}\n`);
}
