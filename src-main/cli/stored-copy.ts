// A stored copy's value from the keychain, for `read`, `exec --key` and `run`; and the `cmc://PROFILE/KEYNAME` references that name one.
import type { ProfileSummary } from '../../src-preload/contract/models';
import { fail } from '../errors';
import type { CommandEnv } from './command-env';
import { notFoundFailure } from './command-helpers';
import type { CliFailure } from './exit-codes';
import { safeText } from './output';
import { pickByNameOrId } from './resolve-names';

/** Throws keychain-unavailable (exit 5) unless the keychain can be read now. */
export async function requireKeychain(env: CommandEnv): Promise<void> {
  const status = await env.ctx.keychainStatus();
  if (!status.available) throw fail('keychain-unavailable', { details: { reason: status.reason } });
}

/** The value of a stored copy, by key id or name (names from the cached list, or a live one when a stored key is not in it). */
export async function storedCopyValue(env: CommandEnv, profile: ProfileSummary, keyRef: string): Promise<string> {
  await requireKeychain(env);
  const ids = await env.ctx.copies.keyIds(profile.id);
  const notFound = (): CliFailure =>
    notFoundFailure('copy-not-found', env.t('copy.not-found', { name: safeText(keyRef), profile: safeText(profile.name) }));
  let id = ids.find((i) => i === keyRef);
  if (id === undefined && ids.length > 0) {
    const cached = (await env.ctx.services.credentials.listCached(profile.id)).list?.keys ?? [];
    let names = new Map(cached.map((k) => [k.id, k.name]));
    if (ids.some((i) => !names.has(i))) {
      // A copy of a key not in the cached list: the live list may know its name (best effort; offline keeps the cache).
      const view = await env.ctx.services.credentials.refresh(profile.id);
      if (view.list) names = new Map(view.list.keys.map((k) => [k.id, k.name]));
    }
    const candidates = ids.filter((i) => names.has(i)).map((i) => ({ id: i, name: names.get(i)! }));
    id = pickByNameOrId(candidates, keyRef, env.t('usage.ambiguous-key', { name: safeText(keyRef) }), notFound).id;
  }
  if (id === undefined) throw notFound();
  const value = await env.ctx.copies.read(profile.id, id);
  if (value === null) throw notFound();
  env.secrets.add(value);
  return value;
}

/** Splits `cmc://PROFILE/KEYNAME` (each part percent-decoded); null when it is not one. */
export function parseReference(reference: string): { profile: string; key: string } | null {
  const match = /^cmc:\/\/([^/]+)\/(.+)$/.exec(reference);
  if (!match) return null;
  try {
    const profile = decodeURIComponent(match[1]!);
    const key = decodeURIComponent(match[2]!);
    return profile.trim() && key.trim() ? { profile, key } : null;
  } catch {
    return null;
  }
}
