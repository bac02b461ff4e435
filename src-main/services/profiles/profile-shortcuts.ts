// The sidebar's shortcuts kept in the ui-state file: pinned profiles (in pinning order) and the last profiles opened (newest first).
import { recentProfilesMax } from '../../../src-preload/contract/rules';
import type { ProfileShortcuts } from '../../../src-preload/contract/models';
import type { UiStateDoc } from '../store/app-stores';

/** The document after a profile was opened: it becomes the last profile and heads the recent ones (at most recentProfilesMax). */
export function withOpened(doc: UiStateDoc, profileId: string): UiStateDoc {
  const recent = [profileId, ...(doc.recentProfileIds ?? []).filter((id) => id !== profileId)].slice(0, recentProfilesMax);
  return { ...doc, lastProfileId: profileId, recentProfileIds: recent };
}

/** The document after a profile was pinned (added last) or unpinned. */
export function withPinned(doc: UiStateDoc, profileId: string, pinned: boolean): UiStateDoc {
  const others = (doc.pinnedProfileIds ?? []).filter((id) => id !== profileId);
  return { ...doc, pinnedProfileIds: pinned ? [...others, profileId] : others };
}

/** The document once a profile is removed: it is neither pinned nor recent any more. */
export function withoutProfile(doc: UiStateDoc, profileId: string): UiStateDoc {
  return {
    ...doc,
    pinnedProfileIds: (doc.pinnedProfileIds ?? []).filter((id) => id !== profileId),
    recentProfileIds: (doc.recentProfileIds ?? []).filter((id) => id !== profileId),
  };
}

/** The shortcuts as the renderer gets them: only profiles that exist (a profile removed by another version or by hand drops out). */
export function shortcutsOf(doc: UiStateDoc, existing: ReadonlySet<string>): ProfileShortcuts {
  return {
    pinned: (doc.pinnedProfileIds ?? []).filter((id) => existing.has(id)),
    recent: (doc.recentProfileIds ?? []).filter((id) => existing.has(id)),
  };
}
