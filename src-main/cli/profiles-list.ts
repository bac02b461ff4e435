// `profiles list [--json]`: every profile, as a table or a JSON document.
import type { CommandEnv } from './command-env';
import { profileJson } from './command-helpers';
import { exitCodes } from './exit-codes';
import type { MessageKey } from './messages';
import { formatTime, jsonText, table } from './output';

/** Prints the profiles (no key value: the access key is named by where it is). */
export async function profilesList(env: CommandEnv): Promise<number> {
  const profiles = await env.ctx.services.profiles.list();
  if (env.json) {
    env.stdout.write(jsonText({ profiles: profiles.map(profileJson) }));
    return exitCodes.ok;
  }
  if (profiles.length === 0) {
    env.stdout.write(`${env.t('profiles.none')}\n`);
    return exitCodes.ok;
  }
  const t = env.t;
  env.stdout.write(
    table(
      [t('col.name'), t('col.endpoint'), t('col.user'), t('col.organization'), t('col.access-key'), t('col.last-sync')],
      profiles.map((p) => [
        p.name,
        p.endpoint,
        p.identity?.userName ?? '',
        p.identity?.organizationName ?? '',
        t(`place.${p.accessKey}` as MessageKey),
        p.lastSyncedAt ? formatTime(p.lastSyncedAt, env.language) : t('value.never'),
      ]),
    ),
  );
  return exitCodes.ok;
}
