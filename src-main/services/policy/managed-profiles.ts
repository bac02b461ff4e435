// Puts the policy's profiles into the config document: each by its stable id (so its keychain entry and caches stay its own),
// name, endpoint and CA from the policy; one the policy no longer lists is kept, marked withdrawn, until the user removes it.
import type { ConfigDoc, StoredProfile } from '../store/app-stores';
import type { ManagedProfileSpec } from './policy-document';

/** The document with the policy's profiles applied, whether anything changed, and the profiles whose endpoint or CA moved. */
export interface ManagedProfilesChange {
  doc: ConfigDoc;
  changed: boolean;
  /** Profiles whose connection changed: their sync state and own-key id no longer hold. */
  moved: string[];
}

/** Applies the managed profiles (none when no policy is found: every managed profile is then withdrawn). Pure. */
export function applyManagedProfiles(doc: ConfigDoc, specs: readonly ManagedProfileSpec[], now: Date): ManagedProfilesChange {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const moved: string[] = [];
  let changed = false;
  const profiles = doc.profiles.map((p): StoredProfile => {
    const spec = byId.get(p.id);
    byId.delete(p.id);
    if (!spec) {
      if (p.managed !== 'managed') return p;
      changed = true;
      return { ...p, managed: 'withdrawn' };
    }
    const connectionMoved = p.endpoint !== spec.endpoint || p.caPem !== spec.caPem;
    if (!connectionMoved && p.name === spec.name && p.managed === 'managed') return p;
    changed = true;
    const { caPem: _ca, accessKeyId, ...rest } = p;
    if (connectionMoved) moved.push(p.id);
    return {
      ...rest,
      name: spec.name,
      endpoint: spec.endpoint,
      ...(spec.caPem ? { caPem: spec.caPem } : {}),
      // The key this profile used was found at the old endpoint: it is found again at the next save of the access key.
      ...(accessKeyId && !connectionMoved ? { accessKeyId } : {}),
      managed: 'managed',
    };
  });
  const added: StoredProfile[] = [...byId.values()].map((spec) => ({
    id: spec.id,
    name: spec.name,
    endpoint: spec.endpoint,
    createdAt: now.toISOString(),
    identity: null,
    // No key yet: the user gives it the first time the profile is opened.
    accessKeyStorage: 'session',
    ...(spec.caPem ? { caPem: spec.caPem } : {}),
    managed: 'managed',
  }));
  if (!changed && added.length === 0) return { doc, changed: false, moved };
  const all = [...profiles, ...added];
  return { doc: { ...doc, profiles: all, lastProfileId: doc.lastProfileId ?? all[0]?.id ?? null }, changed: true, moved };
}
