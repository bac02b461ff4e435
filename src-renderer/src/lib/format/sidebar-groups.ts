// The sidebar's groups: Pinned, Recent (not repeating pinned ones), then the rest by organization (sorted by name, "Other" last),
// flattened into rows (a heading, then its profiles) so a windowed list can place every row at a fixed height.
import type { ProfileShortcuts, ProfileSummary } from '../state/contract-types';

/** What a group is: its heading says it (an organization's name is shown as it is). */
export type SidebarGroupKind = 'pinned' | 'recent' | 'organization' | 'other' | 'all';

/** One group of profiles under one heading; `all` without shortcuts has no heading (the sidebar as it always was). */
export interface SidebarGroup {
  kind: SidebarGroupKind;
  /** The organization's name for `organization`, else null. */
  name: string | null;
  profiles: ProfileSummary[];
}

/** One row of the flattened list: a group's heading, or a profile (with its place among the profiles only). */
export type SidebarRow =
  { kind: 'heading'; group: SidebarGroup; key: string } | { kind: 'profile'; profile: ProfileSummary; index: number; key: string };

/**
 * Groups the (already filtered) profiles. `byOrganization` (compact mode): Pinned, Recent, then one group per organization.
 * Otherwise: Pinned, then every other profile in its order under "All profiles" (no heading at all when nothing is pinned).
 */
export function sidebarGroups(profiles: readonly ProfileSummary[], shortcuts: ProfileShortcuts, byOrganization: boolean): SidebarGroup[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const pick = (ids: readonly string[]): ProfileSummary[] => ids.flatMap((id) => byId.get(id) ?? []);
  const pinned = pick(shortcuts.pinned);
  const taken = new Set(pinned.map((p) => p.id));
  const recent = byOrganization ? pick(shortcuts.recent.filter((id) => !taken.has(id))) : [];
  for (const p of recent) taken.add(p.id);
  const rest = profiles.filter((p) => !taken.has(p.id));
  const groups: SidebarGroup[] = [];
  if (pinned.length > 0) groups.push({ kind: 'pinned', name: null, profiles: pinned });
  if (recent.length > 0) groups.push({ kind: 'recent', name: null, profiles: recent });
  if (!byOrganization) {
    if (rest.length > 0) groups.push({ kind: 'all', name: null, profiles: rest });
    return groups;
  }
  return [...groups, ...organizationGroups(rest)];
}

/** One group per organization, sorted by name (as the user's language sorts); profiles without an identity under "Other", last. */
function organizationGroups(profiles: readonly ProfileSummary[]): SidebarGroup[] {
  const byOrg = new Map<string, ProfileSummary[]>();
  const other: ProfileSummary[] = [];
  for (const p of profiles) {
    const org = p.identity?.organizationName.trim();
    if (!org) other.push(p);
    else byOrg.set(org, [...(byOrg.get(org) ?? []), p]);
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const named = [...byOrg.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([name, list]): SidebarGroup => ({ kind: 'organization', name, profiles: list }));
  return other.length > 0 ? [...named, { kind: 'other', name: null, profiles: other }] : named;
}

/** The rows of the groups in order; a lone `all` group (nothing pinned, not grouped) gets no heading row. */
export function sidebarRows(groups: readonly SidebarGroup[]): SidebarRow[] {
  const rows: SidebarRow[] = [];
  const headed = !(groups.length === 1 && groups[0]?.kind === 'all');
  let index = 0;
  groups.forEach((group, g) => {
    if (headed) rows.push({ kind: 'heading', group, key: `h${g}:${group.kind}:${group.name ?? ''}` });
    for (const profile of group.profiles) rows.push({ kind: 'profile', profile, index: index++, key: `p:${profile.id}` });
  });
  return rows;
}
