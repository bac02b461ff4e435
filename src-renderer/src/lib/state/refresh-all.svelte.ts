// "Refresh all": refreshes every profile that has an access key, a few at a time, with progress and cancel.
import { bridge } from '../bridge/bridge';
import { newRequestId } from '../request-id';
import type { AppError, ProfileSummary } from './contract-types';
import { keys } from './keys.svelte';
import { health } from './health.svelte';
import { profiles } from './profiles.svelte';

/** Whether a profile's access key can be used (not missing, not behind a keychain that is not answering). */
export function canRefresh(profile: ProfileSummary): boolean {
  return profile.accessKey === 'keychain' || profile.accessKey === 'session';
}

/** How many profiles are refreshed at once. */
export const REFRESH_CONCURRENCY = 4;

/** One profile's line in the Refresh all results. */
export interface RefreshItem {
  profileId: string;
  name: string;
  status: 'waiting' | 'running' | 'ok' | 'failed' | 'cancelled';
  error: AppError | null;
  /** The request id of the call in flight, to cancel it. */
  requestId: string | null;
}

/** The current (or last) Refresh all run. */
export class RefreshAllStore {
  items = $state<RefreshItem[]>([]);
  running = $state(false);
  /** The results panel is shown (until closed). */
  open = $state(false);
  #run = 0;
  #cancelled = false;

  /** How many profiles are finished (ok, failed or cancelled). */
  readonly done = $derived(this.items.filter((i) => i.status !== 'waiting' && i.status !== 'running').length);

  /** Starts refreshing every profile with an access key; resolves when all are finished or the run is cancelled. */
  async start(list: readonly ProfileSummary[] = profiles.list): Promise<void> {
    if (this.running) return;
    const run = ++this.#run;
    this.#cancelled = false;
    this.items = list.filter(canRefresh).map((p) => ({ profileId: p.id, name: p.name, status: 'waiting', error: null, requestId: null }));
    this.open = true;
    this.running = true;
    let next = 0;
    // A pool, not a sequence: each worker takes the next waiting profile, so one slow profile holds only one slot.
    const worker = async (): Promise<void> => {
      while (!this.#cancelled && run === this.#run && next < this.items.length) {
        const item = this.items[next++];
        if (item) await this.#refreshOne(item, run);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, this.items.length) }, worker));
    if (run === this.#run && this.running) await this.#finish();
  }

  async #refreshOne(item: RefreshItem, run: number): Promise<void> {
    const requestId = newRequestId();
    item.status = 'running';
    item.requestId = requestId;
    const result = await bridge.keys.refresh({ profileId: item.profileId, requestId });
    if (run !== this.#run || item.status !== 'running') return;
    item.requestId = null;
    const failure = result.ok ? result.value.failure : result.error;
    if (result.ok) keys.applyView(result.value, true);
    item.status = failure === null ? 'ok' : failure.kind === 'cancelled' ? 'cancelled' : 'failed';
    item.error = failure;
  }

  /** Stops launching new refreshes and asks main to cancel those in flight. */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.#cancelled = true;
    const inFlight = this.items.filter((i) => i.status === 'running' && i.requestId);
    for (const item of this.items) {
      if (item.status === 'waiting' || item.status === 'running') item.status = 'cancelled';
    }
    await Promise.all(inFlight.map((i) => bridge.app.cancelRequest({ requestId: i.requestId ?? '' })));
    await this.#finish();
  }

  async #finish(): Promise<void> {
    this.running = false;
    await profiles.reload();
    void health.load(null); // the fresh lists change the findings counted beside each profile
  }

  /** Hides the results panel (not while running). */
  close(): void {
    if (!this.running) this.open = false;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#run++;
    this.#cancelled = false;
    this.items = [];
    this.running = false;
    this.open = false;
  }
}

/** The Refresh all singleton. */
export const refreshAll = new RefreshAllStore();
