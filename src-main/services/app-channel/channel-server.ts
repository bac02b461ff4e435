// The running app's side of the command-line channel: a Unix socket (0600, in the data dir's 0700 `cli-channel` folder) or a
// Windows named pipe, and a per-run token in `channel.json` (0600). A connection that does not send the token first is closed;
// an authenticated one calls the app's own services, so their cache and the "key view changed" event follow at once.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppFailure, fail } from '../../errors';
import type { Logger } from '../../log';
import type { AppServices } from '../app-services';
import { channelDirOf, prepareChannelDir, removeDescriptor, socketAddressFor, writeDescriptor } from './channel-files';
import { readLines, secretCommands, writeLine, type Answer, type Hello, type Request } from './channel-protocol';
import { channelOps } from './channel-ops';

/** An open channel. */
export interface AppChannel {
  address: string;
  /** Stops listening, ends the connections, removes the descriptor and the socket. */
  close(): Promise<void>;
}

/** Opens the channel for the app that holds the data dir's writer lock; null (and a log line) when it cannot be opened. */
export async function openAppChannel(opts: { dataDir: string; services: AppServices; log?: Logger }): Promise<AppChannel | null> {
  const { dataDir, services, log } = opts;
  try {
    if (!prepareChannelDir(dataDir)) {
      log?.warn(`command-line channel not opened: ${channelDirOf(dataDir)} belongs to another user`);
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    const address = socketAddressFor(dataDir, randomBytes(12).toString('hex'));
    if (process.platform !== 'win32') fs.rmSync(address, { force: true }); // a socket left by an app that died
    const connections = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
      socket.on('error', () => undefined);
      serveConnection(socket, token, services, log);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => resolve());
    });
    if (process.platform !== 'win32') fs.chmodSync(address, 0o600);
    writeDescriptor(dataDir, { pid: process.pid, address, token });
    return {
      address,
      close: () =>
        new Promise<void>((resolve) => {
          removeDescriptor(dataDir, token);
          for (const socket of connections) socket.destroy();
          server.close(() => {
            if (process.platform !== 'win32' && path.dirname(address) !== channelDirOf(dataDir))
              fs.rmSync(path.dirname(address), { recursive: true, force: true });
            resolve();
          });
        }),
    };
  } catch (e) {
    log?.warn('command-line channel not opened', e);
    return null;
  }
}

/** One connection: the hello with the token first, then requests answered in any order (a cancel may pass a request in flight). */
function serveConnection(socket: net.Socket, token: string, services: AppServices, log: Logger | undefined): void {
  let session: Hello | null = null;
  const refuse = (): void => {
    writeLine(socket, { id: 0, ok: false, error: { appError: null, refused: true } } satisfies Answer);
    socket.end();
  };
  readLines(socket, (doc) => {
    if (session === null) {
      const hello = doc as Partial<Hello> | null;
      if (typeof hello?.hello !== 'string' || typeof hello.command !== 'string' || !sameToken(hello.hello, token)) return refuse();
      session = { hello: '', command: hello.command };
      writeLine(socket, { id: 0, ok: true, value: { pid: process.pid } } satisfies Answer);
      return;
    }
    const request = doc as Partial<Request> | null;
    if (typeof request?.id !== 'number' || typeof request.op !== 'string' || !Array.isArray(request.args)) return void socket.destroy();
    const { id, op, args } = request as Request;
    const mayReadSecrets = secretCommands.includes(session.command);
    void answer(services, op, args, mayReadSecrets).then(
      (value) => writeLine(socket, { id, ok: true, value: value ?? null } satisfies Answer),
      (e: unknown) => {
        if (!(e instanceof AppFailure)) log?.error(`command-line channel: ${op} failed`, e);
        writeLine(socket, { id, ok: false, error: { appError: e instanceof AppFailure ? e.appError : null } } satisfies Answer);
      },
    );
  });
}

/** Runs one operation; the ops that hand out a value only for a command that asks for one. */
async function answer(services: AppServices, op: string, args: unknown[], mayReadSecrets: boolean): Promise<unknown> {
  const entry = Object.hasOwn(channelOps, op) ? channelOps[op] : undefined;
  if (!entry) throw fail('internal');
  if (entry.secret && !mayReadSecrets) throw fail('internal');
  return entry.run(services, args);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
