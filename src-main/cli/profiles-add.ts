// `profiles add NAME --endpoint URL [--ca FILE] [--json]`: the app's own Add profile (endpoint rules, the key verified against CloudMC,
// kept in the keychain); the access key comes from stdin or a hidden prompt, never from an argument.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CommandEnv } from './command-env';
import { profileJson } from './command-helpers';
import { CliFailure, exitCodes, keychainReason } from './exit-codes';
import type { MessageKey } from './messages';
import { jsonText, safeText } from './output';

/** Adds the profile; exit 5 when the command line alone could not keep its access key (no keychain). */
export async function profilesAdd(env: CommandEnv, name: string, endpoint: string, caFile: string | undefined): Promise<number> {
  const t = env.t;
  let caPem: string | undefined;
  if (caFile !== undefined) {
    try {
      caPem = fs.readFileSync(path.resolve(caFile), 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? 'EIO';
      throw new CliFailure('ca-unreadable', exitCodes.notFound, t('profiles.ca-unreadable', { file: safeText(caFile), reason }));
    }
  }
  // Alone, a key not kept in the keychain would be lost as the command ends; the running app keeps it for its session, as its form does.
  if (env.ctx.throughApp === null) {
    const status = await env.ctx.keychainStatus();
    if (!status.available)
      throw new CliFailure('keychain-unavailable', exitCodes.keychain, t('profiles.keychain-needed', { reason: keychainReason(status.reason, t) }));
  }
  const apiKey = (await env.readSecret(t('profiles.access-key-prompt', { endpoint: safeText(endpoint) })))?.trim() ?? '';
  env.interrupts.check();
  if (apiKey === '') throw new CliFailure('usage', exitCodes.usage, t('profiles.no-access-key'));
  env.secrets.add(apiKey);
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  let added;
  try {
    added = await env.ctx.services.profiles.add({ name, endpoint, apiKey, ...(caPem !== undefined ? { caPem } : {}) }, requestId);
  } finally {
    stop();
  }
  if (added.accessKey === 'session') env.stderr.write(`${t('profiles.session-only')}\n`);
  if (env.json) {
    env.stdout.write(jsonText({ profile: profileJson(added) }));
    return exitCodes.ok;
  }
  const text = t('profiles.added', {
    name: safeText(added.name),
    user: safeText(added.identity?.userName ?? '?'),
    organization: safeText(added.identity?.organizationName ?? '?'),
    place: t(`place.${added.accessKey}` as MessageKey),
  });
  env.stdout.write(`${text}\n`);
  return exitCodes.ok;
}
