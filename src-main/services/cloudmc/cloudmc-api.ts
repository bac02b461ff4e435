// The only module that knows CloudMC's key-management paths, field names and status codes (an assumption: see docs/cloudmc-api.md).
import { z } from 'zod';
import type { ApiKeyView, ProfileIdentity } from '../../../src-preload/contract/models';
import type { ErrorCode } from '../../../src-preload/contract/errors';
import { codePointLength, keyIdPattern, keyNameMaxCodePoints } from '../../../src-preload/contract/limits';
import { fail, type AppFailure } from '../../errors';

/** The header that carries the access key on every call. */
export const apiKeyHeader = 'MC-Api-Key';

/** Paths relative to the endpoint. */
export const paths = {
  apiKeys: '/api_keys',
  apiKey: (id: string) => `/api_keys/${encodeURIComponent(id)}`,
  currentUser: '/users/current',
} as const;

const isoDate = z.string().min(1).max(100);
const apiKeySchema = z.object({
  // Checked against the key-id pattern after parsing (checkKeys), so that a bad id is named as such.
  id: z.string().max(1000),
  name: z.string().max(1000),
  creationDate: isoDate,
  lastUsedDate: isoDate.nullable().optional(),
  lastUsedIp: z.string().max(100).nullable().optional(),
});

/** `{"data": [ApiKey]}` from GET /api_keys; unknown fields are dropped by zod. */
export const listKeysResponse = z.object({ data: z.array(apiKeySchema) });
/** `{"data": ApiKey & {secret}}` from POST /api_keys. */
export const generatedKeyResponse = z.object({ data: apiKeySchema.extend({ secret: z.string().min(1).max(4096) }) });
/** `{"data": ApiKey}` from PUT /api_keys/:id. */
export const renamedKeyResponse = z.object({ data: apiKeySchema });
/** `{"data": user}` from GET /users/current. */
export const currentUserResponse = z.object({
  data: z.object({
    id: z.string(),
    userName: z.string().max(500),
    firstName: z.string().max(500).nullable().optional(),
    lastName: z.string().max(500).nullable().optional(),
    email: z.string().max(500).nullable().optional(),
    organization: z
      .object({ id: z.string(), name: z.string().max(500) })
      .nullable()
      .optional(),
  }),
});
/** CloudMC's error envelope. */
export const errorEnvelope = z.object({
  errors: z
    .array(z.object({ code: z.unknown().optional(), message: z.string().optional(), context: z.record(z.string(), z.unknown()).optional() }))
    .min(1),
});

/** True when a parsed body is CloudMC's own error envelope (not, say, a proxy's HTML page). */
export function isErrorEnvelope(body: unknown): boolean {
  return errorEnvelope.safeParse(body).success;
}

/** C0 and C1 control characters and DEL: nothing CloudMC sends that the app shows, stores or prints may hold one (security.md 41). */
const controlCharacter = /\p{Cc}/u;

/** True when a text holds a control character. */
export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text);
}

/** The text fields of a key object that reach screens, terminals and files. */
const keyTextFields = ['name', 'creationDate', 'lastUsedDate', 'lastUsedIp'] as const;

/**
 * Refuses key objects the app could not use safely (security.md 22, 41): an id that is not a path-safe token (`..` would turn
 * DELETE /api_keys/.. into another path, `../../x` a keychain account into another): bad-response, reason `key-id`; a control
 * character in any text field: bad-response, reason `control-character`, naming the field (never its value).
 */
export function checkKeys(keys: readonly z.output<typeof apiKeySchema>[]): void {
  for (const k of keys) {
    if (!keyIdPattern.test(k.id)) throw unsafeAnswer('key-id', 'id');
    for (const field of keyTextFields) {
      const value = k[field];
      if (typeof value === 'string' && hasControlCharacter(value)) throw unsafeAnswer('control-character', field);
    }
  }
}

/** Refuses a generated key value holding a control character (an OSC 52 clipboard write, a cursor move...): bad-response, reason `control-character`, field `secret`. */
export function checkSecret(secret: string): void {
  if (hasControlCharacter(secret)) throw unsafeAnswer('control-character', 'secret');
}

/** The failure of an answer refused for what one of its fields held (its value never part of it). */
function unsafeAnswer(reason: 'key-id' | 'control-character', field: string): AppFailure {
  return fail('bad-response', { messageKey: 'generate.unsafeAnswer', details: { reason, field } });
}

/** The body for generate and rename. */
export function nameBody(name: string | undefined): string {
  return JSON.stringify(name === undefined ? {} : { name });
}

/** Converts CloudMC's key object to the app's view (missing optional fields become null). */
export function toApiKeyView(k: z.output<typeof apiKeySchema>): ApiKeyView {
  return { id: k.id, name: k.name, creationDate: k.creationDate, lastUsedDate: k.lastUsedDate ?? null, lastUsedIp: k.lastUsedIp ?? null };
}

/** Converts CloudMC's current user to who a profile acts as. */
export function toIdentity(u: z.output<typeof currentUserResponse>['data']): ProfileIdentity {
  const displayName = [u.firstName, u.lastName].filter(Boolean).join(' ') || u.userName;
  return { userName: u.userName, displayName, organizationName: u.organization?.name ?? '' };
}

/** Maps a CloudMC status to an error code; a 400 naming the `name` field is a name error; a 404 is `not-found` only in CloudMC's envelope. */
export function errorCodeForStatus(status: number, body: unknown): ErrorCode {
  if (status === 400) {
    const parsed = errorEnvelope.safeParse(body);
    const field = parsed.success ? parsed.data.errors.find((e) => e.context?.['field'] === 'name') : undefined;
    return field ? 'name-invalid' : 'bad-response';
  }
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return isErrorEnvelope(body) ? 'not-found' : 'bad-response';
  if (status === 429) return 'rate-limited';
  if (status >= 300 && status < 400) return 'redirect-refused';
  if (status >= 500) return 'server-error';
  return 'bad-response';
}

/** Paths of the activity log (documented by CloudMC), relative to the endpoint. */
export const activityPaths = {
  activityLog: '/activity_log',
  activityCodes: '/activity_log/codes',
} as const;

/** The query of GET /activity_log for the caller's own activity since an instant. */
export function activityQuery(since: Date, onlyMine: boolean): string {
  const query = new URLSearchParams({ only_mine: String(onlyMine), start: since.toISOString() });
  return `${activityPaths.activityLog}?${query.toString()}`;
}

/** Largest activity text field kept (codes, categories, statuses, addresses); longer ones make the entry unreadable. */
const activityText = z.string().max(200);

/**
 * One `Activity` as the app reads it: what it shows, nothing more (the user fields are dropped). `eventContext` is kept as
 * anything: only the key's name is read from it (keyNameFromContext), and a context that cannot be read never makes the entry unreadable.
 */
const activitySchema = z.object({
  id: z.string().min(1).max(200),
  created: isoDate,
  eventCode: z.string().min(1).max(200),
  category: activityText.nullable().optional(),
  status: activityText.nullable().optional(),
  requesterIp: z.string().max(100).nullable().optional(),
  eventContext: z.unknown().optional(),
});

/** Longest `eventContext` read for a key name; a longer one is left unread. */
const eventContextMaxChars = 4096;

/** The key's name in an activity's `eventContext` (escaped JSON such as `{"apiKeyId": "…", "name": "…"}`), or null: no context, not JSON, no name, not a valid key name. */
function keyNameFromContext(context: unknown): string | null {
  if (typeof context !== 'string' || context.length > eventContextMaxChars || context.charCodeAt(0) !== 0x7b) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(context);
  } catch {
    return null;
  }
  const name = (parsed as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name.trim() === '' || codePointLength(name) > keyNameMaxCodePoints) return null;
  return name;
}

/** One activity, as the client answers it. */
export interface ActivityRecord {
  id: string;
  created: string;
  eventCode: string;
  category: string;
  status: string;
  requesterIp: string | null;
  /** The key the event is about, when CloudMC names it in `eventContext` (text only, never rendered as HTML); else null. */
  keyName: string | null;
}

/** What GET /activity_log answered: the entries the app could read, and how many it could not (counted, never dropped silently). */
export interface ActivityAnswer {
  records: ActivityRecord[];
  skipped: number;
}

/** Longest activity entry read, as JSON text: a longer one is unreadable, and not parsed. */
export const activityEntryMaxChars = 64 * 1024;

/** `{"data": {"<CATEGORY>": ["<eventCode>", ...]}}` from GET /activity_log/codes. */
export const activityCodesResponse = z.object({ data: z.record(z.string().max(200), z.array(z.string().max(200))) });

/** Reads one activity from its JSON text (an element of the answer's `data`); null when it cannot be read: not JSON, not an object, a field missing or of another type, a date that is not one. */
export function toActivityRecord(entry: string): ActivityRecord | null {
  if (entry.length > activityEntryMaxChars || entry.charCodeAt(0) !== 0x7b) return null; // an entry is an object: `{`
  let raw: unknown;
  try {
    raw = JSON.parse(entry);
  } catch {
    return null;
  }
  // The schema's required text fields first: a cheap no for most unreadable entries, without the garbage of a failed parse.
  const fields = raw as Partial<Record<'id' | 'created' | 'eventCode', unknown>> | null;
  if (typeof fields?.id !== 'string' || typeof fields.created !== 'string' || typeof fields.eventCode !== 'string') return null;
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success || Number.isNaN(Date.parse(parsed.data.created))) return null;
  const a = parsed.data;
  return {
    id: a.id,
    created: a.created,
    eventCode: a.eventCode,
    category: a.category ?? '',
    status: a.status ?? '',
    requesterIp: a.requesterIp ?? null,
    keyName: keyNameFromContext(a.eventContext),
  };
}
