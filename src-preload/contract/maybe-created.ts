// A Generate whose outcome is not known (the app or the command line stopped with the request sent, or CloudMC's answer could not be
// used): what the key screen says about it, and what the user can do (security.md 39). Zod-first, types inferred.
import { z } from 'zod';
import { apiKeyViewSchema, appErrorSchema } from './models';

/**
 * Where the app stands about a Generate that may have created a key:
 * - `checking`: CloudMC's list is being read again (a request sent just before a crash can complete seconds later);
 * - `found`: keys that this Generate may have created are listed (`keys`): revoke them, or keep one you hold;
 * - `not-found`: every planned check read the list and no such key is there;
 * - `unchecked`: the list could not be read (`failure` says why); it is read again when the profile's list is next fetched.
 */
const maybeCreatedStates = ['checking', 'found', 'not-found', 'unchecked'] as const;

/** One Generate that may have created a key, as the key screen shows it. */
const maybeCreatedSchema = z.object({
  intentId: z.string(),
  profileId: z.string(),
  /** The name asked for; null when CloudMC was to pick one. */
  name: z.string().nullable(),
  /** When the request was about to be sent (ISO 8601). */
  startedAt: z.string(),
  state: z.enum(maybeCreatedStates),
  /** Keys CloudMC lists that this Generate may have created: not known to the app before it, with the name asked for. */
  keys: z.array(apiKeyViewSchema),
  /** How many times CloudMC's list was read since, and how many checks are planned in all. */
  checks: z.number().int(),
  plannedChecks: z.number().int(),
  /** When the next check is due, while checking. */
  nextCheckAt: z.string().nullable(),
  /** Why the last check could not read the list, if it could not. */
  failure: appErrorSchema.nullable(),
});
/** One Generate that may have created a key. */
export type MaybeCreated = z.infer<typeof maybeCreatedSchema>;

/** A profile's Generates that may have created a key, oldest first. */
export const maybeCreatedListSchema = z.array(maybeCreatedSchema);
