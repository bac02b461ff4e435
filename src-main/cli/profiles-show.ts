// `profiles show PROFILE [--json]`: one profile, field by field.
import type { CommandEnv } from './command-env';
import { profileJson } from './command-helpers';
import { resolveProfile } from './resolve-names';
import { exitCodes } from './exit-codes';
import type { MessageKey } from './messages';
import { formatTime, jsonText, table } from './output';

/** Prints the profile (no key value: the access key is named by where it is). */
export async function profilesShow(env: CommandEnv, ref: string): Promise<number> {
  const p = await resolveProfile(env, ref);
  if (env.json) {
    env.stdout.write(jsonText({ profile: { ...profileJson(p), customCa: p.hasCustomCa } }));
    return exitCodes.ok;
  }
  const t = env.t;
  const rows: [MessageKey, string][] = [
    ['col.name', p.name],
    ['col.id', p.id],
    ['col.endpoint', p.endpoint],
    ['col.user', p.identity?.userName ?? ''],
    ['col.organization', p.identity?.organizationName ?? ''],
    ['col.access-key', t(`place.${p.accessKey}` as MessageKey)],
    ['col.ca', t(p.hasCustomCa ? 'value.yes' : 'value.no')],
    ['col.last-sync', p.lastSyncedAt ? formatTime(p.lastSyncedAt, env.language) : t('value.never')],
  ];
  // A two-column table with no header line: label, value.
  env.stdout.write(
    table(
      ['', ''],
      rows.map(([label, value]) => [t(label), value]),
    ).replace(/^.*\n/, ''),
  );
  return exitCodes.ok;
}
