// The key-health shapes that cross the bridge (findings, activity, notes, exports), zod-first like models.ts; types inferred.
import { z } from 'zod';
import { appErrorSchema } from './models';
import { codePointLength } from './limits';
import { withFieldError, type FieldError } from './field-errors';
import { healthFindingKinds, healthKinds, snoozePeriods } from './rules';

export { healthKinds };

/** How many characters (code points) a local note on a key may have. */
export const keyNoteMaxCodePoints = 500;

/** CloudMC's random default key name, as the simulator makes it (`key-` and 6 lowercase hex digits): an assumption about CloudMC. */
export const defaultKeyNamePattern = /^key-[0-9a-f]{6}$/;

/** How many days of activity the Activity panel asks CloudMC for. */
export const activityWindowDays = 30;

/** One kind of finding. */
export const healthKindSchema = z.enum(healthKinds);
/** One kind of finding. */
export type HealthKind = z.infer<typeof healthKindSchema>;

/** Values a finding's sentence is filled with (dates as ISO strings, day counts as numbers). */
const messageValues = z.record(z.string(), z.union([z.string(), z.number()]));

/** One thing worth a look on one key of one profile, and why in plain words (`messageKey` with `values`). */
export const healthFindingSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  keyId: z.string(),
  /** Null for a stored copy whose key is gone from CloudMC (its name is no longer known). */
  keyName: z.string().nullable(),
  kind: healthKindSchema,
  messageKey: z.string(),
  values: messageValues,
  /** The key's local note, if any. */
  note: z.string().nullable(),
});
/** One finding. */
export type HealthFinding = z.infer<typeof healthFindingSchema>;

/** A kind of finding (not a fact). */
export type HealthFindingKind = (typeof healthFindingKinds)[number];

/** How many findings of each kind (facts are not findings). */
export const healthCountsSchema = z.object(
  Object.fromEntries(healthFindingKinds.map((k) => [k, z.number().int()])) as Record<HealthFindingKind, z.ZodNumber>,
);
/** How many findings of each kind. */
export type HealthCounts = z.infer<typeof healthCountsSchema>;

/** Where a finding's snooze stands: until when, the user's note, when it was set. */
export const snoozeSchema = z.object({ until: z.string(), note: z.string(), at: z.string() });
/** A snooze. */
export type Snooze = z.infer<typeof snoozeSchema>;

/** A snoozed finding: out of the queue until its snooze ends. */
export const snoozedFindingSchema = healthFindingSchema.extend({ snooze: snoozeSchema });
/** A snoozed finding. */
export type SnoozedFinding = z.infer<typeof snoozedFindingSchema>;

/**
 * The key-health report: the triage queue (findings of one profile or all, grouped by profile, the group with the most severe
 * finding first, then by severity inside a group), facts apart, snoozed findings apart, counts per kind, and per profile.
 */
export const healthReportSchema = z.object({
  /** The queue, in the order to show it (main decides it: severity as in healthFindingKinds). */
  findings: z.array(healthFindingSchema),
  /** Informational facts (a key this app signs in with): never findings, never counted. */
  facts: z.array(healthFindingSchema),
  /** Findings snoozed until a time still to come, in the queue's order. */
  snoozed: z.array(snoozedFindingSchema),
  counts: healthCountsSchema,
  /** Findings in the queue per profile id (facts and snoozed findings not counted), over every profile whatever the filter; a profile without any is absent. */
  byProfile: z.record(z.string(), z.number().int()),
  /** The idle threshold used, in days (the setting). */
  idleDays: z.number().int(),
  /** False when the keychain could not be asked, so stored copies were not checked. */
  copiesChecked: z.boolean(),
  computedAt: z.string(),
  /** What main tells the user once, with the first report after it happened (a damaged key-use history file, backed up): a warning each. */
  notices: z.array(z.object({ messageKey: z.string(), values: messageValues })),
});
/** The key-health report. */
export type HealthReport = z.infer<typeof healthReportSchema>;

/** Whether an activity's requester IP was seen before: in a key's history or in earlier activity (`known`), never (`new`), or no IP given (`none`). */
export const ipStatusSchema = z.enum(['known', 'new', 'none']);

/** One activity as the panel shows it; `eventContext` is never passed on. */
export const activityEntrySchema = z.object({
  id: z.string(),
  created: z.string(),
  eventCode: z.string(),
  /** The i18n key saying the event in plain words, for codes the app knows; null: show the code as text. */
  eventKey: z.string().nullable(),
  category: z.string(),
  status: z.string(),
  /** The i18n key saying the status in the user's language (`activity.statusValue.<STATUS>`), for statuses the app knows; null: show it as text. */
  statusKey: z.string().nullable(),
  requesterIp: z.string().nullable(),
  ipStatus: ipStatusSchema,
  /** The key the event is about, when CloudMC named it in the event's context (text, never HTML); else null. */
  keyName: z.string().nullable(),
});
/** One activity. */
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** The Activity panel of a profile as main decided it: the entries (live or cached, newest first), when they were fetched, and why the last fetch failed. */
export const activityViewSchema = z.object({
  profileId: z.string(),
  entries: z.array(activityEntrySchema),
  /** When the entries were fetched from CloudMC; null: never. */
  syncedAt: z.string().nullable(),
  source: z.enum(['live', 'cache']).nullable(),
  failure: appErrorSchema.nullable(),
  /** Entries of that answer the app could not read (bad dates, wrong types...): counted and shown, never dropped silently (security.md 42). */
  skipped: z.number().int().nonnegative(),
  /** Readable entries of that answer older than the newest ones kept (activityEntriesMax). */
  older: z.number().int().nonnegative(),
});
/** The Activity panel of a profile. */
export type ActivityView = z.infer<typeof activityViewSchema>;

/** The error main answers for a note over keyNoteMaxCodePoints, from the bridge's check and from the notes service alike. */
export const noteTooLong: FieldError = { messageKey: 'notes.tooLong', details: { field: 'note', reason: 'too-long', max: keyNoteMaxCodePoints } };

/** A local note as typed: trimmed by main, at most keyNoteMaxCodePoints characters (a longer text is not even counted); empty removes it. */
export const keyNoteInputSchema = z
  .string()
  .refine((s) => s.length <= 4 * keyNoteMaxCodePoints + 64 && codePointLength(s.trim()) <= keyNoteMaxCodePoints, withFieldError(noteTooLong));

/** One finding, named by its profile, key and kind (what a snooze is about). */
export const findingRefSchema = z
  .object({ profileId: z.string().min(1).max(200), keyId: z.string().min(1).max(200), kind: z.enum(healthFindingKinds) })
  .strict();
/** One finding, named. */
export type FindingRef = z.infer<typeof findingRefSchema>;

/** Snooze these findings for a period, with a note (the same bounds as a key's note; may be empty). */
export const snoozeInputSchema = z
  .object({ findings: z.array(findingRefSchema).min(1).max(10_000), period: z.enum(snoozePeriods), note: keyNoteInputSchema })
  .strict();

/** What a snooze answers: how many findings were snoozed and until when. */
export const snoozeOutcomeSchema = z.object({ snoozed: z.number().int(), until: z.string() });

/** Bring these snoozed findings back into the queue. */
export const unsnoozeInputSchema = z.object({ findings: z.array(findingRefSchema).min(1).max(10_000) }).strict();

/** A profile's notes by key id. */
export const keyNotesSchema = z.record(z.string(), z.string());

/** What to export and how. */
export const healthExportInputSchema = z
  .object({ what: z.enum(['findings', 'activity']), format: z.enum(['csv', 'json']), profileId: z.string().min(1).max(200).optional() })
  .strict();

/** An export ready to save: a file name and its text (never a secret). */
export const healthExportSchema = z.object({ fileName: z.string(), content: z.string(), mimeType: z.string() });
/** An export ready to save. */
export type HealthExport = z.infer<typeof healthExportSchema>;

/** Event codes the app can say in plain words (i18n key `activity.event.<code>`); any other code is shown as it came. */
export const knownEventCodes = ['users.login', 'users.logout', 'users.created', 'api_key.generated', 'api_key.renamed', 'api_key.revoked'] as const;

/** Activity statuses the app says in plain words (i18n key `activity.statusValue.<status>`); any other is shown as it came. */
export const knownActivityStatuses = ['SUCCESS', 'FAILURE', 'FAILED', 'ERROR', 'PENDING', 'IN_PROGRESS'] as const;

/** The kinds of "Changes since your last visit", in the order they are shown. */
export const changeKinds = ['newKeys', 'revokedKeys', 'newIps', 'firstUsed'] as const;

/** One change on one key: its kind, the key's id and name, when (null: not known, e.g. a revoked key) and the IP of a use. */
export const keyChangeSchema = z.object({
  kind: z.enum(changeKinds),
  keyId: z.string(),
  keyName: z.string(),
  at: z.string().nullable(),
  ip: z.string().nullable(),
});
/** One change on one key. */
export type KeyChangeView = z.infer<typeof keyChangeSchema>;

/** A profile's changes since the user's last visit, from its cached list (`syncedAt`) and the key-use history; no CloudMC call. */
export const profileChangesSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  /** When the user last left this profile's key screen (or marked it seen); null: never, so nothing to compare. */
  visitedAt: z.string().nullable(),
  /** When the cached list compared was fetched; null: no list yet. */
  syncedAt: z.string().nullable(),
  counts: z.object(Object.fromEntries(changeKinds.map((k) => [k, z.number().int()])) as Record<(typeof changeKinds)[number], z.ZodNumber>),
  /** By kind (changeKinds' order), newest first within a kind. */
  items: z.array(keyChangeSchema),
});
/** A profile's changes since the last visit. */
export type ProfileChangesView = z.infer<typeof profileChangesSchema>;

/** The changes across all profiles: only the profiles with changes, in the sidebar's order. */
export const allChangesSchema = z.object({ profiles: z.array(profileChangesSchema), computedAt: z.string() });
/** The changes across all profiles. */
export type AllChangesView = z.infer<typeof allChangesSchema>;
