// Finds which of the user's keys a profile itself uses: the only key whose last use moves between two list calls.
import type { ApiKeyView } from '../../../src-preload/contract/models';
import type { CloudmcClient } from '../cloudmc/cloudmc-client';

/** How long finding the profile's own key may add to saving a profile (it is best effort: saving never waits longer). */
export const ownKeyBudgetMs = 5_000;

/**
 * The id of the key the client authenticates with, or null when it cannot be told apart
 * (CloudMC records last use lazily, or another client used a key at the same moment).
 */
export async function identifyOwnKey(client: CloudmcClient, signal?: AbortSignal): Promise<string | null> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), ownKeyBudgetMs);
  const bounded = AbortSignal.any([budget.signal, ...(signal ? [signal] : [])]);
  try {
    const first = await client.listKeys(bounded);
    await new Promise((resolve) => setTimeout(resolve, 20)); // last-use times are often kept to the millisecond: make the two calls differ
    const second = await client.listKeys(bounded);
    return onlyMovedKey(first, second);
  } finally {
    clearTimeout(timer);
  }
}

/** The one key whose last use changed between two lists, or null. */
function onlyMovedKey(first: ApiKeyView[], second: ApiKeyView[]): string | null {
  const before = new Map(first.map((k) => [k.id, k.lastUsedDate]));
  const moved = second.filter((k) => k.lastUsedDate !== null && before.has(k.id) && before.get(k.id) !== k.lastUsedDate);
  return moved.length === 1 ? (moved[0]?.id ?? null) : null;
}
