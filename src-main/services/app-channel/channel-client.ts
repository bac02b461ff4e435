// The command line's side of the channel: finds the running app's descriptor, checks the socket is this user's, connects, sends the
// token, then calls operations. Any doubt (no descriptor, a socket that is not ours, nobody listening, the hello refused) is null:
// the command line then works as it does without the app.
import net from 'node:net';
import { AppFailure } from '../../errors';
import { privateToUser, readDescriptor } from './channel-files';
import { readLines, writeLine, type Answer } from './channel-protocol';

/** A connection to the running app. */
export interface ChannelClient {
  /** The app's pid. */
  pid: number;
  /** Calls one operation; rejects with the app's AppFailure, or with `lost()` when the app went away. */
  call<T>(op: string, ...args: unknown[]): Promise<T>;
  close(): void;
}

/** Connects to the app of this data dir for `command`; null when no app answers with this run's token. */
export async function connectAppChannel(
  dataDir: string,
  command: string,
  opts: { lost: () => Error; helloTimeoutMs?: number },
): Promise<ChannelClient | null> {
  const descriptor = readDescriptor(dataDir);
  if (!descriptor) return null;
  if (process.platform !== 'win32' && !privateToUser(descriptor.address, 'socket')) return null;
  const socket = await new Promise<net.Socket | null>((resolve) => {
    const s = net.connect(descriptor.address);
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(null)); // ENOENT, ECONNREFUSED: the app that wrote it is gone
  });
  if (!socket) return null;
  socket.on('error', () => undefined);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let helloAnswered: ((answer: Answer | null) => void) | null = null;
  readLines(socket, (doc) => {
    const answer = doc as Answer;
    if (answer.id === 0) return helloAnswered?.(answer);
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(answer.error.appError ? appFailureOf(answer.error.appError) : new AppFailure('internal'));
  });
  socket.on('close', () => {
    helloAnswered?.(null);
    for (const waiting of pending.values()) waiting.reject(opts.lost());
    pending.clear();
  });
  const hello = await new Promise<Answer | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), opts.helloTimeoutMs ?? 5_000);
    helloAnswered = (answer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    writeLine(socket, { hello: descriptor.token, command });
  });
  helloAnswered = null;
  if (!hello?.ok) {
    socket.destroy();
    return null;
  }
  return {
    pid: (hello.value as { pid: number }).pid,
    call<T>(op: string, ...args: unknown[]) {
      if (socket.destroyed) return Promise.reject(opts.lost());
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        writeLine(socket, { id, op, args });
      });
    },
    close: () => socket.destroy(),
  };
}

/** The app's error as the AppFailure its services threw. */
function appFailureOf(appError: AppFailure['appError']): AppFailure {
  return new AppFailure(appError.code, {
    kind: appError.kind,
    messageKey: appError.messageKey,
    ...(appError.status !== undefined ? { status: appError.status } : {}),
    ...(appError.details ? { details: appError.details } : {}),
  });
}
