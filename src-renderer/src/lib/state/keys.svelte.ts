// The selected profile's key list: cache first, then CloudMC; offline and error states.
import { bridge } from '../bridge/bridge';
import type { ApiKeyView, AppError, ErrorCode, KeyList, ProfileSummary } from './contract-types';
import { copies } from './copies.svelte';

/** Refresh failures after which a cached list is still worth showing ("Offline"). */
export const offlineCodes: readonly ErrorCode[] = ['unreachable', 'timeout', 'server-error', 'rate-limited', 'bad-response'];

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
  keys = $state<ApiKeyView[]>([]);
  /** True once a list (cached or live) is known for this profile. */
  hasList = $state(false);
  syncedAt = $state<string | null>(null);
  source = $state<'live' | 'cache' | null>(null);
  loading = $state(false);
  refreshing = $state(false);
  error = $state<AppError | null>(null);
  #generation = 0;
  /** Told after each refresh so the sidebar can update the profile's state (set by the profiles store). */
  onsync: ((profileId: string, syncState: ProfileSummary['syncState'], syncedAt: string | null) => void) | null = null;

  /** A cached list is shown because CloudMC could not be reached. */
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
    this.profileId = profileId;
    this.keys = [];
    this.hasList = false;
    this.syncedAt = null;
    this.source = null;
    this.error = null;
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

  /** Reloads the list from CloudMC; on failure keeps whatever list is shown. */
  async refresh(): Promise<void> {
    const profileId = this.profileId;
    if (!profileId) return;
    const generation = this.#generation;
    this.refreshing = true;
    const result = await bridge.refreshKeys({ profileId });
    if (generation !== this.#generation) return;
    this.refreshing = false;
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

  /** Shows a list refreshed elsewhere (Refresh all) when it belongs to the shown profile. */
  applyRemote(list: KeyList): void {
    if (list.profileId !== this.profileId || this.refreshing) return;
    this.error = null;
    this.#apply(list);
    void copies.reload();
  }

  #apply(list: KeyList): void {
    this.keys = list.keys;
    this.syncedAt = list.syncedAt;
    this.source = list.source;
    this.hasList = true;
  }

  /** Adds a newly generated key at the top of the list. */
  add(key: ApiKeyView): void {
    this.keys = [key, ...this.keys.filter((k) => k.id !== key.id)];
    this.hasList = true;
  }

  /** Replaces a key after a rename. */
  replace(key: ApiKeyView): void {
    this.keys = this.keys.map((k) => (k.id === key.id ? key : k));
  }

  /** Removes a revoked key. */
  remove(keyId: string): void {
    this.keys = this.keys.filter((k) => k.id !== keyId);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#generation++;
    this.profileId = null;
    this.keys = [];
    this.hasList = false;
    this.syncedAt = null;
    this.source = null;
    this.loading = false;
    this.refreshing = false;
    this.error = null;
  }
}

/** The key list singleton. */
export const keys = new KeysStore();
