// Every operation the renderer can ask of main, stated once: its input schema and its output schema, under its name from names.ts
// (domain and verb; checked both ways by `satisfies`). The IPC channel (`domain:verb`), the preload's `window.cloudmc.domain.verb`
// (from the names alone) and main's handler table (typed by this table) all derive from them.
import { z } from 'zod';
import { refreshAllRunSchema } from './events';
import type { Channel, Domain, VerbOf } from './names';
import { clipboardClearMaxSeconds, importFileMaxBytes, codePointLength, keyIdPattern, keyNameMaxCodePoints, searchResultsMax } from './limits';
import {
  appStateSchema,
  copyOutcomeSchema,
  generatedKeySchema,
  importReportSchema,
  keychainStatusSchema,
  keySearchResultSchema,
  keysViewSchema,
  orphanCheckSchema,
  orphanRemovalSchema,
  languageChoiceSchema,
  themeChoiceSchema,
  pendingSecretViewSchema,
  profileExportSchema,
  profileShortcutsSchema,
  profileSummarySchema,
  sidebarDensitySchema,
  renamedKeySchema,
  revokeOutcomeSchema,
  settingsSchema,
  storedCopySchema,
} from './models';
import {
  rotationChangedSchema,
  rotationListInput,
  rotationPlanInput,
  rotationPlanSchema,
  rotationRefInput,
  rotationStartInput,
  rotationStartedSchema,
  rotationViewSchema,
} from './rotation';
import { maybeCreatedListSchema } from './maybe-created';
import {
  activityViewSchema,
  allChangesSchema,
  healthExportInputSchema,
  healthExportSchema,
  healthReportSchema,
  keyNoteInputSchema,
  keyNotesSchema,
  profileChangesSchema,
  snoozeInputSchema,
  snoozeOutcomeSchema,
  unsnoozeInputSchema,
} from './health';
import { dataRemovedSchema, removalPlanSchema, updateStatusSchema } from './updates';
import { policyViewSchema } from './policy';
import { profileOpenInput, profileScreenSchema } from './profile-screen';

const id = z.string().min(1).max(200);
/** A CloudMC key id: refused at the bridge unless path-safe (never `..`). */
const keyId = z.string().regex(keyIdPattern);
/** A key name as typed; trimmed and checked for content by main (name-invalid), bounded here so no huge string reaches a service. */
const keyName = z
  .string()
  .max(4 * keyNameMaxCodePoints + 64)
  .refine((s) => codePointLength(s.trim()) <= keyNameMaxCodePoints, { message: 'too-long' });
/** A request id the renderer picks so it can cancel the call (app.cancelRequest). */
const requestId = id.optional();
const secretValue = z.string().min(1).max(4096);
const pem = z.string().max(256 * 1024);
const none = z.undefined();
const done = z.null();
const profileRef = z.object({ profileId: id }).strict();

/** One operation: what main accepts and what it answers. */
function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}

/** The shape of the operations table: exactly the names of names.ts, each with its schemas. */
type OperationTable = { [D in Domain]: { [V in VerbOf<D>]: { input: z.ZodType; output: z.ZodType } } };

/** The operations, by domain. Adding one is its name in names.ts, one entry here and one handler in main. */
export const operations = {
  app: {
    getState: op(none, appStateSchema),
    /** Cancels a CloudMC call started with this request id (also one not started yet). */
    cancelRequest: op(z.object({ requestId: id }).strict(), done),
    /** "Try again" for a keychain that stopped answering or was locked. */
    retryKeychain: op(none, keychainStatusSchema),
  },
  settings: {
    update: op(
      z
        .object({
          language: languageChoiceSchema.optional(),
          theme: themeChoiceSchema.optional(),
          idleDays: z.number().int().min(1).max(3650).optional(),
          storeCopyByDefault: z.boolean().optional(),
          clipboardClearSeconds: z.number().int().min(0).max(clipboardClearMaxSeconds).optional(),
          updates: z.boolean().optional(),
          sidebarDensity: sidebarDensitySchema.optional(),
        })
        .strict(),
      settingsSchema,
    ),
  },
  profiles: {
    list: op(none, z.array(profileSummarySchema)),
    add: op(
      z.object({ name: z.string().max(1000), endpoint: z.string().max(2048), apiKey: secretValue, caPem: pem.optional(), requestId }).strict(),
      profileSummarySchema,
    ),
    provideAccessKey: op(z.object({ profileId: id, apiKey: secretValue, requestId }).strict(), profileSummarySchema),
    /** A profile's key screen from local data in one answer (cached keys, stored copies, rotations); remembers it for the next start. */
    open: op(profileOpenInput, profileScreenSchema),
    update: op(
      z
        .object({
          profileId: id,
          name: z.string().max(1000).optional(),
          endpoint: z.string().max(2048).optional(),
          apiKey: secretValue.optional(),
          caPem: pem.nullable().optional(),
          requestId,
        })
        .strict(),
      profileSummarySchema,
    ),
    duplicate: op(profileRef, profileSummarySchema),
    remove: op(profileRef, done),
    export: op(z.object({ profileIds: z.array(id).max(10_000).optional() }).strict(), profileExportSchema),
    import: op(z.object({ json: z.string().max(importFileMaxBytes), replace: z.boolean() }).strict(), importReportSchema),
    /** Pins a profile to the top of the sidebar, or unpins it; answers main's shortcuts after the change. */
    pin: op(z.object({ profileId: id, pinned: z.boolean() }).strict(), profileShortcutsSchema),
  },
  keys: {
    /** The cached list at once (no CloudMC call), with the profile's summary. */
    listCached: op(profileRef, keysViewSchema),
    /** Asks CloudMC; a failure comes back in the view (with the cached list still shown), never as an error. */
    refresh: op(z.object({ profileId: id, requestId }).strict(), keysViewSchema),
    search: op(
      z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(searchResultsMax).optional() }).strict(),
      keySearchResultSchema,
    ),
    generate: op(z.object({ profileId: id, name: keyName.optional(), storeInKeychain: z.boolean() }).strict(), generatedKeySchema),
    rename: op(z.object({ profileId: id, keyId, name: keyName, requestId }).strict(), renamedKeySchema),
    revoke: op(z.object({ profileId: id, keyId, removeStoredCopy: z.boolean().optional(), requestId }).strict(), revokeOutcomeSchema),
    /** A profile's Generates that may have created a key (cut short by a crash, unanswered, or answered unsafely), with what the checks found. */
    maybeCreated: op(profileRef, maybeCreatedListSchema),
    /** Closes one (nothing was found, or the user keeps a key it found); answers the profile's list after it. */
    dismissMaybeCreated: op(z.object({ profileId: id, intentId: id }).strict(), maybeCreatedListSchema),
  },
  refreshAll: {
    /** Refreshes every profile whose access key can be used, a few at a time (its progress comes as `refreshAll:did-change`); answers the run, or the one already running. */
    start: op(none, refreshAllRunSchema),
    /** Stops the run: profiles not started are cancelled, calls in flight are cancelled. */
    cancel: op(none, done),
    /** The run in progress or the last one (null: none yet), for a window that opens during a run. */
    current: op(none, refreshAllRunSchema.nullable()),
  },
  secrets: {
    copy: op(z.object({ secretId: id }).strict(), copyOutcomeSchema),
    /** Copies the key's profile endpoint and the value as `CLOUDMC_ENDPOINT=` and `CLOUDMC_API_KEY=` lines, cleared like a copied key. */
    copyAsEnv: op(z.object({ secretId: id }).strict(), copyOutcomeSchema),
    store: op(z.object({ secretId: id }).strict(), done),
    dismiss: op(z.object({ secretId: id }).strict(), done),
    listPending: op(none, z.array(pendingSecretViewSchema)),
  },
  copies: {
    list: op(profileRef, z.array(storedCopySchema)),
    /** Copies a stored value to the clipboard through main: a stored value never crosses the bridge. */
    copy: op(z.object({ profileId: id, keyId }).strict(), copyOutcomeSchema),
    remove: op(z.object({ profileId: id, keyId }).strict(), done),
    /** Asks CloudMC for a fresh list and answers which copies it proves orphaned (nothing removed); refuses while CloudMC cannot answer. */
    checkOrphans: op(z.object({ profileId: id, requestId }).strict(), orphanCheckSchema),
    /** Removes the named copies once a fresh list (re-checked by main) lacks their key; the others are kept and named back. */
    removeOrphans: op(z.object({ profileId: id, keyIds: z.array(keyId).min(1).max(10_000), requestId }).strict(), orphanRemovalSchema),
  },
  clipboard: {
    copyText: op(z.object({ text: z.string().min(1).max(4096) }).strict(), copyOutcomeSchema),
  },
  rotation: {
    /** What the Rotate form offers for a key: main's default name for the replacement (a name too long to take the suffix is shortened). */
    plan: op(rotationPlanInput, rotationPlanSchema),
    /** Replaces a key: generated, stored in the keychain (required), verified with itself, then the old key retires after the grace period. */
    start: op(rotationStartInput, rotationStartedSchema),
    /** Rotations not dismissed (one profile's when given), with where each stands and any retirement deadline. */
    list: op(rotationListInput, z.array(rotationViewSchema)),
    /** Revokes the old key although CloudMC shows it used within the last hour. */
    confirmRetire: op(rotationRefInput, rotationChangedSchema),
    /** Keeps the old key (the retirement is cancelled). */
    cancelRetire: op(rotationRefInput, rotationChangedSchema),
    /** Revokes the old key now. */
    revokeNow: op(rotationRefInput, rotationChangedSchema),
    /** "Try again" for a paused step. */
    resume: op(rotationRefInput, rotationChangedSchema),
    /** Revokes the keys a rotation left that nobody can use. */
    revokeOrphans: op(rotationRefInput, rotationChangedSchema),
    /** Forgets a finished rotation. */
    dismiss: op(rotationRefInput, done),
  },
  health: {
    /** Key-health findings over every profile's last synced list (or one profile's); counts per kind and per profile. No CloudMC call. */
    findings: op(z.object({ profileId: id.optional() }).strict(), healthReportSchema),
    /** Asks CloudMC for the profile user's own activity (30 days); a failure comes back in the view beside the cached entries. */
    activity: op(z.object({ profileId: id, requestId }).strict(), activityViewSchema),
    /** The cached activity at once (no CloudMC call). */
    cachedActivity: op(profileRef, activityViewSchema),
    /** A profile's local notes by key id. */
    notes: op(profileRef, keyNotesSchema),
    /** Sets (trimmed) or, when empty, removes a key's local note; never sent to CloudMC. */
    setNote: op(z.object({ profileId: id, keyId, note: keyNoteInputSchema }).strict(), z.object({ note: z.string().nullable() })),
    /** Findings or activity as CSV or JSON (no secret), for a save dialog. */
    export: op(healthExportInputSchema, healthExportSchema),
    /** Snoozes findings for a period with a note: they leave the queue until then (main keeps the snooze, per finding, with its expiry). */
    snooze: op(snoozeInputSchema, snoozeOutcomeSchema),
    /** Brings snoozed findings back into the queue now. */
    unsnooze: op(unsnoozeInputSchema, z.object({ removed: z.number().int() })),
  },
  changes: {
    /** A profile's changes since the user's last visit (new, revoked, new IPs, first used), from the cached list and history; no CloudMC call. */
    forProfile: op(profileRef, profileChangesSchema),
    /** Every profile's changes since its last visit: only the profiles with changes. */
    all: op(z.object({}).strict(), allChangesSchema),
    /** "Mark as seen": the profile's current list becomes its last visit (main also does it when the user leaves the profile). */
    markSeen: op(profileRef, profileChangesSchema),
  },
  updates: {
    /** Where updates stand (checked at start and every few hours, downloaded in the background). */
    status: op(none, updateStatusSchema),
    /** "Restart to update": refused with the reason while a Generate, a rotation step or an undismissed one-time key would be cut short. */
    restart: op(none, done),
  },
  data: {
    /** What "Remove all my data" would remove (profiles, caches, history, journals, this app's keychain entries), and whether it can now. */
    removalPlan: op(none, removalPlanSchema),
    /** Removes every keychain entry of this app, then the data folder's files; the app then quits. Takes the confirmed plan's `confirmation`; refused like a restart. */
    removeAll: op(z.object({ confirmation: z.string().min(1).max(100) }).strict(), dataRemovedSchema),
  },
  policy: {
    /** The organization's policy as it applies now: locked settings, allowed endpoints, whether profiles may be added, or why none applies. */
    get: op(none, policyViewSchema),
  },
} satisfies OperationTable;

export type { Channel, Domain, VerbOf };
export { allChannels } from './names';
type OpsOf<D extends Domain> = (typeof operations)[D];

type OperationAt<C extends Channel> = C extends `${infer D extends Domain}:${infer V}` ? (V extends keyof OpsOf<D> ? OpsOf<D>[V] : never) : never;

/** What the renderer passes to a channel. */
export type ChannelInput<C extends Channel> = z.input<OperationAt<C>['input']>;
/** What main's handler receives, parsed. */
export type ParsedInput<C extends Channel> = z.output<OperationAt<C>['input']>;
/** What a channel answers. */
export type ChannelOutput<C extends Channel> = z.output<OperationAt<C>['output']>;

/** One operation as a flat entry. */
export interface OperationEntry {
  channel: Channel;
  domain: Domain;
  verb: string;
  input: z.ZodType;
  output: z.ZodType;
}

/** Every operation, flat, in declaration order (for registration and lookups). */
export const operationList: readonly OperationEntry[] = Object.entries(operations).flatMap(([domain, verbs]) =>
  Object.entries(verbs as Record<string, { input: z.ZodType; output: z.ZodType }>).map(([verb, o]) => ({
    channel: `${domain}:${verb}` as Channel,
    domain: domain as Domain,
    verb,
    input: o.input,
    output: o.output,
  })),
);

const byChannel = new Map(operationList.map((o) => [o.channel as string, o]));

/** The operation behind a channel name, or undefined for anything else (prototype names included). */
export function operationOf(channel: string): OperationEntry | undefined {
  return byChannel.get(channel);
}
