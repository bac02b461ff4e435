// Updates and "Remove all my data": where an update stands, what would block a restart, what a removal takes (zod-first, types inferred).
import { z } from 'zod';
import { appErrorSchema, keychainReasons } from './models';

/** Why a restart (or a data removal) is refused now: it would cut short a Generate in flight, a rotation step, or a one-time key not yet dismissed. */
export type BusyReason = 'generate' | 'rotation' | 'one-time-key';

/** A version as the update feed names it (shown as text). */
const version = z.string().min(1).max(64);

/**
 * Where updates stand, as main decided it:
 * - `off`: automatic checks are turned off (Settings, later the organization's policy);
 * - `unsupported`: this build does not update itself (run from a checkout, or a package kind electron-updater cannot serve);
 * - `idle`: no newer version as of `checkedAt` (null: not checked yet this session); `checking`: asking the feed now;
 * - `downloading`: a newer version is being downloaded in the background;
 * - `ready`: downloaded and verified (sha512, and the code signature where the OS checks it): offer "Restart to update";
 * - `available`: a newer version exists but the app does not install it (deb and rpm are updated by the OS package manager; a Windows
 *   build whose feed names no publisher could not have its signature checked): get it from `downloadUrl` (null: none is known);
 * - `failed`: the last check or download failed (`failure` says why, e.g. a file that did not match its checksum); tried again later.
 */
export const updateStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('unsupported') }),
  z.object({ state: z.literal('idle'), checkedAt: z.string().nullable() }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('downloading'), version }),
  z.object({ state: z.literal('ready'), version }),
  z.object({ state: z.literal('available'), version, downloadUrl: z.string().nullable() }),
  z.object({ state: z.literal('failed'), failure: appErrorSchema, checkedAt: z.string() }),
]);
/** Where updates stand. */
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

/** The app's keychain entries a removal would take, or why the keychain cannot be reached now (`blocks`: removal must wait, e.g. locked). */
const removalKeychainSchema = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    /** Profiles' access keys (`profile:<id>`). */
    profileKeys: z.number().int(),
    /** Stored copies of generated keys (`key:<profile>:<key>`). */
    storedCopies: z.number().int(),
    /** Any other entry under the app's name (e.g. a probe left by a crash). */
    other: z.number().int(),
  }),
  z.object({ reachable: z.literal(false), reason: z.enum(keychainReasons), messageKey: z.string(), blocks: z.boolean() }),
]);

/** What "Remove all my data" would remove, for the confirmation; `refusal` says why it cannot happen now (it is refused again when asked). */
export const removalPlanSchema = z.object({
  /** The data folder (profiles, key-list caches, history, notes, rotation journal, settings, logs). */
  dataFolder: z.string(),
  profiles: z.number().int(),
  keychain: removalKeychainSchema,
  refusal: appErrorSchema.nullable(),
  /** Names this plan: `removeAll` takes it back, so nothing is removed unless the user was shown the current list (single use, 10 minutes). */
  confirmation: z.string(),
});
/** What "Remove all my data" would remove. */
export type RemovalPlan = z.infer<typeof removalPlanSchema>;

/** What a removal did; `quitting`: the app quits now (a desktop app), so nothing it still holds in memory survives. */
export const dataRemovedSchema = z.object({ keychainEntriesRemoved: z.number().int(), quitting: z.boolean() });
/** What a removal did. */
export type DataRemoved = z.infer<typeof dataRemovedSchema>;
