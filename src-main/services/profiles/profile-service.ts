// Profiles: add and update (checked against CloudMC first), duplicate, select, remove; never stores a secret in a file.
import { randomUUID } from 'node:crypto';
import type { ProfileIdentity, ProfileSummary } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import type { CloudmcClient, CloudmcConnection } from '../cloudmc/cloudmc-client';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { AppStores, StoredProfile } from '../store/app-stores';
import { writable } from '../store/writable';
import type { AccessKeyVault } from './access-key-vault';
import { checkCaBundle } from './ca-certificate';
import { identifyOwnKey } from './own-key';
import type { SyncStatus } from './sync-status';

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
  add(input: { name: string; endpoint: string; apiKey: string; caPem?: string }): Promise<ProfileSummary>;
  update(profileId: string, change: ProfileChange): Promise<ProfileSummary>;
  duplicate(profileId: string): Promise<ProfileSummary>;
  provideAccessKey(profileId: string, apiKey: string): Promise<ProfileSummary>;
  select(profileId: string): void;
  remove(profileId: string): Promise<void>;
  /** The stored profile, or profile-not-found. */
  get(profileId: string): StoredProfile;
  /** A client for the profile, or access-key-missing. */
  client(profileId: string): Promise<CloudmcClient>;
}

/** Checks a profile name: trimmed, 1 to 200 characters. */
export function checkProfileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw fail('invalid-input', { details: { field: 'name' } });
  return trimmed;
}

/** Creates the profile service. */
export function createProfileService(deps: {
  stores: AppStores;
  vault: AccessKeyVault;
  copies: KeychainCopies;
  sync: SyncStatus;
  makeClient: ClientFactory;
  now: () => Date;
}): ProfileService {
  const { stores, vault, makeClient, sync } = deps;

  const get = (profileId: string): StoredProfile => {
    const profile = stores.config.read().profiles.find((p) => p.id === profileId);
    if (!profile) throw fail('profile-not-found');
    return profile;
  };

  const summaryWith = (p: StoredProfile, place: 'keychain' | 'session' | null): ProfileSummary => {
    const syncedAt = stores.cache.get(p.id)?.syncedAt ?? null;
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
    };
  };
  const summary = async (p: StoredProfile): Promise<ProfileSummary> => summaryWith(p, await vault.has(p.id));

  /** Checks a connection; also finds which key it is, best effort (a failure there does not block saving). */
  const verify = async (endpoint: string, apiKey: string, ca: string | undefined): Promise<{ identity: ProfileIdentity; accessKeyId: string | undefined }> => {
    const client = makeClient({ endpoint, apiKey, ...(ca ? { ca } : {}) });
    const identity = await client.currentUser();
    const accessKeyId = (await identifyOwnKey(client).catch(() => null)) ?? undefined;
    return { identity, accessKeyId };
  };
  const withKeyId = (p: StoredProfile, accessKeyId: string | undefined): StoredProfile => {
    const { accessKeyId: _old, ...rest } = p;
    return accessKeyId ? { ...rest, accessKeyId } : rest;
  };

  const save = (profile: StoredProfile): void => {
    writable(stores.config).update((doc) => ({
      ...doc,
      profiles: doc.profiles.some((p) => p.id === profile.id) ? doc.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...doc.profiles, profile],
      lastProfileId: profile.id,
    }));
  };

  const withoutCa = ({ caPem: _ca, ...rest }: StoredProfile): StoredProfile => rest;

  return {
    get,
    async list() {
      const profiles = stores.config.read().profiles;
      const places = await vault.placesOf(profiles.map((p) => p.id));
      return profiles.map((p) => summaryWith(p, places.get(p.id) ?? null));
    },
    async add(input) {
      const name = checkProfileName(input.name);
      const endpoint = normalizeEndpoint(input.endpoint);
      const caPem = input.caPem?.trim() ? checkCaBundle(input.caPem) : undefined;
      writable(stores.config);
      const apiKey = input.apiKey.trim();
      const { identity, accessKeyId } = await verify(endpoint, apiKey, caPem);
      const id = randomUUID();
      const profile: StoredProfile = withKeyId({ id, name, endpoint, createdAt: deps.now().toISOString(), identity, accessKeyStorage: await vault.put(id, apiKey), ...(caPem ? { caPem } : {}) }, accessKeyId);
      save(profile);
      return summary(profile);
    },
    async update(profileId, change) {
      const current = get(profileId);
      writable(stores.config);
      const name = change.name !== undefined ? checkProfileName(change.name) : current.name;
      const endpoint = change.endpoint !== undefined ? normalizeEndpoint(change.endpoint) : current.endpoint;
      const caPem = change.caPem === null ? undefined : change.caPem !== undefined && change.caPem.trim() ? checkCaBundle(change.caPem) : current.caPem;
      const newKey = change.apiKey?.trim() || undefined;
      const connectionChanged = endpoint !== current.endpoint || caPem !== current.caPem || newKey !== undefined;
      let identity = current.identity;
      let accessKeyId = current.accessKeyId;
      if (connectionChanged) {
        const apiKey = newKey ?? (await vault.get(profileId));
        if (apiKey !== null) ({ identity, accessKeyId } = await verify(endpoint, apiKey, caPem));
        sync.forget(profileId);
      }
      const accessKeyStorage = newKey !== undefined ? await vault.put(profileId, newKey) : current.accessKeyStorage;
      const updated: StoredProfile = withKeyId({ ...withoutCa(current), name, endpoint, identity, accessKeyStorage, ...(caPem ? { caPem } : {}) }, accessKeyId);
      save(updated);
      return summary(updated);
    },
    async duplicate(profileId) {
      const source = get(profileId);
      writable(stores.config);
      const names = new Set(stores.config.read().profiles.map((p) => p.name));
      let n = 2;
      while (names.has(`${source.name} (${n})`)) n += 1;
      const id = randomUUID();
      const apiKey = await vault.get(profileId);
      const copy: StoredProfile = {
        ...source,
        id,
        name: `${source.name} (${n})`,
        createdAt: deps.now().toISOString(),
        accessKeyStorage: apiKey !== null ? await vault.put(id, apiKey) : source.accessKeyStorage,
      };
      save(copy);
      return summary(copy);
    },
    async provideAccessKey(profileId, apiKey) {
      const profile = get(profileId);
      const { identity, accessKeyId } = await verify(profile.endpoint, apiKey.trim(), profile.caPem);
      sync.forget(profileId);
      const updated: StoredProfile = withKeyId({ ...profile, identity, accessKeyStorage: await vault.put(profileId, apiKey.trim()) }, accessKeyId);
      save(updated);
      return summary(updated);
    },
    select(profileId) {
      get(profileId);
      writable(stores.config).update((doc) => ({ ...doc, lastProfileId: profileId }));
    },
    async remove(profileId) {
      get(profileId);
      writable(stores.config);
      // Keychain entries first: if they cannot be removed, the profile stays, so nothing is left behind unseen.
      await deps.copies.removeAllOf(profileId);
      await vault.remove(profileId);
      stores.config.update((doc) => ({
        ...doc,
        profiles: doc.profiles.filter((p) => p.id !== profileId),
        lastProfileId: doc.lastProfileId === profileId ? (doc.profiles.find((p) => p.id !== profileId)?.id ?? null) : doc.lastProfileId,
      }));
      stores.cache.remove(profileId);
      sync.forget(profileId);
    },
    async client(profileId) {
      const profile = get(profileId);
      const apiKey = await vault.get(profileId);
      if (apiKey === null) throw fail('access-key-missing');
      return makeClient({ endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) });
    },
  };
}
