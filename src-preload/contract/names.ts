// The names the bridge is made of, with no runtime dependency (no zod): what the preload carries. The shapes are in operations.ts and events.ts.

/** Every operation's name, by domain (the verbs). operations.ts states each one's input and output, and must name exactly these. */
export const operationNames = {
  app: ['getState', 'cancelRequest', 'retryKeychain'],
  settings: ['update'],
  profiles: ['list', 'add', 'provideAccessKey', 'open', 'update', 'duplicate', 'remove', 'export', 'import', 'pin'],
  keys: ['listCached', 'refresh', 'search', 'generate', 'rename', 'revoke', 'maybeCreated', 'dismissMaybeCreated'],
  refreshAll: ['start', 'cancel', 'current'],
  secrets: ['copy', 'copyAsEnv', 'store', 'dismiss', 'listPending'],
  copies: ['list', 'copy', 'remove', 'checkOrphans', 'removeOrphans'],
  clipboard: ['copyText'],
  rotation: ['plan', 'start', 'list', 'confirmRetire', 'cancelRetire', 'revokeNow', 'resume', 'revokeOrphans', 'dismiss'],
  health: ['findings', 'activity', 'cachedActivity', 'notes', 'setNote', 'export', 'snooze', 'unsnooze'],
  changes: ['forProfile', 'all', 'markSeen'],
  updates: ['status', 'restart'],
  data: ['removalPlan', 'removeAll'],
  policy: ['get'],
} as const;

/** A domain of operations, e.g. `keys`. */
export type Domain = keyof typeof operationNames;
/** An operation's verb within its domain, e.g. `revoke`. */
export type VerbOf<D extends Domain> = (typeof operationNames)[D][number];
/** An IPC channel: `domain:verb`, e.g. `keys:revoke`. */
export type Channel = { [D in Domain]: `${D}:${VerbOf<D>}` }[Domain];

/** Every channel, in declaration order. */
export const allChannels: readonly Channel[] = (Object.keys(operationNames) as Domain[]).flatMap((domain) =>
  operationNames[domain].map((verb) => `${domain}:${verb}` as Channel),
);

/**
 * What main tells every window without being asked (`domain:did-change`), each with a payload schema in events.ts:
 * - `keys:did-change`: a profile's key screen changed (any cause: a timer, another window, Refresh all, a rotation);
 * - `rotation:did-change`: a profile's rotations changed;
 * - `keychain:did-change`: the keychain's status changed;
 * - `secrets:did-change`: the one-time keys still open in main changed (views only, never a value);
 * - `refreshAll:did-change`: Refresh all moved on (one profile's outcome, or the run started or ended);
 * - `policy:did-change`: the organization's policy changed (read again when IT changed it);
 * - `profiles:did-change`: profiles were added, changed or removed (any cause: the command line through the app, an import, the policy).
 */
export const eventNames = [
  'keys:did-change',
  'rotation:did-change',
  'keychain:did-change',
  'secrets:did-change',
  'refreshAll:did-change',
  'policy:did-change',
  'profiles:did-change',
] as const;
/** One event's name. */
export type EventName = (typeof eventNames)[number];

const eventNameSet: ReadonlySet<string> = new Set(eventNames);
/** True for an event of the contract (never a prototype name or a channel). */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNameSet.has(name);
}
