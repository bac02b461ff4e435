// Keychain copies of generated keys for the selected profile: which keys have one, orphans, copy (through main), remove, and Clean up (checked by main against CloudMC).
import { bridge } from '../bridge/bridge';
import type { AppError, CopyOutcome, IpcResult, OrphanCheck, OrphanRemoval, StoredCopy } from './contract-types';
import { idsOf } from '../format/ids';

const noProfile: AppError = { code: 'profile-not-found', kind: 'invalid', messageKey: 'errors.profile-not-found' };

/** The stored copies of the selected profile (never their values: copying goes through main). */
export class CopiesStore {
  /** False when the OS keychain cannot be used: nothing is asked of main then. */
  available = $state(true);
  profileId = $state<string | null>(null);
  list = $state.raw<StoredCopy[]>([]);
  error = $state<AppError | null>(null);
  #generation = 0;

  /** Key ids that have a copy, for the table's badge (derived once per list, not once per row). */
  readonly keyIds: ReadonlySet<string> = $derived(idsOf(this.list.map((c) => c.keyId)));

  /** Copies whose key no longer exists on CloudMC. */
  readonly orphans: StoredCopy[] = $derived(this.list.filter((c) => c.orphaned));

  /** Loads the copies of a profile (skipped when the keychain is unavailable). */
  async load(profileId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.profileId !== profileId) this.list = [];
    this.profileId = profileId;
    this.error = null;
    if (!this.available) return;
    const result = await bridge.copies.list({ profileId });
    if (generation !== this.#generation) return;
    if (result.ok) this.list = result.value;
    else this.error = result.error;
  }

  /** Shows a profile's copies as main's opened screen carried them; null (the keychain could not give them): asked apart. */
  show(profileId: string, list: StoredCopy[] | null): void {
    if (list === null) return void this.load(profileId);
    this.#generation++; // newer than any list asked before it
    this.profileId = profileId;
    this.error = null;
    this.list = this.available ? list : [];
  }

  /** Loads the current profile's copies again (after generate, store, revoke or remove). */
  async reload(): Promise<void> {
    if (this.profileId) await this.load(this.profileId);
  }

  /** Copies a stored value to the clipboard through main. */
  async copy(keyId: string): Promise<{ ok: true; value: CopyOutcome } | { ok: false; error: AppError }> {
    if (!this.profileId) return { ok: false, error: noProfile };
    return bridge.copies.copy({ profileId: this.profileId, keyId });
  }

  /** Removes one stored copy, then reloads the list. */
  async remove(keyId: string): Promise<AppError | null> {
    if (!this.profileId) return null;
    const result = await bridge.copies.remove({ profileId: this.profileId, keyId });
    if (!result.ok) return result.error;
    this.list = this.list.filter((c) => c.keyId !== keyId);
    void this.reload();
    return null;
  }

  /** What Clean up would remove: main fetches a fresh list from CloudMC first, and refuses (with why) while it cannot; nothing is removed. */
  async checkOrphans(profileId: string, requestId?: string): Promise<IpcResult<OrphanCheck>> {
    return bridge.copies.checkOrphans({ profileId, ...(requestId ? { requestId } : {}) });
  }

  /** Removes the copies the user confirmed (main checks each against CloudMC again and keeps any it cannot prove gone), then reloads the list. */
  async removeOrphans(profileId: string, keyIds: string[], requestId?: string): Promise<IpcResult<OrphanRemoval>> {
    const result = await bridge.copies.removeOrphans({ profileId, keyIds, ...(requestId ? { requestId } : {}) });
    if (this.profileId === profileId) await this.reload();
    return result;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#generation++;
    this.available = true;
    this.profileId = null;
    this.list = [];
    this.error = null;
  }
}

/** The stored copies singleton. */
export const copies = new CopiesStore();
