// `keys revoke --profile P --key KEY [--yes] [--keep-copy] [--json]`: revokes a key on CloudMC (and removes its stored copy).
import { randomUUID } from 'node:crypto';
import type { CommandEnv } from './command-env';
import { printWarning } from './command-helpers';
import { exitCodes } from './exit-codes';
import { jsonText, safeText } from './output';
import { resolveLiveKey, resolveProfile } from './resolve-names';

/** Asks first unless `yes` (a declined answer is exit 1); warns when the key is the profile's own access key. */
export async function keysRevoke(env: CommandEnv, profileRef: string, keyRef: string, yes: boolean, keepCopy: boolean): Promise<number> {
  const t = env.t;
  const profile = await resolveProfile(env, profileRef);
  const key = await resolveLiveKey(env, profile, keyRef);
  if (profile.accessKeyId === key.id) env.stderr.write(`${t('revoke.own-key', { profile: safeText(profile.name) })}\n`);
  if (!yes) {
    const answer = await env.ask(t('revoke.ask', { name: safeText(key.name), id: safeText(key.id), profile: safeText(profile.name) }));
    env.interrupts.check();
    const accepted = t('revoke.yes-answers').split(',');
    if (answer === null || !accepted.includes(answer.trim().toLocaleLowerCase())) {
      env.stderr.write(`${t('revoke.declined')}\n`);
      return exitCodes.failed;
    }
  }
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  let outcome;
  try {
    outcome = await env.ctx.services.credentials.revoke(profile.id, key.id, !keepCopy, requestId);
  } finally {
    stop();
  }
  const warnings = printWarning(env, outcome.warning);
  if (env.json)
    env.stdout.write(
      jsonText({ profile: { id: profile.id, name: profile.name }, key: { id: key.id, name: key.name }, outcome: outcome.outcome, warnings }),
    );
  else
    env.stdout.write(`${t(outcome.outcome === 'revoked' ? 'revoke.done' : 'revoke.already', { name: safeText(key.name), id: safeText(key.id) })}\n`);
  return exitCodes.ok;
}
