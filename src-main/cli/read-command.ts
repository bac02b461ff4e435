// `read cmc://PROFILE/KEYNAME`: one stored copy on stdout, alone on its line.
import { hasControlCharacter } from '../services/cloudmc/cloudmc-api';
import type { CommandEnv } from './command-env';
import { CliFailure, exitCodes } from './exit-codes';
import { safeText } from './output';
import { parseReference, storedCopyValue } from './stored-copy';
import { resolveProfile } from './resolve-names';

/** Prints the copy's value; a value holding a control character is refused (exit 1), never printed. */
export async function readCommand(env: CommandEnv, reference: string): Promise<number> {
  const parsed = parseReference(reference);
  if (!parsed) throw new CliFailure('usage', exitCodes.usage, env.t('usage.read-uri'));
  const profile = await resolveProfile(env, parsed.profile);
  const value = await storedCopyValue(env, profile, parsed.key);
  // A copy placed in the keychain by something else may hold a terminal escape: never printed (security.md 41).
  if (hasControlCharacter(value))
    throw new CliFailure('copy-unsafe', exitCodes.failed, env.t('copy.unsafe', { name: safeText(parsed.key), profile: safeText(profile.name) }));
  env.stdout.write(`${value}\n`);
  return exitCodes.ok;
}
