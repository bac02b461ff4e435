// `__complete profiles|keys [--profile P]`: the names the completion scripts offer, one a line, from the cached data only: the
// profiles list and a profile's cached key list (no CloudMC call, no secret read). Hidden from the help and the completion words.
import type { CommandEnv } from './command-env';
import { resolveProfile } from './resolve-names';
import { exitCodes } from './exit-codes';

/** Prints the profile names, or the cached key names of `profileRef` (none when its keys were never listed). */
export async function completeNames(env: CommandEnv, what: string, profileRef: string | undefined): Promise<number> {
  let names: string[] = [];
  if (what === 'profiles') names = (await env.ctx.services.profiles.list()).map((p) => p.name);
  else if (what === 'keys' && profileRef) {
    const profile = await resolveProfile(env, profileRef);
    names = (await env.ctx.services.credentials.listCached(profile.id)).list?.keys.map((k) => k.name) ?? [];
  }
  // A name is one line: a newline in one (never expected) would split it, so such a name is left out.
  const lines = names.filter((n) => !/[\r\n]/.test(n));
  if (lines.length > 0) env.stdout.write(`${lines.join('\n')}\n`);
  return exitCodes.ok;
}
