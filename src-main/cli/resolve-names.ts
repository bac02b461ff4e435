// Finds what a command names: a profile or a key of the live list, by id or name, as the user typed it.
import { randomUUID } from 'node:crypto';
import type { ApiKeyView, KeysView, ProfileSummary } from '../../src-preload/contract/models';
import { fail } from '../errors';
import type { CommandEnv } from './command-env';
import { notFoundFailure, progress } from './command-helpers';
import { AppFailureWithHint } from './describe-failure';
import { CliFailure, exitCodes } from './exit-codes';
import { formatTime, safeText } from './output';

/** Finds one item by id, then exact name, then name ignoring case; several matches are a usage error listing the candidates' ids. */
export function pickByNameOrId<T extends { id: string; name: string }>(
  items: readonly T[],
  ref: string,
  ambiguous: CliFailure['message'],
  notFound: () => CliFailure,
): T {
  const byId = items.find((i) => i.id === ref);
  if (byId) return byId;
  const wanted = ref.trim();
  for (const same of [(i: T) => i.name.trim() === wanted, (i: T) => i.name.trim().toLocaleLowerCase() === wanted.toLocaleLowerCase()]) {
    const found = items.filter(same);
    if (found.length === 1) return found[0]!;
    if (found.length > 1)
      throw new CliFailure(
        'ambiguous',
        exitCodes.usage,
        ambiguous,
        found.map((i) => `  ${i.id}  ${safeText(i.name)}`),
      );
  }
  throw notFound();
}

/** The profile named by `ref` (name or id). */
export async function resolveProfile(env: CommandEnv, ref: string): Promise<ProfileSummary> {
  const profiles = await env.ctx.services.profiles.list();
  return pickByNameOrId(profiles, ref, env.t('usage.ambiguous-profile', { name: safeText(ref) }), () =>
    notFoundFailure('profile-not-found', env.t('profile.not-found', { name: safeText(ref) })),
  );
}

/** A live list from CloudMC, or the failure as the CLI's error (with the cached list's time as a hint). */
export async function liveList(env: CommandEnv, profile: ProfileSummary): Promise<KeysView & { list: NonNullable<KeysView['list']> }> {
  progress(env, profile.endpoint);
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  try {
    const view = await env.ctx.services.credentials.refresh(profile.id, requestId);
    if (view.failure) {
      const hint = view.list ? [env.t('list.offline-hint', { time: formatTime(view.list.syncedAt, env.language) })] : [];
      throw new AppFailureWithHint(view.failure, view.failure.kind === 'offline' || view.failure.kind === 'server' ? hint : []);
    }
    if (!view.list) throw fail('bad-response');
    return view as KeysView & { list: NonNullable<KeysView['list']> };
  } finally {
    stop();
  }
}

/** A key of the live list, by id or name. */
export async function resolveLiveKey(env: CommandEnv, profile: ProfileSummary, ref: string): Promise<ApiKeyView> {
  const { list } = await liveList(env, profile);
  env.interrupts.check();
  return pickByNameOrId(list.keys, ref, env.t('usage.ambiguous-key', { name: safeText(ref) }), () =>
    notFoundFailure('key-not-found', env.t('key.not-found', { name: safeText(ref), profile: safeText(profile.name) })),
  );
}
