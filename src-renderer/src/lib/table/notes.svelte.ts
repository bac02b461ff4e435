// The shown profile's local key notes, as main keeps them: read with `health.notes`, written with `health.setNote` (main trims and bounds them).
import { bridge } from '../bridge/bridge';
import type { AppError } from '../state/contract-types';

/** The notes of one profile's keys, by key id (the key table shows them; the Note dialog writes them). */
export class KeyNotes {
  profileId = $state<string | null>(null);
  byKey = $state.raw<Readonly<Record<string, string>>>({});
  #generation = 0;

  /** Reads a profile's notes (a failure leaves none shown: notes are local extras, the list still works). */
  async load(profileId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.profileId !== profileId) this.byKey = {};
    this.profileId = profileId;
    const result = await bridge.health.notes({ profileId });
    if (generation === this.#generation && result.ok) this.byKey = result.value;
  }

  /** Sets a key's note (empty removes it); answers main's error (a field error for a note too long), or null. */
  async set(profileId: string, keyId: string, note: string): Promise<AppError | null> {
    const result = await bridge.health.setNote({ profileId, keyId, note });
    if (!result.ok) return result.error;
    if (profileId === this.profileId) {
      const { [keyId]: _old, ...others } = this.byKey;
      this.byKey = result.value.note === null ? others : { ...others, [keyId]: result.value.note };
    }
    return null;
  }
}

/** The key notes singleton. */
export const keyNotes = new KeyNotes();
