// One-time key values waiting in the notification until copied/stored and dismissed; main's `secrets:did-change` keeps every window's
// notification in step (a key generated or dismissed elsewhere), never with a value.
import { SvelteSet } from 'svelte/reactivity';
import { bridge } from '../bridge/bridge';
import { idsOf } from '../format/ids';
import type { AppError, GeneratedKey, PendingSecretView } from './contract-types';
import { copies } from './copies.svelte';

/** A generated key whose value is still shown in the notification. */
export interface PendingSecret {
  secretId: string;
  /** The profile the key belongs to: its card is shown on that profile's key screen, a reminder elsewhere. */
  profileId: string;
  /** The key's id on CloudMC (its row in the key table, where focus goes after Dismiss). */
  keyId: string;
  keyName: string;
  /** The one-time value; emptied on dismiss. */
  value: string;
  copied: boolean;
  stored: boolean;
  clearAfterSeconds: number | null;
  busy: boolean;
  error: AppError | null;
  /**
   * Generated before the window reloaded (or the renderer crashed): main still holds the value and can copy,
   * store or drop it, but never sends it again, so `value` stays empty and there is nothing to show.
   */
  restored: boolean;
}

/** The pending one-time secrets (newest first). */
export class SecretsStore {
  items = $state<PendingSecret[]>([]);
  /** The notification is reduced to a one-line bar (nothing is dismissed); a new key expands it again. */
  collapsed = $state(false);
  /** Ids main has listed: only these can be gone from main (a key shown from its own answer may not be in an older event yet). */
  #seenInMain = new SvelteSet<string>();
  /** Ids dismissed here: an event sent before main dropped them does not bring them back. */
  #dismissed = new SvelteSet<string>();

  /** Follows main's list of open one-time keys (`secrets:did-change`); the answer unsubscribes. */
  listen(): () => void {
    return bridge.on('secrets:did-change', ({ pending }) => this.#follow(pending));
  }

  /** Shows the notification for a freshly generated key (taking the place of its line without a value, if main's event came first). */
  show(generated: GeneratedKey): void {
    this.collapsed = false;
    this.items = this.items.filter((s) => s.secretId !== generated.secretId);
    this.items.unshift({
      secretId: generated.secretId,
      profileId: generated.view.profile.id,
      keyId: generated.key.id,
      keyName: generated.key.name,
      value: generated.secret,
      copied: false,
      stored: generated.storedInKeychain,
      clearAfterSeconds: null,
      busy: false,
      error: generated.storeError,
      restored: false,
    });
  }

  /** Shows the keys still open in main after a reload (without their values); a failure leaves the panel as it is. */
  async restore(): Promise<void> {
    const result = await bridge.secrets.listPending();
    if (!result.ok) return;
    for (const pending of result.value) {
      if (this.#find(pending.secretId) || this.#dismissed.has(pending.secretId)) continue;
      this.#seenInMain.add(pending.secretId);
      this.items.push(restoredItem(pending));
    }
  }

  /** Main's list now: keys gone from main leave, keys added elsewhere come in without their value, copied and stored follow main. */
  #follow(pending: PendingSecretView[]): void {
    const listed = idsOf(pending.map((p) => p.secretId));
    const gone = (s: PendingSecret): boolean => this.#seenInMain.has(s.secretId) && !listed.has(s.secretId);
    for (const item of this.items.filter(gone)) item.value = '';
    this.items = this.items.filter((s) => !gone(s));
    for (const view of pending) {
      this.#seenInMain.add(view.secretId);
      const item = this.#find(view.secretId);
      if (item) {
        item.copied ||= view.copied;
        item.stored ||= view.stored;
      } else if (!this.#dismissed.has(view.secretId)) this.items.push(restoredItem(view));
    }
    if (this.items.length === 0) this.collapsed = false;
  }

  #find(secretId: string): PendingSecret | undefined {
    return this.items.find((s) => s.secretId === secretId);
  }

  /** Copies the value through main (which clears the clipboard later); `asEnv`: as CLOUDMC_ENDPOINT / CLOUDMC_API_KEY lines. */
  async copy(secretId: string, asEnv = false): Promise<void> {
    const item = this.#find(secretId);
    if (!item) return;
    item.error = null;
    const result = await (asEnv ? bridge.secrets.copyAsEnv({ secretId }) : bridge.secrets.copy({ secretId }));
    if (result.ok) {
      item.copied = true;
      item.clearAfterSeconds = result.value.clearAfterSeconds;
    } else item.error = result.error;
  }

  /** Stores the value in the OS keychain (main reads it back before saying so). */
  async store(secretId: string): Promise<void> {
    const item = this.#find(secretId);
    if (!item || item.stored) return;
    item.busy = true;
    item.error = null;
    const result = await bridge.secrets.store({ secretId });
    item.busy = false;
    if (result.ok) {
      item.stored = true;
      void copies.reload();
    } else item.error = result.error;
  }

  /** Forgets the value everywhere: main drops it, and the renderer keeps no copy. */
  async dismiss(secretId: string): Promise<void> {
    const item = this.#find(secretId);
    if (item) item.value = '';
    this.#dismissed.add(secretId);
    this.items = this.items.filter((s) => s.secretId !== secretId);
    if (this.items.length === 0) this.collapsed = false;
    await bridge.secrets.dismiss({ secretId });
  }

  /** Back to the initial state (tests). */
  reset(): void {
    for (const item of this.items) item.value = '';
    this.items = [];
    this.collapsed = false;
    this.#seenInMain.clear();
    this.#dismissed.clear();
  }
}

/** A key still open in main, shown without its value (main never sends it again). */
function restoredItem(view: PendingSecretView): PendingSecret {
  const { secretId, profileId, keyId, keyName, copied, stored } = view;
  return { secretId, profileId, keyId, keyName, value: '', copied, stored, clearAfterSeconds: null, busy: false, error: null, restored: true };
}

/** The pending secrets singleton. */
export const secrets = new SecretsStore();
