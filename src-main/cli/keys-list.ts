// `keys list --profile P [--json] [--offline]`: a profile's keys from CloudMC (or the cached list), with which have a stored copy.
import type { KeysView, ProfileSummary } from '../../src-preload/contract/models';
import type { CommandEnv } from './command-env';
import { keyJson, notFoundFailure } from './command-helpers';
import { exitCodes } from './exit-codes';
import { formatTime, jsonText, safeText, table } from './output';
import { liveList, resolveProfile } from './resolve-names';

/** Key ids with a stored copy, or null when the keychain cannot tell. */
async function storedIds(env: CommandEnv, profileId: string): Promise<Set<string> | null> {
  if (!(await env.ctx.keychainStatus()).available) return null;
  try {
    return new Set(await env.ctx.copies.keyIds(profileId));
  } catch {
    return null;
  }
}

/** Names on stderr the keys a Generate cut short may have created, as the live list just read shows them (the app shows them too, with Revoke). */
async function printMaybeCreated(env: CommandEnv, profile: ProfileSummary): Promise<void> {
  for (const item of await env.ctx.services.maybeCreated.list(profile.id))
    for (const key of item.keys)
      env.stderr.write(
        `${env.t('maybe.found', {
          keyName: safeText(key.name),
          id: safeText(key.id),
          name: safeText(item.name ?? '?'),
          time: formatTime(item.startedAt, env.language),
          profile: safeText(profile.id),
        })}\n`,
      );
}

/** Prints the profile's keys: live unless `offline` (then the cached list, exit 3 when there is none). */
export async function keysList(env: CommandEnv, profileRef: string, offline: boolean): Promise<number> {
  const profile = await resolveProfile(env, profileRef);
  let list: NonNullable<KeysView['list']>;
  if (offline) {
    const cached = (await env.ctx.services.credentials.listCached(profile.id)).list;
    if (!cached) throw notFoundFailure('no-cached-list', env.t('list.no-cache', { profile: safeText(profile.name) }));
    list = cached;
  } else {
    list = (await liveList(env, profile)).list;
    await printMaybeCreated(env, profile);
  }
  const stored = await storedIds(env, profile.id);
  if (env.json) {
    env.stdout.write(
      jsonText({
        profile: { id: profile.id, name: profile.name },
        source: list.source,
        syncedAt: list.syncedAt,
        keys: list.keys.map((k) => keyJson(k, profile, stored)),
      }),
    );
    return exitCodes.ok;
  }
  const t = env.t;
  const title = t(list.source === 'live' ? 'list.live' : 'list.cached', {
    profile: safeText(profile.name),
    time: formatTime(list.syncedAt, env.language),
  });
  env.stdout.write(`${title}\n\n`);
  if (list.keys.length === 0) {
    env.stdout.write(`${t('list.empty')}\n`);
    return exitCodes.ok;
  }
  const yesNo = (v: boolean | null): string => (v === null ? t('value.unknown') : t(v ? 'value.yes' : 'value.no'));
  env.stdout.write(
    table(
      [t('col.name'), t('col.id'), t('col.created'), t('col.last-used'), t('col.last-ip'), t('col.stored')],
      list.keys.map((k) => [
        profile.accessKeyId === k.id ? `${k.name} ${t('value.own-key')}` : k.name,
        k.id,
        formatTime(k.creationDate, env.language),
        k.lastUsedDate ? formatTime(k.lastUsedDate, env.language) : t('value.never'),
        k.lastUsedIp ?? '',
        yesNo(stored ? stored.has(k.id) : null),
      ]),
    ),
  );
  return exitCodes.ok;
}
