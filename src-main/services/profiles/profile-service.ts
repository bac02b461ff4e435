// Profiles: add and update (checked against CloudMC first), duplicate, select, remove; ordered per profile; never stores a secret in a file.
import { randomUUID } from 'node:crypto';
import type { ProfileIdentity, ProfileShortcuts, ProfileSummary } from '../../../src-preload/contract/models';
import { codePointLength, isInvisibleText, profileNameMaxCodePoints } from '../../../src-preload/contract/limits';
import { AppFailure, fail } from '../../errors';
import { checkAccessKey } from '../cloudmc/access-key';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import type { CloudmcClient, CloudmcConnection } from '../cloudmc/cloudmc-client';
import type { CancellableRequests } from '../cancellable-requests';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { ProfileQueue } from '../profile-queue';
import type { AppStores, StoredProfile } from '../store/app-stores';
import { writable } from '../store/writable';
import type { AccessKeyPlace, AccessKeyVault } from './access-key-vault';
import { checkCaBundle } from './ca-certificate';
import { identifyOwnKey } from './own-key';
import { checkManagedChange, checkRemovable, noProfilesPolicy, unmanaged, type ProfilesPolicy } from './managed-profile-rules';
import type { SyncStatus } from './sync-status';
import { shortcutsOf, withOpened, withoutProfile, withPinned } from './profile-shortcuts';

/** Makes a CloudMC client for a connection (injected so tests and the app share one construction). */
export type ClientFactory = (conn: CloudmcConnection) => CloudmcClient;

/** What can change on a profile; an omitted field is kept, `caPem: null` removes the CA. */
export interface ProfileChange {
  name?: string;
  endpoint?: string;
  apiKey?: string;
  caPem?: string | null;
}

/** The profile use-cases. */
export interface ProfileService {
  list(): Promise<ProfileSummary[]>;
  add(input: { name: string; endpoint: string; apiKey: string; caPem?: string }, requestId?: string): Promise<ProfileSummary>;
  update(profileId: string, change: ProfileChange, requestId?: string): Promise<ProfileSummary>;
  duplicate(profileId: string): Promise<ProfileSummary>;
  provideAccessKey(profileId: string, apiKey: string, requestId?: string): Promise<ProfileSummary>;
  select(profileId: string): void;
  /** Pins a profile to the top of the sidebar or unpins it; the shortcuts after the change. */
  pin(profileId: string, pinned: boolean): ProfileShortcuts;
  /** The sidebar's pinned and recent profiles (existing ones only). */
  shortcuts(): ProfileShortcuts;
  /** Removes a profile after every change queued before it; `onRemoved` lets other services forget it. */
  remove(profileId: string): Promise<void>;
  /** The stored profile, or profile-not-found. */
  get(profileId: string): StoredProfile;
  /** The profile as the renderer sees it (sync state decided here), or profile-not-found. */
  summary(profileId: string): Promise<ProfileSummary>;
  /** A client for the profile, or access-key-missing (keychain-unavailable when the keychain stopped answering). */
  client(profileId: string): Promise<CloudmcClient>;
  /**
   * Import "Replace": gives the profile the imported CA, in the profile's queue and on the profile as it is then (never a copy taken
   * before). A changed CA first removes the stored access key (never sent to a server it was not verified against); `gone` when the
   * profile was removed, renamed or moved meanwhile (nothing done).
   */
  importCa(profileId: string, expected: { name: string; endpoint: string }, caPem: string | undefined): Promise<'unchanged' | 'key-dropped' | 'gone'>;
  /**
   * Moves the profile to a new access key (rotation) as one change of config and keychain: verified with the new key first; both keys kept
   * in the keychain while the config is written; the keychain put back when the config cannot be written (session memory is refused).
   */
  switchAccessKey(profileId: string, apiKey: string, keyId: string): Promise<ProfileSummary>;
  /** Finishes every key switch a crash or a failed write left (at start-up): the profile's keychain entry made to hold the key its config names. */
  reconcileKeySwitches(): Promise<void>;
  /** True when the profile signs in with this key: its config names it, or its keychain entry holds `value` (the key's stored copy). */
  signsInWith(profileId: string, keyId: string, value: string | null): Promise<boolean>;
}

/** A keychain that could not take the switch: the profile stays on its old key, said in the rotation's words. */
function keychainRefused(e: unknown): unknown {
  if (!(e instanceof AppFailure) || e.appError.kind !== 'keychain') return e;
  return fail(e.appError.code, {
    messageKey: 'rotation.errors.switch-not-stored',
    kind: 'keychain',
    ...(e.appError.details ? { details: e.appError.details } : {}),
  });
}

/** Checks a profile name: trimmed, 1 to 200 characters, not only invisible characters. */
export function checkProfileName(name: string): string {
  const trimmed = name.trim();
  const length = codePointLength(trimmed);
  if (length === 0) throw fail('invalid-input', { details: { field: 'name', reason: 'empty' } });
  if (isInvisibleText(trimmed)) throw fail('invalid-input', { messageKey: 'errors.name-invisible', details: { field: 'name', reason: 'invisible' } });
  if (length > profileNameMaxCodePoints) throw fail('invalid-input', { details: { field: 'name', reason: 'too-long' } });
  return trimmed;
}

/** Creates the profile service. */
export function createProfileService(deps: {
  stores: AppStores;
  vault: AccessKeyVault;
  copies: KeychainCopies;
  sync: SyncStatus;
  queue: ProfileQueue;
  requests: CancellableRequests;
  makeClient: ClientFactory;
  now: () => Date;
  /** Called once a profile is gone, so per-profile state elsewhere (list versions) is dropped. */
  onRemoved?: (profileId: string) => void;
  /** Told of the profile the user leaves when another is opened (its visit is recorded). */
  onLeft?: (profileId: string) => void;
  /** The organization's policy: allowed endpoints, whether the user may add profiles. */
  policy?: ProfilesPolicy;
}): ProfileService {
  const { stores, vault, makeClient, sync, queue, requests } = deps;
  const policy = deps.policy ?? noProfilesPolicy;

  const find = (profileId: string): StoredProfile | undefined => stores.config.read().profiles.find((p) => p.id === profileId);
  const get = (profileId: string): StoredProfile => {
    const profile = find(profileId);
    if (!profile) throw fail('profile-not-found');
    return profile;
  };

  const summaryWith = (p: StoredProfile, place: AccessKeyPlace | 'unknown' | null): ProfileSummary => {
    const cached = stores.cache.get(p.id);
    const syncedAt = cached?.syncedAt ?? null;
    return {
      id: p.id,
      name: p.name,
      endpoint: p.endpoint,
      identity: p.identity,
      accessKey: place ?? 'missing',
      lastSyncedAt: syncedAt,
      syncState: sync.stateOf(p.id, syncedAt !== null),
      hasCustomCa: p.caPem !== undefined,
      accessKeyId: p.accessKeyId ?? null,
      managed: p.managed ?? null,
      endpointAllowed: policy.isEndpointAllowed(p.endpoint),
      keyCount: cached ? cached.keys.length : null,
    };
  };
  const shortcuts = (): ProfileShortcuts => shortcutsOf(stores.uiState.read(), new Set(stores.config.read().profiles.map((p) => p.id)));
  const summary = async (p: StoredProfile): Promise<ProfileSummary> => summaryWith(p, (await vault.placesOf([p.id])).get(p.id) ?? null);

  /** Checks a connection; also finds which key it is, best effort and briefly (a failure there does not block saving). */
  const verify = async (conn: CloudmcConnection, signal: AbortSignal): Promise<{ identity: ProfileIdentity; accessKeyId: string | undefined }> => {
    const client = makeClient(conn);
    const identity = await client.currentUser(signal);
    const accessKeyId = (await identifyOwnKey(client, signal).catch(() => null)) ?? undefined;
    if (signal.aborted) throw fail('cancelled'); // the user cancelled the save, not only the search for the profile's own key
    return { identity, accessKeyId };
  };
  const withKeyId = (p: StoredProfile, accessKeyId: string | undefined): StoredProfile => {
    const { accessKeyId: _old, ...rest } = p;
    return accessKeyId ? { ...rest, accessKeyId } : rest;
  };
  const withoutCa = ({ caPem: _ca, ...rest }: StoredProfile): StoredProfile => rest;

  /** Writes an existing profile back; one removed meanwhile is profile-not-found, never brought back. */
  const replace = (profile: StoredProfile): void => {
    writable(stores.config).update((doc) => {
      if (!doc.profiles.some((p) => p.id === profile.id)) throw fail('profile-not-found');
      return { ...doc, profiles: doc.profiles.map((p) => (p.id === profile.id ? profile : p)) };
    });
    remember(profile.id);
  };
  const append = (profile: StoredProfile): void => {
    writable(stores.config).update((doc) => ({ ...doc, profiles: [...doc.profiles, profile] }));
    remember(profile.id);
  };
  /** Remembers the last profile in the small ui-state file, never in the config (a switch must not rewrite every profile). */
  const remember = (profileId: string | null): void => {
    if (!stores.uiState.readOnly) stores.uiState.update((doc) => (profileId === null ? { ...doc, lastProfileId: null } : withOpened(doc, profileId)));
  };

  /** Runs a profile change in the profile's queue with a cancellable signal registered before anything waits. */
  const ordered = <T>(profileId: string, requestId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const { signal, done } = requests.start(requestId);
    return queue.run(profileId, () => work(signal)).finally(done);
  };

  /** Makes the profile's keychain entry hold the key its config names, when a switch was left under way; then forgets the switch. */
  const settleSwitch = (profileId: string): Promise<void> => vault.settleSwitch(profileId, find(profileId)?.accessKeyId);

  /** Saves a new access key where it can live; if the profile was removed meanwhile, nothing is left behind. */
  const putKey = async (profileId: string, apiKey: string): Promise<AccessKeyPlace> => {
    get(profileId);
    return vault.put(profileId, apiKey);
  };

  return {
    get,
    summary: (profileId) => summary(get(profileId)),
    async list() {
      const profiles = stores.config.read().profiles;
      const places = await vault.placesOf(profiles.map((p) => p.id));
      return profiles.map((p) => summaryWith(p, places.get(p.id) ?? null));
    },
    async add(input, requestId) {
      policy.checkUserProfiles();
      const name = checkProfileName(input.name);
      const endpoint = normalizeEndpoint(input.endpoint);
      // Refused before anything is sent: an endpoint outside the policy's list never receives a key.
      policy.checkEndpoint(endpoint);
      const apiKey = checkAccessKey(input.apiKey);
      const caPem = input.caPem?.trim() ? checkCaBundle(input.caPem) : undefined;
      writable(stores.config);
      const id = randomUUID();
      return ordered(id, requestId, async (signal) => {
        const { identity, accessKeyId } = await verify({ endpoint, apiKey, ...(caPem ? { ca: caPem } : {}) }, signal);
        const accessKeyStorage = await vault.put(id, apiKey);
        const profile: StoredProfile = withKeyId(
          { id, name, endpoint, createdAt: deps.now().toISOString(), identity, accessKeyStorage, ...(caPem ? { caPem } : {}) },
          accessKeyId,
        );
        try {
          append(profile);
        } catch (e) {
          await vault.remove(id).catch(() => undefined); // the profile was not saved: its key must not stay behind in the keychain
          throw e;
        }
        return summary(profile);
      });
    },
    async update(profileId, change, requestId) {
      get(profileId);
      writable(stores.config);
      const name = change.name !== undefined ? checkProfileName(change.name) : undefined;
      const endpoint = change.endpoint !== undefined ? normalizeEndpoint(change.endpoint) : undefined;
      const newKey = change.apiKey !== undefined && change.apiKey.trim() !== '' ? checkAccessKey(change.apiKey) : undefined;
      const newCa = change.caPem === null ? null : change.caPem !== undefined && change.caPem.trim() ? checkCaBundle(change.caPem) : undefined;
      checkManagedChange(get(profileId), { name, endpoint, caPem: newCa });
      if (endpoint !== undefined && endpoint !== get(profileId).endpoint) policy.checkEndpoint(endpoint);
      return ordered(profileId, requestId, async (signal) => {
        const current = get(profileId); // the state after every change queued before this one
        checkManagedChange(current, { name, endpoint, caPem: newCa }); // the policy may have made it managed meanwhile
        const nextEndpoint = endpoint ?? current.endpoint;
        const nextCa = newCa === null ? undefined : (newCa ?? current.caPem);
        const connectionChanged = nextEndpoint !== current.endpoint || nextCa !== current.caPem || newKey !== undefined;
        let identity = current.identity;
        let accessKeyId = current.accessKeyId;
        if (connectionChanged) {
          const apiKey = newKey ?? (await vault.get(profileId));
          if (apiKey !== null)
            ({ identity, accessKeyId } = await verify({ endpoint: nextEndpoint, apiKey, ...(nextCa ? { ca: nextCa } : {}) }, signal));
          else if (nextEndpoint !== current.endpoint || nextCa !== current.caPem) accessKeyId = undefined;
        }
        const latest = get(profileId); // removed while CloudMC was being asked: stop here, write nothing
        const accessKeyStorage = newKey !== undefined ? await putKey(profileId, newKey) : latest.accessKeyStorage;
        // A managed profile keeps what the policy says now (its name, endpoint and CA may have changed while CloudMC was asked).
        if (latest.managed) {
          const checked = latest.endpoint === nextEndpoint && latest.caPem === nextCa;
          const updated = checked ? withKeyId({ ...latest, identity, accessKeyStorage }, accessKeyId) : { ...latest, accessKeyStorage };
          replace(updated);
          if (connectionChanged) sync.forget(profileId);
          return summary(updated);
        }
        const updated: StoredProfile = withKeyId(
          {
            ...withoutCa(latest),
            name: name ?? latest.name,
            endpoint: nextEndpoint,
            identity,
            accessKeyStorage,
            ...(nextCa ? { caPem: nextCa } : {}),
          },
          accessKeyId,
        );
        replace(updated);
        if (connectionChanged) sync.forget(profileId);
        return summary(updated);
      });
    },
    async duplicate(profileId) {
      return ordered(profileId, undefined, async () => {
        const source = get(profileId);
        policy.checkUserProfiles();
        policy.checkEndpoint(source.endpoint);
        writable(stores.config);
        const names = new Set(stores.config.read().profiles.map((p) => p.name));
        let n = 2;
        while (names.has(`${source.name} (${n})`)) n += 1;
        const id = randomUUID();
        const apiKey = await vault.get(profileId).catch(() => null);
        const copy: StoredProfile = {
          ...unmanaged(source),
          id,
          name: `${source.name} (${n})`,
          createdAt: deps.now().toISOString(),
          accessKeyStorage: apiKey !== null ? await vault.put(id, apiKey) : source.accessKeyStorage,
        };
        try {
          append(copy);
        } catch (e) {
          await vault.remove(id).catch(() => undefined);
          throw e;
        }
        return summary(copy);
      });
    },
    async provideAccessKey(profileId, input, requestId) {
      const apiKey = checkAccessKey(input);
      get(profileId);
      return ordered(profileId, requestId, async (signal) => {
        const profile = get(profileId);
        const { identity, accessKeyId } = await verify(
          { endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) },
          signal,
        );
        const accessKeyStorage = await putKey(profileId, apiKey);
        const updated: StoredProfile = withKeyId({ ...get(profileId), identity, accessKeyStorage }, accessKeyId);
        replace(updated);
        sync.forget(profileId);
        return summary(updated);
      });
    },
    select(profileId) {
      get(profileId);
      writable(stores.config);
      const left = stores.uiState.read().lastProfileId;
      writable(stores.uiState).update((doc) => withOpened(doc, profileId));
      if (left !== null && left !== profileId) deps.onLeft?.(left);
    },
    pin(profileId, pinned) {
      get(profileId);
      writable(stores.config);
      writable(stores.uiState).update((doc) => withPinned(doc, profileId, pinned));
      return shortcuts();
    },
    shortcuts: () => shortcuts(),
    async remove(profileId) {
      checkRemovable(get(profileId));
      writable(stores.config);
      return ordered(profileId, undefined, async () => {
        checkRemovable(get(profileId));
        // Keychain entries first: if they cannot be removed, the profile stays, so nothing is left behind unseen.
        await deps.copies.removeAllOf(profileId);
        await vault.remove(profileId);
        const after = writable(stores.config).update((doc) => ({ ...doc, profiles: doc.profiles.filter((p) => p.id !== profileId) }));
        if (stores.uiState.read().lastProfileId === profileId) remember(after.profiles[0]?.id ?? null);
        if (!stores.uiState.readOnly) stores.uiState.update((doc) => withoutProfile(doc, profileId));
        try {
          stores.cache.remove(profileId);
        } catch {
          /* the profile is gone; a cache file that could not be deleted holds no secret and is never read without its profile */
        }
        sync.forget(profileId);
        deps.onRemoved?.(profileId);
      });
    },
    async client(profileId) {
      const profile = get(profileId);
      policy.checkEndpoint(profile.endpoint); // the policy's reason first (not "enter the key" for a profile it disables)
      const apiKey = await vault.get(profileId);
      if (apiKey === null) throw fail('access-key-missing');
      return makeClient({ endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) });
    },
    async importCa(profileId, expected, caPem) {
      return ordered(profileId, undefined, async () => {
        const current = find(profileId);
        if (!current || current.name !== expected.name || current.endpoint !== expected.endpoint) return 'gone';
        // The policy's CA is the policy's: an import never replaces it (the entry is reported skipped).
        if (current.managed) return 'gone';
        if (current.caPem === caPem) return 'unchanged';
        writable(stores.config);
        await vault.remove(profileId); // first: a key that cannot be removed leaves the CA as it was
        writable(stores.config).update((doc) => ({
          ...doc,
          profiles: doc.profiles.map((p) => (p.id === profileId ? { ...withKeyId(withoutCa(p), undefined), ...(caPem ? { caPem } : {}) } : p)),
        }));
        sync.forget(profileId);
        return 'key-dropped';
      });
    },
    async switchAccessKey(profileId, input, keyId) {
      const apiKey = checkAccessKey(input);
      return ordered(profileId, undefined, async (signal) => {
        await settleSwitch(profileId); // a switch left half done is settled first, so `from` below is the key the config names
        const profile = get(profileId);
        const identity = await makeClient({ endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) }).currentUser(
          signal,
        );
        if (profile.identity && identity.userName !== profile.identity.userName)
          throw fail('forbidden', { messageKey: 'rotation.errors.other-user', details: { reason: 'other-user' } });
        writable(stores.config);
        const fromValue = await vault.get(profileId);
        const from = { keyId: profile.accessKeyId ?? '', value: fromValue ?? apiKey };
        try {
          await vault.beginSwitch(profileId, { from, to: { keyId, value: apiKey } });
        } catch (e) {
          await settleSwitch(profileId).catch(() => undefined); // whatever was written goes back to the key the config names
          throw keychainRefused(e);
        }
        const updated: StoredProfile = withKeyId({ ...get(profileId), identity, accessKeyStorage: 'keychain' }, keyId);
        try {
          replace(updated);
        } catch (e) {
          // The config still names the old key: the keychain goes back to it (else the switch record stays, settled at the next start).
          await settleSwitch(profileId).catch(() => undefined);
          throw e;
        }
        await vault.endSwitch(profileId).catch(() => undefined); // a record left here is settled at the next start: the config names the new key
        return summary(updated);
      });
    },
    async reconcileKeySwitches() {
      for (const profileId of await vault.switchingProfiles().catch(() => [])) {
        if (!find(profileId)) await vault.endSwitch(profileId).catch(() => undefined);
        else await queue.run(profileId, () => settleSwitch(profileId)).catch(() => undefined); // tried again at the next switch or start
      }
    },
    async signsInWith(profileId, keyId, value) {
      if (get(profileId).accessKeyId === keyId) return true;
      return value !== null && (await vault.get(profileId)) === value;
    },
  };
}
