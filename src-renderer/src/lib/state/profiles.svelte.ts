// The profiles list and which one is selected.
import { bridge } from '../bridge/bridge';
import type { AppError, ImportReport, IpcResult, ProfileExport, ProfileScreen, ProfileShortcuts, ProfileSummary } from './contract-types';
import { keys } from './keys.svelte';

/** The profiles, as main describes them (never their access keys). */
export class ProfilesStore {
  list = $state<ProfileSummary[]>([]);
  selectedId = $state<string | null>(null);
  selectError = $state<AppError | null>(null);
  /** The sidebar's pinned and recent profiles, as main last reported them. */
  shortcuts = $state<ProfileShortcuts>({ pinned: [], recent: [] });

  /** The selected profile, if any. */
  readonly selected = $derived<ProfileSummary | null>(this.list.find((p) => p.id === this.selectedId) ?? null);

  /** Replaces the whole list (start-up). */
  replaceAll(list: ProfileSummary[]): void {
    this.list = list;
    if (this.selectedId && !list.some((p) => p.id === this.selectedId)) this.selectedId = null;
  }

  /** Adds or replaces one profile with main's summary of it (main decides its sync state). */
  upsert(profile: ProfileSummary): void {
    const index = this.list.findIndex((p) => p.id === profile.id);
    if (index >= 0) this.list[index] = profile;
    else this.list.push(profile);
  }

  /** Replaces a listed profile with main's newer summary; never brings back one that was removed (a late answer about it). */
  refresh(profile: ProfileSummary): void {
    const index = this.list.findIndex((p) => p.id === profile.id);
    if (index >= 0) this.list[index] = profile;
  }

  /** Follows main's list as it changes (the command line through the app, an import, the policy); answers the unsubscribe. */
  listen(): () => void {
    return bridge.on('profiles:did-change', ({ profiles }) => this.follow(profiles));
  }

  /** Shows main's new list; when the selected profile is gone from it, selects the first one left, as after Remove. */
  follow(list: ProfileSummary[]): void {
    const selected = this.selectedId;
    this.list = list;
    if (selected && !list.some((p) => p.id === selected)) this.forget(selected);
  }

  /** Reloads the list from main (after Refresh all, import, remove); keeps the old list on failure. */
  async reload(): Promise<AppError | null> {
    const result = await bridge.profiles.list();
    if (!result.ok) return result.error;
    this.replaceAll(result.value);
    return null;
  }

  /** Adds a profile once main has checked its key with CloudMC (cancellable with `requestId`). */
  async add(input: { name: string; endpoint: string; apiKey: string; caPem?: string }, requestId?: string): Promise<IpcResult<ProfileSummary>> {
    const result = await bridge.profiles.add({ ...input, ...(requestId ? { requestId } : {}) });
    if (result.ok) this.upsert(result.value);
    return result;
  }

  /** Changes a profile; a new endpoint, key or CA is checked with CloudMC first (cancellable with `requestId`). */
  async update(
    input: { profileId: string; name?: string; endpoint?: string; apiKey?: string; caPem?: string | null },
    requestId?: string,
  ): Promise<IpcResult<ProfileSummary>> {
    const result = await bridge.profiles.update({ ...input, ...(requestId ? { requestId } : {}) });
    if (result.ok) this.upsert(result.value);
    return result;
  }

  /** Gives a profile its API key again (checked with CloudMC first; cancellable with `requestId`). */
  async provideAccessKey(profileId: string, apiKey: string, requestId?: string): Promise<IpcResult<ProfileSummary>> {
    const result = await bridge.profiles.provideAccessKey({ profileId, apiKey, ...(requestId ? { requestId } : {}) });
    if (result.ok) this.upsert(result.value);
    return result;
  }

  /** Exports every profile (names, endpoints, CAs; never a secret) as main writes them. */
  async exportAll(): Promise<IpcResult<ProfileExport>> {
    return bridge.profiles.export({});
  }

  /** Imports an exported profiles file, then reloads the list; the report says what was added, replaced, skipped, refused, and whose key must be entered again. */
  async importFile(json: string, replace: boolean): Promise<IpcResult<ImportReport>> {
    const result = await bridge.profiles.import({ json, replace });
    if (result.ok) await this.reload();
    return result;
  }

  /** Duplicates a profile (main copies its settings and access key), then selects the copy. */
  async duplicate(profileId: string): Promise<AppError | null> {
    const result = await bridge.profiles.duplicate({ profileId });
    if (!result.ok) return result.error;
    this.upsert(result.value);
    await this.select(result.value.id);
    return null;
  }

  /** Removes a profile (main also removes its access key and stored key copies from the keychain). */
  async remove(profileId: string): Promise<AppError | null> {
    const result = await bridge.profiles.remove({ profileId });
    if (!result.ok) return result.error;
    this.forget(profileId);
    return null;
  }

  /** Forgets a removed profile; selects another one if it was selected. */
  forget(profileId: string): void {
    this.list = this.list.filter((p) => p.id !== profileId);
    const { pinned, recent } = this.shortcuts;
    this.shortcuts = { pinned: pinned.filter((id) => id !== profileId), recent: recent.filter((id) => id !== profileId) };
    if (this.selectedId !== profileId) return;
    this.selectedId = null;
    const next = this.list[0];
    if (next) void this.select(next.id);
    else keys.reset();
  }

  /** Selects a profile (remembered by main as the last used one) and loads its keys. */
  async select(profileId: string): Promise<void> {
    this.selectedId = profileId;
    this.selectError = null;
    // One call: main opens the profile's screen and remembers the choice (what went wrong with that comes in the screen).
    await keys.load(profileId);
  }

  /** Shows the screen main opened at start (asked beside the app's state) as the selected profile's. */
  async showOpened(screen: ProfileScreen): Promise<void> {
    this.selectedId = screen.keys.profile.id;
    this.selectError = null;
    await keys.showOpened(screen);
  }

  /** Pins a profile to the top of the sidebar, or unpins it; main answers the shortcuts after the change. */
  async pin(profileId: string, pinned: boolean): Promise<AppError | null> {
    const result = await bridge.profiles.pin({ profileId, pinned });
    if (!result.ok) return result.error;
    this.shortcuts = result.value;
    return null;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.shortcuts = { pinned: [], recent: [] };
    this.list = [];
    this.selectedId = null;
    this.selectError = null;
  }
}

/** The profiles singleton. */
export const profiles = new ProfilesStore();
// Every key screen main reports carries its profile's newer summary.
keys.onView((view) => profiles.refresh(view.profile));
// A choice main could not remember for the next start is said beside the profile (the screen opened all the same).
keys.onScreen((screen) => {
  profiles.shortcuts = screen.shortcuts;
  if (screen.notRemembered && profiles.selectedId === screen.keys.profile.id) profiles.selectError = screen.notRemembered;
});
