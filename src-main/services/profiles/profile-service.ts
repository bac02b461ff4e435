// Profiles: add (checked against CloudMC first), select, remove, provide a missing access key; never stores a secret in a file.
import { randomUUID } from 'node:crypto';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import type { CloudmcClient, CloudmcConnection } from '../cloudmc/cloudmc-client';
import type { AppStores, StoredProfile } from '../store/app-stores';
import type { AccessKeyVault } from './access-key-vault';
import { writable } from '../store/writable';

/** Makes a CloudMC client for a connection (injected so tests and the app share one construction). */
export type ClientFactory = (conn: CloudmcConnection) => CloudmcClient;

/** The profile use-cases. */
export interface ProfileService {
  list(): Promise<ProfileSummary[]>;
  add(input: { name: string; endpoint: string; apiKey: string }): Promise<ProfileSummary>;
  provideAccessKey(profileId: string, apiKey: string): Promise<ProfileSummary>;
  select(profileId: string): void;
  remove(profileId: string): Promise<void>;
  /** The stored profile, or profile-not-found. */
  get(profileId: string): StoredProfile;
  /** A client for the profile, or access-key-missing. */
  client(profileId: string): Promise<CloudmcClient>;
}

/** Creates the profile service. */
export function createProfileService(deps: { stores: AppStores; vault: AccessKeyVault; makeClient: ClientFactory; now: () => Date }): ProfileService {
  const { stores, vault, makeClient } = deps;

  const get = (profileId: string): StoredProfile => {
    const profile = stores.config.read().profiles.find((p) => p.id === profileId);
    if (!profile) throw fail('profile-not-found');
    return profile;
  };

  const summary = async (p: StoredProfile): Promise<ProfileSummary> => ({
    id: p.id,
    name: p.name,
    endpoint: p.endpoint,
    identity: p.identity,
    accessKey: (await vault.has(p.id)) ?? 'missing',
    lastSyncedAt: stores.cache.read().lists[p.id]?.syncedAt ?? null,
  });

  const verify = async (endpoint: string, apiKey: string, ca?: string) => makeClient({ endpoint, apiKey, ...(ca ? { ca } : {}) }).currentUser();

  const save = (profile: StoredProfile): void => {
    writable(stores.config).update((doc) => ({
      ...doc,
      profiles: doc.profiles.some((p) => p.id === profile.id) ? doc.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...doc.profiles, profile],
      lastProfileId: profile.id,
    }));
  };

  return {
    get,
    async list() {
      return Promise.all(stores.config.read().profiles.map(summary));
    },
    async add(input) {
      const name = input.name.trim();
      if (name.length === 0) throw fail('invalid-input', { details: { field: 'name' } });
      const endpoint = normalizeEndpoint(input.endpoint);
      writable(stores.config);
      const identity = await verify(endpoint, input.apiKey.trim());
      const profile: StoredProfile = { id: randomUUID(), name, endpoint, createdAt: deps.now().toISOString(), identity, accessKeyStorage: 'session' };
      profile.accessKeyStorage = await vault.put(profile.id, input.apiKey.trim());
      save(profile);
      return summary(profile);
    },
    async provideAccessKey(profileId, apiKey) {
      const profile = get(profileId);
      const identity = await verify(profile.endpoint, apiKey.trim(), profile.caPem);
      const updated: StoredProfile = { ...profile, identity, accessKeyStorage: await vault.put(profileId, apiKey.trim()) };
      save(updated);
      return summary(updated);
    },
    select(profileId) {
      get(profileId);
      writable(stores.config).update((doc) => ({ ...doc, lastProfileId: profileId }));
    },
    async remove(profileId) {
      get(profileId);
      writable(stores.config).update((doc) => ({
        ...doc,
        profiles: doc.profiles.filter((p) => p.id !== profileId),
        lastProfileId: doc.lastProfileId === profileId ? (doc.profiles.find((p) => p.id !== profileId)?.id ?? null) : doc.lastProfileId,
      }));
      writable(stores.cache).update((doc) => {
        const { [profileId]: _removed, ...lists } = doc.lists;
        return { ...doc, lists };
      });
      await vault.remove(profileId);
    },
    async client(profileId) {
      const profile = get(profileId);
      const apiKey = await vault.get(profileId);
      if (apiKey === null) throw fail('access-key-missing');
      return makeClient({ endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) });
    },
  };
}
