// The API key use-cases: cached list, live refresh, generate (with optional keychain copy), rename, revoke; ordered per profile.
import type {
  ApiKeyView,
  GeneratedKey,
  KeyList,
  KeySearchHit,
  KeySearchResult,
  KeysView,
  RenamedKey,
  RevokeOutcome,
} from '../../../src-preload/contract/models';
import type { AppError } from '../../../src-preload/contract/errors';
import { codePointLength, isInvisibleText, keyNameMaxCodePoints } from '../../../src-preload/contract/limits';
import { AppFailure, fail, toAppError } from '../../errors';
import { hasControlCharacter } from '../cloudmc/cloudmc-api';
import type { SyncStatus } from '../profiles/sync-status';
import type { CancellableRequests } from '../cancellable-requests';
import { bestEffort, bestEffortAsync } from '../local-writes';
import type { ProfileQueue } from '../profile-queue';
import type { AppStores } from '../store/app-stores';
import type { ProfileService } from '../profiles/profile-service';
import type { OneTimeSecrets } from '../secrets/one-time-secrets';
import type { KeychainCopies } from '../keychain/keychain-copies';
import { KeyListVersions, replay, type KeyMutation } from './key-list-versions';
import type { MaybeCreatedService } from './maybe-created';

/** The key use-cases for the IPC layer. */
export interface CredentialsService {
  /** The cached list at once, with the profile's summary. */
  listCached(profileId: string): Promise<KeysView>;
  /** Asks CloudMC; a failure comes back in the view beside the cached list (profile-not-found excepted). */
  refresh(profileId: string, requestId?: string): Promise<KeysView>;
  /** Searches every profile's cached list by key name or last IP (case-insensitive): the first `limit` hits, the total, and how many profiles have no list to search. */
  searchCached(query: string, limit: number): KeySearchResult;
  generate(profileId: string, name: string | undefined, storeInKeychain: boolean): Promise<GeneratedKey>;
  rename(profileId: string, keyId: string, name: string, requestId?: string): Promise<RenamedKey>;
  revoke(profileId: string, keyId: string, removeStoredCopy: boolean, requestId?: string): Promise<RevokeOutcome>;
  /** Forgets a removed profile's list versions. */
  forget(profileId: string): void;
  /** Records a key CloudMC confirmed it created outside `generate` (a rotation's replacement), exactly as generate does; answers the list after it. */
  recordAdded(profileId: string, key: ApiKeyView): { warning: AppError | null; list: KeyList | null };
}

/**
 * Checks a key name as CloudMC does (trimmed, 1 to 100 code points) and refuses names that show nothing, or hold a control character
 * (CloudMC's answer would then be refused, security.md 41), before any request is made.
 */
export function checkKeyName(name: string): string {
  const trimmed = name.trim();
  const length = codePointLength(trimmed);
  if (length === 0) throw fail('name-invalid', { details: { reason: 'empty' } });
  if (isInvisibleText(trimmed)) throw fail('name-invalid', { messageKey: 'errors.name-invisible', details: { reason: 'invisible' } });
  if (hasControlCharacter(trimmed)) throw fail('name-invalid', { messageKey: 'generate.nameControl', details: { reason: 'control-character' } });
  if (length > keyNameMaxCodePoints) throw fail('name-invalid', { details: { reason: 'too-long', max: keyNameMaxCodePoints } });
  return trimmed;
}

/** Orders keys as CloudMC's screen shows them: newest first, then by name. */
export function newestFirst(keys: ApiKeyView[]): ApiKeyView[] {
  // Dates are compared as instants (the same instant written two ways is a tie); an unreadable date sorts last.
  const at = (k: ApiKeyView): number => {
    const t = Date.parse(k.creationDate);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...keys].sort((a, b) => at(b) - at(a) || a.name.localeCompare(b.name));
}

/** Network failures that prove the request never left this machine (so nothing can have happened on CloudMC). */
const neverSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** A change that failed after its request may have reached CloudMC is `uncertain`: the user must look (the list is refreshed) before trying again. */
export function uncertainAfterSend(e: unknown, messageKey: string): unknown {
  if (!(e instanceof AppFailure)) return e;
  const { code, status, details } = e.appError;
  if (code === 'unreachable' && typeof details?.['reason'] === 'string' && neverSent.has(details['reason'])) return e;
  // A 4xx from CloudMC itself is a refusal; an unreadable 2xx, a proxy's page or a dropped answer says nothing about what happened.
  const unreadable = code === 'bad-response' && (status === undefined || status === 404 || status >= 500);
  const mayHaveHappened =
    code === 'timeout' ||
    code === 'unreachable' ||
    unreadable ||
    code === 'cancelled' ||
    code === 'response-too-large' ||
    (code === 'server-error' && status !== 503);
  if (!mayHaveHappened) return e;
  return fail(code, { kind: 'uncertain', messageKey, ...(status !== undefined ? { status } : {}), ...(details ? { details } : {}) });
}

/** Answers CloudMC made that the app refused (an unsafe id or value): the key may exist, and says why in its own words. */
const refusedAnswerReasons = new Set(['key-id', 'control-character']);

/** A Generate's failure: `uncertain` when the key may exist (no answer, or an answer the app refused), else as it came. */
function generateFailure(e: unknown): unknown {
  if (e instanceof AppFailure && e.appError.code === 'bad-response' && refusedAnswerReasons.has(String(e.appError.details?.['reason']))) {
    const { details } = e.appError;
    return fail('bad-response', { kind: 'uncertain', messageKey: 'generate.answerRefused', ...(details ? { details } : {}) });
  }
  return uncertainAfterSend(e, 'errors.generate-uncertain');
}

/** Creates the credentials service. */
export function createCredentialsService(deps: {
  stores: AppStores;
  profiles: ProfileService;
  secrets: OneTimeSecrets;
  copies: KeychainCopies;
  sync: SyncStatus;
  queue: ProfileQueue;
  requests: CancellableRequests;
  now: () => Date;
  /** Registers a new key value with the log redactor before anything could log it; the result stops that on dismiss. */
  hideFromLogs: (value: string) => () => void;
  /** Records each list CloudMC answered into the key-use history (best effort: never fails a refresh). */
  observe?: (profileId: string, keys: ApiKeyView[]) => void;
  /** A key's local note, which the search also matches. */
  noteOf?: (profileId: string, keyId: string) => string | undefined;
  /** Hears each change of a profile's known list (refresh, generate, rename, revoke, a rotation's key), to tell every window. */
  onViewChanged?: (profileId: string) => void;
  /** The generate-intent journal and its checks: each Generate is recorded before it is sent (docs/security.md 39). */
  maybeCreated: MaybeCreatedService;
}): CredentialsService {
  const { stores, profiles, secrets, copies, sync, queue, requests } = deps;
  const versions = new KeyListVersions();
  /** The last list known for each profile this session, for when the cache cannot hold it (read-only or full disk): the screen still shows what happened. */
  const lastKnown = new Map<string, { keys: ApiKeyView[]; syncedAt: string }>();
  const knownList = (profileId: string): { keys: ApiKeyView[]; syncedAt: string } | undefined =>
    stores.cache.get(profileId) ?? lastKnown.get(profileId);

  const saveList = (profileId: string, keys: ApiKeyView[]): KeyList => {
    const syncedAt = deps.now().toISOString();
    const sorted = newestFirst(keys);
    lastKnown.set(profileId, { keys: sorted, syncedAt });
    bestEffort(() => stores.cache.put(profileId, { keys: sorted, syncedAt })); // CloudMC answered: the list is shown even if it cannot be cached
    deps.onViewChanged?.(profileId);
    return { profileId, keys: sorted, syncedAt, source: 'live' };
  };

  /** Applies a confirmed mutation to the cached list (and to refreshes in flight); a failed write is a warning, the list shown is the changed one either way. */
  const applyMutation = (profileId: string, mutation: KeyMutation): { warning: AppError | null; list: KeyList | null } => {
    versions.record(profileId, mutation);
    if (mutation.kind === 'added') deps.maybeCreated.added(profileId, mutation.key.id);
    if (mutation.kind === 'removed') deps.maybeCreated.removed(profileId, mutation.keyId);
    const cached = knownList(profileId);
    if (!cached) return { warning: null, list: null };
    const changed = { ...cached, keys: newestFirst(replay(cached.keys, mutation)) };
    lastKnown.set(profileId, changed);
    const warning = bestEffort(() => stores.cache.put(profileId, changed));
    deps.onViewChanged?.(profileId);
    return { warning, list: { profileId, keys: changed.keys, syncedAt: changed.syncedAt, source: 'cache' } };
  };

  /** The key screen for a profile as main decided it. */
  const viewOf = async (profileId: string, list: KeyList | null, failure: AppError | null): Promise<KeysView> => ({
    profile: await profiles.summary(profileId),
    list,
    failure,
  });

  const cachedView = (profileId: string, source: KeyList['source']): KeyList | null => {
    const cached = knownList(profileId);
    return cached ? { profileId, keys: cached.keys, syncedAt: cached.syncedAt, source } : null;
  };

  return {
    async listCached(profileId) {
      profiles.get(profileId);
      return viewOf(profileId, cachedView(profileId, 'cache'), null);
    },
    async refresh(profileId, requestId) {
      const { signal, done } = requests.start(requestId); // before any await: a cancel sent right after the call is never lost
      const ticket = versions.begin(profileId);
      let reconciled = false;
      try {
        const client = await profiles.client(profileId);
        const answer = await client.listKeys(signal);
        profiles.get(profileId); // removed meanwhile: profile-not-found, and no file written for it
        const keys = versions.reconcile(profileId, ticket, answer);
        reconciled = true;
        sync.markLive(profileId);
        bestEffort(() => deps.observe?.(profileId, answer)); // what CloudMC answered, observed now; a history that cannot be saved changes nothing here
        // null: a refresh that started later has been applied already; this older answer is dropped.
        const list = keys === null ? (cachedView(profileId, 'live') ?? saveList(profileId, answer)) : saveList(profileId, keys);
        return viewOf(profileId, list, null);
      } catch (e) {
        if (e instanceof AppFailure && e.appError.code === 'profile-not-found') throw e;
        if (e instanceof AppFailure && e.appError.code === 'unauthorized') sync.markRejected(profileId);
        else if (e instanceof AppFailure && e.appError.code !== 'cancelled') sync.markUnreachable(profileId);
        if (!(e instanceof AppFailure)) throw e;
        return viewOf(profileId, cachedView(profileId, 'cache'), e.appError);
      } finally {
        if (!reconciled) versions.abandon(profileId, ticket);
        done();
      }
    },
    searchCached(query, limit) {
      const needle = query.trim().toLocaleLowerCase();
      const names = new Map(stores.config.read().profiles.map((p) => [p.id, p.name]));
      const lists = stores.cache.all();
      // Profiles with no cached list cannot be searched: counted, never skipped silently.
      const unsearched = [...names.keys()].filter((id) => !lists.has(id)).length;
      if (needle === '') return { hits: [], total: 0, unsearched };
      const hits: KeySearchHit[] = [];
      let total = 0;
      for (const [profileId, list] of lists) {
        const profileName = names.get(profileId);
        if (profileName === undefined) continue;
        for (const key of list.keys) {
          const matched = key.name.toLocaleLowerCase().includes(needle) ? 'name' : (key.lastUsedIp ?? '').includes(needle) ? 'ip' : undefined;
          const note = matched ? undefined : deps.noteOf?.(profileId, key.id);
          if (!matched && !note?.toLocaleLowerCase().includes(needle)) continue;
          total += 1; // every match is counted, so the UI can say how many are not shown
          if (hits.length >= limit) continue;
          // A hit says what matched; one found by the key's local note carries the note.
          const hit: KeySearchHit = matched
            ? { profileId, profileName, key, matched }
            : { profileId, profileName, key, matched: 'note', ...(note ? { note } : {}) };
          hits.push(hit);
        }
      }
      return { hits, total, unsearched };
    },
    async generate(profileId, name, storeInKeychain) {
      const checked = name === undefined || name.trim() === '' ? undefined : checkKeyName(name);
      return queue.run(profileId, async () => {
        const client = await profiles.client(profileId);
        // Recorded before sending (never the value): a journal that cannot be written refuses here, with nothing sent.
        const intent = deps.maybeCreated.begin(profileId, checked ?? null);
        let generated: Awaited<ReturnType<typeof client.generateKey>>;
        try {
          generated = await client.generateKey(checked);
        } catch (e) {
          const failure = generateFailure(e);
          if (failure instanceof AppFailure && failure.appError.kind === 'uncertain') deps.maybeCreated.uncertain(intent.id);
          else deps.maybeCreated.refused(intent.id);
          throw failure;
        }
        const { key, secret } = generated;
        // The value is held before anything else can fail: no disk write, keychain call or log line comes first.
        const release = deps.hideFromLogs(secret);
        const pending = secrets.add({ profileId, keyId: key.id, keyName: key.name, value: secret, release });
        const { warning, list } = applyMutation(profileId, { kind: 'added', key });
        let storeError: AppError | null = null;
        if (storeInKeychain) {
          try {
            await copies.store(profileId, key.id, secret);
            pending.stored = true;
          } catch (e) {
            storeError = toAppError(e); // the key exists on CloudMC: show it anyway, with why the copy failed
          }
        }
        deps.maybeCreated.handled(intent.id); // the value is held (and stored when asked), the key listed: nothing is uncertain
        return {
          key,
          secret,
          secretId: pending.secretId,
          storedInKeychain: pending.stored,
          storeError,
          warning,
          view: await viewOf(profileId, list, null),
        };
      });
    },
    async rename(profileId, keyId, name, requestId) {
      const checked = checkKeyName(name);
      const { signal, done } = requests.start(requestId);
      return queue
        .run(profileId, async () => {
          const client = await profiles.client(profileId);
          let renamed: ApiKeyView;
          try {
            renamed = await client.renameKey(keyId, checked, signal);
          } catch (e) {
            throw uncertainAfterSend(e, 'errors.change-uncertain');
          }
          const { warning, list } = applyMutation(profileId, { kind: 'renamed', key: renamed });
          return { key: renamed, warning, view: await viewOf(profileId, list, null) };
        })
        .finally(done);
    },
    async revoke(profileId, keyId, removeStoredCopy, requestId) {
      const { signal, done } = requests.start(requestId);
      return queue
        .run(profileId, async (): Promise<RevokeOutcome> => {
          const client = await profiles.client(profileId);
          let answer: 'revoked' | 'not-found';
          try {
            answer = await client.revokeKey(keyId, signal);
          } catch (e) {
            throw uncertainAfterSend(e, 'errors.change-uncertain');
          }
          if (answer === 'not-found') {
            // "Already revoked" only when CloudMC's own envelope said so and a fresh list confirms the key is gone.
            const fresh = await client.listKeys(signal);
            if (fresh.some((k) => k.id === keyId))
              throw fail('bad-response', { status: 404, messageKey: 'errors.unexpected-status', details: { reason: 'still-listed' } });
          }
          const { warning, list } = applyMutation(profileId, { kind: 'removed', keyId });
          const copyWarning = removeStoredCopy ? await bestEffortAsync(() => copies.remove(profileId, keyId)) : null;
          return {
            outcome: answer === 'revoked' ? 'revoked' : 'already-revoked',
            warning: warning ?? copyWarning,
            view: await viewOf(profileId, list, null),
          };
        })
        .finally(done);
    },
    recordAdded(profileId, key) {
      return applyMutation(profileId, { kind: 'added', key });
    },
    forget(profileId) {
      versions.forget(profileId);
      lastKnown.delete(profileId);
    },
  };
}
