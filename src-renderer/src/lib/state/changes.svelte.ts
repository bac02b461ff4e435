// "Changes since your last visit": the shown profile's changes and those of every profile, as main computes them from local data.
import { bridge } from '../bridge/bridge';
import type { AllChangesView, ProfileChangesView } from '../../../../src-preload/contract/health';
import type { AppError } from './contract-types';

/** Main's changes since the last visit, for the key screen's bar and Key health's section. */
export class ChangesStore {
  /** The changes of the profile last asked for (its `profileId` says which). */
  profile = $state.raw<ProfileChangesView | null>(null);
  /** Every profile with changes (Key health). */
  all = $state.raw<AllChangesView | null>(null);
  #generation = 0;

  /** Reads a profile's changes again (with each list main sends for it); a later call wins over an earlier answer. */
  async loadProfile(profileId: string): Promise<void> {
    const generation = ++this.#generation;
    const result = await bridge.changes.forProfile({ profileId });
    if (generation === this.#generation) this.profile = result.ok ? result.value : null;
  }

  /** Reads every profile's changes. */
  async loadAll(): Promise<void> {
    const result = await bridge.changes.all({});
    if (result.ok) this.all = result.value;
  }

  /** The user has seen a profile's changes: main records the visit and answers what is left (nothing); the failure, if any. */
  async markSeen(profileId: string): Promise<AppError | null> {
    const generation = ++this.#generation;
    const result = await bridge.changes.markSeen({ profileId });
    if (!result.ok) return result.error;
    if (generation === this.#generation) this.profile = result.value;
    return null;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#generation += 1;
    this.profile = null;
    this.all = null;
  }
}

/** The changes singleton. */
export const changes = new ChangesStore();
