// The selected profile's key list: cache first, then CloudMC; offline and error states; cancelling a refresh.
import { bridge } from '../bridge/bridge';
import { sortKeysNewestFirst } from '../format/sort';
import { newRequestId } from '../request-id';
import type { ApiKeyView, AppError, ErrorCode, KeyList, ProfileSummary } from './contract-types';
import { copies } from './copies.svelte';

/** Refresh failures after which a cached list is still worth showing ("Offline"). */
export const offlineCodes: readonly ErrorCode[] = ['unreachable', 'timeout', 'server-error', 'rate-limited', 'bad-response', 'response-too-large'];

/** Generate failures after which CloudMC may have created the key anyway: the list is refreshed so it shows up. */
export const uncertainGenerateCodes: readonly ErrorCode[] = ['timeout', 'unreachable', 'server-error', 'bad-response', 'cancelled'];

/** The i18n key of the Offline banner's first sentence for a failure: what kind of trouble CloudMC is in. */
export function offlineLeadKey(code: ErrorCode): string {
  if (code === 'rate-limited') return 'keys.offlineLimited';
  if (code === 'server-error' || code === 'bad-response' || code === 'response-too-large') return 'keys.offlineAbnormal';
  return 'keys.offlineUnreachable';
}

/** Whether the error's own message says more than the Offline banner's first sentence (not for a plain "could not be reached"). */
export function offlineReasonAddsInfo(error: AppError): boolean {
  return !(error.code === 'unreachable' && error.messageKey === 'errors.unreachable');
}

/** What a refresh outcome says about a profile's sync state (for the sidebar), or null when it says nothing. */
export function syncStateAfter(error: AppError | null, hadList: boolean): ProfileSummary['syncState'] | null {
  if (!error) return 'live';
  if (error.code === 'unauthorized') return 'rejected';
  if (offlineCodes.includes(error.code)) return hadList ? 'cached' : null;
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

  /** A cached list is shown because CloudMC could not be reached or did not answer normally. */
  get offline(): boolean {
    return this.hasList && this.error !== null && offlineCodes.includes(this.error.code);
  }

  /** CloudMC rejected the profile's access key, or it is not known this session. */
  get accessKeyProblem(): 'rejected' | 'missing' | null {
    if (this.error?.code === 'unauthorized') return 'rejected';
    if (this.error?.code === 'access-key-missing') return 'missing';
    return null;
  }

  /** Shows the cached list at once, then refreshes from CloudMC (unless the access key is missing). */
  async load(profileId: string, accessKeyMissing = false): Promise<void> {
    const generation = ++this.#generation;
    // The previous profile's refresh is of no use any more.
    if (this.refreshRequestId) void bridge.cancelRefresh({ requestId: this.refreshRequestId });
    this.#clear(profileId);
    this.loading = true;
    const cached = await bridge.listCachedKeys({ profileId });
    if (generation !== this.#generation) return;
    if (cached.ok && cached.value) this.#apply(cached.value);
    this.loading = false;
    void copies.load(profileId);
    if (accessKeyMissing) {
      this.error = { code: 'access-key-missing', messageKey: 'errors.access-key-missing', retryable: false };
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
    if (!result.ok && result.error.code === 'cancelled') {
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
    await bridge.cancelRefresh({ requestId });
  }

  /** After a failed generate that CloudMC may have carried out anyway: refresh so a created key shows up. */
  refreshAfterGenerateFailure(error: AppError): void {
    if (uncertainGenerateCodes.includes(error.code)) void this.refresh();
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
