// The selected profile's key list: cache first, then CloudMC; what main says went wrong (by kind); generate, rename, revoke.
import { bridge } from '../bridge/bridge';
import { sortKeysNewestFirst } from '../format/sort';
import { isolate } from '../format/bidi';
import { newRequestId } from '../request-id';
import type { ApiKeyView, AppError, ErrorKind, GeneratedKey, IpcResult, KeyList, ProfileSummary, RenamedKey, RevokeOutcome } from './contract-types';
import { copies } from './copies.svelte';
import { notices } from './notices.svelte';

/** Why a cached list is shown instead of a fresh one: CloudMC unreachable ("Offline"), limiting requests, or answering abnormally. */
export type StaleKind = Extract<ErrorKind, 'offline' | 'rate-limited' | 'server'>;

/** The stale kind of a refresh failure, or null when a cached list is not what to show for it. */
export function staleKind(error: AppError | null): StaleKind | null {
  const kind = error?.kind;
  return kind === 'offline' || kind === 'rate-limited' || kind === 'server' ? kind : null;
}

/** What stops changes to the list: the access key was rejected, is not known this session, or the keychain cannot give it. */
export type AccessKeyProblem = 'rejected' | 'missing' | 'unknown';

/** The access-key problem a failure stands for, or null. */
export function accessKeyProblemOf(error: AppError | null): AccessKeyProblem | null {
  if (error?.kind === 'rejected') return 'rejected';
  if (error?.kind === 'key-needed') return 'missing';
  if (error?.kind === 'keychain') return 'unknown';
  return null;
}

/** What a refresh outcome says about a profile's sync state (for the sidebar), or null when it says nothing. */
export function syncStateAfter(error: AppError | null, hadList: boolean): ProfileSummary['syncState'] | null {
  if (!error) return 'live';
  if (error.kind === 'rejected') return 'rejected';
  if (staleKind(error)) return hadList ? 'cached' : null;
  return null;
}

/** A change whose outcome on CloudMC is not known (no answer, or cancelled once sent): the list must be read again. */
export function mayHaveHappened(error: AppError): boolean {
  return error.kind === 'uncertain' || error.kind === 'cancelled';
}

/** The error shown instead of a refresh when the profile's access key cannot be used: not known, or the keychain is not answering. */
function accessKeyError(accessKey: ProfileSummary['accessKey']): AppError | null {
  if (accessKey === 'missing') return { code: 'access-key-missing', kind: 'key-needed', messageKey: 'errors.access-key-missing', retryable: false };
  if (accessKey === 'unknown') return { code: 'keychain-unavailable', kind: 'keychain', messageKey: 'keychain.not-answering', retryable: true };
  return null;
}

/** The key list of the selected profile. */
export class KeysStore {
  profileId = $state<string | null>(null);
  /** Newest first (by creation date, then name). */
  keys = $state<ApiKeyView[]>([]);
  /** True once a list (cached or live) is known for this profile. */
  hasList = $state(false);
  syncedAt = $state<string | null>(null);
  source = $state<'live' | 'cache' | null>(null);
  loading = $state(false);
  refreshing = $state(false);
  /** The request id of the refresh in flight (to cancel it), or null. */
  refreshRequestId = $state<string | null>(null);
  /** The last refresh was cancelled: what was shown is kept, with no error. */
  cancelled = $state(false);
  error = $state<AppError | null>(null);
  #generation = 0;
  /** Counts refreshes: only the answer to the latest one (not cancelled) is applied. */
  #refreshSeq = 0;
  /** Told after each refresh so the sidebar can update the profile's state (set by the profiles store). */
  onsync: ((profileId: string, syncState: ProfileSummary['syncState'], syncedAt: string | null) => void) | null = null;

  /** Why a cached list is shown instead of a fresh one (main's kind), or null. */
  get stale(): StaleKind | null {
    return this.hasList ? staleKind(this.error) : null;
  }

  /** A cached list is shown because CloudMC could not be reached ("Offline"). */
  get offline(): boolean {
    return this.stale === 'offline';
  }

  /** CloudMC rejected the profile's access key, it is not known this session, or the keychain cannot give it. */
  get accessKeyProblem(): AccessKeyProblem | null {
    return accessKeyProblemOf(this.error);
  }

  /** Shows the cached list at once, then refreshes from CloudMC (unless the profile's access key cannot be used). */
  async load(profileId: string, accessKey: ProfileSummary['accessKey'] = 'keychain'): Promise<void> {
    const generation = ++this.#generation;
    // The previous profile's refresh is of no use any more.
    if (this.refreshRequestId) void bridge.cancelRequest({ requestId: this.refreshRequestId });
    this.#clear(profileId);
    this.loading = true;
    const cached = await bridge.listCachedKeys({ profileId });
    if (generation !== this.#generation) return;
    if (cached.ok && cached.value) this.#apply(cached.value);
    this.loading = false;
    void copies.load(profileId);
    const blocked = accessKeyError(accessKey);
    if (blocked) {
      this.error = blocked;
      return;
    }
    await this.refresh();
  }

  /** Reloads the list from CloudMC; on failure keeps whatever list is shown; a cancelled refresh changes nothing. */
  async refresh(): Promise<void> {
    const profileId = this.profileId;
    if (!profileId) return;
    const generation = this.#generation;
    const seq = ++this.#refreshSeq;
    const requestId = newRequestId();
    this.refreshRequestId = requestId;
    this.refreshing = true;
    this.cancelled = false;
    const result = await bridge.refreshKeys({ profileId, requestId });
    if (generation !== this.#generation || seq !== this.#refreshSeq) return;
    this.refreshing = false;
    this.refreshRequestId = null;
    if (!result.ok && result.error.kind === 'cancelled') {
      this.cancelled = true;
      return;
    }
    if (result.ok) {
      this.error = null;
      this.#apply(result.value);
      void copies.reload();
    } else {
      this.error = result.error;
    }
    const state = syncStateAfter(this.error, this.hasList);
    if (state) this.onsync?.(profileId, state, this.syncedAt);
  }

  /** Cancels the refresh in flight: main aborts it, and its answer is ignored (what was shown stays). */
  async cancelRefresh(): Promise<void> {
    const requestId = this.refreshRequestId;
    if (!requestId) return;
    this.#refreshSeq++;
    this.refreshing = false;
    this.refreshRequestId = null;
    this.cancelled = true;
    await bridge.cancelRequest({ requestId });
  }

  /** Generates a key (never cancellable once sent); on success it joins the list, and a failure that may have created it refreshes the list. */
  async generate(profileId: string, input: { name?: string; storeInKeychain: boolean }): Promise<IpcResult<GeneratedKey>> {
    const result = await bridge.generateKey({ profileId, ...input });
    if (result.ok) {
      if (profileId === this.profileId) this.add(result.value.key);
      notices.warn(result.value.warning);
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** Renames a key (cancellable with `requestId`); a cancelled or unconfirmed rename refreshes the list, since it may have happened. */
  async rename(profileId: string, keyId: string, name: string, requestId?: string): Promise<IpcResult<RenamedKey>> {
    const result = await bridge.renameKey({ profileId, keyId, name, ...(requestId ? { requestId } : {}) });
    if (result.ok) {
      if (profileId === this.profileId) this.replace(result.value.key);
      notices.warn(result.value.warning);
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** Revokes a key (cancellable with `requestId`); says so when CloudMC confirmed it was already gone; a cancelled or unconfirmed revoke refreshes the list. */
  async revoke(profileId: string, key: ApiKeyView, removeStoredCopy: boolean | undefined, requestId?: string): Promise<IpcResult<RevokeOutcome>> {
    const result = await bridge.revokeKey({ profileId, keyId: key.id, ...(removeStoredCopy !== undefined ? { removeStoredCopy } : {}), ...(requestId ? { requestId } : {}) });
    if (result.ok) {
      if (profileId === this.profileId) this.remove(key.id);
      if (result.value.outcome === 'already-revoked') notices.add('revoke.alreadyRevoked', { name: isolate(key.name) });
      notices.warn(result.value.warning);
      void copies.reload();
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** After a change that may have happened on CloudMC anyway (unconfirmed, or stopped once sent): read the list again so it shows what is there. */
  #afterFailedChange(profileId: string, error: AppError): void {
    if (mayHaveHappened(error) && profileId === this.profileId) void this.refresh();
  }

  /** Shows a list refreshed elsewhere (Refresh all) when it belongs to the shown profile. */
  applyRemote(list: KeyList): void {
    if (list.profileId !== this.profileId || this.refreshing) return;
    this.error = null;
    this.cancelled = false;
    this.#apply(list);
    void copies.reload();
  }

  #apply(list: KeyList): void {
    this.keys = sortKeysNewestFirst(list.keys);
    this.syncedAt = list.syncedAt;
    this.source = list.source;
    this.hasList = true;
  }

  /** Adds a newly generated key (in its place: normally the top). */
  add(key: ApiKeyView): void {
    this.keys = sortKeysNewestFirst([key, ...this.keys.filter((k) => k.id !== key.id)]);
    this.hasList = true;
  }

  /** Replaces a key after a rename. */
  replace(key: ApiKeyView): void {
    this.keys = sortKeysNewestFirst(this.keys.map((k) => (k.id === key.id ? key : k)));
  }

  /** Removes a revoked key. */
  remove(keyId: string): void {
    this.keys = this.keys.filter((k) => k.id !== keyId);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#generation++;
    this.#refreshSeq++;
    this.#clear(null);
    this.loading = false;
  }

  /** Forgets the shown list, its origin, its refresh and its error. */
  #clear(profileId: string | null): void {
    this.profileId = profileId;
    this.keys = [];
    this.hasList = false;
    this.syncedAt = null;
    this.source = null;
    this.error = null;
    this.refreshing = false;
    this.refreshRequestId = null;
    this.cancelled = false;
  }
}

/** The key list singleton. */
export const keys = new KeysStore();
