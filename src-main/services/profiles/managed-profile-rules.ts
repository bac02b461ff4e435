// What the organization's policy fixes on profiles: the questions the profile services ask of it, and the refusals of changes to a
// managed profile (its name, endpoint and CA are the policy's; while managed it cannot be removed).
import { fail } from '../../errors';
import type { PolicyService } from '../policy/policy-service';
import type { StoredProfile } from '../store/app-stores';

/** What the profiles ask of the organization's policy. */
export type ProfilesPolicy = Pick<PolicyService, 'isEndpointAllowed' | 'checkEndpoint' | 'checkUserProfiles'>;

/** No policy: every endpoint allowed, profiles may be added. */
export const noProfilesPolicy: ProfilesPolicy = { isEndpointAllowed: () => true, checkEndpoint: () => undefined, checkUserProfiles: () => undefined };

/** Refuses a change the policy does not let the user make on a managed profile; `field` names what (`profile` for removing it). */
export function refuseManaged(field: string): never {
  throw fail('policy-refused', { messageKey: 'policy.refused.managed', details: { field, reason: 'managed' } });
}

/** Refuses changing what the policy fixes on a managed (or withdrawn) profile; the same value again is no change. */
export function checkManagedChange(
  profile: StoredProfile,
  change: { name?: string | undefined; endpoint?: string | undefined; caPem?: string | null | undefined },
): void {
  if (!profile.managed) return;
  if (change.name !== undefined && change.name !== profile.name) refuseManaged('name');
  if (change.endpoint !== undefined && change.endpoint !== profile.endpoint) refuseManaged('endpoint');
  if (change.caPem !== undefined && (change.caPem ?? undefined) !== profile.caPem) refuseManaged('caPem');
}

/** Refuses removing a profile the policy still gives (one it left may be removed). */
export function checkRemovable(profile: StoredProfile): void {
  if (profile.managed === 'managed') refuseManaged('profile');
}

/** A copy of a profile is the user's own, whatever the original was. */
export function unmanaged({ managed: _managed, ...rest }: StoredProfile): StoredProfile {
  return rest;
}
