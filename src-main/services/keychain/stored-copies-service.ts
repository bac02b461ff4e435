// The stored copies of generated keys as the list shows them: which keys have one, copy on request (through main: a stored value never
// crosses the bridge), and "Clean up" of orphans, decided only from lists CloudMC answered after each copy was stored (security promise 38).
import type { AppError } from '../../../src-preload/contract/errors';
import type { CopyOutcome, KeysView, OrphanCheck, OrphanRemoval, StoredCopy } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import type { ClipboardService } from '../clipboard/clipboard-service';
import type { AppStores } from '../store/app-stores';
import { orphanedBy, type CopyRecord, type CopyRecords } from './copy-records';
import type { KeychainCopies } from './keychain-copies';

/** How long a Clean up check may serve the removal that follows it; older, main asks CloudMC again. */
export const orphanCheckFreshForMs = 2 * 60_000;

/** Use-cases on stored copies. */
export interface StoredCopiesService {
  /** The profile's copies; `orphaned` only when the cached list was answered after the copy was stored (or a Clean up check proved it). */
  list(profileId: string): Promise<StoredCopy[]>;
  copy(profileId: string, keyId: string): Promise<CopyOutcome>;
  remove(profileId: string, keyId: string): Promise<void>;
  /** Asks CloudMC for a fresh list and answers the copies it proves orphaned, removing nothing; CloudMC's failure when it cannot answer. */
  checkOrphans(profileId: string, requestId?: string): Promise<OrphanCheck>;
  /** Removes the named copies a fresh-enough list proves orphaned (asking CloudMC again when the last check does not prove one); keeps the others. */
  removeOrphans(profileId: string, keyIds: readonly string[], requestId?: string): Promise<OrphanRemoval>;
}

/** A Clean up check: when its list was asked for, and the copies (all in the keychain before then) whose key it lacks. */
interface Check {
  askedAt: number;
  absent: ReadonlySet<string>;
}

/** Creates the service. */
export function createStoredCopiesService(deps: {
  stores: AppStores;
  copies: KeychainCopies;
  records: CopyRecords;
  clipboard: ClipboardService;
  requireProfile: (id: string) => unknown;
  /** Asks CloudMC for the profile's list (the credentials service's refresh: the cache and the screen follow). */
  refresh: (profileId: string, requestId?: string) => Promise<KeysView>;
  now: () => Date;
}): StoredCopiesService {
  const { stores, copies, records, clipboard } = deps;
  const checks = new Map<string, Check>();

  const read = async (profileId: string, keyId: string): Promise<string> => {
    deps.requireProfile(profileId);
    const value = await copies.read(profileId, keyId);
    if (value === null) throw fail('not-found');
    return value;
  };

  /** The profile's copies now, with their records (a copy seen for the first time is noted as seen now). */
  const present = async (profileId: string): Promise<{ keyIds: string[]; records: ReadonlyMap<string, CopyRecord> }> => {
    deps.requireProfile(profileId);
    const keyIds = await copies.keyIds(profileId);
    return { keyIds, records: records.reconcile(profileId, keyIds) };
  };

  /**
   * True when the check's list proves the copy orphaned: it lacks the key, and the copy was in the keychain before the list was asked
   * for and not stored again since (only a store this app recorded after the check could make it a different copy).
   */
  const provenBy = (check: Check | undefined, record: CopyRecord | undefined, keyId: string): boolean =>
    check !== undefined && check.absent.has(keyId) && !(record?.how === 'stored' && Date.parse(record.at) >= check.askedAt);

  const check = async (profileId: string, requestId?: string): Promise<OrphanCheck> => {
    const { keyIds, records: known } = await present(profileId);
    const namesBefore = new Map((stores.cache.get(profileId)?.keys ?? []).map((k) => [k.id, k.name]));
    const askedAt = deps.now().getTime(); // every copy above was in the keychain before this list was asked for
    const view = await deps.refresh(profileId, requestId);
    if (view.failure || !view.list) throw failureFrom(view.failure);
    const listed = new Set(view.list.keys.map((k) => k.id));
    const absent = keyIds.filter((id) => !listed.has(id));
    checks.set(profileId, { askedAt, absent: new Set(absent) });
    return {
      orphans: absent.map((keyId) => ({ keyId, keyName: known.get(keyId)?.name ?? namesBefore.get(keyId) ?? null })),
      checkedAt: new Date(askedAt).toISOString(),
      view,
    };
  };

  return {
    async list(profileId) {
      const { keyIds, records: known } = await present(profileId);
      const cached = stores.cache.get(profileId);
      const names = new Map((cached?.keys ?? []).map((k) => [k.id, k.name]));
      const cachedList = cached ? { ids: new Set(names.keys()), answeredAt: Date.parse(cached.syncedAt) } : undefined;
      const lastCheck = checks.get(profileId);
      return keyIds.map((keyId) => {
        const record = known.get(keyId);
        return {
          keyId,
          keyName: names.get(keyId) ?? record?.name ?? null,
          orphaned: orphanedBy(record, cachedList, keyId) || provenBy(lastCheck, record, keyId),
        };
      });
    },
    async copy(profileId, keyId) {
      return clipboard.copySecret(await read(profileId, keyId));
    },
    async remove(profileId, keyId) {
      deps.requireProfile(profileId);
      if (!(await copies.remove(profileId, keyId))) throw fail('not-found');
    },
    checkOrphans: check,
    async removeOrphans(profileId, keyIds, requestId) {
      const { keyIds: current, records: known } = await present(profileId);
      const stored = new Set(current);
      const named = [...new Set(keyIds)].filter((id) => stored.has(id)); // a copy already gone needs nothing
      let last = checks.get(profileId);
      const stale = last === undefined || deps.now().getTime() - last.askedAt > orphanCheckFreshForMs;
      if (named.length > 0 && (stale || named.some((id) => !provenBy(last, known.get(id), id)))) {
        await check(profileId, requestId); // throws while CloudMC cannot answer: nothing is removed
        last = checks.get(profileId);
      }
      const outcome: OrphanRemoval = { removed: [], kept: [] };
      for (const keyId of named) {
        if (!provenBy(last, known.get(keyId), keyId)) outcome.kept.push(keyId);
        else if (await copies.remove(profileId, keyId)) outcome.removed.push(keyId);
      }
      return outcome;
    },
  };
}

/** The failure a refresh reported, thrown as it was decided (its kind and translated reason kept). */
function failureFrom(error: AppError | null): Error {
  if (!error) return fail('internal');
  const { code, kind, messageKey, status, details } = error;
  return fail(code, { kind, messageKey, ...(status !== undefined ? { status } : {}), ...(details ? { details } : {}) });
}
