// Test helpers: an in-test window.cloudmc over a fake transport (the IPC boundary), jsdom's missing dialog methods, state resets.
// Fake errors are classified by main's own kindOf, so the fake cannot disagree with main about what a code means.
import { createBridge } from '../../../src-preload/contract/bridge';
import { operationOf, type Channel, type ChannelOutput } from '../../../src-preload/contract/operations';
import type { AppError, ErrorCode, IpcResult } from '../../../src-preload/contract/errors';
import type { AppState, ApiKeyView, KeysView, ProfileSummary } from '../../../src-preload/contract/models';
import { kindOf } from '../../../src-main/errors';
import { setupI18n } from '../../../src-renderer/src/lib/i18n';
import { app } from '../../../src-renderer/src/lib/state/app.svelte';
import { keys } from '../../../src-renderer/src/lib/state/keys.svelte';
import { profiles } from '../../../src-renderer/src/lib/state/profiles.svelte';
import { secrets } from '../../../src-renderer/src/lib/state/secrets.svelte';
import { copies } from '../../../src-renderer/src/lib/state/copies.svelte';
import { refreshAll } from '../../../src-renderer/src/lib/state/refresh-all.svelte';
import { keySearch } from '../../../src-renderer/src/lib/state/search.svelte';
import { notices } from '../../../src-renderer/src/lib/state/notices.svelte';

/** What a fake channel handler may answer: a value, or an error code. */
export type Answer<C extends Channel> = IpcResult<ChannelOutput<C>> | Promise<IpcResult<ChannelOutput<C>>>;
export type Handlers = { [C in Channel]?: (input: never) => Answer<C> };

/** One recorded bridge call. */
export interface Call {
  channel: Channel;
  input: unknown;
}

/** Installs `window.cloudmc` built with the contract's createBridge over an in-test transport; returns the call log. */
export function installBridge(handlers: Handlers): Call[] {
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
  window.cloudmc = createBridge(transport);
  return calls;
}

/** A success answer. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failure answer with the error's usual message key and the kind main gives its code (a use-case's own kind goes in `extra`). */
export function fail(code: ErrorCode, extra: Partial<AppError> = {}): { ok: false; error: AppError } {
  return { ok: false, error: { code, kind: kindOf(code), messageKey: `errors.${code}`, retryable: false, ...extra } };
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

/** Fresh singletons and a chosen language before each test. */
export function resetAll(language: 'en' | 'fr' | 'es' = 'en'): void {
  polyfillDialog();
  app.reset();
  profiles.reset();
  keys.reset();
  secrets.reset();
  copies.reset();
  refreshAll.reset();
  keySearch.reset();
  notices.reset();
  setupI18n(language);
}

export const profile: ProfileSummary = {
  id: 'p1',
  name: 'Production',
  endpoint: 'https://cloudmc.example.com/api/v1',
  identity: { userName: 'rwilson', displayName: 'Rose Wilson', organizationName: 'Acme Corporation' },
  accessKey: 'keychain',
  lastSyncedAt: '2024-03-11T16:00:00.000Z',
  syncState: 'cached',
  hasCustomCa: false,
  accessKeyId: null,
};

export const sampleKeys: ApiKeyView[] = [
  { id: 'k1', name: 'Update KB', creationDate: '2024-01-01T10:00:00.000Z', lastUsedDate: '2024-03-11T16:55:27.000Z', lastUsedIp: '172.27.127.164' },
  { id: 'k2', name: 'Grab-instance-list', creationDate: '2024-02-01T10:00:00.000Z', lastUsedDate: null, lastUsedIp: null },
];

/** An app state with one profile (or none). */
export function appState(overrides: Partial<AppState> = {}): AppState {
  return {
    version: '0.1.0',
    settings: { language: 'en', storeCopyByDefault: false, clipboardClearSeconds: 30 },
    keychain: { available: true, backend: 'test' },
    profiles: [profile],
    lastProfileId: 'p1',
    storeNotice: null,
    readOnly: false,
    dataProblem: null,
    defaultEndpoint: null,
    ...overrides,
  };
}

/** The key screen main would report for a profile: its list (or none), its summary, and a refresh failure if any. */
export function keysView(opts: { keys?: ApiKeyView[] | null; failure?: AppError | null; profile?: ProfileSummary; syncState?: ProfileSummary['syncState']; syncedAt?: string; source?: 'live' | 'cache' } = {}): KeysView {
  const base = opts.profile ?? profile;
  const syncedAt = opts.syncedAt ?? '2024-03-12T09:00:00.000Z';
  const keys = opts.keys === undefined ? sampleKeys : opts.keys;
  return {
    profile: { ...base, syncState: opts.syncState ?? (opts.failure ? (keys ? 'cached' : 'never') : 'live'), lastSyncedAt: keys ? syncedAt : base.lastSyncedAt },
    list: keys ? { profileId: base.id, keys, syncedAt, source: opts.source ?? (opts.failure ? 'cache' : 'live') } : null,
    failure: opts.failure ?? null,
  };
}

/** A refresh that failed as main reports it: an ok answer whose view carries the failure beside the cached list (if any). */
export function refreshFailed(code: ErrorCode, extra: Partial<AppError> = {}, keys: ApiKeyView[] | null = sampleKeys): { ok: true; value: KeysView } {
  return ok(keysView({ keys, failure: fail(code, extra).error }));
}

/** Handlers for a working app with the sample keys. */
export function workingHandlers(overrides: Handlers = {}, state: AppState = appState()): Handlers {
  return {
    'app:getState': () => ok(state),
    'profiles:select': () => ok(null),
    'keys:listCached': () => ok(keysView({ keys: null, syncState: profile.syncState })),
    'keys:refresh': () => ok(keysView()),
    'settings:update': (input: never) => ok({ ...state.settings, ...(input as object) }),
    'clipboard:copyText': () => ok({ clearAfterSeconds: null }),
    'secrets:listPending': () => ok([]),
    ...overrides,
  };
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
