// The stored copies of generated keys as the list shows them: which keys have one, copy on request (through main: a stored value never crosses the bridge), clean up orphans.
import type { CopyOutcome, StoredCopy } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import type { ClipboardService } from '../clipboard/clipboard-service';
import type { AppStores } from '../store/app-stores';
import type { KeychainCopies } from './keychain-copies';

/** Use-cases on stored copies. */
export interface StoredCopiesService {
  list(profileId: string): Promise<StoredCopy[]>;
  copy(profileId: string, keyId: string): Promise<CopyOutcome>;
  remove(profileId: string, keyId: string): Promise<void>;
  removeOrphans(profileId: string): Promise<{ removed: number }>;
}

/** Creates the service; orphan detection uses the last list synced from CloudMC (the cache). */
export function createStoredCopiesService(deps: {
  stores: AppStores;
  copies: KeychainCopies;
  clipboard: ClipboardService;
  requireProfile: (id: string) => unknown;
}): StoredCopiesService {
  const { stores, copies, clipboard } = deps;

  const read = async (profileId: string, keyId: string): Promise<string> => {
    deps.requireProfile(profileId);
    const value = await copies.read(profileId, keyId);
    if (value === null) throw fail('not-found');
    return value;
  };

  const list = async (profileId: string): Promise<StoredCopy[]> => {
    deps.requireProfile(profileId);
    const cached = stores.cache.get(profileId);
    const names = new Map((cached?.keys ?? []).map((k) => [k.id, k.name]));
    return (await copies.keyIds(profileId)).map((keyId) => ({
      keyId,
      keyName: names.get(keyId) ?? null,
      orphaned: cached !== undefined && !names.has(keyId),
    }));
  };

  return {
    list,
    async copy(profileId, keyId) {
      return clipboard.copySecret(await read(profileId, keyId));
    },
    async remove(profileId, keyId) {
      deps.requireProfile(profileId);
      if (!(await copies.remove(profileId, keyId))) throw fail('not-found');
    },
    async removeOrphans(profileId) {
      const orphans = (await list(profileId)).filter((c) => c.orphaned);
      for (const orphan of orphans) await copies.remove(profileId, orphan.keyId);
      return { removed: orphans.length };
    },
  };
}
