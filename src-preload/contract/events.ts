// What main tells every window without being asked: each event's payload schema (names in names.ts), and the Refresh all run they report on.
import { z } from 'zod';
import { appErrorSchema, keychainStatusSchema, keysViewSchema, pendingSecretViewSchema, profileSummarySchema } from './models';
import type { EventName } from './names';
import { policyViewSchema } from './policy';
import { rotationViewSchema } from './rotation';
import { refreshItemStatuses } from './rules';

/** One profile's line in a Refresh all run: where it stands and, once it failed, why. */
const refreshItemSchema = z.object({
  profileId: z.string(),
  name: z.string(),
  status: z.enum(refreshItemStatuses),
  error: appErrorSchema.nullable(),
});
/** One profile's line in a Refresh all run. */
export type RefreshItem = z.infer<typeof refreshItemSchema>;

/**
 * A Refresh all run: its lines (every line in `refreshAll.start`/`current` answers and in the run's first event, `seq` 1; the lines
 * that changed in later events); `seq` counts the run's changes, so a window can tell which events it has already seen.
 */
export const refreshAllRunSchema = z.object({
  runId: z.string(),
  seq: z.number().int(),
  running: z.boolean(),
  items: z.array(refreshItemSchema),
});
/** A Refresh all run. */
export type RefreshAllRun = z.infer<typeof refreshAllRunSchema>;

/** The payload of each event: ids, names, views and failures, never a key value. */
export const events = {
  /** A profile's key screen as main now decides it (the list, the profile's summary, any failure): the renderer replaces what it shows. */
  'keys:did-change': z.object({ profileId: z.string(), view: keysViewSchema }),
  /** Every rotation of a profile not dismissed, as `rotation.list` answers it. */
  'rotation:did-change': z.object({ profileId: z.string(), rotations: z.array(rotationViewSchema) }),
  /** The keychain's status now. */
  'keychain:did-change': z.object({ status: keychainStatusSchema }),
  /** Every one-time key still open in main, as `secrets.listPending` answers it (no value). */
  'secrets:did-change': z.object({ pending: z.array(pendingSecretViewSchema) }),
  /** One change of a Refresh all run: the lines that changed (every line when it starts) and whether it still runs. */
  'refreshAll:did-change': refreshAllRunSchema,
  /** The organization's policy as it now applies, as `policy.get` answers it. */
  'policy:did-change': policyViewSchema,
  /** Every profile as `profiles.list` answers it, after profiles were added, changed or removed. */
  'profiles:did-change': z.object({ profiles: z.array(profileSummarySchema) }),
} satisfies Record<EventName, z.ZodType>;

/** What an event carries. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The schema of an event's payload, or undefined for anything else (prototype names included). */
export function eventSchemaOf(name: string): z.ZodType | undefined {
  return Object.hasOwn(events, name) ? events[name as EventName] : undefined;
}
