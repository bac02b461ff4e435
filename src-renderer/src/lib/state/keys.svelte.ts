// The selected profile's key screen as main reports it: cache first, then CloudMC; generate, rename, revoke replace it with main's view,
// and so does each `keys:did-change` main sends (a timer, another window, Refresh all, a rotation).
import { tick } from 'svelte';
import { bridge } from '../bridge/bridge';
import { isolate } from '../format/bidi';
import { newRequestId } from '../request-id';
import { accessKeyProblemOf, mayHaveHappened, staleKindOf, type StaleKind } from '../../../../src-preload/contract/errors';
import type { ApiKeyView, AppError, GeneratedKey, IpcResult, KeysView, ProfileScreen, RenamedKey, RevokeOutcome } from './contract-types';
import { copies } from './copies.svelte';
import { notices } from './notices.svelte';

// What each error kind means to the key screen is the contract's (contract/errors.ts), re-exported for the components.
export { mayHaveHappened, staleKindOf as staleKind, type StaleKind };
export type { AccessKeyProblem } from '../../../../src-preload/contract/errors';

/** A key to bring into view in its profile's table (a search result, or a key an action just touched). */
export interface KeyReveal {
  profileId: string;
  keyId: string;
  /** Its name, to say so when the key is no longer in the list. */
  keyName: string;
  /** Tells one request from the next, even for the same key. */
  seq: number;
}

/** The key screen of the selected profile. */
export class KeysStore {
  profileId = $state<string | null>(null);
  /** As main ordered them (newest first); replaced whole, never edited in place. */
  keys = $state.raw<ApiKeyView[]>([]);
  /** True once a list (cached or live) is known for this profile. */
  hasList = $state(false);
  syncedAt = $state<string | null>(null);
  loading = $state(false);
  refreshing = $state(false);
  /** The request id of the refresh in flight (to cancel it), or null. */
  refreshRequestId = $state<string | null>(null);
  /** The last refresh was cancelled: what was shown is kept, with no error. */
  cancelled = $state(false);
  /** Why the last refresh failed, as main reported it. */
  error = $state<AppError | null>(null);
  /** Why a cached list is shown instead of a fresh one (main's kind), or null. */
  readonly stale = $derived<StaleKind | null>(this.hasList ? staleKindOf(this.error) : null);
  /** A cached list is shown because CloudMC could not be reached ("Offline"). */
  readonly offline = $derived(this.stale === 'offline');
  /** CloudMC rejected the profile's access key, it is not known this session, or the keychain cannot give it. */
  readonly accessKeyProblem = $derived(accessKeyProblemOf(this.error));
  /** A key to scroll to, highlight and focus once its profile's list shows it; kept across the profile switch that shows it. */
  reveal = $state<KeyReveal | null>(null);
  /** The last outcome to announce politely ("API key nightly-backup revoked"); the key screen's live region reads it. */
  announcement = $state('');
  #revealSeq = 0;
  #generation = 0;
  /** Counts refreshes: only the answer to the latest one (not cancelled) is applied. */
  #refreshSeq = 0;
  /** Stores above this one that follow it (profile summaries, rotations): they subscribe, so this one imports none of them. */
  #viewListeners: ((view: KeysView) => void)[] = [];
  #screenListeners: ((screen: ProfileScreen) => void)[] = [];

  /** Calls `listener` with every view main reports, whichever profile it is for (the profile list takes its summary); returns the unsubscribe. */
  onView(listener: (view: KeysView) => void): () => void {
    this.#viewListeners = [...this.#viewListeners, listener];
    return () => (this.#viewListeners = this.#viewListeners.filter((l) => l !== listener));
  }

  /** Calls `listener` with each profile screen main opens (the rotations and the remembering follow it); returns the unsubscribe. */
  onScreen(listener: (screen: ProfileScreen) => void): () => void {
    this.#screenListeners = [...this.#screenListeners, listener];
    return () => (this.#screenListeners = this.#screenListeners.filter((l) => l !== listener));
  }

  /** Shows each key screen main sends (`keys:did-change`) as a view from elsewhere; the answer unsubscribes. */
  listen(): () => void {
    return bridge.on('keys:did-change', ({ view }) => this.applyView(view, true));
  }

  /** Opens a profile's key screen: main's one answer from local data (cached keys, stored copies, rotations), then CloudMC. */
  async load(profileId: string): Promise<void> {
    const generation = this.#begin(profileId);
    const opened = await bridge.profiles.open({ profileId });
    if (generation !== this.#generation) return;
    if (opened.ok && opened.value) return this.#show(opened.value);
    this.loading = false;
    await this.refresh(); // main says why (the profile is gone, its access key cannot be used)
  }

  /** Shows a screen main opened before this store asked (the first screen asks for it beside the app's state), then asks CloudMC. */
  async showOpened(screen: ProfileScreen): Promise<void> {
    this.#begin(screen.keys.profile.id);
    await this.#show(screen);
  }

  /** A new profile's screen begins: the previous profile's refresh is of no use any more. */
  #begin(profileId: string): number {
    const generation = ++this.#generation;
    if (this.refreshRequestId) void bridge.app.cancelRequest({ requestId: this.refreshRequestId });
    this.#clear(profileId);
    this.loading = true;
    return generation;
  }

  async #show(screen: ProfileScreen): Promise<void> {
    this.applyView(screen.keys, false, false);
    copies.show(screen.keys.profile.id, screen.copies);
    for (const listener of this.#screenListeners) listener(screen);
    this.loading = false;
    // The rows reach the DOM first; CloudMC's refresh (and main's work on its answer) is asked after, never before them.
    const generation = this.#generation;
    await tick();
    if (generation === this.#generation) await this.refresh();
  }

  /** Asks CloudMC for the list; main's view replaces what is shown (a failure keeps the cached list beside it); a cancelled refresh changes nothing. */
  async refresh(): Promise<void> {
    const profileId = this.profileId;
    if (!profileId) return;
    const generation = this.#generation;
    const seq = ++this.#refreshSeq;
    const requestId = newRequestId();
    this.refreshRequestId = requestId;
    this.refreshing = true;
    this.cancelled = false;
    const result = await bridge.keys.refresh({ profileId, requestId });
    if (generation !== this.#generation || seq !== this.#refreshSeq) return;
    this.refreshing = false;
    this.refreshRequestId = null;
    if (result.ok) this.applyView(result.value);
    else this.error = result.error;
  }

  /** Cancels the refresh in flight: main aborts it, and its answer is ignored (what was shown stays). */
  async cancelRefresh(): Promise<void> {
    const requestId = this.refreshRequestId;
    if (!requestId) return;
    this.#refreshSeq++;
    this.refreshing = false;
    this.refreshRequestId = null;
    this.cancelled = true;
    await bridge.app.cancelRequest({ requestId });
  }

  /** Generates a key (never cancellable once sent); main's view after it replaces the list; a failure that may have created it refreshes. */
  async generate(profileId: string, input: { name?: string; storeInKeychain: boolean }): Promise<IpcResult<GeneratedKey>> {
    const result = await bridge.keys.generate({ profileId, ...input });
    if (result.ok) {
      this.applyView(result.value.view);
      notices.warn(result.value.warning);
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** Renames a key (cancellable with `requestId`); a cancelled or unconfirmed rename refreshes the list, since it may have happened. */
  async rename(profileId: string, keyId: string, name: string, requestId?: string): Promise<IpcResult<RenamedKey>> {
    const result = await bridge.keys.rename({ profileId, keyId, name, ...(requestId ? { requestId } : {}) });
    if (result.ok) {
      this.applyView(result.value.view);
      notices.warn(result.value.warning);
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** Revokes a key (cancellable with `requestId`); says so when CloudMC confirmed it was already gone; a cancelled or unconfirmed revoke refreshes the list. */
  async revoke(profileId: string, key: ApiKeyView, removeStoredCopy: boolean | undefined, requestId?: string): Promise<IpcResult<RevokeOutcome>> {
    const result = await bridge.keys.revoke({
      profileId,
      keyId: key.id,
      ...(removeStoredCopy !== undefined ? { removeStoredCopy } : {}),
      ...(requestId ? { requestId } : {}),
    });
    if (result.ok) {
      this.applyView(result.value.view);
      if (result.value.outcome === 'already-revoked') notices.add('revoke.alreadyRevoked', { name: isolate(key.name) });
      notices.warn(result.value.warning);
    } else this.#afterFailedChange(profileId, result.error);
    return result;
  }

  /** After a change that may have happened on CloudMC anyway (unconfirmed, or stopped once sent): read the list again so it shows what is there. */
  #afterFailedChange(profileId: string, error: AppError): void {
    if (mayHaveHappened(error) && profileId === this.profileId) void this.refresh();
  }

  /**
   * Shows what main reported for a profile: its summary goes to the profile list; the list and the failure replace what is
   * shown when it is the shown profile (a view from elsewhere, an event, is ignored while this screen's own refresh runs).
   */
  applyView(view: KeysView, fromElsewhere = false, reloadCopies = true): void {
    for (const listener of this.#viewListeners) listener(view);
    if (view.profile.id !== this.profileId || (fromElsewhere && this.refreshing)) return;
    if (view.failure?.kind === 'cancelled') {
      this.cancelled = true;
      return;
    }
    if (view.list) {
      this.keys = view.list.keys;
      this.syncedAt = view.list.syncedAt;
      this.hasList = true;
    }
    this.cancelled = false;
    this.error = view.failure;
    // Stored copies are read again after a change or a refresh (not for the cached list shown at load, which reads them itself).
    if (!view.failure && reloadCopies) void copies.load(view.profile.id);
  }

  /** Asks the key table of `profileId` to scroll to that key, highlight it and focus its row (it waits for the list to show it). */
  showKey(profileId: string, keyId: string, keyName: string): void {
    this.reveal = { profileId, keyId, keyName, seq: ++this.#revealSeq };
  }

  /** The request `seq` was served (or given up): forget it, unless a newer one came. */
  revealDone(seq: number): void {
    if (this.reveal?.seq === seq) this.reveal = null;
  }

  /** Says an outcome in the key screen's polite live region (the same words twice are still said again). */
  announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.announcement = '';
    this.#generation++;
    this.#refreshSeq++;
    this.reveal = null;
    this.#clear(null);
    this.loading = false;
  }

  /** Forgets the shown list, its refresh and its error. */
  #clear(profileId: string | null): void {
    this.profileId = profileId;
    this.keys = [];
    this.hasList = false;
    this.syncedAt = null;
    this.error = null;
    this.refreshing = false;
    this.refreshRequestId = null;
    this.cancelled = false;
  }
}

/** The key list singleton. */
export const keys = new KeysStore();
