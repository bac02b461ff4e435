// `run --env-file FILE -- COMMAND [ARGS...]`: like `op run --env-file`, each `cmc://PROFILE/KEYNAME` of the file resolved to its
// stored copy into COMMAND's environment only. The file is only read; no resolved value is ever printed.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandEnv } from './command-env';
import { parseEnvFile } from './env-file';
import { runWithEnv } from './exec-command';
import { CliFailure, exitCodes } from './exit-codes';
import { safeText } from './output';
import { resolveProfile } from './resolve-names';
import { parseReference, storedCopyValue } from './stored-copy';

/** Resolves the file's references, then runs the command as `exec` does (signals forwarded, its exit code passed through). */
export async function runCommand(env: CommandEnv, envFile: string, command: string[]): Promise<number> {
  const t = env.t;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(envFile), 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CliFailure('env-file-unreadable', exitCodes.notFound, t('run.file-unreadable', { file: safeText(envFile), reason }));
  }
  const vars: Record<string, string> = {};
  const resolved = new Map<string, string>();
  for (const entry of parseEnvFile(text, envFile, t)) {
    if (!entry.reference) {
      vars[entry.name] = entry.value;
      continue;
    }
    const ref = parseReference(entry.value);
    if (!ref) throw new CliFailure('usage', exitCodes.usage, t('run.bad-reference', { line: String(entry.line), file: safeText(envFile) }));
    const key = `${ref.profile}\n${ref.key}`;
    if (!resolved.has(key)) {
      const profile = await resolveProfile(env, ref.profile);
      // A value is handed to a command that will call this endpoint with it: refused, as exec is, where the policy does not allow it.
      await env.ctx.services.policy.checkEndpoint(profile.endpoint);
      resolved.set(key, await storedCopyValue(env, profile, ref.key));
    }
    vars[entry.name] = resolved.get(key)!;
    env.interrupts.check();
  }
  await env.ctx.releaseLock(); // the command may run for hours; nothing is written from here
  const result = await runWithEnv(command, vars, env.signals);
  if (result.startError === 'ENOENT') env.stderr.write(`${t('exec.not-found', { cmd: safeText(command[0]!) })}\n`);
  else if (result.startError) env.stderr.write(`${t('exec.cannot-run', { cmd: safeText(command[0]!), reason: result.startError })}\n`);
  return result.exitCode;
}
