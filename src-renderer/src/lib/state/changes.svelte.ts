// "Changes since your last visit": the shown profile's changes and those of every profile, as main computes them from local data.
import { bridge } from '../bridge/bridge';
import type { AllChangesView, ProfileChangesView } from '../../../../src-preload/contract/health';
import type { ApiKeyView, AppError } from './contract-types';
import { keys } from './keys.svelte';

/** Main's changes since the last visit, for the key screen's bar and Key health's section. */
export class ChangesStore {
  /** The changes of the profile last asked for (its `profileId` says which). */
  profile = $state.raw<ProfileChangesView | null>(null);
  /** Every profile with changes (Key health). */
  all = $state.raw<AllChangesView | null>(null);
  #generation = 0;
  /** The list the opened screen came with: its changes came with it too, so that list asks nothing again. */
  #openedList: readonly ApiKeyView[] | null = null;

  /** Shows the changes that came with a profile's opened screen (`profiles.open`), beside the list they were computed from. */
  show(changes: ProfileChangesView, list: readonly ApiKeyView[]): void {
    this.#generation += 1;
    this.profile = changes;
    this.#openedList = list;
  }

  /** A list main sent for a profile: its changes are read again, unless it is the opened screen's own list. */
  reloadAfter(profileId: string, list: readonly ApiKeyView[]): void {
    if (this.profile?.profileId === profileId && list === this.#openedList) return;
    this.#openedList = null;
    void this.loadProfile(profileId);
  }

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
    this.#openedList = null;
  }
}

/** The changes singleton. */
export const changes = new ChangesStore();
// A profile's changes come with its opened screen (issue 22: no call before the rows).
keys.onScreen((screen) => changes.show(screen.changes, keys.keys));
