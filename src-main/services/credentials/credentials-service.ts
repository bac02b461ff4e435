// The API key use-cases: cached list, live refresh, generate (with optional keychain copy), rename, revoke.
import type { ApiKeyView, GeneratedKey, KeyList, KeySearchHit } from '../../../src-preload/contract/models';
import type { AppError } from '../../../src-preload/contract/errors';
import { AppFailure, fail, toAppError } from '../../errors';
import type { SyncStatus } from '../profiles/sync-status';
import { CancellableRequests } from '../cancellable-requests';
import type { AppStores } from '../store/app-stores';
import type { ProfileService } from '../profiles/profile-service';
import type { OneTimeSecrets } from '../secrets/one-time-secrets';
import type { KeychainCopies } from '../keychain/keychain-copies';

const maxNameLength = 100;

/** The key use-cases for the IPC layer. */
export interface CredentialsService {
  listCached(profileId: string): KeyList | null;
  refresh(profileId: string, requestId?: string): Promise<KeyList>;
  cancelRefresh(requestId: string): void;
  /** Searches every profile's cached list by key name or last IP (case-insensitive). */
  searchCached(query: string, limit: number): KeySearchHit[];
  generate(profileId: string, name: string | undefined, storeInKeychain: boolean): Promise<GeneratedKey>;
  rename(profileId: string, keyId: string, name: string): Promise<ApiKeyView>;
  revoke(profileId: string, keyId: string, removeStoredCopy: boolean): Promise<void>;
}

/** Checks a key name as CloudMC does (trimmed, 1 to 100 characters) before any request is made. */
export function checkKeyName(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0) throw fail('name-invalid', { details: { reason: 'empty' } });
  if (length > maxNameLength) throw fail('name-invalid', { details: { reason: 'too-long', max: maxNameLength } });
  return trimmed;
}

/** Orders keys as CloudMC's screen shows them: newest first, then by name. */
export function newestFirst(keys: ApiKeyView[]): ApiKeyView[] {
  return [...keys].sort((a, b) => b.creationDate.localeCompare(a.creationDate) || a.name.localeCompare(b.name));
}

/** A generate that failed after the request may have reached CloudMC: the key may exist, so the user must check before trying again. */
function uncertainOutcome(e: unknown): unknown {
  if (!(e instanceof AppFailure)) return e;
  const { code, status } = e.appError;
  const mayExist = code === 'timeout' || code === 'unreachable' || code === 'bad-response' || code === 'cancelled' || code === 'response-too-large' || (code === 'server-error' && status !== 503);
  if (!mayExist) return e;
  return fail(code, { messageKey: 'errors.generate-uncertain', ...(status !== undefined ? { status } : {}), ...(e.appError.details ? { details: e.appError.details } : {}) });
}

/** Creates the credentials service. */
export function createCredentialsService(deps: {
  stores: AppStores;
  profiles: ProfileService;
  secrets: OneTimeSecrets;
  copies: KeychainCopies;
  sync: SyncStatus;
  keychainUsable: () => boolean;
  now: () => Date;
  /** Registers a new key value with the log redactor before anything could log it; the result stops that on dismiss. */
  hideFromLogs: (value: string) => () => void;
}): CredentialsService {
  const { stores, profiles, secrets, copies, sync } = deps;
  const requests = new CancellableRequests();

  const cacheList = (profileId: string, keys: ApiKeyView[]): KeyList => {
    const syncedAt = deps.now().toISOString();
    const sorted = newestFirst(keys);
    stores.cache.put(profileId, { keys: sorted, syncedAt });
    return { profileId, keys: sorted, syncedAt, source: 'live' };
  };

  const editCache = (profileId: string, edit: (keys: ApiKeyView[]) => ApiKeyView[]): void => {
    const cached = stores.cache.get(profileId);
    if (cached) stores.cache.put(profileId, { ...cached, keys: newestFirst(edit(cached.keys)) });
  };

  return {
    listCached(profileId) {
      profiles.get(profileId);
      const cached = stores.cache.get(profileId);
      return cached ? { profileId, keys: cached.keys, syncedAt: cached.syncedAt, source: 'cache' } : null;
    },
    async refresh(profileId, requestId) {
      const client = await profiles.client(profileId);
      const { signal, done } = requests.start(requestId);
      try {
        const list = cacheList(profileId, await client.listKeys(signal));
        sync.markLive(profileId);
        return list;
      } catch (e) {
        if (e instanceof AppFailure && e.appError.code === 'unauthorized') sync.markRejected(profileId);
        else if (e instanceof AppFailure && e.appError.code !== 'cancelled') sync.markUnreachable(profileId);
        throw e;
      } finally {
        done();
      }
    },
    cancelRefresh(requestId) {
      requests.cancel(requestId);
    },
    searchCached(query, limit) {
      const needle = query.trim().toLocaleLowerCase();
      if (needle === '') return [];
      const hits: KeySearchHit[] = [];
      const names = new Map(stores.config.read().profiles.map((p) => [p.id, p.name]));
      for (const [profileId, list] of stores.cache.all()) {
        const profileName = names.get(profileId);
        if (profileName === undefined) continue;
        for (const key of list.keys) {
          if (key.name.toLocaleLowerCase().includes(needle) || (key.lastUsedIp ?? '').includes(needle)) {
            hits.push({ profileId, profileName, key });
            if (hits.length >= limit) return hits;
          }
        }
      }
      return hits;
    },
    async generate(profileId, name, storeInKeychain) {
      const checked = name === undefined || name.trim() === '' ? undefined : checkKeyName(name);
      const client = await profiles.client(profileId);
      let generated: Awaited<ReturnType<typeof client.generateKey>>;
      try {
        generated = await client.generateKey(checked);
      } catch (e) {
        throw uncertainOutcome(e);
      }
      const { key, secret } = generated;
      const release = deps.hideFromLogs(secret);
      editCache(profileId, (keys) => [...keys.filter((k) => k.id !== key.id), key]);
      let storeError: AppError | null = null;
      let stored = false;
      if (storeInKeychain) {
        try {
          await copies.store(profileId, key.id, secret);
          stored = true;
        } catch (e) {
          storeError = toAppError(e); // the key exists on CloudMC: show it anyway, with why the copy failed
        }
      }
      const pending = secrets.add({ profileId, keyId: key.id, keyName: key.name, value: secret, release }, stored);
      return { key, secret, secretId: pending.secretId, storedInKeychain: stored, storeError, warning: null };
    },
    async rename(profileId, keyId, name) {
      const checked = checkKeyName(name);
      const renamed = await (await profiles.client(profileId)).renameKey(keyId, checked);
      editCache(profileId, (keys) => keys.map((k) => (k.id === keyId ? renamed : k)));
      return renamed;
    },
    async revoke(profileId, keyId, removeStoredCopy) {
      await (await profiles.client(profileId)).revokeKey(keyId);
      editCache(profileId, (keys) => keys.filter((k) => k.id !== keyId));
      if (removeStoredCopy && deps.keychainUsable()) await copies.remove(profileId, keyId);
    },
  };
}
