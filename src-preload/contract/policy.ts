// The organization's policy: the one document IT deploys through the OS's managed place (its zod schema), and what the window is told of it.
import { z } from 'zod';
import { settingsSchema, type Settings } from './models';

/** The only policy version this app reads; any other is a bad policy (nothing applied). */
export const policyVersion = 1;

/** A managed profile's id: stable across policy versions (keychain entries and caches are keyed by it), path-safe, case-insensitively unique. */
export const managedProfileIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The names of the app's settings, as they are stored (a policy sets and locks them by these names). */
export const settingNames = Object.keys(settingsSchema.shape) as [keyof Settings, ...(keyof Settings)[]];

/** Most managed profiles (and most allowed endpoints) one policy may list. */
export const policyListMax = 10_000;

/** Largest policy document read, in bytes (bigger is a bad policy, never read into memory whole). */
export const policyMaxBytes = 8 * 1024 * 1024;

/** One profile the organization gives every user: only the access key is the user's. */
export const policyProfileSchema = z
  .object({
    id: z.string().regex(managedProfileIdPattern),
    name: z.string(),
    endpoint: z.string(),
    caCertificatePem: z.string().optional(),
  })
  .strict();

/**
 * The policy document (docs/policy.md). Every field but `version` is optional and an absent one changes nothing; an unknown field is a
 * bad policy (a misspelt `allowedEndpoint` must not silently allow everything).
 */
export const policyDocumentSchema = z
  .object({
    version: z.literal(policyVersion),
    profiles: z.array(policyProfileSchema).max(policyListMax).optional(),
    /** Values of settings: a default the user may change, or, when locked, the value. */
    settings: settingsSchema.partial().strict().optional(),
    /** Settings the user cannot change (locked at the policy's value, or at the app's default when the policy gives none). */
    lockedSettings: z.array(z.enum(settingNames)).optional(),
    /** Origins (`https://host[:port]`, `https://*.example.com`) a profile's endpoint must be on; absent: any endpoint. */
    allowedEndpoints: z.array(z.string()).max(policyListMax).optional(),
    allowUserProfiles: z.boolean().optional(),
    /** Automatic update checks. */
    updates: z.boolean().optional(),
  })
  .strict();

/** Why a policy could not be applied (each has a message `policy.problem.<reason>`). */
export const policyProblemReasons = [
  /** The file or registry value exists but could not be read (details.reason: the system's code). */
  'unreadable',
  /** Larger than policyMaxBytes. */
  'too-large',
  /** Not JSON (details.line, details.column), or a plist that could not be parsed. */
  'not-json',
  /** A macOS property list that could not be read (or converted by plutil). */
  'not-plist',
  /** A Windows registry value that is not a REG_SZ (details.type). */
  'registry-type',
  /** `version` missing or not 1 (details.version). */
  'version',
  /** A field has the wrong shape or is unknown (details.field). */
  'shape',
  /** An endpoint (of a profile, or of allowedEndpoints) breaks the endpoint rules (details.field). */
  'endpoint',
  /** A managed profile's name or CA certificate is not valid (details.field). */
  'profile',
  /** Two managed profiles have the same id (details.field). */
  'duplicate-id',
  /** A managed profile's endpoint is outside the policy's own allowedEndpoints (details.field). */
  'profile-not-allowed',
] as const;
/** Why a policy could not be applied. */
export type PolicyProblemReason = (typeof policyProblemReasons)[number];

/** A policy that could not be applied: why, in a message key with its values (never the document's content). */
export const policyProblemSchema = z.object({
  reason: z.enum(policyProblemReasons),
  messageKey: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** A policy that could not be applied. */
export type PolicyProblem = z.infer<typeof policyProblemSchema>;

/** What the window is told of the policy in force: what it locks, allows and hides, or why none could be applied. */
export const policyViewSchema = z.object({
  /** True when a policy document is in force (false: none found, or a bad one). */
  applied: z.boolean(),
  lockedSettings: z.array(z.enum(settingNames)),
  allowUserProfiles: z.boolean(),
  /** The allowed origins, or null when any endpoint is allowed. */
  allowedEndpoints: z.array(z.string()).nullable(),
  updates: z.boolean(),
  /** Set when a policy was found but could not be applied (the app then applies nothing from it). */
  problem: policyProblemSchema.nullable(),
});
/** What the window is told of the policy. */
export type PolicyView = z.infer<typeof policyViewSchema>;
