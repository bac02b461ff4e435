// Main's lists and small rules the screens need too, stated once with no runtime dependency (no zod): the schemas and the renderer import them.

/** The languages the UI is translated into. */
export const uiLanguages = ['en', 'fr', 'es'] as const;
/** A language the UI is translated into. */
export type UiLanguage = (typeof uiLanguages)[number];

/** UI language choices; `system` follows the operating system. */
export const languageChoices = ['system', ...uiLanguages] as const;

/** Colour themes; `system` follows the operating system (prefers-color-scheme). */
export const themeChoices = ['system', 'light', 'dark'] as const;

/** How the sidebar lists profiles: several lines each, or one line each grouped by pinned, recent and organization (support desks). */
export const sidebarDensities = ['comfortable', 'compact'] as const;
/** How many recently opened profiles main remembers for the sidebar's Recent group. */
export const recentProfilesMax = 5;

/** The kinds of key-health finding, most severe first (main orders the triage queue by it). */
export const healthFindingKinds = ['new-ip', 'orphaned-copy', 'never-used', 'idle', 'default-name'] as const;
/** The kinds of informational fact about a key (shown apart from the findings, never counted as one). */
export const healthFactKinds = ['profile-access-key'] as const;
/** Every kind key health reports: the findings, then the facts. */
export const healthKinds = [...healthFindingKinds, ...healthFactKinds] as const;
/** How long a finding can be snoozed (main turns a period into an expiry). */
export const snoozePeriods = ['1d', '7d', '30d', '90d'] as const;

/** The grace periods offered in the Rotate form, besides a date. */
export const gracePresets = ['now', '1h', '24h', '7d'] as const;

/** How many profiles Refresh all asks CloudMC about at once. */
export const refreshAllConcurrency = 4;

/** Where one profile of a Refresh all run stands. */
export const refreshItemStatuses = ['waiting', 'running', 'ok', 'failed', 'cancelled'] as const;

/** Where a profile's access key lives, as its summary says (see models.ts). */
type AccessKeyPlace = 'keychain' | 'session' | 'missing' | 'unknown';

/** Whether a profile's access key can be used now (not missing, not behind a keychain that is not answering): Refresh all takes these. */
export function canRefresh(profile: { accessKey: AccessKeyPlace }): boolean {
  return profile.accessKey === 'keychain' || profile.accessKey === 'session';
}
