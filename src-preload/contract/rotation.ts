// Rotating a key: the grace period, where a rotation stands, and what each rotation operation accepts and answers (zod-first, types inferred).
import { z } from 'zod';
import { appErrorSchema, keysViewSchema } from './models';
import { codePointLength, keyIdPattern, keyNameMaxCodePoints } from './limits';
import { gracePresets } from './rules';
/** The longest grace period a date may give, in days (a retirement nobody remembers is an orphan of another kind). */
export const graceMaxDays = 366;
/** How recent a use of the old key makes the app ask before revoking it, in milliseconds. */
export const recentUseMs = 60 * 60 * 1000;

/** How long the old key keeps working: a preset, or until a date (ISO 8601 with an offset). */
export const graceSchema = z.union([z.enum(gracePresets), z.object({ until: z.iso.datetime({ offset: true }) }).strict()]);
/** A grace period. */
export type Grace = z.infer<typeof graceSchema>;

/**
 * Where a rotation stands. In order: `generating` (the replacement asked of CloudMC), `storing` (its value being written to the keychain),
 * `verifying` (an authenticated call with the new key), `switching` (the profile's own key: the profile moves to the new key),
 * `retiring` (the old key works until `retireAt`), `needs-confirmation` (the old key was used within the last hour: the user decides),
 * `revoking`, then `done`. `failed`: stopped, the old key untouched (see `failure` and `orphanKeyIds`); `cancelled`: the user kept the old key.
 * A step with a `failure` and no terminal status is paused and is tried again (`retryAt`, at start-up, or "Try again"); a step whose
 * record could not be written to the journal stops there (`rotation.errors.journal-unwritten`). `generating` with a failure: the generate
 * got no answer, so a replacement may exist; CloudMC is looked at again a few times (`rotation.errors.may-exist`, details `checks`/`max`)
 * before "none found after N checks" (`rotation.errors.none-found`).
 */
export const rotationStatuses = [
  'generating',
  'storing',
  'verifying',
  'switching',
  'retiring',
  'needs-confirmation',
  'revoking',
  'done',
  'failed',
  'cancelled',
] as const;
/** Where a rotation stands. */
export const rotationStatusSchema = z.enum(rotationStatuses);
/** Where a rotation stands. */
export type RotationStatus = z.infer<typeof rotationStatusSchema>;

/** One rotation as the renderer sees it: ids, names, dates and what went wrong, never a key value. */
export const rotationViewSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  oldKeyId: z.string(),
  oldKeyName: z.string(),
  /** The replacement's id once CloudMC answered. */
  newKeyId: z.string().nullable(),
  newKeyName: z.string(),
  /** True when the old key was the profile's own access key (the profile moves to the new one before the old is scheduled). */
  ownKey: z.boolean(),
  status: rotationStatusSchema,
  grace: graceSchema,
  /** When the old key will be revoked (set once the replacement is verified). */
  retireAt: z.string().nullable(),
  /** The old key's last use that made the app ask (needs-confirmation). */
  lastUse: z.object({ ip: z.string().nullable(), at: z.string() }).nullable(),
  /** Why the rotation is paused or failed; null when all is well. */
  failure: appErrorSchema.nullable(),
  /** When a paused step is tried again by itself. */
  retryAt: z.string().nullable(),
  /** Keys this rotation created that nobody can use (their value was lost) or that could not be rolled back: revoke them. */
  orphanKeyIds: z.array(z.string()),
  /** True once the replacement's value was written to the keychain and read back. */
  storedInKeychain: z.boolean(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
/** One rotation as the renderer sees it. */
export type RotationView = z.infer<typeof rotationViewSchema>;

/** What starting a rotation answers: where it stands, the handle of the one-time notification (the value stays in main), and the key screen. */
export const rotationStartedSchema = z.object({
  rotation: rotationViewSchema,
  /** The one-time notification's handle (copy, dismiss through `secrets.*`); null when the replacement is not ready to show. */
  secretId: z.string().nullable(),
  view: keysViewSchema,
});
/** What starting a rotation answers. */
export type RotationStarted = z.infer<typeof rotationStartedSchema>;

/** What a change to a rotation answers: where it stands and the key screen after it. */
export const rotationChangedSchema = z.object({ rotation: rotationViewSchema, view: keysViewSchema });
/** What a change to a rotation answers. */
export type RotationChanged = z.infer<typeof rotationChangedSchema>;

const id = z.string().min(1).max(200);
const keyName = z
  .string()
  .max(4 * keyNameMaxCodePoints + 64)
  .refine((s) => codePointLength(s.trim()) <= keyNameMaxCodePoints, { message: 'too-long' });

/** `rotation.start`: the key to rotate, the replacement's name (omitted or blank: main's default, see `rotation.plan`) and the grace period. */
export const rotationStartInput = z
  .object({ profileId: id, keyId: z.string().regex(keyIdPattern), name: keyName.optional(), grace: graceSchema, requestId: id.optional() })
  .strict();
/** `rotation.plan`: the key about to be rotated. */
export const rotationPlanInput = z.object({ profileId: id, keyId: z.string().regex(keyIdPattern) }).strict();
/** What the Rotate form offers: the replacement's name when the user gives none (main's rule: "<name> (rotated YYYY-MM-DD)", shortened to fit). */
export const rotationPlanSchema = z.object({ defaultName: z.string() });
/** What the Rotate form offers. */
export type RotationPlan = z.infer<typeof rotationPlanSchema>;

/** One rotation, by id. */
export const rotationRefInput = z.object({ rotationId: id }).strict();
/** `rotation.list`: one profile's rotations, or every profile's. */
export const rotationListInput = z.object({ profileId: id.optional() }).strict();
