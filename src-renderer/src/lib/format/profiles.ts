// Profile helpers for lists: matching a search, and the i18n key of a profile's state.
import type { ProfileSummary } from '../state/contract-types';
import { endpointHost } from './key-fields';

/** True when the profile's name, endpoint host, user or organization contains the query (case- and accent-insensitive). */
export function profileMatches(profile: ProfileSummary, query: string): boolean {
  const q = fold(query.trim());
  if (q === '') return true;
  const fields = [
    profile.name,
    endpointHost(profile.endpoint),
    profile.identity?.userName,
    profile.identity?.displayName,
    profile.identity?.organizationName,
  ];
  return fields.some((field) => field !== undefined && fold(field).includes(q));
}

/** The profiles matching a query, in their original order. */
export function filterProfiles(list: readonly ProfileSummary[], query: string): ProfileSummary[] {
  return list.filter((p) => profileMatches(p, query));
}

/** The i18n key of what a profile's state dot means ("API key needed", or a keychain not answering, wins over the sync state). */
export function profileStateKey(profile: ProfileSummary): string {
  if (profile.accessKey === 'missing') return 'profileState.missing';
  if (profile.accessKey === 'unknown') return 'profileState.unknown';
  return `profileState.${profile.syncState}`;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
