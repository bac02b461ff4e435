// `keys rename --profile P --key KEY --name NEW [--json]`: renames a key on CloudMC.
import { randomUUID } from 'node:crypto';
import { checkKeyName } from '../services/credentials/credentials-service';
import type { CommandEnv } from './command-env';
import { keyJson, printWarning } from './command-helpers';
import { exitCodes } from './exit-codes';
import { jsonText, safeText } from './output';
import { resolveLiveKey, resolveProfile } from './resolve-names';

/** Renames the key found in the live list (Ctrl+C cancels the call). */
export async function keysRename(env: CommandEnv, profileRef: string, keyRef: string, newName: string): Promise<number> {
  const checked = checkKeyName(newName);
  const profile = await resolveProfile(env, profileRef);
  const key = await resolveLiveKey(env, profile, keyRef);
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  let renamed;
  try {
    renamed = await env.ctx.services.credentials.rename(profile.id, key.id, checked, requestId);
  } finally {
    stop();
  }
  const warnings = printWarning(env, renamed.warning);
  if (env.json) env.stdout.write(jsonText({ profile: { id: profile.id, name: profile.name }, key: keyJson(renamed.key, profile, null), warnings }));
  else env.stdout.write(`${env.t('rename.done', { id: safeText(renamed.key.id), name: safeText(renamed.key.name) })}\n`);
  return exitCodes.ok;
}
