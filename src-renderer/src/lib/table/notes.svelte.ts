// The shown profile's local key notes, as main keeps them: they come with the profile's screen (`profiles.open`), and are written with
// `health.setNote` (main trims and bounds them).
import { bridge } from '../bridge/bridge';
import type { AppError } from '../state/contract-types';
import { keys } from '../state/keys.svelte';

/** The notes of one profile's keys, by key id (the key table shows them; the Note dialog writes them). */
export class KeyNotes {
  profileId = $state<string | null>(null);
  byKey = $state.raw<Readonly<Record<string, string>>>({});

  /** Shows the notes main sent with a profile's screen (no call of its own: the screen carried them). */
  show(profileId: string, byKey: Readonly<Record<string, string>>): void {
    this.profileId = profileId;
    this.byKey = byKey;
  }

  /** The notes of `profileId` when they are the ones held, else none (a screen that could not be opened brought none). */
  of(profileId: string): Readonly<Record<string, string>> {
    return this.profileId === profileId ? this.byKey : {};
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
// Each profile screen main opens carries its notes.
keys.onScreen((screen) => keyNotes.show(screen.keys.profile.id, screen.notes));
