// "Changes since your last visit" use-cases: one profile's or every profile's changes (cached lists and history, no CloudMC call), and marking a profile seen.
import { changeKinds, type AllChangesView, type KeyChangeView, type ProfileChangesView } from '../../../src-preload/contract/health';
import { bestEffort } from '../local-writes';
import type { ProfileService } from '../profiles/profile-service';
import type { AppStores } from '../store/app-stores';
import type { KeyHistoryStore } from './key-history';
import { changesSince, snapshotOf } from './key-changes';
import type { VisitStore } from './visits';

/** The changes use-cases for the IPC layer. */
export interface ChangesService {
  /** A profile's changes since its last visit (none when never visited). */
  forProfile(profileId: string): ProfileChangesView;
  /** Every profile with changes since its last visit, in the profiles' order. */
  all(): AllChangesView;
  /** The profile's cached list becomes its last visit (nothing written while it has no list); throws store-write-failed when it cannot be saved. */
  markSeen(profileId: string): ProfileChangesView;
  /** Hook for the profile service: the user left this profile's key screen (another was opened, or the app quits); best effort. */
  left(profileId: string): void;
  /** Forgets a removed profile's visit (best effort). */
  forget(profileId: string): void;
}

/** Creates the changes service. */
export function createChangesService(deps: {
  stores: AppStores;
  history: KeyHistoryStore;
  visits: VisitStore;
  profiles: Pick<ProfileService, 'get'>;
  now: () => Date;
}): ChangesService {
  const { stores, history, visits } = deps;

  const viewOf = (profileId: string, profileName: string): ProfileChangesView => {
    const visit = visits.get(profileId);
    const list = stores.cache.get(profileId);
    const found = changesSince(visit, list, history.get(profileId));
    const items: KeyChangeView[] = changeKinds.flatMap((kind) => found[kind].map((c) => ({ kind, ...c })));
    const counts = Object.fromEntries(changeKinds.map((k) => [k, found[k].length])) as ProfileChangesView['counts'];
    return { profileId, profileName, visitedAt: visit?.at ?? null, syncedAt: list?.syncedAt ?? null, counts, items };
  };

  const markSeen = (profileId: string): ProfileChangesView => {
    const profile = deps.profiles.get(profileId);
    const list = stores.cache.get(profileId);
    if (list) visits.put(profileId, snapshotOf(list.keys, deps.now().toISOString()));
    return viewOf(profileId, profile.name);
  };

  return {
    forProfile(profileId) {
      return viewOf(profileId, deps.profiles.get(profileId).name);
    },
    all() {
      const profiles = stores.config
        .read()
        .profiles.map((p) => viewOf(p.id, p.name))
        .filter((v) => v.items.length > 0);
      return { profiles, computedAt: deps.now().toISOString() };
    },
    markSeen,
    left(profileId) {
      bestEffort(() => {
        if (stores.config.read().profiles.some((p) => p.id === profileId)) markSeen(profileId);
      });
    },
    forget(profileId) {
      bestEffort(() => visits.remove(profileId));
    },
  };
}
