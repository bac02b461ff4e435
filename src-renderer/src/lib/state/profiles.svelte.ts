// The profiles list and which one is selected.
import { bridge } from '../bridge/bridge';
import type { AppError, ProfileSummary } from './contract-types';
import { keys } from './keys.svelte';

/** The profiles, as main describes them (never their access keys). */
export class ProfilesStore {
  list = $state<ProfileSummary[]>([]);
  selectedId = $state<string | null>(null);
  selectError = $state<AppError | null>(null);

  /** The selected profile, if any. */
  get selected(): ProfileSummary | null {
    return this.list.find((p) => p.id === this.selectedId) ?? null;
  }

  /** Replaces the whole list (start-up). */
  replaceAll(list: ProfileSummary[]): void {
    this.list = list;
    if (this.selectedId && !list.some((p) => p.id === this.selectedId)) this.selectedId = null;
  }

  /** Adds or updates one profile. */
  upsert(profile: ProfileSummary): void {
    const index = this.list.findIndex((p) => p.id === profile.id);
    if (index >= 0) this.list[index] = profile;
    else this.list.push(profile);
  }

  /** Selects a profile (remembered by main as the last used one) and loads its keys. */
  async select(profileId: string): Promise<void> {
    this.selectedId = profileId;
    this.selectError = null;
    const result = await bridge.selectProfile({ profileId });
    if (!result.ok) this.selectError = result.error;
    if (this.selectedId !== profileId) return;
    await keys.load(profileId, this.selected?.accessKey === 'missing');
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.list = [];
    this.selectedId = null;
    this.selectError = null;
  }
}

/** The profiles singleton. */
export const profiles = new ProfilesStore();
