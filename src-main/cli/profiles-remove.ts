// `profiles remove PROFILE [--yes] [--json]`: the app's own Remove (its access key and stored copies leave the keychain first).
import type { CommandEnv } from './command-env';
import { resolveProfile } from './resolve-names';
import { exitCodes } from './exit-codes';
import { jsonText, safeText } from './output';

/** Asks first on a terminal (run-cli refuses a pipe without --yes); a declined answer is exit 1. */
export async function profilesRemove(env: CommandEnv, ref: string, yes: boolean): Promise<number> {
  const t = env.t;
  const profile = await resolveProfile(env, ref);
  if (!yes) {
    const answer = await env.ask(t('profiles.remove-ask', { name: safeText(profile.name), endpoint: safeText(profile.endpoint) }));
    env.interrupts.check();
    if (answer === null || !t('revoke.yes-answers').split(',').includes(answer.trim().toLocaleLowerCase())) {
      env.stderr.write(`${t('profiles.remove-declined')}\n`);
      return exitCodes.failed;
    }
  }
  await env.ctx.services.profiles.remove(profile.id);
  if (env.json) env.stdout.write(jsonText({ profile: { id: profile.id, name: profile.name }, removed: true }));
  else env.stdout.write(`${t('profiles.removed', { name: safeText(profile.name) })}\n`);
  return exitCodes.ok;
}
