// Test helpers: an in-test window.cloudmc over a fake transport (the IPC boundary) and main's events, jsdom's missing dialog methods, state resets.
// Fake errors are classified by main's own kindOf, so the fake cannot disagree with main about what a code means.
import { createBridge } from '../../../src-preload/contract/bridge';
import { events as eventSchemas, type EventPayload } from '../../../src-preload/contract/events';
import type { EventName } from '../../../src-preload/contract/names';
import { defaultSettings } from '../../../src-preload/contract/defaults';
import { operationOf, type Channel, type ChannelOutput } from '../../../src-preload/contract/operations';
import type { AppError, ErrorCode, IpcResult } from '../../../src-preload/contract/errors';
import type { ProfileScreen } from '../../../src-preload/contract/profile-screen';
import type { ProfileChangesView } from '../../../src-preload/contract/health';
import type {
  AppState,
  ApiKeyView,
  GeneratedKey,
  KeysView,
  ProfileSummary,
  RenamedKey,
  RevokeOutcome,
  Settings,
} from '../../../src-preload/contract/models';
import { kindOf } from '../../../src-main/errors';
import { newestFirst } from '../../../src-main/services/credentials/credentials-service';
import { setupI18n } from '../../../src-renderer/src/lib/i18n';
import { addMessages } from 'svelte-i18n';
import fr from '../../../src-renderer/src/lib/i18n/locales/fr.json';
import es from '../../../src-renderer/src/lib/i18n/locales/es.json';
import { app } from '../../../src-renderer/src/lib/state/app.svelte';
import { keys } from '../../../src-renderer/src/lib/state/keys.svelte';
import { profiles } from '../../../src-renderer/src/lib/state/profiles.svelte';
import { secrets } from '../../../src-renderer/src/lib/state/secrets.svelte';
import { copies } from '../../../src-renderer/src/lib/state/copies.svelte';
import { refreshAll } from '../../../src-renderer/src/lib/state/refresh-all.svelte';
import { keySearch } from '../../../src-renderer/src/lib/state/search.svelte';
import { notices } from '../../../src-renderer/src/lib/state/notices.svelte';
import { noPolicy, policy } from '../../../src-renderer/src/lib/state/policy.svelte';
import { maybeCreated } from '../../../src-renderer/src/lib/state/maybe-created.svelte';
import { updates } from '../../../src-renderer/src/lib/state/updates.svelte';
import { dataRemoval } from '../../../src-renderer/src/lib/state/data-removal.svelte';
import { changes } from '../../../src-renderer/src/lib/state/changes.svelte';

/** What a fake channel handler may answer: a value, or an error code. */
export type Answer<C extends Channel> = IpcResult<ChannelOutput<C>> | Promise<IpcResult<ChannelOutput<C>>>;
export type Handlers = { [C in Channel]?: (input: never) => Answer<C> };

/** One recorded bridge call. */
export interface Call {
  channel: Channel;
  input: unknown;
}

/** Who listens to each event on the bridge installed last. */
let listeners = new Map<EventName, Set<(payload: unknown) => void>>();

/**
 * Sends an event as main would to the bridge installed last: the payload is checked against the contract's schema first (and the
 * checked value is what arrives, as main sends it), so a fake event cannot drift from the contract.
 */
export function emitEvent<E extends EventName>(name: E, payload: EventPayload<E>): void {
  const checked: unknown = eventSchemas[name].parse(payload);
  for (const deliver of [...(listeners.get(name) ?? [])]) deliver(structuredClone(checked));
}

/** Installs `window.cloudmc` built with the contract's createBridge over an in-test transport (and emitEvent's events); returns the call log. */
export function installBridge(handlers: Handlers): Call[] {
  const installed = new Map<EventName, Set<(payload: unknown) => void>>();
  listeners = installed;
  const calls: Call[] = [];
  const transport = async (channel: Channel, input: unknown): Promise<IpcResult<unknown>> => {
    calls.push({ channel, input });
    const handler = handlers[channel] as ((input: unknown) => Answer<Channel>) | undefined;
    if (!handler) return fail('internal');
    const answer = await handler(input);
    // A fake answer must be one main could give: checked against the contract's output schema, so the fakes cannot drift from it.
    if (answer.ok) operationOf(channel)!.output.parse(answer.value);
    return answer;
  };
  window.cloudmc = createBridge(transport, (event, deliver) => {
    const set = installed.get(event) ?? new Set();
    installed.set(event, set);
    set.add(deliver);
    return () => void set.delete(deliver);
  });
  return calls;
}

/** A success answer. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failure answer with the error's usual message key and the kind main gives its code (a use-case's own kind goes in `extra`). */
export function fail(code: ErrorCode, extra: Partial<AppError> = {}): { ok: false; error: AppError } {
  return { ok: false, error: { code, kind: kindOf(code), messageKey: `errors.${code}`, ...extra } };
}

/** jsdom has <dialog> but not showModal/close. */
export function polyfillDialog(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void };
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// Component tests switch language at once: the app loads French and Spanish as chunks (test/unit/src-renderer/lib/i18n/index.test.ts
// tests that path, the e2e suite runs it), and a test that forgot to await resetAll must not depend on which file loaded one first.
addMessages('fr', fr);
addMessages('es', es);

/** Fresh singletons and a chosen language before each test (the language is shown when it returns; the promise settles after). */
export function resetAll(language: 'en' | 'fr' | 'es' = 'en'): Promise<unknown> {
  polyfillDialog();
  app.reset();
  profiles.reset();
  keys.reset();
  secrets.reset();
  copies.reset();
  refreshAll.reset();
  keySearch.reset();
  notices.reset();
  policy.reset();
  maybeCreated.reset();
  updates.reset();
  dataRemoval.reset();
  changes.reset();
  return setupI18n(language);
}

export const profile: ProfileSummary = {
  id: 'p1',
  name: 'Production',
  endpoint: 'https://cloudmc.example.com/api/v1',
  identity: { userName: 'rwilson', displayName: 'Rose Wilson', organizationName: 'Acme Corporation' },
  accessKey: 'keychain',
  // As main lists a profile with nothing cached yet (the default handlers' cache is empty).
  lastSyncedAt: null,
  syncState: 'never',
  hasCustomCa: false,
  accessKeyId: null,
  managed: null,
  endpointAllowed: true,
  keyCount: null,
};

export const sampleKeys: ApiKeyView[] = [
  { id: 'k1', name: 'Update KB', creationDate: '2024-01-01T10:00:00.000Z', lastUsedDate: '2024-03-11T16:55:27.000Z', lastUsedIp: '172.27.127.164' },
  { id: 'k2', name: 'Grab-instance-list', creationDate: '2024-02-01T10:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
];

/** Settings as main keeps them: the contract's first-run defaults, in English, with no keychain copy by default, and `overrides`. */
export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings, language: 'en', storeCopyByDefault: false, clipboardClearSeconds: 30, ...overrides };
}

/** An app state with one profile (or none). */
export function appState(overrides: Partial<AppState> = {}): AppState {
  return {
    version: '0.1.0',
    settings: settings(),
    keychain: { available: true, backend: 'test' },
    profiles: [profile],
    lastProfileId: 'p1',
    shortcuts: { pinned: [], recent: [] },
    storeNotice: null,
    readOnly: false,
    dataProblem: null,
    defaultEndpoint: null,
    ...overrides,
  };
}

/** What a view built by `keysView` says: the list (or none), where it came from, the profile it is for, and how its last sync went. */
export interface ViewOptions {
  /** The list; `null` when main has none for the profile (never synced, nothing cached). Default: the sample keys. */
  keys?: ApiKeyView[] | null;
  failure?: AppError | null;
  /** The profile as the app state listed it (default: the sample profile); main's summary of it comes back in the view. */
  profile?: ProfileSummary;
  /** The session's sync outcome; by default what main's SyncStatus gives for this outcome. */
  syncState?: ProfileSummary['syncState'];
  syncedAt?: string;
  source?: 'live' | 'cache';
}

/** The sync state main reports after an outcome: live after a success, rejected after a 401, unchanged after a cancel, otherwise by the cache. */
function syncStateAfter(base: ProfileSummary, failure: AppError | null, hasCache: boolean): ProfileSummary['syncState'] {
  if (!failure) return 'live';
  if (failure.code === 'unauthorized') return 'rejected';
  if (failure.code === 'cancelled') return base.syncState;
  return hasCache ? 'cached' : 'never';
}

/**
 * The key screen main would report for a profile: its list in main's order (main's own sort, so the fake cannot disagree with it),
 * its summary (sync state and last sync as main derives them from the cache), and a refresh failure if any.
 */
export function keysView(opts: ViewOptions = {}): KeysView {
  const base = opts.profile ?? profile;
  const syncedAt = opts.syncedAt ?? '2024-03-12T09:00:00.000Z';
  const keys = opts.keys === undefined ? sampleKeys : opts.keys;
  const failure = opts.failure ?? null;
  return {
    profile: { ...base, syncState: opts.syncState ?? syncStateAfter(base, failure, keys !== null), lastSyncedAt: keys ? syncedAt : null },
    list: keys ? { profileId: base.id, keys: newestFirst(keys), syncedAt, source: opts.source ?? (failure ? 'cache' : 'live') } : null,
    failure,
  };
}

/** Main's answer to listCached when the profile's cache holds `keys` (saved at `syncedAt`): the list as cached, nothing failed. */
export function cachedView(
  keys: ApiKeyView[],
  syncedAt: string,
  opts: Omit<ViewOptions, 'keys' | 'syncedAt' | 'failure'> = {},
): { ok: true; value: KeysView } {
  return ok(keysView({ syncState: 'cached', ...opts, keys, syncedAt, source: 'cache' }));
}

/**
 * A refresh that failed as main reports it: an ok answer whose view carries the failure beside the cached list
 * (`keys`, saved at `opts.syncedAt`; `null` when nothing is cached).
 */
export function refreshFailed(
  code: ErrorCode,
  extra: Partial<AppError> = {},
  keys: ApiKeyView[] | null = sampleKeys,
  opts: Omit<ViewOptions, 'keys' | 'failure'> = {},
): { ok: true; value: KeysView } {
  return ok(keysView({ ...opts, keys, failure: fail(code, extra).error }));
}

/** The failure main gives a refresh when the profile's access key cannot be used: not known this session, or the keychain is not answering. */
export function accessKeyFailure(accessKey: ProfileSummary['accessKey']): AppError | null {
  if (accessKey === 'missing') return fail('access-key-missing').error;
  if (accessKey === 'unknown')
    return fail('keychain-unavailable', { messageKey: 'keychain.not-answering', details: { reason: 'not-answering' } }).error;
  return null;
}

/** Main's answer to a refresh of `summary` when CloudMC gives `keys` (or at once, without asking CloudMC, when the access key cannot be used). */
export function refreshAnswer(summary: ProfileSummary = profile, keys: ApiKeyView[] = sampleKeys, syncedAt?: string): { ok: true; value: KeysView } {
  const failure = accessKeyFailure(summary.accessKey);
  return ok(failure ? keysView({ profile: summary, keys: null, failure }) : keysView({ profile: summary, keys, ...(syncedAt ? { syncedAt } : {}) }));
}

/** What main answers to a generate: the key, its one-time value, and the key screen with the key added to the cached list `before`. */
export function generatedAnswer(
  key: ApiKeyView,
  opts: Partial<Omit<GeneratedKey, 'key' | 'view'>> & { before?: ApiKeyView[]; profile?: ProfileSummary } = {},
): { ok: true; value: GeneratedKey } {
  const { before = sampleKeys, profile: summary, ...rest } = opts;
  const view = keysView({ keys: [key, ...before.filter((k) => k.id !== key.id)], source: 'cache', ...(summary ? { profile: summary } : {}) });
  return ok({ key, secret: 'v'.repeat(43), secretId: 's1', storedInKeychain: false, storeError: null, warning: null, ...rest, view });
}

/** What main answers to a rename: CloudMC's renamed key, and the key screen with it replaced in the cached list `before`. */
export function renamedAnswer(key: ApiKeyView, opts: { warning?: AppError | null; before?: ApiKeyView[] } = {}): { ok: true; value: RenamedKey } {
  const before = opts.before ?? sampleKeys;
  return ok({ key, warning: opts.warning ?? null, view: keysView({ keys: before.map((k) => (k.id === key.id ? key : k)), source: 'cache' }) });
}

/** What main answers to a revoke: revoked (or confirmed already gone), and the key screen without the key. */
export function revokedAnswer(
  keyId: string,
  opts: { outcome?: RevokeOutcome['outcome']; warning?: AppError | null; before?: ApiKeyView[] } = {},
): { ok: true; value: RevokeOutcome } {
  const before = opts.before ?? sampleKeys;
  return ok({
    outcome: opts.outcome ?? 'revoked',
    warning: opts.warning ?? null,
    view: keysView({ keys: before.filter((k) => k.id !== keyId), source: 'cache' }),
  });
}

/**
 * Handlers for a working app: each profile of the state has no cache, and CloudMC lists the sample keys (main answers at once when
 * the access key cannot be used); a profile the state does not list is not found, as in main.
 */
export function workingHandlers(overrides: Handlers = {}, state: AppState = appState()): Handlers {
  const summaryOf = (input: never): ProfileSummary | undefined => state.profiles.find((p) => p.id === (input as { profileId: string }).profileId);
  const handlers: Handlers = {
    // main's one answer for a key screen, made as main makes it from this fake's (possibly overridden) cached list, copies and rotations
    'profiles:open': (input: never) => openedScreen(handlers, state, (input as { profileId?: string }).profileId),
    'app:getState': () => ok(state),
    'keys:listCached': (input: never) => {
      const summary = summaryOf(input);
      return summary ? ok(keysView({ keys: null, profile: summary, syncState: summary.syncState })) : fail('profile-not-found');
    },
    'keys:refresh': (input: never) => {
      const summary = summaryOf(input);
      return summary ? refreshAnswer(summary) : fail('profile-not-found');
    },
    'settings:update': (input: never) => ok({ ...state.settings, ...(input as object) }),
    'clipboard:copyText': () => ok({ clearAfterSeconds: null }),
    'secrets:listPending': () => ok([]),
    'policy:get': () => ok(noPolicy),
    'keys:maybeCreated': () => ok([]),
    ...overrides,
  };
  return handlers;
}

/** A profile's changes since a last visit that never was (nothing to compare), as main answers them. */
export function noChanges(profileId: string): ProfileChangesView {
  return {
    profileId,
    profileName: profileId,
    visitedAt: null,
    syncedAt: null,
    counts: { newKeys: 0, revokedKeys: 0, newIps: 0, firstUsed: 0 },
    items: [],
  };
}

/** `profiles:open` over the other fake handlers: the profile's cached list, copies, rotations, notes and uncertain Generates (none when not handled), remembered. */
async function openedScreen(handlers: Handlers, state: AppState, profileId: string | undefined): Promise<IpcResult<ProfileScreen | null>> {
  const id = profileId ?? state.lastProfileId ?? state.profiles[0]?.id;
  if (id === undefined) return ok(null);
  const ref = { profileId: id } as never;
  const listed = await handlers['keys:listCached']?.(ref);
  if (!listed) return fail('profile-not-found');
  if (!listed.ok) return listed;
  const stored = (await handlers['copies:list']?.(ref)) ?? ok([]);
  const rotations = (await handlers['rotation:list']?.(ref)) ?? ok([]);
  const notes = (await handlers['health:notes']?.(ref)) ?? ok({});
  const uncertain = (await handlers['keys:maybeCreated']?.(ref)) ?? ok([]);
  const changed = (await handlers['changes:forProfile']?.(ref)) ?? ok(noChanges(id));
  return ok({
    keys: listed.value,
    copies: stored.ok ? stored.value : null,
    rotations: rotations.ok ? rotations.value : [],
    notes: notes.ok ? notes.value : {},
    maybeCreated: uncertain.ok ? uncertain.value : [],
    changes: changed.ok ? changed.value : noChanges(id),
    notRemembered: null,
    shortcuts: state.shortcuts,
  });
}

/**
 * Lets every answer already given reach the screen before asserting that nothing (more) happened: the fake answers are
 * promises only (no I/O, no timer), so one macrotask turn drains them all. No time passes; it is not a wait for an event.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A promise to resolve by hand (for transports whose answers the test controls). */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** Makes a Deferred. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** `count` keys named "Key 00001"… (for windowing tests). */
export function manyKeys(count: number): ApiKeyView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `k${i + 1}`,
    name: `Key ${String(i + 1).padStart(5, '0')}`,
    creationDate: '2024-01-01T10:00:00.000Z',
    lastUsedDate: null,
    lastUsedIp: null,
  }));
}

/** `count` profiles p1…pN named "Profile 1"… on distinct hosts. */
export function manyProfiles(count: number, overrides: Partial<ProfileSummary> = {}): ProfileSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    ...profile,
    id: `p${i + 1}`,
    name: `Profile ${i + 1}`,
    endpoint: `https://host${i + 1}.example.com/api/v1`,
    identity: null,
    ...overrides,
  }));
}
