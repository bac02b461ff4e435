// A profile's key screen from local data in one answer (`profiles.open`, issue 22): its cached keys, stored copies, rotations, notes
// uncertain Generates and changes since the last visit.
import { z } from 'zod';
import { appErrorSchema, keysViewSchema, profileShortcutsSchema, storedCopySchema } from './models';
import { rotationViewSchema } from './rotation';
import { keyNotesSchema, profileChangesSchema } from './health';
import { maybeCreatedListSchema } from './maybe-created';

/** `profiles.open`: the profile to show (remembered for the next start); omitted: the last one shown, else the first. */
export const profileOpenInput = z.object({ profileId: z.string().min(1).max(200).optional() }).strict();

/** Everything a profile's key screen shows before CloudMC answers; null when there is no profile to open. */
export const profileScreenSchema = z
  .object({
    keys: keysViewSchema,
    /** The keychain's copies of this profile's keys; null when the keychain cannot be read now (the window asks `copies.list` for why). */
    copies: z.array(storedCopySchema).nullable(),
    rotations: z.array(rotationViewSchema),
    /** The profile's local key notes by key id (what `health.notes` answers). */
    notes: keyNotesSchema,
    /** Its Generates that may have created a key (what `keys.maybeCreated` answers). */
    maybeCreated: maybeCreatedListSchema,
    /** Its changes since the user's last visit (what `changes.forProfile` answers). */
    changes: profileChangesSchema,
    /** Set when the choice could not be remembered for the next start (the screen opens all the same). */
    notRemembered: appErrorSchema.nullable(),
    /** The sidebar's pinned and recent profiles once this one is opened (it heads the recent ones). */
    shortcuts: profileShortcutsSchema,
  })
  .nullable();
/** What `profiles.open` answers. */
export type ProfileScreen = NonNullable<z.infer<typeof profileScreenSchema>>;
