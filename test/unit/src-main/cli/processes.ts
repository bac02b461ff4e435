// Child processes for the CLI tests: a lock holder in its own process, lines read from a child's stdout as they come, and a command run
// to its end with what it printed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** The checkout's root. */
export const root = path.resolve(import.meta.dirname, '../../../..');

/** A running child whose stdout is read line by line. */
export interface LineChild {
  child: ChildProcessWithoutNullStreams;
  /** The next line the child prints (lines are queued as they come). */
  nextLine(): Promise<string>;
  /** Resolves with the exit code (or 128 + signal number). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a TypeScript file under node with tsx's loader (no tsx wrapper process: the pid is the script's). */
export function startTs(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): LineChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return withLines(child);
}

/** Reads a child's stdout as lines. */
export function withLines(child: ChildProcessWithoutNullStreams): LineChild {
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    nextLine: () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    exited,
  };
}

/** The lock-holder script. */
export const lockHolder = path.join(root, 'test/unit/src-main/cli/lock-holder.ts');

/** Starts a process that takes the data dir's lock as `mode` and answers what it got. */
export async function holdLock(
  dataDir: string,
  mode: 'cli' | 'app',
  waitForCliMs?: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ holder: LineChild; got: { pid: number; held: boolean } }> {
  const args = [dataDir, mode, ...(waitForCliMs === undefined ? [] : [String(waitForCliMs)])];
  const holder = startTs(lockHolder, args, { ...process.env, ...env });
  const got = JSON.parse(await holder.nextLine()) as { pid: number; held: boolean };
  return { holder, got };
}

/** Ends a lock holder (closing its stdin makes it release and exit). */
export async function endHolder(holder: LineChild): Promise<void> {
  holder.child.stdin.end();
  await holder.exited;
}

/** What a child printed and how it ended. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` (program, then its arguments) to its end from the checkout's root, `input` on its stdin (a pipe: not a terminal). */
export function runToEnd(command: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Finished> {
  return new Promise((resolve) => {
    const [program, ...args] = command;
    const child = spawn(program!, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(input);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
