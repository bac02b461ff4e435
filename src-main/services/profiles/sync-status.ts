// Remembers, for this session, which profiles synced with CloudMC and which had their access key rejected.
import type { ProfileSummary } from '../../../src-preload/contract/models';

/** The session's sync outcomes by profile. */
export class SyncStatus {
  readonly #outcomes = new Map<string, 'live' | 'rejected'>();

  /** Records a successful sync. */
  markLive(profileId: string): void {
    this.#outcomes.set(profileId, 'live');
  }

  /** Records that CloudMC rejected the access key. */
  markRejected(profileId: string): void {
    this.#outcomes.set(profileId, 'rejected');
  }

  /** Records a failed sync that says nothing about the key (network, server): the cache is what is shown. */
  markUnreachable(profileId: string): void {
    this.#outcomes.delete(profileId);
  }

  /** Forgets a profile (removed, or its key replaced). */
  forget(profileId: string): void {
    this.#outcomes.delete(profileId);
  }

  /** The state shown beside a profile. */
  stateOf(profileId: string, hasCache: boolean): ProfileSummary['syncState'] {
    return this.#outcomes.get(profileId) ?? (hasCache ? 'cached' : 'never');
  }
}
