// `exec --profile P [--key NAME] -- COMMAND [ARGS...]`, and how `exec` and `run` start a command with extra environment variables
// only in its environment: stdio inherited, signals forwarded, its exit code passed through.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fail } from '../errors';
import type { CommandEnv } from './command-env';
import { exitCodes } from './exit-codes';
import { safeText } from './output';
import { resolveProfile } from './resolve-names';
import { requireKeychain, storedCopyValue } from './stored-copy';

/** The signals forwarded to the command (Ctrl+C, termination, a closed terminal). */
export const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Where the CLI hears signals (the process, or an emitter in tests). */
export interface SignalSource {
  on(signal: (typeof forwardedSignals)[number], listener: () => void): unknown;
  off(signal: (typeof forwardedSignals)[number], listener: () => void): unknown;
}

/** How the command ended, for the CLI's exit code: its own code, 128 + signal number when a signal ended it, 126/127 when it could not start. */
export interface ExecResult {
  exitCode: number;
  /** Set when it could not start: the errno code (ENOENT, EACCES...). */
  startError?: string;
}

/**
 * Spawns `command` directly (no shell: arguments are passed as they are) with `extraEnv` added to this process's environment.
 * The values are in the child's environment only: never on its command line, in a file, or in this process's own environment.
 */
export function runWithEnv(command: readonly string[], extraEnv: Record<string, string>, signals: SignalSource): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    const forward = forwardedSignals.map((signal) => {
      const listener = (): void => void child.kill(signal);
      signals.on(signal, listener);
      return () => signals.off(signal, listener);
    });
    let settled = false;
    const done = (result: ExecResult): void => {
      if (settled) return;
      settled = true;
      forward.forEach((stop) => stop());
      resolve(result);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'EUNKNOWN';
      done({ exitCode: code === 'ENOENT' ? exitCodes.commandNotFound : exitCodes.cannotRun, startError: code });
    });
    child.once('exit', (code, signal) => {
      if (code !== null) return done({ exitCode: code });
      const number = signal ? os.constants.signals[signal] : undefined;
      done({ exitCode: 128 + (number ?? 0) });
    });
  });
}

/** `exec`: the value goes into the command's environment only. */
export async function execCommand(env: CommandEnv, profileRef: string, keyRef: string | undefined, command: string[]): Promise<number> {
  const profile = await resolveProfile(env, profileRef);
  // The command is handed the key to call this endpoint with: refused, as the app refuses, when the organization does not allow it.
  await env.ctx.services.policy.checkEndpoint(profile.endpoint);
  let value: string;
  if (keyRef !== undefined) value = await storedCopyValue(env, profile, keyRef);
  else {
    await requireKeychain(env);
    const accessKey = await env.ctx.vault.get(profile.id);
    if (accessKey === null) throw fail('access-key-missing');
    value = accessKey;
  }
  env.secrets.add(value);
  env.interrupts.check();
  await env.ctx.releaseLock(); // the command may run for hours; nothing is written from here
  const result = await runWithEnv(command, { CLOUDMC_ENDPOINT: profile.endpoint, CLOUDMC_API_KEY: value }, env.signals);
  if (result.startError === 'ENOENT') env.stderr.write(`${env.t('exec.not-found', { cmd: safeText(command[0]!) })}\n`);
  else if (result.startError) env.stderr.write(`${env.t('exec.cannot-run', { cmd: safeText(command[0]!), reason: result.startError })}\n`);
  return result.exitCode;
}
